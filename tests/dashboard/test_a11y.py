"""axe-core (npm, injected into the page) finds no accessibility violation, at any impact."""

from __future__ import annotations

import pytest

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
