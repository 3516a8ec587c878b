"""Against gunicorn with 2 workers: every worker serves the version the last valid edit published.

A sequence of valid, broken, truncated, deleted and restored edits of the events folder; after
each, both workers (told apart by the `worker` pid in /healthz) must report the same version,
problems and changes, and no answer (health or API, whose ETag names the version) may show a
version older than the last valid edit. Also: Cache-Control per route, 304 on If-None-Match, and
an open page that picks up an edit without a reload, keeping its date and country.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from dashboard import figures, theme
from events.crisis import load_crisis
from events.loader import DEFAULT_DATA_DIR

from . import test_production
from .test_browser import load
from .test_production import get, health_from_all_workers  # shared helpers live there

LOOK = theme.for_crisis(load_crisis())  # the shipped crisis's categories, labels and colours

production = test_production.production  # the same module-scoped gunicorn fixture, for this module

pytestmark = pytest.mark.slow
HEADER = (
    (DEFAULT_DATA_DIR / "europe.csv").read_text().splitlines()[0].replace(",summary_es,", ",")
)  # optional column left out
ROW = (
    "{id},2019-02-01,day,TUV,guaido,statement,Test actor,A record added by a test.,,Test,https://example.org/t,,own,\n"
)


LIVE = "public, max-age=60, s-maxage=300, stale-while-revalidate=600"


def served_versions(base: str, n: int = 24) -> list[tuple[str, int | None, str]]:
    """(route, worker, version) for n /healthz and n API answers."""
    out = []
    for _ in range(n):
        body = json.loads(get(base + "/healthz")[2])
        out.append(("healthz", body["worker"], body["data_version"]))
        etag = get(base + "/api/events.csv?country=TUV")[1]["ETag"]
        out.append(("api", None, etag.removeprefix('W/"').split(".")[0]))
    return out


def settle(base: str, version: str | None, allowed: set[str], timeout: float = 30.0) -> tuple[dict, float]:
    """Poll until every worker reports `version` (None: one version not in `allowed`).

    Meanwhile only `allowed` and that one version may be served: never an older one.
    """
    start, new = time.monotonic(), {version} if version else set()
    while time.monotonic() - start < timeout:
        seen = health_from_all_workers(base)
        versions = {b["data_version"] for b in seen.values()}
        if version is None:
            new |= versions - allowed
        assert versions <= allowed | new and len(new) <= 1, f"unexpected versions served: {versions}"
        done = versions == new if new else (version is None and False)
        if done and len({json.dumps([b["problems"], b["changed"]], sort_keys=True) for b in seen.values()}) == 1:
            return next(iter(seen.values())), time.monotonic() - start
        time.sleep(0.3)
    raise AssertionError(f"workers did not agree on {version or 'a new version'}: {seen}")


def step(base, record, name, version, allowed, problems=False) -> dict:
    """Wait for agreement, then check every sampled answer; record the figures."""
    body, seconds = settle(base, version, allowed)
    wait = time.monotonic() + 20
    while any(bool(b["problems"]) != problems for b in health_from_all_workers(base).values()):
        assert time.monotonic() < wait, f"problems={problems} not reported by every worker"
        time.sleep(0.3)
    body, _ = settle(base, body["data_version"], set())
    samples = served_versions(base)
    assert {v for _, _, v in samples} == {body["data_version"]}, samples
    workers = {w for r, w, _ in samples if r == "healthz"}
    record.append(
        {
            "step": name,
            "version": body["data_version"],
            "events": body["events"],
            "status": body["status"],
            "problems": body["problems"],
            "added": body["changed"]["added"],
            "removed": len(body["changed"]["removed"]),
            "agreed_after_s": round(seconds, 1),
            "answers": len(samples),
            "workers": len(workers),
        }
    )
    return body


def test_edit_sequence_every_worker_same_version_never_older(production, tmp_path):
    base, events, _ = production
    record: list[dict] = []
    europe = (events / "europe.csv").read_text()
    v0 = health_from_all_workers(base).popitem()[1]["data_version"]
    start = step(base, record, "start", v0, set())
    count = start["events"]

    (events / "zz-seq.csv").write_text(HEADER + "\n" + ROW.format(id="20190201-tuv-test-one"))
    one = step(base, record, "valid: add a file", None, {v0})
    assert one["data_version"] != v0 and one["events"] == count + 1 and one["problems"] == []
    assert one["changed"] == {"from": v0, "added": ["20190201-tuv-test-one"], "removed": []}

    (events / "zz-seq.csv").write_text(HEADER + "\n" + ROW.format(id="20190201-tuv-test-one").replace("02-01", "02-30"))
    broken = step(base, record, "broken: bad date", one["data_version"], set(), problems=True)
    assert broken["status"] == "stale" and broken["events"] == count + 1
    assert broken["problems"] == ["zz-seq.csv:2: date: '2019-02-30' is not a real calendar date"]

    (events / "zz-seq.csv").write_text(
        HEADER + "\n" + ROW.format(id="20190201-tuv-test-one") + ROW.format(id="20190201-tuv-test-two")
    )
    two = step(base, record, "valid right after broken", None, {one["data_version"]})
    assert two["problems"] == [] and two["events"] == count + 2 and two["status"] == "ok"
    assert two["changed"]["added"] == ["20190201-tuv-test-two"]

    lines = europe.splitlines(keepends=True)
    (events / "europe.csv").write_text("".join(lines[:-10]))  # truncated at a row boundary
    cut = step(base, record, "truncated: 10 rows fewer", None, {two["data_version"]})
    assert cut["events"] == count + 2 - 10 and cut["problems"] == []
    assert cut["changed"]["removed"] == sorted(line.split(",")[0] for line in lines[-10:])
    assert cut["removed_events"] == 10

    (events / "zz-seq.csv").unlink()
    gone = step(base, record, "deleted: remove a file", None, {cut["data_version"]})
    assert gone["events"] == count - 10

    (events / "europe.csv").write_text(europe)
    back = step(base, record, "restored: original files", v0, {gone["data_version"]})
    assert back["events"] == count and back["problems"] == []

    (events / "zz-bad.csv").write_text(HEADER + "\nnot,enough,fields\n")
    step(base, record, "broken: short row", v0, set(), problems=True)
    (events / "zz-bad.csv").unlink()
    cleared = step(base, record, "bad file removed", v0, set())
    assert cleared["status"] == "ok" and cleared["problems"] == [] and cleared["errors"] == []
    (tmp_path / "sequence.json").write_text(json.dumps(record, indent=1))
    print("\n" + "\n".join(json.dumps(r) for r in record))


def status_of(url: str, headers: dict) -> int:
    try:
        return get(url, headers)[0]
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.parametrize(
    "route",
    ["/", "/?date=2019-02-05&country=ESP", "/_dash-layout", "/api/stances.csv?date=2019-02-05", "/api/events.csv"],
)
def test_live_routes_cache_and_answer_304(production, route):
    base, _, _ = production
    _, headers, _ = get(base + route, {"Accept-Encoding": "gzip"})
    assert headers["Cache-Control"] == LIVE
    etag = headers["ETag"]
    version = json.loads(get(base + "/healthz")[2])["data_version"]
    assert etag.startswith(f'W/"{version}.')
    for _ in range(8):  # both workers: the same version, the same ETag
        assert status_of(base + route, {"If-None-Match": etag, "Accept-Encoding": "gzip"}) == 304
    assert status_of(base + route, {"If-None-Match": 'W/"0000000000000000.x"'}) == 200


def test_versioned_files_are_immutable_and_version_resource_short(production):
    base, _, _ = production
    _, headers, body = get(base + "/data/version.json")
    assert headers["Cache-Control"].startswith("public, max-age=10,")
    version = json.loads(body)["version"]
    _, headers, body = get(base + f"/data/{version}/countries/ESP.json")
    assert "immutable" in headers["Cache-Control"] and json.loads(body)["name"] == "Spain"
    assert get(base + "/healthz")[1]["Cache-Control"] == "no-store"
    assert status_of(base + "/data/0123456789abcdef/countries/ESP.json", {}) == 404


@pytest.mark.browser
def test_open_page_picks_up_an_edit_in_place(production, watched):
    base, events, _ = production
    page = watched.page
    load(watched, base + "/?date=2019-02-05&country=TUV&region=oceania")
    page.locator("#country-panel h2", has_text="Tuvalu").wait_for(timeout=15000)
    assert page.locator("#country-panel li").count() == 0
    before = int(page.inner_text("#count-guaido"))
    page.evaluate("() => { window.notReloaded = true; }")
    (events / "zz-page.csv").write_text(HEADER + "\n" + ROW.format(id="20190201-tuv-test-page"))
    try:
        page.locator("#country-panel li[data-event-id='20190201-tuv-test-page']").wait_for(timeout=30000)
        page.wait_for_function(f"() => document.querySelector('#count-guaido').textContent === '{before + 1}'")
        assert page.evaluate("() => window.notReloaded") is True
        assert page.inner_text("#date-text") == "5 Feb 2019"
        assert "date=2019-02-05" in page.url and "country=TUV" in page.url and "region=oceania" in page.url
        assert page.inner_text("#live-notice").startswith("Updated ")
        assert "Recognises Guaidó" in page.inner_text("#panel-why")
        page.wait_for_function(
            """([t, code]) => { const gd = document.querySelector('#map .js-plotly-plot');
                const i = gd.data[t].locations.indexOf('TUV'); return i >= 0 && gd.data[t].z[i] === code; }""",
            arg=[figures.STATE_TRACE, LOOK.code["guaido"]],
        )
        assert watched.callback_requests() == [] and watched.errors == []
    finally:
        (events / "zz-page.csv").unlink()
