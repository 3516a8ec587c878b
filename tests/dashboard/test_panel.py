"""The country panel as a reader meets it: scrolled to the statement behind the colour, a "why"
sentence that matches the highlight, Escape to close with focus returned, one announcement per step."""

from __future__ import annotations

import pytest

from .test_browser import click_country, load

pytestmark = pytest.mark.browser

LIVE_REGIONS = "[aria-live]:not([aria-live=off]), [role=status], [role=log], [role=alert], output"


def test_opens_scrolled_to_the_statement_behind_the_colour(watched, live_server):
    load(watched, live_server + "/?date=2022-06-01&country=ARG")
    page = watched.page
    current = page.locator("#country-panel li.is-current")
    current.wait_for(timeout=30000)
    items = page.locator("#country-panel li[data-event-id]")
    index = items.evaluate_all("(lis) => lis.findIndex(li => li.classList.contains('is-current'))")
    assert index >= 8, "the statement in force should be far down Argentina's list"
    # in the panel's visible box, and not under the "why" line that stays at its top
    page.wait_for_function(
        """() => { const p = document.getElementById('panel-wrap').getBoundingClientRect();
            const why = document.getElementById('panel-why').getBoundingClientRect();
            const b = document.querySelector('#country-panel li.is-current').getBoundingClientRect();
            return b.top >= why.bottom - 1 && b.bottom <= p.bottom + 1; }"""
    )
    assert page.evaluate("() => document.getElementById('panel-wrap').scrollTop") > 0
    assert page.evaluate("() => window.scrollY") == 0  # only the panel scrolled, not the page
    assert current.get_attribute("aria-current") == "true"


def test_why_names_the_first_day_and_says_when_the_highlight_is_a_restatement(watched, live_server):
    load(watched, live_server + "/?date=2019-02-05&country=BRA")
    page = watched.page
    page.locator("#country-panel li.is-current").wait_for(timeout=30000)
    why = page.inner_text("#panel-why")
    assert "Recognises Guaidó since 23 Jan 2019" in why
    assert "later restatement" in why and "4 Feb 2019" in why
    assert "4 February 2019" in page.inner_text("#country-panel li.is-current")
    origin = page.locator("#country-panel li.is-origin")
    assert origin.count() == 1 and "23 January 2019" in origin.inner_text()
    # two statements on the day the position started: the later one is still called a restatement
    load(watched, live_server + "/?date=2019-01-23&country=BRA")
    page.locator("#country-panel li.is-current").wait_for(timeout=30000)
    why = page.inner_text("#panel-why")
    assert "since 23 Jan 2019" in why and "of the same day, is a later restatement" in why
    # when the statement in force is the one that set the position, the sentence says so
    load(watched, live_server + "/?date=2019-02-06&country=BGR")
    page.locator("#country-panel h2", has_text="Bulgaria").wait_for(timeout=30000)
    page.locator("#country-panel li.is-current").wait_for(timeout=30000)
    why = page.inner_text("#panel-why")
    assert "since 6 Feb 2019, set by the highlighted statement of that date" in why
    assert "restatement" not in why


def test_escape_closes_and_returns_focus_to_the_table_row(watched, live_server):
    load(watched, live_server + "/?date=2019-02-05")
    page = watched.page
    page.evaluate("() => { document.querySelector('details.table-wrap').open = true; }")
    page.wait_for_function("() => document.querySelectorAll('#stance-table tbody tr').length === 198", timeout=60000)
    page.fill("#table-filter", "Peru")
    page.wait_for_function("() => document.querySelectorAll('#stance-table tbody tr').length === 1")
    row = page.locator("#stance-table .row-btn", has_text="Peru")
    row.focus()
    page.keyboard.press("Enter")
    page.locator("#country-panel h2", has_text="Peru").wait_for(timeout=30000)
    page.wait_for_function("() => document.getElementById('panel-wrap').contains(document.activeElement)")
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.getElementById('panel-wrap').hidden")
    page.wait_for_function("() => document.activeElement && document.activeElement.textContent === 'Peru'")
    assert "country=" not in page.url
    assert watched.errors == []


def test_escape_after_a_map_click_closes_and_focuses_the_map(watched, live_server):
    load(watched, live_server + "/?date=2019-02-05")
    page = watched.page
    click_country(page, "BRA")
    page.locator("#country-panel h2", has_text="Brazil").wait_for(timeout=30000)
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.getElementById('panel-wrap').hidden")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'map'")


def test_one_polite_announcement_per_date_step_with_the_panel_open(watched, live_server):
    load(watched, live_server + "/?date=2019-02-05&country=ESP")
    page = watched.page
    page.locator("#country-panel li.is-current").wait_for(timeout=30000)
    regions = page.evaluate(f"() => [...document.querySelectorAll({LIVE_REGIONS!r})].map(e => e.id)")
    assert "date-text" in regions and "panel-wrap" not in regions and "country-panel" not in regions
    assert page.get_attribute("#date-text", "aria-live") == "polite"
    page.evaluate(
        f"""() => {{ window.announced = [];
            for (const r of document.querySelectorAll({LIVE_REGIONS!r})) new MutationObserver(() =>
              window.announced.push([r.id, r.textContent])).observe(r, {{childList: true, subtree: true,
              characterData: true}}); }}"""
    )
    page.focus("#date-slider [role=slider]")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('#date-text').textContent === '6 Feb 2019'")
    page.wait_for_timeout(800)  # anything else that would speak has had its turn
    announced = page.evaluate("() => window.announced")
    assert {text for _, text in announced} == {"6 Feb 2019"}, announced
    assert {rid for rid, _ in announced} == {"date-text"}
    # the panel followed the step without announcing itself
    assert "6 Feb 2019" in page.inner_text("#panel-why")
