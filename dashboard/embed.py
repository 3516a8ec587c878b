"""Embedding beyond our own snippet: the oEmbed endpoint, its discovery link, the hosted /embed.js.

`discovery_link(page_url, prefix)` is a pure function; `register(app, prefix)` adds the routes
and one Dash index hook that puts the link in every page's head (whatever builds the index).
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import flask
from dash import Dash, hooks

from dashboard import cors, i18n, localize
from dashboard.current import get_data
from dashboard.images import CARD, WIDTH_RANGE, card_height
from dashboard.layout import PROJECT

PREFIX_KEY = "WBW_EMBED_PREFIX"
HOST_SCRIPT = Path(__file__).resolve().parent / "embed_host.js"
DEFAULT_WIDTH = 640
MAX_DIMENSION = 10000
THUMBNAIL_WIDTH = CARD[0]  # /map.png's default: the 1200×630 social card
THUMBNAIL_RATIO = CARD[1] / CARD[0]
DIMENSION_RE = re.compile(r"[1-9][0-9]{0,4}")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO3_RE = re.compile(r"[A-Z]{3}")
REGION_RE = re.compile(r"[a-z][a-z0-9-]{0,39}")
MAX_URL = 2048


# Closed embed's content height by width, as measured by tests/dashboard/test_embed_hosts.py.
MEASURED_HEIGHTS = ((320, 615), (640, 660), (1000, 846), (1400, 890))


def estimated_height(width: int) -> int:
    """The closed embed's content height at a width (linear between the measured widths)."""
    points = MEASURED_HEIGHTS
    if width <= points[0][0]:
        return points[0][1]
    for (w0, h0), (w1, h1) in itertools.pairwise(points):
        if width <= w1:
            return round(h0 + (h1 - h0) * (width - w0) / (w1 - w0))
    return points[-1][1]


def crisis_title() -> str:
    """The title of the crisis the current app serves (its crisis file)."""
    return get_data().timeline.crisis.text("title")


def discovery_link(page_url: str, prefix: str = "/", title: str = PROJECT) -> str:
    """The `<link rel="alternate" type="application/json+oembed">` tag for one page URL."""
    parts = urlsplit(page_url)
    endpoint = f"{parts.scheme}://{parts.netloc}{prefix}oembed?" + urlencode({"url": page_url, "format": "json"})
    return (
        f'<link rel="alternate" type="application/json+oembed" href="{html.escape(endpoint)}" '
        f'title="{html.escape(title)}">'
    )


def page_state(query: dict[str, str], days: tuple[dt.date, dt.date], countries: set[str]) -> dict[str, str]:
    """The page parameters worth carrying into an embed (invalid ones dropped, as the page does)."""
    state = {}
    raw_date = query.get("date", "")
    if DATE_RE.fullmatch(raw_date):
        try:
            if days[0] <= dt.date.fromisoformat(raw_date) <= days[1]:
                state["date"] = raw_date
        except ValueError:
            pass
    country = query.get("country", "").upper()
    if ISO3_RE.fullmatch(country) and country in countries:
        state["country"] = country
    if REGION_RE.fullmatch(query.get("region", "")):
        state["region"] = query["region"]
    if query.get("lang") != i18n.DEFAULT and i18n.choose(query.get("lang")) == query.get("lang"):
        state["lang"] = query["lang"]  # the embed speaks the page's language
    return state


def first_values(query: str) -> dict[str, str]:
    """A query string as a dict, the first value of each key winning."""
    seen: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        seen.setdefault(key, value)
    return seen


def dimension(name: str) -> int | None:
    """An optional positive integer query parameter (maxwidth, maxheight); ValueError if malformed."""
    raw = flask.request.args.get(name)
    if raw is None or raw == "":
        return None
    if not DIMENSION_RE.fullmatch(raw) or int(raw) > MAX_DIMENSION:
        raise ValueError(f"{name} must be a whole number of pixels from 1 to {MAX_DIMENSION}")
    return int(raw)


def plain(status: int, reason: str) -> flask.Response:
    """A plain-text error answer."""
    return flask.Response(reason + "\n", status=status, mimetype="text/plain")


def has_png_route(prefix: str) -> bool:
    """Whether the server-drawn /map.png exists in this app (no thumbnail points at a 404)."""
    return any(rule.rule == f"{prefix}map.png" for rule in flask.current_app.url_map.iter_rules())


def iframe_html(src: str, title: str, width: int, height: int, script: str) -> str:
    """The embed markup: a resizable iframe plus our hosted listener (hosts that strip it still work)."""
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="{width}" height="{height}" '
        f'frameborder="0" style="width:100%;max-width:{width}px;border:0" loading="lazy"></iframe>'
        f'<script src="{html.escape(script)}" async></script>'
    )


def oembed_response(page_url: str, prefix: str, maxwidth: int | None, maxheight: int | None) -> dict | None:
    """The oEmbed 1.0 `rich` answer for one of our page URLs, or None if the URL is not ours."""
    parts = urlsplit(page_url)
    ours = (
        parts.scheme in ("http", "https")
        and parts.netloc.lower() == flask.request.host.lower()
        and parts.path in (prefix, prefix.rstrip("/"))
        and "@" not in parts.netloc
    )
    if not ours:
        return None
    data = get_data()
    query = first_values(parts.query)
    lang = i18n.choose(query.get("lang"))
    names = dict(zip(data.states["iso3"], localize.names(data.states, lang)))
    state = page_state(query, (data.days.start, data.days.end), set(names))
    origin = f"{parts.scheme}://{parts.netloc}"
    width = min(DEFAULT_WIDTH, maxwidth or DEFAULT_WIDTH)
    height = min(estimated_height(width), maxheight or MAX_DIMENSION)
    title = base = get_data().timeline.crisis.text("title", lang)
    if "country" in state or "date" in state:
        bits = [names[state["country"]]] if "country" in state else []
        bits += [i18n.day_text(dt.date.fromisoformat(state["date"]), lang)] if "date" in state else []
        title = f"{base}: {', '.join(bits)}"
    src = f"{origin}{prefix}?" + urlencode({**state, "embed": "1"})
    answer = {
        "type": "rich",
        "version": "1.0",
        "title": title,
        "provider_name": PROJECT,
        "provider_url": f"{origin}{prefix}",
        "html": iframe_html(src, title, width, height, f"{origin}{prefix}embed.js"),
        "width": width,
        "height": height,
    }
    thumb_w = min(THUMBNAIL_WIDTH, maxwidth or THUMBNAIL_WIDTH)
    if maxheight is not None:
        thumb_w = min(thumb_w, int(maxheight / THUMBNAIL_RATIO))
    if has_png_route(prefix) and thumb_w >= WIDTH_RANGE[0]:  # /map.png draws no narrower
        picture = {k: v for k, v in state.items() if k != "lang"}  # the image has no words to translate
        answer["thumbnail_url"] = f"{origin}{prefix}map.png?" + urlencode({**picture, "width": thumb_w})
        answer["thumbnail_width"] = thumb_w
        answer["thumbnail_height"] = card_height(thumb_w)
    return answer


def oembed() -> flask.Response:
    """GET /oembed?url=&maxwidth=&maxheight=&format=json: 404 if not ours, 400 if malformed, 501 for xml."""
    args = flask.request.args
    fmt = args.get("format", "json")
    if fmt == "xml":
        return plain(501, "only format=json is implemented")
    if fmt != "json":
        return plain(400, "format must be json")
    url = args.get("url", "")
    if not url or len(url) > MAX_URL:
        return plain(400, f"url is required (at most {MAX_URL} characters)")
    try:
        maxwidth, maxheight = dimension("maxwidth"), dimension("maxheight")
    except ValueError as err:
        return plain(400, str(err))
    prefix = flask.current_app.config[PREFIX_KEY]
    answer = oembed_response(url, prefix, maxwidth, maxheight)
    if answer is None:
        return plain(404, "url is not a page of this site")
    resp = flask.jsonify(answer)
    resp.headers["Cache-Control"] = "public, max-age=300"
    return resp


@cache
def host_script() -> bytes:
    """The hosted listener's source (read once)."""
    return HOST_SCRIPT.read_bytes()


def embed_js() -> flask.Response:
    """GET /embed.js: the host-page listener that resizes every iframe of ours."""
    resp = flask.Response(host_script(), mimetype="text/javascript")
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp


@cache
def _install_index_hook() -> None:
    """Once per process: every page's head gets the discovery link (Dash's index hooks are global)."""

    @hooks.index()
    def _discovery(index: str) -> str:
        prefix = flask.current_app.config.get(PREFIX_KEY)
        if prefix is None:
            return index
        req = flask.request
        query = req.query_string.decode("latin-1")
        page = f"{req.scheme}://{req.host}{prefix}" + (f"?{query}" if query else "")
        return index.replace("</head>", f"  {discovery_link(page, prefix, crisis_title())}\n    </head>", 1)


def register(app: Dash, prefix: str = "/") -> None:
    """Add /oembed, /embed.js, CORS for sandboxed embeds and the discovery link."""
    server = app.server
    server.config[PREFIX_KEY] = prefix
    server.add_url_rule(f"{prefix}oembed", "oembed", oembed)
    server.add_url_rule(f"{prefix}embed.js", "embed_js", embed_js)
    cors.install(server, prefix)
    _install_index_hook()
