"""axe-core (npm, injected into the page) finds no accessibility violation, at any impact."""

from __future__ import annotations

import re
import urllib.request

import pytest

from tests.servers import start_server, stop_server

from ..conftest import NODE_MODULES

pytestmark = pytest.mark.browser

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.fixture(params=list(SIZES))
def sized_page(request, browser):
    """A page at desktop or phone size (phone: touch, mobile viewport); CSP lets the test inject axe."""
    phone = request.param == "phone"
    context = browser.new_context(viewport=SIZES[request.param], has_touch=phone, is_mobile=phone, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(90000)
    yield page
    context.close()


def ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#map .choroplethlocation", state="attached")
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
    page.wait_for_function("() => document.querySelector('#date-slider [role=slider]').hasAttribute('aria-valuetext')")


def violations(page) -> list[str]:
    """Every axe violation as 'rule (impact): targets'."""
    assert AXE.is_file(), f"{AXE} missing: run `npm ci`"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:5]]}" for v in result["violations"]]


def test_no_violations_with_the_panel_closed(sized_page, live_server):
    ready(sized_page, live_server + "/?date=2019-02-05")
    assert sized_page.locator("#panel-wrap").is_hidden()
    assert violations(sized_page) == []


def test_no_violations_with_the_panel_open(sized_page, live_server):
    ready(sized_page, live_server + "/?date=2019-02-05&country=BRA")
    sized_page.locator("#country-panel li.is-current").wait_for()
    assert violations(sized_page) == []


def test_no_violations_with_the_table_open(sized_page, live_server):
    ready(sized_page, live_server + "/?date=2019-02-05")
    sized_page.evaluate("() => { document.querySelector('details.table-wrap').open = true; }")
    sized_page.wait_for_function("() => document.querySelectorAll('#stance-table tbody tr').length === 198")
    assert violations(sized_page) == []


def test_landmarks_language_and_slider_name(sized_page, live_server):
    ready(sized_page, live_server + "/?date=2019-02-05")
    page = sized_page
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert page.locator("main").count() == 1
    assert page.evaluate("() => document.querySelectorAll('footer').length") == 1  # one contentinfo
    thumb = page.locator("#date-slider [role=slider]")
    assert thumb.get_attribute("aria-label") == "Date"
    assert thumb.get_attribute("aria-valuetext") == "5 Feb 2019"
    thumb.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('#date-slider [role=slider]').getAttribute('aria-valuetext') === '6 Feb 2019'"
    )


@pytest.fixture(scope="module")
def drawn_server():
    """A server whose app waits ten minutes unasked: the drawn page stays what the reader sees."""
    proc, base = start_server(env={"WBW_BOOT_SECONDS": "600"})
    yield base
    stop_server(proc)


def without_javascript(url: str) -> str:
    """The page as a reader without JavaScript gets it: no scripts, and <noscript> content shown.

    (axe itself needs script, so this markup is what it checks, in a page that runs only axe.)
    """
    with urllib.request.urlopen(url) as resp:
        html = resp.read().decode("utf-8")
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    return html.replace("<noscript>", "<div>").replace("</noscript>", "</div>")


def fulfil_with(html: str):
    """A route handler answering with `html`."""
    return lambda route: route.fulfill(content_type="text/html; charset=utf-8", body=html)


@pytest.mark.parametrize("javascript", [True, False], ids=["before-the-app", "no-javascript"])
@pytest.mark.parametrize("query", ["date=2019-02-05", "date=2019-02-05&country=BRA&region=americas"])
def test_no_violations_on_the_drawn_page(browser, drawn_server, javascript, query):
    """What a reader sees first (the server-drawn page, before any interaction starts the app, or
    with JavaScript off) passes axe too, at desktop and phone size."""
    url = f"{drawn_server}/?{query}"
    for size, viewport in SIZES.items():
        phone = size == "phone"
        context = browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone, bypass_csp=True)
        page = context.new_page()
        if not javascript:
            html = without_javascript(url)
            assert "<script" not in html and "<noscript" not in html
            page.route(url, fulfil_with(html))
        page.goto(url)
        page.wait_for_selector("#wbw-ssr svg [data-iso3]", state="attached")
        assert page.evaluate(
            "() => !window.dash_clientside && !document.documentElement.classList.contains('wbw-live')"
        )
        found = violations(page)
        context.close()
        assert found == [], f"{size}: {found}"
