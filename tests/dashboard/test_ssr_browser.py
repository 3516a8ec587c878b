"""The server-drawn first paint in Chromium: without JavaScript, and handing over to the app."""

import csv
import io
import json
import re
import urllib.request

import pytest

from dashboard import theme
from dashboard.ssr import BOOT_SECONDS
from events.crisis import load_crisis
from tests.servers import start_server, stop_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reader_server():
    """The dashboard as readers get it: the app starts on the first interaction or after the boot delay."""
    proc, base = start_server(env={"WBW_BOOT_SECONDS": str(BOOT_SECONDS)})
    yield base
    stop_server(proc)


SAMPLE = ["AUS", "USA", "CHL", "RUS", "ESP", "BRA"]
# Before the app starts: the layout shifts so far, and where the drawn map and some countries are.
WATCH = """
window.__cls = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) window.__cls += e.value; } })
  .observe({type: 'layout-shift', buffered: true});
document.addEventListener('DOMContentLoaded', () => {
  const rect = el => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const ssr = document.getElementById('wbw-ssr');
  window.__drawn = {box: rect(ssr.querySelector('.map-graph')), legend: rect(ssr.querySelector('.legend')),
    shapes: Object.fromEntries(SAMPLE_JSON.map(i => [i, rect(ssr.querySelector('path[data-iso3=' + i + ']'))]))};
});
""".replace("SAMPLE_JSON", json.dumps(SAMPLE))


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


def base_colour(fill: str) -> str:
    """The colour under a fill: patterns (url(#wbw-pat-<category>)) sit on their category's colour."""
    match = re.search(r"wbw-pat-([a-z]+)", fill)
    if match:
        return rgb(theme.for_crisis(load_crisis()).colours[match.group(1)])
    return rgb(fill) if fill.startswith("#") else fill


def test_without_javascript_map_legend_and_statements_are_visible(browser, reader_server):
    live_server = reader_server
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/?date=2019-02-05&country=ESP")
    svg = page.locator("#wbw-ssr svg.wbw-svgmap")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 600 and box["height"] > 250
    assert page.locator("#wbw-ssr svg [data-iso3]").count() >= 198
    spain = page.locator("#wbw-ssr svg path[data-iso3='ESP']")
    assert spain.is_visible() and "Recognises Guaidó" in spain.locator("title").text_content()
    legend = page.locator("#wbw-ssr .legend")
    assert legend.is_visible() and "Recognises Guaidó" in legend.inner_text()
    with urllib.request.urlopen(live_server + "/api/stances.csv?date=2019-02-05") as resp:
        api = list(csv.DictReader(io.StringIO(resp.read().decode())))
    recognising = sum(1 for r in api if r["stance"] == "guaido")
    assert page.locator("#wbw-ssr .legend-guaido .legend-count").inner_text() == str(recognising)
    panel = page.locator("#wbw-ssr aside.panel:not(.wbw-js-panel)")
    assert panel.is_visible()
    assert panel.locator("h2").inner_text() == "Spain"
    assert "Why this colour on 5 Feb 2019" in panel.inner_text()
    sources = panel.locator("a.ev-source")
    assert sources.count() >= 3 and sources.first.is_visible()
    assert all(h.startswith(("https://", "http://")) for h in sources.evaluate_all("els => els.map(e => e.href)"))
    assert page.locator("#wbw-ssr .ev.is-current").is_visible()
    # the table of every country, and the date form and change links, work without JavaScript
    page.locator("#wbw-ssr details.table-wrap summary").click()
    rows = page.locator("#wbw-ssr table.stance-table tbody tr")
    assert rows.count() == 198 and rows.first.is_visible()
    assert page.locator("#wbw-ssr table.stance-table:visible").count() == 1
    page.locator("#wbw-ssr a.btn", has_text="Next change").click()
    page.wait_for_url(re.compile(r"date=2019-02-06"))
    assert page.locator("#wbw-ssr .date-text").inner_text() == "6 Feb 2019"
    assert page.locator("#react-entry-point").is_hidden()  # Dash's "Loading..." never shows
    context.close()


@pytest.mark.parametrize("query", ["date=2019-02-05", "date=2019-02-05&country=ESP"])
def test_interactive_map_takes_over_in_place_with_the_same_colours(browser, reader_server, query):
    """Nobody touches the page: the app starts after the boot delay and replaces the drawn map in place."""
    live_server = reader_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(WATCH)
    page.goto(live_server + "/?" + query)
    drawn_fills = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('#wbw-ssr svg [data-iso3]')]"
        ".map(e => [e.dataset.iso3, e.getAttribute('fill')]))"
    )
    page.wait_for_selector("html.wbw-live", state="attached", timeout=60000)
    assert page.locator("#wbw-ssr").count() == 0
    live = page.evaluate(
        """(isos) => { const rect = el => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
          const paths = [...document.querySelectorAll('#map .choroplethlocation')];
          const find = i => paths.find(e => e.__data__ && e.__data__.loc === i);
          const statesGroup = [...document.querySelectorAll('#map .geo g.trace')].find(g => g.__data__ && g.__data__[0] && g.__data__[0].trace.name === 'states');
          return {box: rect(document.querySelector('#map')), legend: rect(document.querySelector('#root .legend')),
            shapes: Object.fromEntries(isos.map(i => [i, rect(find(i))])),
            fills: Object.fromEntries([...statesGroup.querySelectorAll('.choroplethlocation')].map(e => [e.__data__.loc, getComputedStyle(e).fill])),
            cls: window.__cls, drawn: window.__drawn}; }""",
        SAMPLE,
    )
    drawn = live["drawn"]
    for key in ("box", "legend"):
        assert live[key] == pytest.approx(drawn[key], abs=1), key
    for iso3 in SAMPLE:  # the same shapes in the same places, to the pixel
        assert live["shapes"][iso3] == pytest.approx(drawn["shapes"][iso3], abs=1.5), iso3
    assert len(live["fills"]) >= 190
    for iso3, fill in live["fills"].items():
        assert base_colour(drawn_fills[iso3]) == base_colour(fill), iso3
    assert live["cls"] <= 0.01, f"layout shift {live['cls']}"
    if "country=" in query:  # the panel's box was there before the app, and the map kept its size
        assert page.locator("#panel-wrap").is_visible()
    assert errors == []
    context.close()


APP_SCRIPTS = re.compile(r"/_dash-component-suites/|/assets/(vendor/|wbw-\d)")  # not the two early ones


def test_the_app_waits_for_a_reader_and_keeps_their_tap_and_slider_press(browser, reader_server):
    """On a phone, no app script loads until the reader acts. Their first tap (Brazil, on the drawn
    map) starts the app; its scripts are then held back while they also press the drawn slider.
    Once the app is live, Brazil's panel is open on the day they pressed."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    held: list = []
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url) if APP_SCRIPTS.search(r.url) else None)
    page.route(APP_SCRIPTS, lambda route: route.continue_() if held == ["released"] else held.append(route))
    page.goto(reader_server + "/?date=2019-02-05")
    page.wait_for_timeout(1500)  # well inside the boot delay: the page is loaded and idle
    assert requested == [], "the app's scripts load before any interaction"
    assert page.evaluate("() => !!document.querySelector('#wbw-ssr svg') && !window.wbwHistory")
    brazil = page.locator("#wbw-ssr svg path[data-iso3='BRA']").bounding_box()
    page.touchscreen.tap(brazil["x"] + brazil["width"] * 0.45, brazil["y"] + brazil["height"] * 0.35)
    page.wait_for_function("() => document.querySelectorAll('script[src*=\"_dash-component-suites\"]').length > 0")
    slider = page.locator("#wbw-ssr .wbw-ssr-slider").bounding_box()
    middle = slider["x"] + 8 + (slider["width"] - 16) / 2  # the track's middle, as Radix places it
    page.touchscreen.tap(middle, slider["y"] + 8)
    page.wait_for_function("() => /country=BRA/.test(location.search) && !/date=2019-02-05/.test(location.search)")
    kept = re.search(r"date=(\d{4}-\d{2}-\d{2})", page.url).group(1)
    waiting, held[:] = list(held), ["released"]
    for route in waiting:
        route.continue_()
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory()", timeout=90000)
    page.locator("#country-panel h2", has_text="Brazil").wait_for(timeout=30000)
    assert page.locator("#wbw-ssr").count() == 0
    assert f"date={kept}" in page.url and "country=BRA" in page.url
    context.close()
