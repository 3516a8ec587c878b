"""Hostile input: statements render as text, parameters never cause a 5xx."""

import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import create_app

from ..conftest import start_server, stop_server

HOSTILE = "tests/dashboard/fixtures/hostile"


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


query_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(["/", "/api/stances.csv", "/api/events.csv", "/healthz"]),
    params=st.dictionaries(st.sampled_from(["date", "country", "embed", "x"]), query_text, max_size=3),
)
def test_fuzz_api_and_page_parameters_never_5xx(client, path, params):
    resp = client.get(path + "?" + urllib.parse.urlencode(params))
    assert resp.status_code < 500
    if path == "/":
        assert resp.status_code == 200


@pytest.mark.browser
def test_statements_render_as_text(browser):
    proc, base = start_server("--events", HOSTILE)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "/?date=2019-02-01&country=USA")
        page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=30000)
        page.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
        panel = page.locator("#country-panel")
        panel.locator("li[data-event-id='20190123-hostile-html']").wait_for(timeout=30000)
        text = panel.inner_text()
        assert "<script>window.__pwned=1</script>" in text
        assert '<img src=x onerror="window.__pwned=1">' in text
        assert "🇻🇪" in text and "שלום" in text
        assert panel.locator("script, img, b, i").count() == 0
        assert page.locator("#country-panel a[href^='javascript']").count() == 0
        # hover labels are escaped too: plotly would otherwise render <b>/<a> tags from text
        hover = page.evaluate("() => document.querySelector('#map .js-plotly-plot').data[1].text")
        assert any("&lt;script&gt;" in t for t in hover)
        assert page.evaluate("() => window.__pwned") is None
        assert errors == []
        context.close()
    finally:
        stop_server(proc)


@pytest.mark.browser
def test_url_state_parser_properties(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/")
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
    h = "document.querySelector('#map') && window.dash_clientside"

    @settings(max_examples=150, deadline=None)
    @given(search=st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
    def check(search):
        got = page.evaluate(
            """(s) => { const store = window.wbwHistory(); const r = window.wbwInternals.parseSearch(store, s);
                return [r.day, r.country, r.embed, store.days, store.countries.includes(r.country)]; }""",
            search,
        )
        day, country, embed, days, known = got
        assert 0 <= day < days
        assert country is None or known
        assert embed in (True, False)

    assert page.evaluate(f"() => !!({h})")
    check()
    page.close()
