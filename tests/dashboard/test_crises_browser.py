"""Smoke tests in Chromium on both crises: the shipped one, and crises/taiwan served with `--crisis`.

For each, as a reader sees it: the title, the legend's labels and counts on a date (against the
API), a click inside a country's shape opening its panel, and a click on the subject saying it
takes no side. One server per crisis (the shipped one is the session's `live_server`).
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass

import pytest

from events.crisis import Crisis, load_crisis

from ..conftest import ROOT, start_server, stop_server
from .test_picking import CLOSED, HEADING, open_map, stable_point, states

pytestmark = pytest.mark.browser

TAIWAN = ROOT / "crises" / "taiwan"
LEGEND_LABELS = "() => [...document.querySelectorAll('#stance-counts .legend-label')].map(e => e.textContent)"
WHY = "() => { const w = document.getElementById('panel-why'); return w ? w.textContent : ''; }"


@dataclass(frozen=True)
class Case:
    """One crisis served: its file, its server, a date and a country with a recorded stance on it."""

    crisis: Crisis
    base: str
    date: str
    country: str


@pytest.fixture(scope="module", params=["shipped", "taiwan"])
def case(request, tmp_path_factory):
    """The shipped crisis on the session's server; Taiwan on its own `--crisis` server."""
    if request.param == "shipped":
        yield Case(load_crisis(), request.getfixturevalue("live_server"), "2019-03-01", "USA")
        return
    builds = tmp_path_factory.mktemp("taiwan-builds")
    proc, base = start_server("--crisis", str(TAIWAN), env={"WBW_BUILD_DIR": str(builds)}, timeout=120)
    yield Case(load_crisis(TAIWAN), base, "2020-01-01", "PRY")
    stop_server(proc)


@pytest.fixture
def page(browser):
    """A fresh 1280×900 page, its console errors collected on `page.errors`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(90000)  # a shared machine: wait for conditions, generously
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()


def api_stances(case: Case) -> dict[str, str]:
    """iso3 → stance of every state with a recorded position on the case's date, from the API."""
    with urllib.request.urlopen(f"{case.base}/api/stances.json?date={case.date}") as resp:
        return {row["iso3"]: row["stance"] for row in json.load(resp)}


def test_title_legend_labels_and_counts_are_the_crisis_files(case, page):
    open_map(page, f"{case.base}/?date={case.date}")
    crisis = case.crisis
    assert page.title() == crisis.text("title")
    assert page.locator("h1").inner_text() == crisis.text("title")
    assert page.locator("#story-start").inner_text() == crisis.text("story_label")
    stances = crisis.stance_values()
    assert page.evaluate(LEGEND_LABELS) == [
        *(crisis.label(s) for s in stances),
        crisis.text("none_label"),
        f"{crisis.text('subject_label')} (the subject)",
        "Territory, not recorded",
    ]
    api = api_stances(case)
    expected = {s: sum(v == s for v in api.values()) for s in stances}
    expected["none"] = len(states()) - 1 - len(api)  # every other state but the subject
    assert sum(expected.values()) and all(expected[s] > 0 for s in stances[:2])
    shown = "() => Object.fromEntries([...document.querySelectorAll('.legend-count')].map(e => [e.id, e.textContent]))"
    want = {f"count-{s}": str(n) for s, n in expected.items()}
    want_json = json.dumps(json.dumps(want, separators=(",", ":")))  # as JSON.stringify writes it, quoted for JS
    try:
        page.wait_for_function(f"() => JSON.stringify(({shown})()) === {want_json}", timeout=30000)
    except Exception:
        assert page.evaluate(shown) == want  # shows the difference
    assert page.errors == []


def press(page, iso3: str) -> str:
    """Click a point deep inside a state's shape; return the name the panel should show."""
    _iso, name, _region, lonlat = next(s for s in states() if s[0] == iso3)
    x, y = stable_point(page, lonlat)
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    return name


def test_a_click_inside_a_country_opens_its_panel_and_the_subject_takes_no_side(case, page):
    open_map(page, f"{case.base}/?date={case.date}")
    crisis = case.crisis
    stance = api_stances(case)[case.country]
    name = press(page, case.country)
    page.wait_for_function(f"() => ({HEADING})() === {name!r}")
    page.wait_for_function(f"() => ({WHY})().includes({crisis.label(stance)!r})")
    assert f"country={case.country}" in page.url
    page.click("#panel-close")
    page.wait_for_function(CLOSED)
    subject = next(s[1] for s in states() if s[0] == crisis.subject)
    press(page, crisis.subject)
    page.wait_for_function(f"() => ({HEADING})() === {subject!r}")
    said = f"{crisis.text('subject_label')} is the subject of the crisis, not a side."
    page.wait_for_function(f"() => ({WHY})() === {said!r}")
    assert page.errors == []
