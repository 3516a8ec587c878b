"""Real-browser tests: Debian's chromium via Playwright, asserting what a person sees."""

from __future__ import annotations

import csv
import io
import urllib.request

import pytest

from dashboard import theme
from events.crisis import load_crisis

from ..conftest import serve_html, start_server, step_requests, stop_server

LOOK = theme.for_crisis(load_crisis())  # the shipped crisis's categories, labels and colours

pytestmark = pytest.mark.browser


def computed_fill(category: str) -> str:
    """LOOK.fill_for(category) as the browser's getComputedStyle reports it."""
    fill = LOOK.fill_for(category)
    if fill.startswith("url("):
        return f'url("{fill[4:-1]}")'
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


NONE_RGB = computed_fill(theme.NONE)
GUAIDO_RGB = computed_fill("guaido")
ASSEMBLY_RGB = computed_fill("assembly")


def load(watch, url: str) -> None:
    watch.page.set_default_timeout(90000)  # the machine may be shared: wait for conditions, generously
    watch.page.goto(url)
    watch.page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=30000)
    # the clientside callbacks have run (history received, URL state applied)
    watch.page.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
    watch.page.wait_for_timeout(300)
    watch.settled = len(watch.callback_requests())


def fills(page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#map .choroplethlocation')]
            .filter(e => e.__data__ && e.__data__.trace && e.__data__.trace.name !== 'context' || true)
            .map(e => [e.__data__.loc, getComputedStyle(e).fill]))"""
    )


def state_fills(page) -> dict[str, str]:
    return page.evaluate(
        """() => { const gd = document.querySelector('#map .js-plotly-plot');
            const states = new Set(gd.data[1].locations);
            return Object.fromEntries([...document.querySelectorAll('#map .choroplethlocation')]
              .filter(e => states.has(e.__data__.loc)).map(e => [e.__data__.loc, getComputedStyle(e).fill])); }"""
    )


def click_country(page, iso3: str) -> None:
    box = page.evaluate(
        """(iso) => { const el = [...document.querySelectorAll('#map .choroplethlocation')]
            .find(e => e.__data__ && e.__data__.loc === iso); const b = el.getBoundingClientRect();
            return [b.x + b.width / 2, b.y + b.height / 2]; }""",
        iso3,
    )
    page.mouse.move(box[0], box[1])
    page.mouse.click(box[0], box[1])


def test_page_loads_offline_with_no_errors_and_draws_the_world(watched, live_server):
    load(watched, live_server + "/")
    paths = watched.page.locator("#map .choroplethlocation").count()
    assert paths >= 230
    # small-state markers: only those too small to hit as shapes at this size, none overlapping
    watched.page.wait_for_function("() => window.wbwMarkers && Object.keys(window.wbwMarkers().placed).length >= 40")
    assert watched.foreign_requests(live_server) == []
    # plotly.js comes from the vendored geo bundle; Dash's full bundle is never fetched
    assert any("/assets/vendor/plotly-geo.min.js" in u for u in watched.requests)
    assert not any("package_data/plotly.min.js" in u for u in watched.requests)
    assert watched.errors == []


def test_without_positions_every_country_shows_no_recorded_position(browser):
    proc, base = start_server("--events", "tests/dashboard/fixtures/no_positions.csv")
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + "/")
        page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=30000)
        page.wait_for_timeout(500)
        colours = state_fills(page)
        subject = colours.pop("VEN")
        assert len(colours) >= 190
        assert set(colours.values()) == {NONE_RGB}
        assert subject != NONE_RGB
        assert page.inner_text("#count-none") == "197"
        context.close()
    finally:
        stop_server(proc)


def test_keyboard_scrub_recolours_without_server_requests(watched, live_server):
    load(watched, live_server + "/?date=2019-01-23")
    assert state_fills(watched.page)["USA"] == GUAIDO_RGB
    before = len(watched.requests)
    watched.page.focus("#date-slider [role=slider]")
    watched.page.keyboard.press("ArrowLeft")
    watched.page.wait_for_function("() => document.querySelector('#date-text').textContent === '22 Jan 2019'")
    # before recognising Guaidó, the US backed the National Assembly (OAS vote of 10 Jan 2019)
    assert state_fills(watched.page)["USA"] == ASSEMBLY_RGB
    watched.page.keyboard.press("PageUp")  # a week later
    watched.page.wait_for_function("() => document.querySelector('#date-text').textContent === '29 Jan 2019'")
    assert state_fills(watched.page)["USA"] == GUAIDO_RGB
    watched.page.keyboard.press("Home")
    watched.page.wait_for_function("() => document.querySelector('#date-text').textContent === '10 Jan 2019'")
    watched.page.keyboard.press("End")
    watched.page.wait_for_function("() => document.querySelector('#date-text').textContent !== '10 Jan 2019'")
    for _ in range(3):  # steps at a reader's pace
        watched.page.keyboard.press("ArrowLeft")
        watched.page.wait_for_timeout(700)
    assert watched.callback_requests() == []
    # no request of any kind per step (the live-update poll on its own clock aside); the page's
    # icon is inline, since Chromium fetches a served one again after each history.replaceState
    assert step_requests(watched.requests[before:]) == []
    assert watched.errors == []


def test_click_bolivia_shows_morales_statement(watched, live_server):
    load(watched, live_server + "/?date=2019-01-24")
    click_country(watched.page, "BOL")
    panel = watched.page.locator("#country-panel")
    panel.get_by_text("Bolivia").first.wait_for(timeout=30000)
    item = panel.locator("li[data-event-id='20190123-bol-morales-backs-maduro']")
    assert "23 January 2019" in item.inner_text()
    assert "Morales" in item.inner_text()
    assert "is-current" in (item.get_attribute("class") or "")
    link = item.locator("a.ev-source")
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")
    assert link.get_attribute("href").startswith("http")
    assert "country=BOL" in watched.page.url
    assert watched.errors == []


def test_deep_link_opens_spain_with_its_recognition(watched, live_server):
    load(watched, live_server + "/?date=2019-02-05&country=ESP")
    panel = watched.page.locator("#country-panel")
    panel.locator("h2", has_text="Spain").wait_for(timeout=30000)
    why = watched.page.inner_text("#panel-why")
    assert "Recognises Guaidó" in why and "5 Feb 2019" in why
    current = panel.locator("li.is-current")
    current.wait_for(timeout=5000)
    assert "4 February 2019" in current.inner_text()
    assert watched.page.inner_text("#date-text") == "5 Feb 2019"
    # the selected country is outlined on the map
    outlined = """() => { const gd = document.querySelector('#map .js-plotly-plot');
        const o = gd.querySelector('g.wbw-selection path.wbw-outline');
        return [...gd.querySelectorAll('path.choroplethlocation')]
            .filter(e => o && e.getAttribute('d') === o.getAttribute('d')).map(e => e.__data__.loc); }"""
    watched.page.wait_for_function(f"() => ({outlined})().length > 0")
    assert watched.page.evaluate(outlined) == ["ESP"]


def test_invalid_url_values_fall_back_to_defaults(watched, live_server):
    load(watched, live_server + "/?date=2019-02-31&country=<script>&embed=yes")
    assert watched.page.inner_text("#date-text") != ""
    assert watched.page.locator("#panel-wrap").is_hidden()
    assert watched.errors == []


def height_host(site: str) -> str:
    """A host page that embeds `site` (date 2019-02-05, embed mode) and follows its height messages."""
    return f"""<html><body style="margin:0"><script>window.heights = [];
        window.addEventListener('message', e => {{ if (e.data && e.data.type === 'who-backs-whom:height') {{
          window.heights.push(e.data.height); document.querySelector('iframe').style.height = e.data.height + 'px'; }} }});
        </script><iframe src="{site}/?date=2019-02-05&embed=1" style="width:100%;border:0;height:300px"></iframe>
        </body></html>"""


@pytest.mark.parametrize("width", [320, 375, 1400])
def test_embed_mode_posts_its_content_height(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serve_html(height_host(live_server)) as host:  # a newsroom's article page, on another origin
        page.goto(host)
        check_embed(page, errors)
    context.close()


def check_embed(page, errors: list[str]) -> None:
    frame = page.frame_locator("iframe")
    frame.locator("#map .choroplethlocation").first.wait_for(state="attached", timeout=30000)
    page.wait_for_timeout(1000)
    heights = page.evaluate("() => window.heights")
    assert heights, "no height message was posted"
    inner = page.frames[1]
    content = inner.evaluate("() => Math.ceil(document.getElementById('root').getBoundingClientRect().height)")
    assert abs(heights[-1] - content) <= 1
    assert inner.evaluate("() => document.getElementById('root').classList.contains('embed')")
    no_hscroll = inner.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert no_hscroll
    assert errors == []


@pytest.mark.parametrize("date", ["2019-01-24", "2019-02-05", "2020-06-01", "2022-09-01"])
def test_table_api_and_map_agree(watched, live_server, date):
    with urllib.request.urlopen(f"{live_server}/api/stances.csv?date={date}") as resp:
        api = {r["iso3"]: r["stance"] for r in csv.DictReader(io.StringIO(resp.read().decode()))}
    load(watched, f"{live_server}/?date={date}")
    page = watched.page
    z = page.evaluate(
        "() => { const gd = document.querySelector('#map .js-plotly-plot');"
        " return Object.fromEntries(gd.data[1].locations.map((l, i) => [l, gd.data[1].z[i]])); }"
    )
    page.locator("details.table-wrap summary").click()
    # the page's generous default wait (see load): on a busy machine the table may fill late
    page.locator("#stance-table td[data-dash-column='iso3']").first.wait_for()
    page.wait_for_function("() => document.querySelectorAll('#stance-table tbody tr').length === 198")
    rows = page.evaluate(
        """() => [...document.querySelectorAll('#stance-table tbody tr')].map(tr =>
            [...tr.querySelectorAll('td')].map(td => td.innerText.trim())).filter(r => r.length === 4)"""
    )
    table = {r[3]: r[1] for r in rows}
    label_to_stance = {label: name for name, label in LOOK.labels.items()}
    map_stances = {iso: LOOK.categories[code] for iso, code in z.items()}
    for iso3, stance in api.items():
        assert map_stances[iso3] == stance, iso3
        assert label_to_stance[table[iso3]] == stance, iso3
    recorded = {iso for iso, s in map_stances.items() if s not in (theme.NONE, theme.SUBJECT)}
    assert recorded == set(api)
    assert len(table) == 198
