"""Two languages: complete catalogues, the Spanish page and data, locale formatting, caching."""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from pathlib import Path

import pytest

import geodata
from dashboard import i18n, i18n_page, localize
from dashboard.analyst_layout import STRINGS
from dashboard.analyst_payload import BASIS_LABELS
from dashboard.app import create_app
from dashboard.layout import EMBED_VARIANTS, TABLE_COLUMNS
from dashboard.regions import REGIONS
from dashboard.statements import all_country_statements
from events import build_timeline, load_events
from events.crisis import load_crisis

ROOT = Path(__file__).resolve().parents[2]
# a key written out in code: t("a.b"), text("a.b", ...), W.t("key") / t("key") in the scripts
PY_KEY = re.compile(r"""\b(?:t|text)\(\s*"([a-z_]+\.[A-Za-z_.]+)\"""")
JS_KEY = re.compile(r"""\bt\(\s*"([a-z_]+)\"""")


@pytest.fixture(scope="module")
def client():
    return create_app(reload_seconds=0).server.test_client()


def fields(value: str) -> set[str]:
    """The `{name}` placeholders of a catalogue string."""
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


def test_every_catalogue_has_the_same_keys_and_placeholders():
    english = i18n.catalogue(i18n.DEFAULT)
    for lang in i18n.LANGUAGES:
        other = i18n.catalogue(lang)
        assert sorted(set(english) - set(other)) == [], f"{lang}.toml lacks these keys"
        assert sorted(set(other) - set(english)) == [], f"{lang}.toml has keys en.toml lacks"
        wrong = [k for k in english if fields(english[k]) != fields(other[k])]
        assert wrong == [], f"{lang}.toml: placeholders differ from en.toml"
        assert all(v.strip() for v in other.values()), f"{lang}.toml has an empty string"


def test_every_key_the_code_uses_is_in_the_catalogues():
    keys = set(i18n.catalogue(i18n.DEFAULT))
    py = {k for f in (ROOT / "dashboard").glob("*.py") for k in PY_KEY.findall(f.read_text(encoding="utf-8"))}
    js = {k for f in (ROOT / "assets").glob("wbw-*.js") for k in JS_KEY.findall(f.read_text(encoding="utf-8"))}
    assert len(py) > 40 and len(js) > 15  # the patterns still find the calls
    built = (
        {f"regions.{r}" for r in REGIONS}
        | {f"embed.{key}_{part}" for key, *_ in EMBED_VARIANTS for part in ("title", "help")}
        | {f"table.{key}" for _, key in TABLE_COLUMNS}
        | {f"basis.{k}" for k in BASIS_LABELS}
        | {f"analyst_js.{k}" for k in STRINGS}
        | {f"analyst.shares_{k}" for k in ("stance", "countries", "un", "population")}
    )
    missing = sorted((py | built | {f"js.{k}" for k in js}) - keys)
    assert missing == []


def test_unknown_or_missing_language_is_the_default():
    assert [i18n.choose(v) for v in (None, "", "es", "ES ", "fr", "es-ES", "<x>")] == ["en", "en", "es", "es"] + [
        "en"
    ] * 3


def test_dates_and_numbers_follow_the_locale():
    day = dt.date(2019, 2, 5)
    assert i18n.day_text(day, "en") == "5 Feb 2019"
    assert i18n.day_text(day, "es") == "5 feb 2019"
    assert i18n.long_day_text(day, "es") == "5 de febrero de 2019"
    assert i18n.month_text(day, "es") == "febrero de 2019"
    assert i18n.month_text(day, "en") == "February 2019"
    assert (i18n.number_text(1234567.5, "en"), i18n.number_text(1234567.5, "es")) == ("1,234,567.5", "1.234.567,5")
    fmt = localize.plotly_locale("es")["format"]
    assert (
        fmt["shortMonths"][1] == "feb"
        and fmt["days"][0] == "domingo"
        and (fmt["decimal"], fmt["thousands"])
        == (
            ",",
            ".",
        )
    )


def layout_texts(node, out: list[str]) -> list[str]:
    """Every text a reader sees or hears in a Dash layout (not the Stores' data, not figures)."""
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, list):
        for child in node:
            layout_texts(child, out)
    elif isinstance(node, dict) and "props" in node:
        props = node["props"]
        if node.get("type") in ("Store", "Graph"):
            return out
        for key in ("title", "placeholder", "aria-label"):
            if isinstance(props.get(key), str):
                out.append(props[key])
        layout_texts(props.get("children"), out)
        for mark in (props.get("marks") or {}).values():
            out.append(mark["label"])
    return out


def test_the_spanish_layout_has_no_english_string(client):
    crisis = load_crisis()
    english = {v.strip() for v in i18n.catalogue("en").values()} | set(localize.category_labels("en", crisis).values())
    spanish = {v.strip() for v in i18n.catalogue("es").values()} | set(localize.category_labels("es", crisis).values())
    texts = layout_texts(client.get("/_dash-layout?lang=es").get_json(), [])
    leftover = sorted({s for s in texts if s.strip() in english - spanish})
    assert leftover == []
    for seen in ("▶ Reproducir", "Reconoce a Guaidó", "Venezuela (el país en cuestión)", "Mundo", "10 ene 2019"):
        assert seen in texts
    assert "▶ Play" in layout_texts(client.get("/_dash-layout?lang=xx").get_json(), [])


def test_the_page_says_its_language_alternates_and_strings(client):
    page = client.get('/?lang=es&date=2019-02-05&x="><b>').get_data(as_text=True)
    assert '<html lang="es"' in page and "<title>Quién apoya a quién" in page
    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
    assert [code for code, _ in links] == ["en", "es", "x-default"]
    assert links[1][1] == "http://localhost/?date=2019-02-05&amp;x=%22%3E%3Cb%3E&amp;lang=es"
    assert "<b>" not in page
    block = re.search(r'<script type="application/json" id="wbw-i18n">(.*?)</script>', page).group(1)
    body = json.loads(block)
    assert (body["lang"], body["locale"], body["strings"]["play"]) == ("es", "es-ES", "▶ Reproducir")
    english = client.get("/?lang=fr").get_data(as_text=True)
    assert '<html lang="en"' in english and '"lang":"en"' in english


def test_etags_differ_per_language(client):
    for path in ("/", "/_dash-layout"):
        en, es = client.get(path), client.get(path + "?lang=es")
        assert en.headers["ETag"] != es.headers["ETag"]
        assert client.get(path + "?lang=es", headers={"If-None-Match": en.headers["ETag"]}).status_code == 200
        assert client.get(path + "?lang=es", headers={"If-None-Match": es.headers["ETag"]}).status_code == 304
    assert client.get("/?lang=zz").headers["ETag"] == client.get("/").headers["ETag"]


def test_published_spanish_files_and_the_english_api(client):
    version = client.get("/data/version.json").get_json()["version"]
    brazil = client.get(f"/data/{version}/es/countries/BRA.json").get_json()
    assert brazil["name"] == "Brasil" and brazil["events"][0]["date_text"].endswith("de 2019")
    history = client.get(f"/data/{version}/es/history.json").get_json()
    assert history["names"][history["countries"].index("DEU")] == "Alemania"
    assert history["labels"][1:3] == ["Reconoce a Guaidó", "Respalda a Maduro"]
    assert client.get(f"/data/{version}/es/chart.json").get_json()["layout"]["yaxis"]["title"]["text"] == "Países"
    assert client.get(f"/data/{version}/fr/history.json").status_code == 404
    csv = client.get("/api/stances.csv?date=2019-02-05&lang=es").get_data(as_text=True)
    assert csv.startswith("iso3,name,stance,since,event_id") and ",Brazil,guaido," in csv


def test_spanish_panel_text_uses_summary_es_and_marks_the_english_fallback():
    events = load_events()
    row = events.index[events["id"] == "20190204-lima-group-ottawa-declaration"][0]
    events.loc[row, "summary_es"] = "Reunidos en Ottawa, once miembros del Grupo de Lima reafirmaron su apoyo a Guaidó."
    events.loc[events["id"] == "20190123-bra-col-gtm-cri-recognise-guaido", "summary_es"] = ""  # not yet written
    timeline, states = build_timeline(events), geodata.load_boundaries()
    bodies = localize.statements_for(all_country_statements(timeline, states), timeline, states, "es")
    by_id = {ev["id"]: ev for ev in bodies["BRA"]["events"]}
    ottawa, origin = by_id["20190204-lima-group-ottawa-declaration"], by_id["20190123-bra-col-gtm-cri-recognise-guaido"]
    assert bodies["BRA"]["name"] == "Brasil"
    assert (ottawa["summary"], ottawa["summary_lang"]) == (events.loc[row, "summary_es"], None)
    assert ottawa["date_text"] == "4 de febrero de 2019" and ottawa["quote"] == events.loc[row, "quote"]
    assert origin["summary_lang"] == "en" and origin["summary"].startswith("Following the US lead")
    assert origin["actor_lang"] == "en"
    assert localize.statements_for({"X": {"events": []}}, timeline, states, "en") == {"X": {"events": []}}


def test_page_url_keeps_the_query_and_sets_lang():
    base, query = "https://example.org/", [("date", "2019-02-05"), ("lang", "es"), ("country", "BRA")]
    assert i18n_page.page_url(base, query, None) == "https://example.org/?date=2019-02-05&country=BRA"
    assert i18n_page.page_url(base, query, "es") == "https://example.org/?date=2019-02-05&country=BRA&lang=es"
    assert i18n_page.page_url(base, [], None) == base


def test_oembed_keeps_the_language_of_the_page_url(client):
    url = "http://localhost/?lang=es&date=2019-02-05&country=BRA"
    answer = client.get("/oembed", query_string={"url": url}).get_json()
    assert answer["title"] == "Quién apoya a quién en la crisis presidencial de Venezuela: Brasil, 5 feb 2019"
    assert "lang=es" in answer["html"]
    english = client.get("/oembed", query_string={"url": "http://localhost/?lang=fr&country=BRA"}).get_json()
    assert english["title"].endswith(": Brazil") and "lang=" not in english["html"]
