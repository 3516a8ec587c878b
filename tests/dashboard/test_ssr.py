"""The server-drawn page and images, from the HTML alone (Flask test client, no browser)."""

import csv
import html
import io
import re
import shutil
import struct

import numpy as np
import pytest

import geodata
from dashboard import svgmap, theme
from dashboard.app import create_app
from dashboard.caching import policy_from_env
from dashboard.current import get_store
from dashboard.regions import REGIONS, region_views, state_poles
from dashboard.ssr import parse_state
from events.crisis import load_crisis
from events.loader import DEFAULT_DATA_DIR

CRISIS = load_crisis()
LOOK = theme.for_crisis(CRISIS)

HOSTILE = "tests/dashboard/fixtures/hostile"
NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")
SHAPE = re.compile(r'<(?:path|circle) [^>]*?fill="([^"]+)" [^>]*?data-iso3="([A-Z]{3})"')


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def page(client, query: str) -> str:
    resp = client.get("/?" + query)
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def drawn_fills(text: str) -> dict[str, set[str]]:
    """Fill of every drawn state shape (paths and small-state dots) in the server-drawn map."""
    ssr = text[text.index('id="wbw-ssr"') : text.index('id="react-entry-point"')]
    svg = ssr[ssr.index("<svg") : ssr.index("</svg>")]
    out: dict[str, set[str]] = {}
    for fill, iso3 in SHAPE.findall(svg):
        out.setdefault(iso3, set()).add(fill)
    return out


def api_stances(client, date: str) -> dict[str, str]:
    resp = client.get(f"/api/stances.csv?date={date}")
    return {r["iso3"]: r["stance"] for r in csv.DictReader(io.StringIO(resp.get_data(as_text=True)))}


def expected_fill(iso3: str, api: dict[str, str]) -> str:
    if iso3 == CRISIS.subject:
        return LOOK.fill_for(theme.SUBJECT)
    return LOOK.fill_for(api.get(iso3, theme.NONE))


def test_drawn_map_matches_the_api_for_every_country_and_changes_with_the_date(client):
    dates = ("2019-01-22", "2019-02-05")
    fills, apis = {}, {}
    for date in dates:
        fills[date] = drawn_fills(page(client, f"date={date}"))
        apis[date] = api_stances(client, date)
        assert len(fills[date]) == 198  # every interactive state is drawn, once in one fill
        for iso3, drawn in fills[date].items():
            assert drawn == {expected_fill(iso3, apis[date])}, (date, iso3)
    changed_stance = {i for i in fills[dates[0]] if apis[dates[0]].get(i) != apis[dates[1]].get(i)}
    changed_fill = {i for i in fills[dates[0]] if fills[dates[0]][i] != fills[dates[1]][i]}
    # fills differ exactly where the stances differ (some stances share no fill, so compare both ways)
    assert changed_fill <= changed_stance
    assert {i for i in changed_stance if expected_fill(i, apis[dates[0]]) != expected_fill(i, apis[dates[1]])} == (
        changed_fill
    )
    assert len(changed_fill) >= 20  # 23 January 2019: dozens of governments took a side


def test_legend_counts_titles_and_date_are_in_the_html(client):
    text = page(client, "date=2019-02-05")
    api = api_stances(client, "2019-02-05")
    ssr = text[text.index('id="wbw-ssr"') : text.index('id="react-entry-point"')]
    for stance in ("guaido", "maduro", "neutral"):
        n = sum(1 for s in api.values() if s == stance)
        item = re.search(rf'legend-{stance}".*?legend-count">(\d+)<', ssr).group(1)
        assert int(item) == n
    assert '<output class="date-text">5 Feb 2019</output>' in ssr
    assert "<title>Spain: Recognises Guaidó since 4 February 2019</title>" in html.unescape(ssr)
    assert "Map: Who backs whom in Venezuela's presidential crisis, 5 February 2019" in html.unescape(ssr)
    # the pattern definitions the fills refer to are in the page
    assert 'id="wbw-pat-maduro"' in ssr


def test_selected_country_is_outlined_and_its_statements_are_in_noscript(client):
    text = page(client, "date=2019-02-05&country=ESP")
    assert 'class="wbw-selected"' in text
    noscript = re.search(r'<noscript><aside class="panel">(.*?)</aside></noscript>', text, re.S).group(1)
    assert "<h2>Spain</h2>" in noscript
    assert "Why this colour on 5 Feb 2019: Recognises Guaidó since 4 Feb 2019, set by" in html.unescape(noscript)
    links = [re.search(r'href="([^"]+)"', a).group(1) for a in re.findall(r'<a [^>]*class="ev-source"[^>]*>', noscript)]
    assert links and all(link.startswith(("https://", "http://")) for link in links)
    assert 'class="ev ev-guaido is-current"' in noscript


def test_hostile_statements_are_escaped_in_the_drawn_page():
    client = create_app(HOSTILE).server.test_client()
    text = client.get("/?date=2019-02-01&country=USA").get_data(as_text=True)
    noscript = re.search(r'<noscript><aside class="panel">(.*?)</aside></noscript>', text, re.S).group(1)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in noscript
    assert "<script" not in noscript and "<img" not in noscript and "<b>" not in noscript
    assert "javascript:" not in re.sub(r"&lt;a href=&quot;javascript:alert\(1\)&quot;&gt;", "", noscript)


def test_invalid_page_parameters_fall_back_to_defaults(client):
    app = create_app()
    with app.server.test_request_context("/"):
        from dashboard.app import get_data

        data = get_data()
        state, embed = parse_state(
            {"date": "2019-02-31", "country": "<script>", "region": "mars", "embed": "yes"}, data
        )
        assert state == svgmap.MapState(data.days.end) and embed is False
        state, embed = parse_state({"date": "2019-02-05", "country": "esp", "region": "europe", "embed": "1"}, data)
        assert (state.country, state.region, embed) == ("ESP", "europe", True)
        # region names are exact, as the browser reads them: "Europe" is the world view there too
        assert parse_state({"region": "Europe"}, data)[0].region is None


def viewbox(text: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.search(r'<svg [^>]*viewBox="([^"]+)"', text).group(1).split())


@pytest.mark.parametrize("name", svgmap.region_names())
def test_region_view_is_the_browsers_box_and_holds_every_state_of_the_region(client, name):
    """The drawn view frames regions.region_views' lon/lat box, rotated as plotly rotates it."""
    text = page(client, f"date=2019-02-05&region={name}")
    x, y, w, h = viewbox(text)
    assert (x, y, w, h) != viewbox(page(client, "date=2019-02-05"))
    geo = region_views()[name]["geo"]
    lon_0 = geo["projection"]["rotation"]["lon"]
    states = geodata.load_boundaries()
    poles = state_poles()
    for iso3 in states.loc[states["region_un"] == REGIONS[name][1], "iso3"]:
        px, py = svgmap.project(np.array([poles[iso3][0]]), np.array([poles[iso3][1]]), lon_0)
        assert x <= px[0] <= x + w and y <= py[0] <= y + h, iso3
    # no ring wraps across the rotated map (a shape not cut at the opposite meridian would jump
    # from one edge of the world to the other in a single step)
    svg = text[text.index("<svg") : text.index("</svg>")]
    for d in re.findall(r'<path d="([^"]+)" fill="[^"]+" data-iso3="[A-Z]{3}"', svg):
        for ring in d.split("Z")[:-1]:
            steps = [float(v) for v in NUMBER.findall(ring)][2::2]  # relative x steps after the M point
            assert max(map(abs, steps), default=0) < 300, ring[:40]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_social_card_tags_and_their_png(client):
    text = page(client, "date=2019-02-05&country=ESP&embed=1")
    meta = dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">', text))
    assert (
        html.unescape(meta["og:title"]) == "Spain: Who backs whom in Venezuela's presidential crisis, 5 February 2019"
    )
    assert "5 February 2019" in meta["og:description"] and "recognises guaidó" in meta["og:description"]
    assert meta["og:url"] == "http://localhost/?date=2019-02-05&amp;country=ESP"
    assert '<meta name="twitter:card" content="summary_large_image">' in text
    assert '<link rel="canonical" href="http://localhost/?date=2019-02-05&amp;country=ESP">' in text
    image = html.unescape(meta["og:image"])
    assert image.startswith("http://localhost/map.png?")
    resp = client.get(image.removeprefix("http://localhost"))
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    assert png_size(resp.data) == (1200, 630)
    small = client.get(image.removeprefix("http://localhost") + "&width=600")
    assert png_size(small.data) == (600, 315)


def test_canonical_of_the_latest_page_names_no_date(client):
    text = page(client, "country=ESP&embed=1")
    assert '<link rel="canonical" href="http://localhost/?country=ESP">' in text
    assert re.search(r'og:image" content="http://localhost/map.png\?date=\d{4}-\d{2}-\d{2}&amp;country=ESP"', text)


def test_map_svg_is_the_card(client):
    resp = client.get("/map.svg?date=2019-02-05&region=europe")
    assert resp.status_code == 200 and resp.mimetype == "image/svg+xml"
    body = resp.get_data(as_text=True)
    assert body.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"')
    assert "5 February 2019" in body and 'data-iso3="ESP"' in body


@pytest.mark.parametrize(
    "query, reason",
    [
        ("date=2019-02-31", "date must be YYYY-MM-DD"),
        ("date=2001-01-01", "date must be between"),
        ("country=XXX", "country must be a known"),
        ("country=esp", "country must be a known"),
        ("region=mars", "region must be one of"),
        ("width=199", "width must be between 200 and 2400"),
        ("width=2401", "width must be between 200 and 2400"),
        ("width=1e3", "width must be a whole number"),
        ("width=-5", "width must be a whole number"),
        ("zoom=2", "unknown parameter"),
    ],
)
def test_bad_image_parameters_are_400_with_a_reason(client, query, reason):
    resp = client.get("/map.png?" + query)
    assert resp.status_code == 400
    assert reason in resp.get_data(as_text=True)


def test_a_new_data_version_redraws_pages_and_images(tmp_path):
    events = tmp_path / "events"
    shutil.copytree(DEFAULT_DATA_DIR, events)
    app = create_app(events, reload_seconds=0)
    client = app.server.test_client()
    first = client.get("/?date=2019-02-05")
    before = drawn_fills(first.get_data(as_text=True))["ESP"]
    png_before = client.get("/map.png?date=2019-02-05&width=200").data
    assert before == {LOOK.fill_for("guaido")}
    # an edit: a later line on the same day (file order) moves Spain to "neutral"
    with (events / "europe.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        template = next(r for r in reader if r["stance"] == "guaido")
        fields = reader.fieldnames
    row = {**template, "id": "20190205-esp-test-edit", "date": "2019-02-05", "countries": "ESP", "stance": "neutral"}
    row.update(summary="A test edit of the data.", quote="", source_url="https://example.org/test")
    with (events / "zz-edit.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
    with app.server.app_context():
        store = get_store()
        old_version = store.current().version
        store.check()  # what the watcher does every reload_seconds: build, publish, follow
        assert store.current().version != old_version
    # the browser's cached copy (ETag of the old version) is not answered 304 any more
    again = client.get("/?date=2019-02-05", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
    assert drawn_fills(again.get_data(as_text=True))["ESP"] == {LOOK.fill_for("neutral")}
    assert client.get("/map.png?date=2019-02-05&width=200").data != png_before


@pytest.mark.parametrize("url", ["/?date=2019-02-05&country=ESP", "/map.svg?date=2019-02-05", "/map.png?width=200"])
def test_drawn_page_and_images_carry_the_version_etag_and_answer_304(client, url):
    resp = client.get(url)
    version = client.get("/data/version.json").get_json()["version"]
    assert resp.status_code == 200 and resp.headers["ETag"].startswith(f'W/"{version}.')
    assert resp.headers["Cache-Control"] == policy_from_env().header()
    again = client.get(url, headers={"If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_document_has_its_language_one_footer_and_the_early_scripts(client):
    text = page(client, "date=2019-02-05")
    assert text.startswith('<!DOCTYPE html>\n<html lang="en" data-wbw-project="who-backs-whom" ')
    assert "_favicon.ico" not in text and 'rel="icon" href="data:image/svg+xml,' in text  # no request per date step
    # Dash's config and scripts sit in a div, not a second body-level <footer> (contentinfo)
    assert text.count("<footer") == 1 and '<div class="dash-scripts"><script id="_dash-config"' in text
    head = text[: text.index("</head>")]
    assert re.search(r'<script src="/assets/wbw-height\.js\?m=\d+" defer></script>', head)
    assert re.search(r'<script src="/assets/wbw-boot\.js\?m=\d+" defer></script>', head)
    deferred = text[text.index('<template id="wbw-deferred">') :]
    assert "wbw-height.js" not in deferred and "wbw-boot.js" not in deferred  # not in Dash's bundle too
    assert "/assets/wbw-6-embed.js" in deferred


@pytest.mark.parametrize(
    ("query", "embed"),
    [("embed=1", True), ("childId=map-1", True), ("childId=%3Cx%3E", False), ("embed=yes", False), ("", False)],
)
def test_pym_frames_are_drawn_as_embeds(client, query, embed):
    text = page(client, query)
    assert ('<div class="root embed">' in text) is embed
    assert ('data-wbw-embed="1"' in text.split("<head>", 1)[0]) is embed


def test_drawn_buttons_name_their_live_twins(client):
    text = page(client, "date=2019-02-05")
    ssr = text[text.index('id="wbw-ssr"') : text.index('id="react-entry-point"')]
    assert 'data-wbw-for="embed-button"' in ssr and 'data-wbw-for="play"' in ssr
    assert ' id="embed-button"' not in ssr  # ids stay unique: the live app owns them
    slider = re.search(r'<div class="wbw-ssr-slider"[^>]*>', ssr).group(0)
    assert 'data-start="' in slider and re.search(r'data-max="\d+"', slider)


def test_the_first_page_served_carries_every_app_script():
    """precompress renders an index at start-up, before Dash has read its assets: never cached."""
    text = create_app().server.test_client().get("/").get_data(as_text=True)
    deferred = text[text.index('<template id="wbw-deferred">') :]
    assert "/assets/wbw-1-core.js" in deferred and "/assets/vendor/plotly-geo.min.js" in deferred


def test_spanish_page_is_drawn_in_spanish(client):
    text = html.unescape(page(client, "lang=es&date=2019-02-05&country=ESP"))
    assert '<html lang="es"' in text
    ssr = text[text.index('id="wbw-ssr"') : text.index('id="react-entry-point"')]
    assert "<title>España: Reconoce a Guaidó desde el 4 de febrero de 2019</title>" in ssr
    assert '<output class="date-text">5 feb 2019</output>' in ssr
    assert "Sin posición registrada" in ssr  # the legend's labels come from the crisis file's Spanish
    noscript = ssr[ssr.index("<noscript><aside") :]
    assert "Por qué este color el 5 feb 2019" in noscript
    assert "Fuente: " in noscript
    links = re.findall(r'<a class="btn" href="([^"]+)"', ssr)
    assert links and all("lang=es" in link for link in links)  # the links keep the language
    meta = dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">', text))
    assert meta["og:title"].startswith("España: Quién apoya a quién")
    assert meta["og:locale"] == "es_ES" and "lang=es" in meta["og:url"]
    assert "sin posición registrada" in meta["og:description"]


def test_boot_delay_comes_from_the_environment_and_is_validated(monkeypatch):
    monkeypatch.setenv("WBW_BOOT_SECONDS", "2.5")
    text = create_app().server.test_client().get("/").get_data(as_text=True)
    assert 'data-wbw-boot-ms="2500"' in text
    monkeypatch.setenv("WBW_BOOT_SECONDS", "soon")
    with pytest.raises(ValueError, match="WBW_BOOT_SECONDS"):
        create_app()


def test_region_buttons_are_links_to_the_region_view_of_the_same_state(client):
    text = html.unescape(page(client, "date=2019-02-05&country=BRA&region=americas"))
    ssr = text[text.index('id="wbw-ssr"') : text.index('id="react-entry-point"')]
    links = {region: href for href, region in re.findall(r'region-btn" href="\?([^"]+)" data-region="([a-z]+)"', ssr)}
    assert set(links) == {"world", *svgmap.region_names()}
    assert links["europe"] == "date=2019-02-05&country=BRA&region=europe"
    assert links["world"] == "date=2019-02-05&country=BRA"
    pressed = re.findall(r'data-region="([a-z]+)" aria-current="true"', ssr)
    assert pressed == ["americas"]
