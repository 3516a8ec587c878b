"""Browser tests of the controls a viewer uses: change buttons, play, chart, table, back button."""

import unicodedata

import pytest

from .test_browser import click_country, load

pytestmark = pytest.mark.browser


def unaccented(name: str) -> str:
    """A name without its accents, lowercased: the order a reader expects."""
    return unicodedata.normalize("NFD", name).encode("ascii", "ignore").decode().lower()


def date_text(page) -> str:
    return page.inner_text("#date-text")


def wait_date(page, text: str) -> None:
    page.wait_for_function(f"() => document.querySelector('#date-text').textContent === {text!r}")


def test_prev_and_next_change_jump_to_dates_where_a_country_changed(watched, live_server):
    load(watched, live_server + "/?date=2019-01-15")
    watched.page.click("#next-change")
    wait_date(watched.page, "23 Jan 2019")  # Guaidó sworn in: the first change after 15 Jan
    watched.page.click("#next-change")
    wait_date(watched.page, "24 Jan 2019")
    watched.page.click("#prev-change")
    wait_date(watched.page, "23 Jan 2019")
    assert watched.callback_requests() == []
    assert watched.errors == []


def test_play_advances_day_by_day_and_pause_stops_it(watched, live_server):
    """Play moves the date on by itself and pause holds it (its speed is a benchmark figure)."""
    load(watched, live_server + "/?date=2019-01-10")
    page = watched.page
    shown_day = (
        "() => { const h = window.wbwHistory(), t = document.querySelector('#date-text').textContent;"
        " for (let d = 0; d < h.days; d++) { const s = new Date(Date.parse(h.start + 'T00:00:00Z') + d * 864e5)"
        ".toLocaleDateString('en-GB', {day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'});"
        " if (s === t) return d; } return -1; }"
    )
    page.click("#play")
    page.wait_for_selector("#play[aria-pressed='true']")
    page.wait_for_function(f"() => ({shown_day})() >= 12", timeout=30000)
    page.click("#play")
    page.wait_for_selector("#play[aria-pressed='false']")
    held = page.evaluate(shown_day)
    page.wait_for_timeout(800)
    assert page.evaluate(shown_day) == held, "pause stops playback"
    page.wait_for_function(
        "(d) => window.wbwInternals.isoToDay(window.wbwHistory(), new URL(location).searchParams.get('date') || '') === d",
        arg=held,
    )
    assert watched.callback_requests() == []


def test_reduced_motion_plays_change_by_change(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(live_server + "/?date=2019-01-10")
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
    page.click("#play")
    page.wait_for_timeout(1000)
    text = page.inner_text("#date-text")
    page.click("#play")
    assert text in ("10 Jan 2019", "22 Jan 2019"), text  # at most one jump, to the next change
    context.close()


def test_clicking_a_small_state_marker_opens_its_panel(watched, live_server):
    load(watched, live_server + "/?date=2019-03-01")
    page = watched.page
    box = page.evaluate(
        """() => { const g = [...document.querySelectorAll('#map .geo g.trace')]
            .find(t => t.__data__ && t.__data__[0].trace.name === 'small states');
            const p = [...g.querySelectorAll('path.point')].find(e => e.__data__.tx !== undefined
              && g.__data__[0].trace.customdata[e.__data__.i] === 'MLT');
            const b = p.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; }"""
    )
    page.mouse.move(box[0], box[1])
    page.mouse.click(box[0], box[1])
    page.locator("#country-panel h2", has_text="Malta").wait_for(timeout=30000)


def test_clicking_the_counts_chart_sets_the_date(watched, live_server):
    load(watched, live_server + "/?date=2022-06-01")
    watched.page.locator("#stance-chart").scroll_into_view_if_needed()  # a reader scrolls to the chart
    box = watched.page.locator("#stance-chart .nsewdrag").first.bounding_box()
    watched.page.mouse.click(box["x"] + box["width"] * 0.05, box["y"] + box["height"] * 0.5)
    watched.page.wait_for_function("() => !document.querySelector('#date-text').textContent.endsWith('2022')")
    assert date_text(watched.page).endswith("2019")


def test_table_row_opens_panel_and_back_button_restores(watched, live_server):
    load(watched, live_server + "/?date=2019-02-05")
    page = watched.page
    page.locator("details.table-wrap summary").click()
    page.locator("#stance-table .row-btn").first.wait_for(timeout=30000)
    page.fill("#table-filter", "Peru")
    page.wait_for_function("() => document.querySelectorAll('#stance-table tbody tr').length === 1")
    # when the statements appear, the map beside the (now open) panel has already been redrawn
    # at its new width: a reader aiming at a country right away does not hit a moving map
    page.evaluate(
        """() => { const box = document.getElementById('country-panel');
          new MutationObserver((_, obs) => { if (!box.querySelector('h2')) return; obs.disconnect();
            const gd = window.wbwLib.graphDiv(); window.mapAtStatements = [gd._fullLayout.width, gd.clientWidth];
          }).observe(box, {childList: true, subtree: true}); }"""
    )
    page.locator("#stance-table .row-btn", has_text="Peru").press("Enter")  # keyboard, not a mouse click
    page.locator("#country-panel h2", has_text="Peru").wait_for(timeout=30000)
    assert "country=PER" in page.url
    laid_out, box_width = page.evaluate("window.mapAtStatements")
    assert abs(laid_out - box_width) < 1.5, (laid_out, box_width)
    click_country(page, "BRA")
    page.locator("#country-panel h2", has_text="Brazil").wait_for(timeout=30000)
    page.go_back()
    page.locator("#country-panel h2", has_text="Peru").wait_for(timeout=30000)
    assert "country=PER" in page.url
    assert watched.errors == []


def test_table_sorts_filters_and_downloads_csv(watched, live_server):
    load(watched, live_server + "/?date=2019-02-05")
    page = watched.page
    page.locator("details.table-wrap summary").click()
    page.locator("#stance-table .row-btn").first.wait_for(timeout=30000)
    names = page.locator("#stance-table td[data-dash-column='name']").all_inner_texts()
    # in reading order, accents ignored ("Côte d'Ivoire" after "Costa Rica"), as Intl.Collator sorts
    assert names == sorted(names, key=unaccented) and len(names) == 198
    page.click("#stance-table th[data-col='name'] .sort-btn")  # second click on the same column: descending
    page.wait_for_function(
        "() => document.querySelector('#stance-table th[data-col=name]').getAttribute('aria-sort') === 'descending'"
    )
    assert page.locator("#stance-table td[data-dash-column='name']").first.inner_text() == names[-1]
    page.fill("#table-filter", "backs maduro")
    page.wait_for_function("() => document.querySelectorAll('#stance-table tbody tr').length < 40")
    assert set(page.locator("#stance-table td[data-dash-column='stance']").all_inner_texts()) == {"Backs Maduro"}
    href = page.get_attribute("#table-csv", "href")
    assert href.endswith("api/stances.csv?date=2019-02-05")
    with page.expect_download() as download:
        page.click("#table-csv")
    assert download.value.suggested_filename.endswith(".csv")
    # arrow keys move between row buttons
    page.locator("#stance-table .row-btn").first.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.classList.contains('row-btn')")
    assert watched.errors == []


def test_embed_control_shows_snippet_for_current_state(watched, live_server):
    load(watched, live_server + "/?date=2019-02-05&country=ESP")
    watched.page.click("#embed-button")
    watched.page.wait_for_function("() => document.querySelector('#embed-snippet').textContent.includes('<iframe')")
    snippet = watched.page.inner_text("#embed-snippet")
    assert "<iframe" in snippet and "date=2019-02-05" in snippet and "country=ESP" in snippet and "embed=1" in snippet
    assert "who-backs-whom:height" in snippet and "e.origin !==" in snippet
