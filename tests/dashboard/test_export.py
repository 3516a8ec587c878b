"""The static export: `python -m dashboard export OUT`, served by `python -m http.server`, no Python app."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from events import default_timeline, stances_on

from ..conftest import ROOT, free_port, launch, stop_server
from .test_browser import (
    ASSEMBLY_RGB,
    GUAIDO_RGB,
    check_embed,
    click_country,
    height_host,
    load,
    serve_html,
    state_fills,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", str(out), "--base-url", "https://maps.example.org/venezuela/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def static_site(exported):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(exported)]
    proc = launch(argv, base + "/index.html")
    yield base
    stop_server(proc)


def test_export_holds_the_page_data_and_no_server_callback(exported):
    names = {str(p.relative_to(exported)) for p in exported.rglob("*") if p.is_file()}
    assert {"index.html", "_dash-layout.json", "_dash-dependencies.json", "data/version.json"} <= names
    assert {"data/events.csv", "data/stances.csv"} <= names
    version = json.loads((exported / "data/version.json").read_text())["version"]
    assert f"data/{version}/countries/ESP.json" in names and f"data/{version}/history.json" in names
    dependencies = json.loads((exported / "_dash-dependencies.json").read_text())
    assert dependencies and all(d["clientside_function"] for d in dependencies)
    page = (exported / "index.html").read_text()
    assert 'src="/' not in page and 'href="/' not in page  # every URL relative: any path of any host
    assert '<link rel="canonical" href="https://maps.example.org/venezuela/">' in page


def test_map_draws_and_scrub_recolours_with_only_static_requests(watched, static_site):
    load(watched, static_site + "/?date=2019-01-23")
    assert watched.page.locator("#map .choroplethlocation").count() >= 230
    assert state_fills(watched.page)["USA"] == GUAIDO_RGB
    watched.page.focus("#date-slider [role=slider]")
    watched.page.keyboard.press("ArrowLeft")
    watched.page.wait_for_function("() => document.querySelector('#date-text').textContent === '22 Jan 2019'")
    assert state_fills(watched.page)["USA"] == ASSEMBLY_RGB
    assert watched.foreign_requests(static_site) == []
    assert not any("_dash-update-component" in u for u in watched.requests)
    assert watched.errors == []


def test_panel_opens_with_statements(watched, static_site):
    load(watched, static_site + "/index.html?date=2019-01-24")
    click_country(watched.page, "BOL")
    item = watched.page.locator("#country-panel li[data-event-id='20190123-bol-morales-backs-maduro']")
    item.wait_for(timeout=10000)
    assert "23 January 2019" in item.inner_text() and "Morales" in item.inner_text()
    link = item.locator("a.ev-source")
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("href").startswith("http")
    assert "is-current" in (item.get_attribute("class") or "")
    assert watched.errors == []


def test_deep_link_opens_spain(watched, static_site):
    load(watched, static_site + "/?date=2019-02-05&country=ESP")
    watched.page.locator("#country-panel h2", has_text="Spain").wait_for(timeout=10000)
    assert "Recognises Guaidó" in watched.page.inner_text("#panel-why")
    assert watched.page.inner_text("#date-text") == "5 Feb 2019"


def test_table_csv_is_built_in_the_page(watched, static_site):
    load(watched, static_site + "/?date=2019-02-05")
    page = watched.page
    page.locator("details.table-wrap summary").click()
    page.locator("#stance-table .row-btn").first.wait_for(timeout=10000)
    with page.expect_download() as download:
        page.click("#table-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    expected = stances_on(dt.date(2019, 2, 5), default_timeline())
    assert list(rows[0]) == ["iso3", "name", "stance", "since", "event_id"]
    assert {(r["iso3"], r["stance"], r["since"], r["event_id"]) for r in rows} == {
        (r.iso3, r.stance, r.since.strftime("%Y-%m-%d"), r.event_id) for r in expected.itertuples()
    }
    assert next(r["name"] for r in rows if r["iso3"] == "ESP") == "Spain"
    assert download.value.suggested_filename == "stances-2019-02-05.csv"


def test_embed_posts_its_height(browser, static_site):
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serve_html(height_host(static_site)) as host:
        page.goto(host)
        check_embed(page, errors)
    context.close()
