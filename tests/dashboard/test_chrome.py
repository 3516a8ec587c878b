"""The map's toolbar, the slider's labels and the counts chart, as a reader sees them."""

from __future__ import annotations

import itertools
import re

import pytest

pytestmark = pytest.mark.browser

LABEL_BOXES = """() => [...document.querySelectorAll('#date-slider .dash-slider-mark')].map(m => {
  const b = m.getBoundingClientRect(); return {text: m.textContent, left: b.left, right: b.right, top: b.top,
  bottom: b.bottom, clipped: m.scrollWidth > m.clientWidth + 1}; })"""


def open_page(browser, url: str, width: int):
    phone = width < 700
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=phone, is_mobile=phone)
    page = context.new_page()
    page.set_default_timeout(90000)
    page.goto(url)
    page.wait_for_selector("#map .choroplethlocation", state="attached")
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
    return context, page


@pytest.mark.parametrize("width", [320, 375, 768, 1400])
def test_slider_labels_fit_on_screen_apart_and_start_on_the_first_day(browser, live_server, width):
    context, page = open_page(browser, live_server + "/?date=2019-02-05", width)
    try:
        marks = page.evaluate(LABEL_BOXES)
        assert marks[0]["text"] == "10 Jan 2019"  # the slider's first day, not a later key date
        view = page.evaluate("() => document.documentElement.clientWidth")
        for mark in marks:
            assert mark["left"] >= 0 and mark["right"] <= view, mark
            assert not mark["clipped"], mark
        for a, b in itertools.pairwise(marks):
            assert a["right"] <= b["left"], (a, b)  # never on top of each other
        legend_top = page.locator("#stance-counts").bounding_box()["y"]
        assert max(m["bottom"] for m in marks) <= legend_top + 1  # nor on the legend below
    finally:
        context.close()


def test_map_toolbar_has_zoom_and_reset_and_nothing_that_leaves_the_page(watched, live_server):
    page = watched.page
    page.goto(live_server + "/")
    page.wait_for_selector("#map .choroplethlocation", state="attached")
    page.hover("#map .main-svg")
    titles = page.evaluate("() => [...document.querySelectorAll('#map .modebar-btn')].map(b => b.dataset.title)")
    assert titles == ["Zoom in", "Zoom out", "Reset"]
    assert page.locator("#map .modebar-btn[data-title*='Share'], #map a.modebar-btn[href]").count() == 0


def test_counts_chart_reads_out_every_count_on_hover(watched, live_server):
    page = watched.page
    page.goto(live_server + "/?date=2021-02-04")
    page.wait_for_selector("#stance-chart .nsewdrag")
    page.locator("#stance-chart").scroll_into_view_if_needed()  # a reader scrolls to the chart
    box = page.locator("#stance-chart .nsewdrag").first.bounding_box()
    start = page.evaluate("() => document.querySelector('#stance-chart .js-plotly-plot')._fullLayout.xaxis.range[0]")
    assert str(start).startswith("2019-01-10")
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.5)
    label = page.locator("#stance-chart .hoverlayer .legend")
    label.wait_for()
    text = label.evaluate("e => e.textContent")
    for name in ("Recognises Guaidó", "Backs Maduro", "Neutral / dialogue", "Backs National Assembly only"):
        assert re.search(re.escape(name) + r"\s*:\s*\d+", text), text
    assert re.search(r"Recognition withdrawn\s*:\s*\d", text), text  # even the thinnest band reads out
    title = page.locator("#stance-chart .ytitle").evaluate("e => e.textContent")
    assert title == "Countries"
