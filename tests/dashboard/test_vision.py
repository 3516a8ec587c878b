"""Each stance stays distinct in greyscale and under Chromium's colour-vision emulation.

The page is screenshot under `Emulation.setEmulatedVisionDeficiency` (the rendering a reader
with that vision sees); the mean luminance of every stance's legend swatch and of a block inside
one large country per stance on the map must differ pairwise, so colour plus pattern never
collapse into one grey.
"""

from __future__ import annotations

import itertools

import pytest

from dashboard import figures, theme
from events.crisis import load_crisis

from .pixels import decode_png, luminance

LOOK = theme.for_crisis(load_crisis())  # the shipped crisis's categories, labels and colours

pytestmark = pytest.mark.browser

VISIONS = ("none", "achromatopsia", "deuteranopia", "protanopia")
SHOWN = ("guaido", "maduro", "neutral", "assembly", "withdrawn", theme.NONE)
MIN_GAP = 15  # of 255: well above what a reader needs to tell two flat areas apart
DATE = "2021-02-04"  # all five stances on the map at once (three recognitions withdrawn)
# one large, compact state per category on DATE
ON_MAP = {"guaido": "CAN", "maduro": "CHN", "neutral": "IND", "assembly": "FRA", "withdrawn": "ARG", "none": "DZA"}

INSIDE = """(iso) => {
  const el = [...document.querySelectorAll('#map .choroplethlocation')].find(e => e.__data__ && e.__data__.loc === iso);
  const inv = el.getScreenCTM().inverse(), b = el.getBoundingClientRect(), r = 9;
  const markers = [...document.querySelectorAll('#map .scattergeo path.point')].map(m => m.getBoundingClientRect());
  const inFill = (x, y) => el.isPointInFill(new DOMPoint(x, y).matrixTransform(inv));
  const clear = (x, y) => !markers.some(m => m.right > x - r && m.left < x + r && m.bottom > y - r && m.top < y + r);
  const pts = [];
  for (let y = b.top + r; y < b.bottom - r; y += 3) for (let x = b.left + r; x < b.right - r; x += 3) {
    if ([[0, 0], [-r, -r], [r, -r], [-r, r], [r, r], [0, -r], [0, r], [-r, 0], [r, 0]]
        .every(([dx, dy]) => inFill(x + dx, y + dy)) && clear(x, y)) pts.push([x, y]);
  }
  return pts.length ? pts[Math.floor(pts.length / 2)] : null;
}"""


@pytest.fixture(scope="module")
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(90000)
    page.goto(f"{live_server}/?date={DATE}")
    page.wait_for_selector("#map .choroplethlocation", state="attached")
    page.wait_for_function("() => document.querySelector('#date-text').textContent === '4 Feb 2021'")
    # the map shows the patterns (painted after plotly drew the shapes)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#map .choroplethlocation')].some(e => e.style.fill.startsWith('url('))"
    )
    page.mouse.move(2, 2)  # no tooltip over the map
    yield page
    context.close()


def means(page, vision: str, boxes: dict[str, tuple[float, float, float, float]]) -> dict[str, float]:
    """Mean luminance of each box (x, y, w, h in CSS px) in a screenshot under `vision`."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": vision})
    try:
        pixels = decode_png(page.screenshot())
    finally:
        cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": "none"})
        cdp.detach()
    out = {}
    for name, (x, y, w, h) in boxes.items():
        block = pixels[round(y) : round(y + h), round(x) : round(x + w)].astype(float)
        assert block.size, name
        out[name] = float(luminance(block).mean())
    return out


def assert_apart(values: dict[str, float], where: str) -> None:
    gaps = {(a, b): abs(values[a] - values[b]) for a, b in itertools.combinations(values, 2)}
    close = {pair: round(gap, 1) for pair, gap in gaps.items() if gap < MIN_GAP}
    assert not close, f"{where}: too close in luminance {close} (all: { {k: round(v) for k, v in values.items()} })"


def swatch_boxes(page) -> dict[str, tuple[float, float, float, float]]:
    boxes = {}
    for name in SHOWN:
        b = page.locator(f".legend-{name} .swatch").bounding_box()
        boxes[name] = (b["x"] + 2, b["y"] + 2, b["width"] - 4, b["height"] - 4)  # inside the border
    return boxes


@pytest.mark.parametrize("vision", VISIONS)
def test_legend_swatches_differ(page, vision):
    assert_apart(means(page, vision, swatch_boxes(page)), f"legend under {vision}")


@pytest.mark.parametrize("vision", VISIONS)
def test_map_fills_differ(page, vision):
    boxes = {}
    for name, iso3 in ON_MAP.items():
        point = page.evaluate(INSIDE, iso3)
        assert point, f"no 18×18 px block inside {iso3}"
        boxes[name] = (point[0] - 8, point[1] - 8, 16, 16)
    values = means(page, vision, boxes)
    assert_apart(values, f"map under {vision}")


def test_each_stance_has_its_own_pattern_on_map_legend_chart_and_table(page):
    kinds = [LOOK.patterns[s] for s in SHOWN if s != theme.NONE]
    assert len(set(kinds)) == len(kinds)  # five stances, five patterns (one of them solid)
    fills = page.evaluate(
        """(iso) => Object.fromEntries(Object.entries(iso).map(([k, v]) => [k, getComputedStyle(
            [...document.querySelectorAll('#map .choroplethlocation')].find(e => e.__data__.loc === v)).fill]))""",
        ON_MAP,
    )
    for name, fill in fills.items():
        expected = LOOK.fill_for(name)
        assert fill == (f'url("{expected[4:-1]}")' if expected.startswith("url(") else fill), name
    assert page.locator("#map pattern[id^='wbw-pat-']").count() == sum(k != "solid" for k in LOOK.patterns.values())
    chart = page.evaluate("() => document.querySelector('#stance-chart .js-plotly-plot').data.map(t => t.fillpattern)")
    assert sum(1 for p in chart if p and p.get("shape")) == 4
    page.evaluate("() => { document.querySelector('details.table-wrap').open = true; }")
    page.wait_for_function("() => document.querySelectorAll('#stance-table tbody tr').length === 198")
    arg = page.locator("#stance-table tr", has=page.locator("td", has_text="Argentina")).locator(".swatch")
    assert "url(" in arg.evaluate("e => getComputedStyle(e).backgroundImage")


def test_patterns_survive_plotlys_own_redraws(page):
    """Plotly repaints plain colours whenever it redraws (zoom, reset, a new plot): the patterns come back.

    A pause after a step costs no redraw at all: plotly's own data follows the step in place.
    """

    def russia_fill() -> str:
        return page.evaluate(
            """() => getComputedStyle([...document.querySelectorAll('#map .choroplethlocation')]
                .find(e => e.__data__.loc === 'RUS')).fill"""
        )

    page.evaluate(
        """() => { window.restyles = 0;
            document.querySelector('#map .js-plotly-plot').on('plotly_restyle', () => { window.restyles += 1; }); }"""
    )
    page.focus("#date-slider [role=slider]")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('#date-text').textContent === '5 Feb 2021'")
    page.wait_for_function(
        """([t, code]) => { const gd = document.querySelector('#map .js-plotly-plot');
            return gd.data[t].z[gd.data[t].locations.indexOf('RUS')] === code; }""",
        arg=[figures.STATE_TRACE, LOOK.code["maduro"]],
    )
    page.wait_for_timeout(600)
    assert page.evaluate("() => window.restyles") == 0
    assert russia_fill() == 'url("#wbw-pat-maduro")'
    page.hover("#map .main-svg")
    page.click("#map .modebar-btn[data-title='Zoom in']")
    page.wait_for_timeout(600)
    assert russia_fill() == 'url("#wbw-pat-maduro")'
    page.click("#map .modebar-btn[data-title='Reset']")
    page.wait_for_timeout(600)
    assert russia_fill() == 'url("#wbw-pat-maduro")'
    # a full redraw (plotly draws plain colours and drops every listener): the next step repaints
    page.evaluate(
        "() => { const gd = document.querySelector('#map .js-plotly-plot');"
        " return Plotly.newPlot(gd, gd.data, gd.layout, gd._context); }"
    )
    assert russia_fill().startswith("rgb(")
    page.focus("#date-slider [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => document.querySelector('#date-text').textContent === '4 Feb 2021'")
    assert russia_fill() == 'url("#wbw-pat-maduro")'
    page.mouse.move(2, 2)
