"""Request guards: 404 for what we do not serve, 413 over the body limit, 400 for bad callbacks."""

import csv
import datetime as dt
import io
import json
import re

import pytest

from dashboard.app import ASSETS_DIR, create_app
from dashboard.guard import MAX_BODY_BYTES

HOSTILE = "tests/dashboard/fixtures/hostile"
PANEL = {
    "output": "country-panel.children",
    "outputs": {"id": "country-panel", "property": "children"},
    "inputs": [{"id": "selected-country", "property": "data", "value": "USA"}],
    "changedPropIds": ["selected-country.data"],
    "state": [],
}


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


@pytest.fixture(scope="module")
def hostile():
    return create_app(HOSTILE).server.test_client()


@pytest.mark.parametrize(
    "path",
    [
        "/geo/nope.json",
        "/favicon.ico",
        "/robots.txt",
        "/api/nope",
        "/index.html",
        "/_reload-hash",
        "/_dash-component-suites/nope/x.js",
        "/_dash-component-suites/dash/nope.js",
        "/_dash-component-suites/dash/../../etc/passwd",
        "/_dash-component-suites/plotly/package_data/plotly.min.js",
        "/_dash-component-suites/plotly/package_data/plotly.v7_1_0m1.min.js",
    ],
)
def test_unknown_paths_and_unused_bundles_are_404(client, path):
    resp = client.get(path)
    assert resp.status_code == 404
    assert b"<!DOCTYPE html>" not in resp.get_data()


def test_page_and_deep_links_still_served(client):
    for path in ("/", "/?date=2019-02-05&country=ESP", "/?embed=1"):
        resp = client.get(path)
        assert resp.status_code == 200 and b"<!DOCTYPE html>" in resp.get_data()
    assert "plotly.min.js" not in client.get("/").get_data(as_text=True)


def test_url_prefix_keeps_working():
    prefixed = create_app(url_prefix="/maps/venezuela/").server.test_client()
    page = prefixed.get("/maps/venezuela/?date=2019-02-05")
    assert page.status_code == 200
    script = re.search(
        r'src="(/maps/venezuela/_dash-component-suites/[^"]+dash_renderer[^"]+)"', page.get_data(as_text=True)
    )
    assert prefixed.get(script.group(1)).status_code == 200
    assert prefixed.get("/maps/venezuela/healthz").status_code == 200
    assert prefixed.get("/maps/venezuela/nope").status_code == 404


def test_static_files_are_precompressed_and_cacheable(client):
    page = client.get("/").get_data(as_text=True)
    for src in re.findall(r'src="([^"]+)"', page):
        resp = client.get(src, headers={"Accept-Encoding": "gzip, br"})
        assert resp.status_code == 200, src
        assert resp.headers["Content-Encoding"] == "br", src
        assert "immutable" in resp.headers["Cache-Control"], src
        again = client.get(src, headers={"Accept-Encoding": "gzip", "If-None-Match": resp.headers["ETag"]})
        assert again.status_code == 304
    plain = client.get(re.findall(r'src="(/assets/[^"]+)"', page)[0])
    assert "Content-Encoding" not in plain.headers and plain.get_data().startswith(b"/*")


def test_body_over_the_limit_is_413(client):
    resp = client.post(
        "/_dash-update-component", data=b"{" + b" " * MAX_BODY_BYTES + b"}", content_type="application/json"
    )
    assert resp.status_code == 413
    assert client.post("/healthz", data=b"x" * (MAX_BODY_BYTES + 1)).status_code == 413
    # the panel is no longer a server callback (GET data/<version>/countries/ISO3.json): a 400
    assert client.post("/_dash-update-component", json=PANEL).status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        "",
        "null",
        "[]",
        '"x"',
        "{",
        json.dumps({**PANEL, "output": "nope.children"}),
        json.dumps({**PANEL, "output": "..panel-why.children...panel-wrap.hidden.."}),  # clientside only
        json.dumps({**PANEL, "inputs": "USA"}),
        json.dumps({**PANEL, "inputs": []}),
        json.dumps({**PANEL, "inputs": [None]}),
        json.dumps({**PANEL, "inputs": [{"id": "map", "property": "data", "value": "USA"}]}),
        json.dumps({**PANEL, "inputs": [{"id": ["x"], "property": "data"}]}),
        json.dumps({**PANEL, "outputs": None}),
        json.dumps({**PANEL, "outputs": {"id": "x", "property": "children"}}),
        json.dumps({**PANEL, "state": {"a": 1}}),
        json.dumps({**PANEL, "changedPropIds": "selected-country.data"}),
        json.dumps({**PANEL, "changedPropIds": [["x"]]}),
        json.dumps({**PANEL, "extra": 1}),
    ],
)
def test_malformed_callback_bodies_are_400(client, body, caplog):
    resp = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert resp.status_code == 400
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


@pytest.mark.parametrize("value", ["usa", "ZZZ", "US", "x" * 5000, "%00", "..%2Fhistory", "USA.json"])
def test_panel_json_answers_any_country_value_with_404(client, value):
    version = client.get("/data/version.json").get_json()["version"]
    assert client.get(f"/data/{version}/countries/{value}.json").status_code == 404
    assert client.get(f"/data/{version}/countries/USA.json").status_code == 200


def data_range(client):
    from dashboard.current import STORE_KEY

    days = client.application.config[STORE_KEY].current().days
    return days.start, days.end


@pytest.mark.parametrize("offset", [-365, -1, 1, 3650])
def test_dates_outside_the_data_range_are_400_naming_the_range(client, offset):
    start, end = data_range(client)
    day = (start if offset < 0 else end) + dt.timedelta(days=offset)
    for date in (day.isoformat(), "0001-01-01", "9999-12-31"):
        resp = client.get(f"/api/stances.csv?date={date}")
        assert resp.status_code == 400
        assert f"{start} to {end}" in resp.get_data(as_text=True)


def test_first_and_last_day_are_served(client):
    for day in data_range(client):
        assert client.get(f"/api/stances.csv?date={day}").status_code == 200


def test_healthz_names_the_version(client):
    from dashboard.version import version

    assert client.get("/healthz").get_json()["version"] == version()
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", version())


def test_csv_answers_neutralise_formula_cells(hostile):
    rows = list(csv.DictReader(io.StringIO(hostile.get("/api/events.csv").get_data(as_text=True))))
    row = next(r for r in rows if r["id"] == "20190125-hostile-formula")
    assert row["actor"] == '\'=HYPERLINK("https://evil.example","click")'
    assert row["summary"] == "'+cmd|' /C calc'!A0 summary"
    assert row["quote"] == "'@SUM(1+1)"
    assert row["source_name"] == "'-2+3 News"
    for r in rows:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in r.values()), r
    # dates keep their form (they start with a digit) and ordinary text is untouched
    assert row["date"] == "2019-01-25"
    assert next(r for r in rows if r["id"] == "20190124-hostile-long")["source_name"] == "Src"


def test_panel_isolates_statement_text(hostile):
    # the data arrives verbatim as JSON; wbw-7-live.js renders it as text with dir="auto" and <bdi>
    version = hostile.get("/data/version.json").get_json()["version"]
    panel = hostile.get(f"/data/{version}/countries/USA.json").get_data(as_text=True)
    assert "RTL text" in panel
    live = (ASSETS_DIR / "wbw-7-live.js").read_text(encoding="utf-8")
    assert 'dir: "auto"' in live and 'el("Bdi"' in live and "innerHTML" not in live
