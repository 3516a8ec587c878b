"""An invalid ?date= shows a visible notice and the map falls back to the last day."""

import pytest

pytestmark = pytest.mark.browser


def open_page(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory()", timeout=60000)
    return context, page, errors


@pytest.mark.parametrize("date", ["2030-01-01", "2019-02-30", "<script>x</script>", "yesterday"])
def test_invalid_date_shows_a_notice_and_falls_back(browser, live_server, date):
    from urllib.parse import quote

    context, page, errors = open_page(browser, f"{live_server}/?date={quote(date)}&country=ESP")
    notice = page.locator("#date-notice")
    notice.wait_for(state="visible", timeout=30000)
    text = notice.inner_text()
    first, last = page.evaluate(
        "() => { const h = window.wbwHistory(); return [window.wbwLib.fmtDay(h, 0), window.wbwLib.fmtDay(h, h.days - 1)]; }"
    )
    assert date in text and f"showing {last}" in text and f"{first} to {last}" in text
    assert page.locator("#date-notice script").count() == 0
    page.wait_for_function("(last) => document.querySelector('#date-text').textContent.includes(last)", arg=last)
    assert errors == []
    context.close()


def test_valid_date_shows_no_notice(browser, live_server):
    context, page, errors = open_page(browser, f"{live_server}/?date=2019-02-05")
    page.wait_for_function("() => document.querySelector('#date-text').textContent.includes('5 Feb 2019')")
    assert page.locator("#date-notice").is_hidden()
    assert errors == []
    context.close()
