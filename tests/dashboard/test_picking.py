"""Browser tests of picking: a click, tap or hover inside a state opens that state, nothing else.

Each state's target is the pole of inaccessibility of its largest part (shapely's polylabel), or
its point (Tuvalu), projected with the live page's own map projection.
"""

from __future__ import annotations

from functools import cache

import pytest
import shapely
from shapely.geometry import MultiPolygon, Point
from shapely.ops import polylabel

from geodata import load_boundaries

pytestmark = pytest.mark.browser

PROJECT = """([lon, lat]) => { const gd = document.querySelector('#map .js-plotly-plot');
  const xy = gd._fullLayout.geo._subplot.projection([lon, lat]);
  const r = gd.querySelector('.main-svg').getBoundingClientRect();
  return [r.left + xy[0], r.top + xy[1]]; }"""
HEADING = "() => { const h = document.querySelector('#country-panel h2'); return h ? h.textContent : null; }"
CLOSED = "() => document.getElementById('panel-wrap').hidden"
SELECTED = "() => new URL(location).searchParams.get('country')"
TIP = "() => { const t = document.querySelector('#map .wbw-tip'); return t && !t.hidden ? t.textContent : null; }"
SEA = {"Caribbean Sea": (-75.0, 15.0), "mid-Atlantic": (-30.0, 20.0), "Pacific": (-140.0, 0.0)}
HOVER_SAMPLE = ["BRA", "GBR", "DEU", "FRA", "ESP", "ITA", "GUY", "VEN", "COL", "USA", "MLT", "LUX", "SGP", "JAM"]


def target(geom: shapely.Geometry) -> tuple[float, float]:
    """A point deep inside the largest part of a state's shape (its point, if it has no shape)."""
    if isinstance(geom, Point):
        return geom.x, geom.y
    part = max(geom.geoms, key=lambda g: g.area) if isinstance(geom, MultiPolygon) else geom
    pole = polylabel(part, tolerance=0.005)
    return pole.x, pole.y


@cache
def states() -> list[tuple[str, str, str, tuple[float, float]]]:
    """(iso3, name, UN region, target lon/lat) of every interactive state."""
    frame = load_boundaries()
    return [
        (r.iso3, r.name, r.region_un, target(r.geometry))
        for r in frame[["iso3", "name", "region_un", "geometry"]].itertuples(index=False)
    ]


def open_map(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=30000)
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory() && window.wbwPick")
    page.wait_for_timeout(300)


# True once the page has not scrolled for 200 ms (a smooth scroll to the panel may still be running).
SCROLL_SETTLED = """() => { const now = performance.now(), s = window.__wbwScroll;
  if (!s || s.y !== window.scrollY) { window.__wbwScroll = {y: window.scrollY, t: now}; return false; }
  return now - s.t > 200; }"""
# Where a tap leaves the panel: on screen, at least 80 px of it (the page scrolls it there when it
# is below the fold; the settle that follows waits out the rest of that scroll).
PANEL_IN_VIEW = """() => { const r = document.getElementById('panel-wrap').getBoundingClientRect();
  return r.top <= innerHeight - 80 && r.bottom >= 80; }"""
MAP_IN_VIEW = """() => { const m = document.getElementById('map').getBoundingClientRect();
  return m.top >= 0 && m.bottom <= innerHeight; }"""


def settle(page) -> None:
    """Wait until the page has stood still for 200 ms, counted from now."""
    page.evaluate("() => { window.__wbwScroll = null; }")
    page.wait_for_function(SCROLL_SETTLED, polling=50)


def stable_point(page, lonlat: tuple[float, float]) -> tuple[float, float]:
    """Scroll the map into view as a reader would, wait until it stands still, project a point."""
    settle(page)
    if not page.evaluate(MAP_IN_VIEW):
        page.evaluate("() => window.scrollBy(0, document.getElementById('map').getBoundingClientRect().top - 8)")
        settle(page)
    page.wait_for_function(
        """() => { const gd = document.querySelector('#map .js-plotly-plot');
          const w = gd.getBoundingClientRect().width; return Math.abs(gd._fullLayout.width - w) < 1; }"""
    )
    return tuple(page.evaluate(PROJECT, list(lonlat)))


def pick_each(page, items, press) -> list[str]:
    """Press (click or tap) each state's target; return misses as 'Name → what opened'.

    Each press goes to the next state with the previous one's panel still open, as a reader
    moving from country to country does: the panel opens (scrolled into view on a phone), the
    reader scrolls back up to the map and presses the next state. What the press selected shows
    at once in the URL (client side); the heading then comes from the server, which may be slow
    on a busy machine, so that wait is long and only taken on a hit.
    """
    misses = []
    previous = page.evaluate(SELECTED)
    for iso3, name, _region, lonlat in items:
        x, y = stable_point(page, lonlat)
        press(x, y)
        try:
            page.wait_for_function(f"(prev) => ({SELECTED})() !== prev", arg=previous, timeout=5000)
        except Exception:  # the selection did not change: nothing, or the previous state again
            misses.append(f"{name} → {previous or 'nothing'}")
            continue
        picked = previous = page.evaluate(SELECTED)
        if picked != iso3:
            misses.append(f"{name} → {picked}")
            continue
        try:
            page.wait_for_function(f"() => ({HEADING})() === {name!r}", timeout=60000)
        except Exception:  # the panel never named it
            misses.append(f"{name} → panel heading {page.evaluate(HEADING)!r}")
            continue
        try:  # the reader sees the panel before moving on
            page.wait_for_function(PANEL_IN_VIEW, timeout=10000)
        except Exception:
            top = page.evaluate("() => [document.getElementById('panel-wrap').getBoundingClientRect().top, scrollY]")
            misses.append(f"{name} → its panel never came into view (top, scrollY: {top})")
    if page.evaluate(SELECTED):
        page.click("#panel-close")
        page.wait_for_function(CLOSED + f" && !({SELECTED})()")
    return misses


def test_click_inside_every_state_opens_it_at_1280(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_map(page, live_server + "/?date=2019-03-01")
    items = states()
    assert len(items) == 198

    def click(x, y):
        page.mouse.move(x, y)
        page.mouse.click(x, y)

    misses = pick_each(page, items, click)
    assert not misses, f"{198 - len(misses)} of 198 opened their own panel; misses: {'; '.join(misses)}"
    for where, lonlat in SEA.items():  # the sea opens nothing
        x, y = stable_point(page, lonlat)
        click(x, y)
        page.wait_for_timeout(400)
        opened = page.evaluate("() => new URL(location).searchParams.get('country')")
        assert opened is None and page.evaluate(CLOSED), f"a click on the {where} opened {opened}"
    context.close()


def test_hover_names_the_state_under_the_pointer(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_map(page, live_server + "/?date=2019-03-01")
    by_iso = {s[0]: s for s in states()}
    wrong = []
    for iso3 in HOVER_SAMPLE:
        _, name, _, lonlat = by_iso[iso3]
        x, y = stable_point(page, lonlat)
        page.mouse.move(x, y)
        try:
            page.wait_for_function(
                f"() => {{ const t = document.querySelector('#map .wbw-tip');"
                f" return t && !t.hidden && t.querySelector('.wbw-tip-name').textContent === {name!r}; }}",
                timeout=3000,
            )
        except Exception:  # record it, check the rest
            wrong.append(f"{name} → {page.evaluate(TIP) or 'no tooltip'}")
    x, y = stable_point(page, SEA["Caribbean Sea"])
    page.mouse.move(x, y)
    page.wait_for_function("() => { const t = document.querySelector('#map .wbw-tip'); return !t || t.hidden; }")
    assert not wrong, f"hover named the wrong state: {'; '.join(wrong)}"
    context.close()


def test_tap_inside_every_state_in_its_region_view_opens_it_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    page = context.new_page()
    open_map(page, live_server + "/?date=2019-03-01")
    layout = page.evaluate(
        """() => { const m = document.getElementById('map').getBoundingClientRect();
          const small = [...document.querySelectorAll('.region-btn, .btn')].filter(b => b.offsetParent)
            .map(b => b.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24);
          return {top: m.top, bottom: m.bottom, width: m.width, small: small.length}; }"""
    )
    assert layout["width"] >= 0.9 * 375 and layout["bottom"] <= 667
    assert layout["bottom"] - layout["top"] >= 0.55 * 667, layout
    assert layout["small"] == 0, "every control is at least 24×24 CSS px"
    regions = page.evaluate("() => window.wbwHistory().regions")
    by_region = {"Americas": "americas", "Europe": "europe", "Africa": "africa", "Asia": "asia", "Oceania": "oceania"}
    misses = []
    for un, name in by_region.items():
        page.tap(f"#region-{name}")
        page.wait_for_function(
            "(r) => JSON.stringify(document.querySelector('#map .js-plotly-plot')._fullLayout.geo.lonaxis.range)"
            " === JSON.stringify(r)",
            arg=regions[name]["geo"]["lonaxis"]["range"],
        )
        assert f"region={name}" in page.url
        items = [s for s in states() if s[2] == un]
        misses += pick_each(page, items, page.touchscreen.tap)
        tip = page.evaluate(TIP)
        assert tip is None, f"a tap left a tooltip over the map: {tip}"
    assert not misses, f"{198 - len(misses)} of 198 opened their own panel; misses: {'; '.join(misses)}"
    context.close()


def test_a_tap_scrolls_the_panel_into_view_and_the_region_survives_reload(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    page = context.new_page()
    open_map(page, live_server + "/?date=2019-03-01&region=americas")
    page.wait_for_function("() => document.getElementById('region-americas').getAttribute('aria-pressed') === 'true'")
    brazil = next(s for s in states() if s[0] == "BRA")
    page.touchscreen.tap(*stable_point(page, brazil[3]))
    page.locator("#country-panel h2", has_text="Brazil").wait_for(timeout=10000)
    page.wait_for_function(
        "() => { const r = document.getElementById('panel-wrap').getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight - 80; }"
    )
    assert "region=americas" in page.url and "country=BRA" in page.url
    page.tap("#region-europe")
    page.wait_for_function("() => new URL(location).searchParams.get('region') === 'europe'")
    page.go_back()
    page.wait_for_function("() => document.getElementById('region-americas').getAttribute('aria-pressed') === 'true'")
    page.click("#embed-button")
    page.wait_for_function("() => document.querySelector('#embed-snippet').textContent.includes('region=americas')")
    context.close()


def test_a_tap_just_after_a_redraw_opens_the_state_under_the_finger(browser, live_server):
    """Plotly puts the markers back on their points when it redraws; until they are placed again,
    San Marino's disc covers Italy's interior in the phone's Europe view. A tap in that window
    must still open Italy (the pick places pending markers first)."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    page = context.new_page()
    open_map(page, live_server + "/?date=2019-03-01&region=europe")
    page.wait_for_function(
        "() => document.querySelector('#map .js-plotly-plot').getAttribute('data-region') === 'europe'"
    )
    page.wait_for_function("() => window.wbwMarkers && 'SMR' in window.wbwMarkers().placed")
    italy = next(s for s in states() if s[0] == "ITA")
    x, y = stable_point(page, italy[3])
    page.evaluate(
        "() => { const A = wbwLib.plotlyAdapter;"
        " A.markers(A.graph()).forEach(m => { m.el.style.transform = ''; m.el.style.display = ''; }); }"
    )
    page.touchscreen.tap(x, y)
    page.wait_for_function("() => new URL(location).searchParams.get('country')", timeout=5000)
    assert page.evaluate("() => new URL(location).searchParams.get('country')") == "ITA"
    context.close()


def test_the_page_stays_still_for_a_reader_who_pressed_again_before_the_panel_came(browser, live_server):
    """A tap opens a panel below the map; if the reader has pressed anywhere again before its
    statements arrive, the page does not scroll away under that finger when they do."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    page = context.new_page()
    open_map(page, live_server + "/?date=2019-03-01&region=americas")
    page.wait_for_function("() => document.getElementById('region-americas').getAttribute('aria-pressed') === 'true'")
    held = []
    page.route("**/countries/BRA.json", lambda route: held.append(route))  # held until released
    brazil = next(s for s in states() if s[0] == "BRA")
    page.touchscreen.tap(*stable_point(page, brazil[3]))
    page.wait_for_function(f"() => ({SELECTED})() === 'BRA'")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the panel asked for Brazil's statements"
    below = "() => document.getElementById('panel-wrap').getBoundingClientRect().top > innerHeight - 80"
    assert page.evaluate(below), "the panel opens below the fold (else nothing would scroll)"
    y = page.evaluate("() => scrollY")
    h1 = page.locator("h1").first.bounding_box()
    page.touchscreen.tap(h1["x"] + 10, h1["y"] + h1["height"] / 2)  # the reader's next press
    held[0].continue_()
    page.locator("#country-panel h2", has_text="Brazil").wait_for(timeout=10000)
    page.wait_for_timeout(800)  # the reveal checks every 50 ms and scrolls for a few hundred
    assert page.evaluate("() => scrollY") == y
    context.close()


OUTLINE = """() => { const gd = document.querySelector('#map .js-plotly-plot');
  const o = gd.querySelector('path.wbw-outline'), ring = gd.querySelector('path.wbw-ring');
  const shape = iso => [...gd.querySelectorAll('path.choroplethlocation')].find(e => e.__data__.loc === iso);
  const marker = iso => wbwLib.plotlyAdapter.markers(gd).find(m => m.iso3 === iso);
  const sel = new URL(location).searchParams.get('country');
  return {outlined: o ? [...gd.querySelectorAll('path.choroplethlocation')].filter(e => e.getAttribute('d')
            === o.getAttribute('d')).map(e => e.__data__.loc) : [],
          onTop: o ? o.parentNode === o.parentNode.parentNode.lastElementChild : null,
          ring: ring && ring.style.display !== 'none' ? ring.style.transform : null,
          marker: sel && marker(sel) && marker(sel).el.style.display !== 'none' ? marker(sel).el.style.transform : null,
          redraws: window.__redraws}; }"""


def test_a_selected_state_is_outlined_and_ringed_without_a_plotly_redraw(browser, live_server):
    """Clicking a state outlines its drawn shape (and rings a small state's marker) at once, with no
    plotly restyle (a redraw of every shape that the next tap would wait behind). The panel
    narrowing the map is a resize, which plotly redraws; the outline and ring follow it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_map(page, live_server + "/?date=2019-03-01")
    page.wait_for_function("() => window.wbwMarkers && 'JAM' in window.wbwMarkers().placed")
    page.evaluate(
        """() => { window.__redraws = 0; const gd = document.querySelector('#map .js-plotly-plot');
            gd.on('plotly_restyle', () => { window.__redraws += 1; }); }"""
    )
    by_iso = {s[0]: s for s in states()}
    for iso3, small in (("BRA", False), ("JAM", True), ("FRA", False)):
        page.mouse.click(*stable_point(page, by_iso[iso3][3]))
        page.locator("#country-panel h2", has_text=by_iso[iso3][1]).wait_for(timeout=30000)
        if small:  # the panel narrowed the map: the marker is placed again, the ring with it
            page.wait_for_function(f"() => {{ const g = ({OUTLINE})(); return g.ring && g.ring === g.marker; }}")
        got = page.evaluate(OUTLINE)
        assert got["outlined"] == [iso3] and got["onTop"], str(got)
        if not small:
            assert got["ring"] is None, got
        assert got["redraws"] == 0, got
    page.click("#panel-close")
    page.wait_for_function(CLOSED)
    got = page.evaluate(OUTLINE)
    assert got["outlined"] == [] and got["ring"] is None, got
    context.close()


def test_two_quick_taps_on_neighbours_pick_both_and_leave_the_view(browser, live_server):
    """Plotly's geo zoom zooms in on a second touch within 500 ms, and resets the view on the
    double click the browser makes of two quick taps: neither may happen to a reader tapping
    from country to country."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    page = context.new_page()
    open_map(page, live_server + "/?date=2019-03-01&region=europe")
    page.wait_for_function("() => document.getElementById('region-europe').getAttribute('aria-pressed') === 'true'")
    view = """() => { const g = document.querySelector('#map .js-plotly-plot')._fullLayout.geo;
      return JSON.stringify([g.projection.scale, g.projection.rotation.lon, g.center.lon, g.center.lat]); }"""
    before = page.evaluate(view)
    by_iso = {s[0]: s for s in states()}
    picked = []
    for iso3 in ("CHE", "CZE", "DEU", "AUT"):
        page.touchscreen.tap(*stable_point(page, by_iso[iso3][3]))
        page.wait_for_function(f"(iso) => ({SELECTED})() === iso", arg=iso3, timeout=5000)
        picked.append(page.evaluate(SELECTED))
    assert picked == ["CHE", "CZE", "DEU", "AUT"]
    page.wait_for_timeout(600)
    assert page.evaluate(view) == before
    context.close()
