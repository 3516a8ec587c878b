"""oEmbed, its discovery link, /embed.js and CORS for embeds in sandboxed (opaque-origin) iframes."""

from __future__ import annotations

import re
import struct
import urllib.parse

import pytest

from dashboard import embed
from dashboard.app import create_app

PAGE = "http://localhost/"
# oEmbed 1.0, section 2.3.4: every response carries type and version; a rich one html, width
# and height; the optional fields have these types; the thumbnail fields come all or none.
OPTIONAL = {"title": str, "author_name": str, "author_url": str, "provider_name": str, "provider_url": str}
OPTIONAL |= {"cache_age": int, "thumbnail_url": str, "thumbnail_width": int, "thumbnail_height": int}
THUMBNAIL = {"thumbnail_url", "thumbnail_width", "thumbnail_height"}


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def oembed(client, url: str = PAGE, **params):
    return client.get("/oembed?" + urllib.parse.urlencode({"url": url, **params}))


def assert_valid_rich(answer: dict) -> None:
    assert answer["type"] == "rich" and answer["version"] == "1.0"
    assert isinstance(answer["html"], str) and answer["html"]
    assert isinstance(answer["width"], int) and isinstance(answer["height"], int)
    assert answer["width"] > 0 and answer["height"] > 0
    for key, value in answer.items():
        if key not in ("type", "version", "html", "width", "height"):
            assert key in OPTIONAL and isinstance(value, OPTIONAL[key]), key
    assert set(answer) >= THUMBNAIL or not THUMBNAIL & set(answer)


def test_oembed_answers_a_rich_embed_of_the_state(client):
    resp = oembed(client, PAGE + "?date=2019-02-05&country=ESP&bogus=1", maxwidth=500, maxheight=700, format="json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    answer = resp.get_json()
    assert_valid_rich(answer)
    assert answer["provider_name"] == "who-backs-whom" and answer["provider_url"] == PAGE
    assert answer["width"] <= 500 and answer["height"] <= 700
    assert answer["title"].endswith("Spain, 5 Feb 2019")
    src = re.search(r'<iframe src="([^"]+)"', answer["html"]).group(1).replace("&amp;", "&")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(src).query) == {
        "date": ["2019-02-05"],
        "country": ["ESP"],
        "embed": ["1"],
    }
    assert '<script src="http://localhost/embed.js" async></script>' in answer["html"]
    # the app serves /map.png (server-drawn cards), so the answer carries its thumbnail
    assert set(answer) >= THUMBNAIL and "/map.png?" in answer["thumbnail_url"]


@pytest.mark.parametrize(("maxwidth", "maxheight", "size"), [(None, None, (1200, 630)), (500, 700, (500, 262))])
def test_oembed_thumbnail_is_the_png_it_names_in_the_card_shape(client, maxwidth, maxheight, size):
    limits = {k: v for k, v in (("maxwidth", maxwidth), ("maxheight", maxheight)) if v}
    answer = oembed(client, PAGE + "?date=2019-02-05&country=ESP", **limits).get_json()
    assert (answer["thumbnail_width"], answer["thumbnail_height"]) == size
    url = urllib.parse.urlsplit(answer["thumbnail_url"])
    png = client.get(f"{url.path}?{url.query}")
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert struct.unpack(">II", png.data[16:24]) == size  # the PNG's IHDR width and height


def test_oembed_leaves_out_a_thumbnail_narrower_than_map_png_draws(client):
    answer = oembed(client, PAGE, maxwidth=150).get_json()
    assert_valid_rich(answer)
    assert not THUMBNAIL & set(answer)


def test_oembed_drops_invalid_page_values_as_the_page_does(client):
    answer = oembed(client, PAGE + "?date=2019-02-31&country=%3Cscript%3E").get_json()
    assert_valid_rich(answer)
    assert "<script>" not in answer["html"] and "2019-02-31" not in answer["html"]


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/",
        "http://localhost/other",
        "javascript:alert(1)",
        "http://user@localhost/",
        "ftp://localhost/",
    ],
)
def test_oembed_url_that_is_not_ours_is_404(client, url):
    assert oembed(client, url).status_code == 404


@pytest.mark.parametrize(
    "params",
    [{"maxwidth": "abc"}, {"maxwidth": "0"}, {"maxheight": "-5"}, {"maxwidth": "99999"}, {"format": "yaml"}],
)
def test_oembed_bad_parameter_is_400(client, params):
    assert oembed(client, **params).status_code == 400


def test_oembed_missing_url_is_400_and_xml_is_501(client):
    assert client.get("/oembed").status_code == 400
    assert oembed(client, format="xml").status_code == 501


def test_thumbnail_only_when_the_png_route_exists(client):
    answer = oembed(client, PAGE + "?date=2019-02-05", maxwidth=600).get_json()
    assert_valid_rich(answer)
    has_png = any(rule.rule == "/map.png" for rule in client.application.url_map.iter_rules())
    if not has_png:
        assert "thumbnail_url" not in answer  # never a link to a 404
        return
    assert answer["thumbnail_url"] == "http://localhost/map.png?date=2019-02-05&width=600"
    assert answer["thumbnail_width"] == 600 and answer["thumbnail_height"] == 315
    image = client.get(answer["thumbnail_url"].removeprefix("http://localhost"))
    assert image.status_code == 200 and image.mimetype == "image/png"


@pytest.mark.parametrize("query", ["", "?date=2019-02-05", "?date=2019-02-05&country=ESP&embed=1", "?childId=x1"])
def test_every_page_state_carries_the_discovery_link(client, query):
    page = client.get("/" + query).get_data(as_text=True)
    links = re.findall(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', page)
    assert len(links) == 1
    head = page[: page.index("</head>")]
    assert links[0] in head
    endpoint = urllib.parse.urlsplit(links[0].replace("&amp;", "&"))
    assert endpoint.path == "/oembed"
    target = urllib.parse.parse_qs(endpoint.query)
    assert target["format"] == ["json"] and target["url"] == [PAGE + query]
    assert_valid_rich(client.get(links[0].replace("&amp;", "&")).get_json())


def test_discovery_link_is_escaped():
    tag = embed.discovery_link('http://localhost/?x="><script>', "/")
    assert "<script>" not in tag and tag.count('"') == 8  # four attributes, nothing broke out


def test_embed_js_is_served_as_a_script(client):
    resp = client.get("/embed.js")
    assert resp.status_code == 200 and resp.mimetype == "text/javascript"
    assert b"who-backs-whom:height" in resp.data and b"xPYMxheightxPYMx" in resp.data


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies", "/api/stances.csv", "/embed.js"])
def test_reads_answer_cors_without_credentials(client, path):
    resp = client.get(path, headers={"Origin": "null"})
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in resp.headers
    preflight = client.options(
        path,
        headers={
            "Origin": "null",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()


def test_only_the_json_callback_post_is_open(client):
    ok = {"Origin": "null", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    preflight = client.options("/_dash-update-component", headers=ok)
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight.headers["Access-Control-Allow-Methods"] == "POST"
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    assert "Access-Control-Allow-Origin" not in client.options("/api/stances.csv", headers=ok).headers
    put = {**ok, "Access-Control-Request-Method": "PUT"}
    assert "Access-Control-Allow-Origin" not in client.options("/_dash-update-component", headers=put).headers


def test_estimated_height_follows_the_measured_widths():
    heights = [embed.estimated_height(w) for w in (100, 320, 480, 640, 1000, 1400, 3000)]
    assert heights == sorted(heights) and heights[0] == heights[1] and heights[-1] == heights[-2]
    assert embed.estimated_height(640) == dict(embed.MEASURED_HEIGHTS)[640]
