"""The production server (gunicorn, 2 workers): compression, caching, live data updates."""

import json
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.loader import DEFAULT_DATA_DIR

from ..conftest import start_server, stop_server

pytestmark = pytest.mark.slow

NEW_ROW = (
    "20230120-test-live-update,2023-01-20,day,TUV,neutral,statement,Test actor,"
    "A record added while the server runs.,,Test,https://example.org/live,,own,\n"
)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    events = tmp_path_factory.mktemp("events")
    for file in DEFAULT_DATA_DIR.glob("*.csv"):
        shutil.copy(file, events / file.name)
    # gunicorn with 2 workers, its output in a file (a pipe nobody reads fills up and blocks it)
    proc, base = start_server(
        "--production",
        "--workers",
        "2",
        "--events",
        str(events),
        env={"WBW_RELOAD_SECONDS": "1", "WBW_POLL_SECONDS": "1", "HOME": str(events)},
        timeout=90,
    )
    yield base, events, proc
    stop_server(proc)


def get(url: str, headers: dict | None = None, timeout: float = 30.0):
    """GET with a generous timeout (the test machine may be busy): status, headers, body."""
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status, dict(resp.headers), resp.read()


def health_from_all_workers(base: str, workers: int = 2, timeout: float = 30.0) -> dict[int, dict]:
    """Fresh /healthz answers until every worker has answered at least once."""
    seen: dict[int, dict] = {}
    deadline = time.monotonic() + timeout
    while len(seen) < workers and time.monotonic() < deadline:
        body = json.loads(get(base + "/healthz")[2])
        seen[body["worker"]] = body
    assert len(seen) == workers, f"only workers {sorted(seen)} answered"
    return seen


def wait_until(predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError("condition not met in time")


def test_compressed_and_cacheable(production):
    base, _, _ = production
    status, headers, _ = get(base + "/", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert headers["Server"].startswith("gunicorn")
    page = get(base + "/")[2].decode()
    script = next(s for s in page.split('"') if "dash_renderer.v" in s)
    assert "max-age=31536000" in get(base + script)[1]["Cache-Control"]
    asset = next(s for s in page.split('"') if s.startswith("/assets/wbw-4-callbacks.js?m="))
    assert "immutable" in get(base + asset)[1]["Cache-Control"]


def test_no_debug_tools(production):
    base, _, _ = production
    page = get(base + "/")[2].decode()
    assert '"ui":false' in page and '"hot_reload"' not in page


def test_live_update_reaches_every_worker_and_bad_edit_keeps_last_good_data(production):
    base, events, _ = production
    before = health_from_all_workers(base)
    count = next(iter(before.values()))["events"]

    # 1. add a file with one record: every worker serves it without a restart
    (events / "zz-live.csv").write_text(
        (DEFAULT_DATA_DIR / "europe.csv").read_text().splitlines()[0].replace(",summary_es,", ",") + "\n" + NEW_ROW
    )
    wait_until(lambda: all(b["events"] == count + 1 for b in health_from_all_workers(base).values()))
    assert b"20230120-test-live-update" in get(base + "/api/events.csv?country=TUV")[2]

    # 2. break the file: old data still served, errors reported as file:line: field: reason
    (events / "zz-live.csv").write_text(
        (DEFAULT_DATA_DIR / "europe.csv")
        .read_text()
        .splitlines()[0]
        .replace(",summary_es,", ",")  # optional column left out
        + "\n"
        + NEW_ROW.replace("2023-01-20", "2023-13-45")
    )
    stale = wait_until(
        lambda: (
            all(b["status"] == "stale" for b in health_from_all_workers(base).values())
            and health_from_all_workers(base)
        )
    )
    for body in stale.values():
        assert body["events"] == count + 1
        assert body["errors"] == ["zz-live.csv:2: date: '2023-13-45' is not a real calendar date"]
    assert get(base + "/api/stances.csv")[0] == 200

    # 3. fix it: every worker recovers
    (events / "zz-live.csv").unlink()
    wait_until(
        lambda: all(b["status"] == "ok" and b["events"] == count for b in health_from_all_workers(base).values())
    )


query_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(["/", "/api/stances.csv", "/api/events.csv", "/healthz", "/_dash-layout"]),
    params=st.dictionaries(st.sampled_from(["date", "country", "embed", "x"]), query_text, max_size=3),
)
def test_fuzz_production_server_never_5xx(production, path, params):
    base, _, _ = production
    url = base + path + "?" + urllib.parse.urlencode(params)
    try:
        status = get(url)[0]
    except urllib.error.HTTPError as err:
        status = err.code
    assert status < 500, url
