"""In Chromium: paste the seed into the editors' desk, accept drafts, and see them on the map after the live reload."""

import json
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from ..conftest import start_server, stop_server
from .test_browser import GUAIDO_RGB, NONE_RGB, click_country, computed_fill, load, state_fills

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "tests" / "events" / "fixtures" / "000_257dd67f7f3c9aa5.txt"
BASE = Path(__file__).parent / "fixtures" / "no_positions.csv"
BLOG_URL = "https://www.aljazeera.com/news/2019/01/venezuela-crisis-latest-updates-190123205835912.html"
MADURO_RGB = computed_fill("maduro")  # as the browser reports theme.fill_for("maduro")
USA = "20190123-usa-us-recognises-guaido"
BOL = "20190123-bol-bolivia-backs-maduro"
CAN = "20190123-can-canada-says-it-intends-to-back-guaido"


def events_served(base: str) -> int:
    with urllib.request.urlopen(base + "/healthz", timeout=10) as resp:
        return json.loads(resp.read())["events"]


@pytest.fixture
def servers(tmp_path):
    shutil.copy(BASE, tmp_path / "base.csv")
    dash, dash_base = start_server("--events", str(tmp_path), env={"WBW_RELOAD_SECONDS": "1"})
    try:
        editor, editor_base = start_server("--events", str(tmp_path), subcommand="editor")
    except RuntimeError:
        stop_server(dash)
        raise
    yield dash_base, editor_base, tmp_path
    stop_server(editor)
    stop_server(dash)


def accept(page, draft_id: str, summary: str) -> None:
    section = page.locator(f'section[data-id="{draft_id}"]')
    section.locator('textarea[name="summary"]').fill(summary)
    section.locator('button[value="accept"]').click()
    page.locator(f'section[data-id="{draft_id}"].accepted').wait_for(timeout=15000)


def test_paste_the_seed_accept_drafts_and_see_them_on_the_map(browser, watched, servers):
    dash_base, editor_base, folder = servers
    load(watched, dash_base + "/?date=2019-01-23")
    before = state_fills(watched.page)
    assert (before["USA"], before["BOL"]) == (NONE_RGB, NONE_RGB)

    # the desk is plain forms: it works with JavaScript off
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    desk = context.new_page()
    desk.goto(editor_base + "/")
    desk.fill("#text", SEED.read_text(encoding="utf-8"))
    desk.fill("#source_url_in", BLOG_URL)
    desk.fill("#source_name_in", "Al Jazeera")
    desk.click("#draft-button")
    desk.locator("section.draft").first.wait_for(timeout=15000)
    assert desk.locator("section.draft").count() == 14
    assert desk.locator(f'section[data-id="{USA}"] .evidence mark', has_text="Donald Trump").count() == 1

    accept(desk, USA, "Trump recognised Guaidó as interim president hours after the oath.")
    accept(desk, BOL, "Morales restated Bolivia's alliance with Maduro on Twitter.")
    # a refused row shows its field: reason, and nothing is written for it
    canada = desk.locator(f'section[data-id="{CAN}"]')
    canada.locator('input[name="stance"]').fill("maybe")
    canada.locator('textarea[name="summary"]').fill("Canada said it intended to back Guaidó.")
    canada.locator('button[value="accept"]').click()
    problem = desk.locator(f'section[data-id="{CAN}"] .problems li')
    problem.first.wait_for(timeout=15000)
    assert (
        problem.first.inner_text()
        == "stance: 'maybe' is not one of guaido, maduro, neutral, assembly, withdrawn (or empty)"
    )
    context.close()

    deadline = time.monotonic() + 60
    while events_served(dash_base) != 3 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert events_served(dash_base) == 3  # base.csv's row plus the two accepted ones
    # the same URL again: the browser may take the page from its cache (max-age), and the page
    # then catches up with the published version in place, as a reader would see it do
    load(watched, dash_base + "/?date=2019-01-23")
    expected = (GUAIDO_RGB, MADURO_RGB, NONE_RGB)
    deadline = time.monotonic() + 30
    after = state_fills(watched.page)
    while (after["USA"], after["BOL"], after["CAN"]) != expected:
        assert time.monotonic() < deadline, after
        time.sleep(0.3)
        after = state_fills(watched.page)
    click_country(watched.page, "BOL")
    item = watched.page.locator(f"#country-panel li[data-event-id='{BOL}']")
    item.wait_for(timeout=10000)
    assert "Morales restated Bolivia's alliance with Maduro on Twitter." in item.inner_text()
    assert sorted(p.name for p in folder.iterdir()) == ["base.csv", "ingested.csv", "ingested.csv.bak"]
    assert watched.errors == []
