"""The Spanish page in a real browser: `?lang=es` from the markup to the panel, URL and axe."""

from __future__ import annotations

import csv
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from events.loader import DEFAULT_DATA_DIR

from ..conftest import start_server, stop_server
from .test_a11y import ready, violations

pytestmark = pytest.mark.browser

# Brazil's statement in force on 5 February 2019 (a restatement; Brazil recognised Guaidó on 23 January),
# given a Spanish summary of our own; the 23 January one loses its own, to show the English fallback.
EVENT = "20190204-lima-group-ottawa-declaration"
UNTRANSLATED = "20190123-bra-col-gtm-cri-recognise-guaido"
SUMMARY_ES = (
    "Reunidos en Ottawa, once miembros del Grupo de Lima reafirmaron su reconocimiento de Guaidó como "
    "presidente interino, acogieron a su gobierno en el grupo y acordaron trabajar con los enviados que designe."
)


def with_summary_es(folder, event_id: str, text: str) -> None:
    """Set one event's `summary_es` in a copy of the events folder (the rest stays as shipped)."""
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not any(row["id"] == event_id for row in rows):
            continue
        for row in rows:
            if row["id"] == event_id:
                row["summary_es"] = text
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return
    raise AssertionError(f"no event {event_id}")


@pytest.fixture(scope="module")
def spanish_server(tmp_path_factory):
    """The dashboard on a copy of the shipped events with one Spanish summary filled in."""
    events = tmp_path_factory.mktemp("events-es") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, events)
    with_summary_es(events, EVENT, SUMMARY_ES)
    with_summary_es(events, UNTRANSLATED, "")
    proc, base = start_server("--events", str(events))
    yield base
    stop_server(proc)


@pytest.fixture(scope="module")
def page(browser, spanish_server):
    """One page (CSP bypassed so axe can be injected) on the Spanish deep link, ready."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    tab.set_default_timeout(90000)
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    ready(tab, spanish_server + "/?lang=es&date=2019-02-05&country=BRA")
    tab.locator("#country-panel li.is-current").wait_for()
    tab.errors = errors
    yield tab
    context.close()


def test_markup_legend_and_controls_are_spanish(page):
    assert page.evaluate("() => document.documentElement.lang") == "es"
    assert page.title() == "Quién apoya a quién en la crisis presidencial de Venezuela"
    assert page.locator(".legend-guaido .legend-label").text_content() == "Reconoce a Guaidó"
    assert page.locator(".legend-none .legend-label").text_content() == "Sin posición registrada"
    assert page.locator(".legend-subject .legend-label").text_content() == "Venezuela (el país en cuestión)"
    assert page.locator("#play").text_content() == "▶ Reproducir"
    assert page.locator("#date-text").text_content() == "5 feb 2019"
    thumb = page.locator("#date-slider [role=slider]")
    assert (thumb.get_attribute("aria-label"), thumb.get_attribute("aria-valuetext")) == ("Fecha", "5 feb 2019")
    hreflang = page.eval_on_selector_all("link[hreflang]", "ls => ls.map(l => l.hreflang + ' ' + l.href)")
    assert [h.split(" ")[0] for h in hreflang] == ["en", "es", "x-default"]
    assert "lang=es" in hreflang[1] and "lang=" not in hreflang[0] + hreflang[2]
    assert page.errors == []


def test_panel_is_spanish_with_the_english_fallback_marked(page):
    assert page.locator("#country-panel h2").text_content() == "Brasil"
    current = page.locator("#country-panel li.is-current")
    assert current.locator(".ev-summary").text_content() == SUMMARY_ES
    assert current.locator(".ev-summary").get_attribute("lang") is None  # in the page's language
    assert current.locator(".ev-date").text_content() == "4 de febrero de 2019"
    # the 23 January statement has no summary_es here: the English summary, marked lang="en"
    origin = page.locator(f'#country-panel li[data-event-id="{UNTRANSLATED}"] .ev-summary')
    assert origin.get_attribute("lang") == "en"
    assert origin.text_content().startswith("Following the US lead, Brazil")
    why = page.locator("#panel-why").text_content()
    assert why.startswith("Por qué este color el 5 feb 2019: Reconoce a Guaidó desde el 23 ene 2019")
    assert "Fuente: " in current.locator(".ev-source").text_content()


def test_chart_axis_and_labels_are_spanish(page):
    gd = "document.querySelector('#stance-chart .js-plotly-plot')"
    names = page.evaluate(f"() => {gd}.data.map(t => t.name)")
    assert "Reconoce a Guaidó" in names and "Recognises Guaidó" not in names
    assert page.evaluate(f"() => {gd}.layout.yaxis.title.text") == "Países"
    assert page.evaluate(f"() => {gd}._fullLayout.separators") == ",."  # plotly uses the Spanish locale


def test_table_headers_labels_and_an_accent_blind_filter(page):
    page.locator("details.table-wrap summary").click()
    page.locator("#stance-table .row-btn").first.wait_for()
    headers = page.locator("#stance-table th .sort-btn").all_inner_texts()
    assert headers == ["País", "Postura", "Desde", "ISO3"]
    page.fill("#table-filter", "mexico")
    page.wait_for_function("() => document.querySelectorAll('#stance-table tbody tr').length === 1")
    cells = page.locator("#stance-table tbody td").all_inner_texts()
    assert cells[0] == "México" and cells[1].strip() == "Neutral / diálogo"
    page.fill("#table-filter", "")
    page.locator("details.table-wrap summary").click()


def test_a_slider_step_keeps_lang_in_the_url(page):
    page.locator("#date-slider [role=slider]").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2019-02-06'")
    query = parse_qs(urlsplit(page.url).query)
    assert query["lang"] == ["es"] and query["country"] == ["BRA"]
    assert page.locator("#date-text").text_content() == "6 feb 2019"


def test_no_axe_violations_on_the_spanish_page(page):
    assert violations(page) == []
