"""Whole index pages cached per data version and URL state, compressed once per encoding.

Dash rebuilds its index (script tags, validation over the whole page) on every request and
flask-compress recompresses it; for a ~220 KB server-drawn page that costs tens of ms. Here a
warm request is a dictionary lookup: the page per (state, embed, host) and its br/gzip bytes
live in LRUs inside the data version (`AppData.extras`), so a live reload starts them afresh.
A page is kept only once it has been served (after_request): an index rendered outside a request
(precompress renders one at start-up, before Dash has read its assets) is never cached.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable

import brotli
import flask
from dash import Dash

from dashboard.lru import cache_of
from dashboard.store import AppData

PAGES = 256
BROTLI_QUALITY = 7  # once per page: better than flask-compress's per-request 4, still fast


def encoding(accept: str) -> str | None:
    """The encoding to answer with: br, else gzip, else none."""
    tokens = {part.split(";")[0].strip() for part in accept.split(",")}
    return "br" if "br" in tokens else "gzip" if "gzip" in tokens else None


def compress(body: bytes, how: str) -> bytes:
    """The body compressed with `how` (br or gzip)."""
    return brotli.compress(body, quality=BROTLI_QUALITY) if how == "br" else gzip.compress(body, 9, mtime=0)


def install(app: Dash, get_data: Callable[[], AppData], state_key: Callable[[AppData], tuple]) -> None:
    """Cache `app.index` per state (`state_key(data)` of the request) and its compressed bytes."""
    dash_index = app.index

    def index(*args, **kwargs):
        data = get_data()
        # the raw query too: index hooks (the oEmbed discovery link) echo the page's own URL
        req = flask.request
        key = (data.version, *state_key(data), req.host_url, req.script_root, req.query_string)
        flask.g.wbw_page = (data, key)
        page = cache_of(data.extras, "index-pages", PAGES).find(key)
        if page is None:
            page = flask.g.wbw_fresh = dash_index(*args, **kwargs)
        return page

    app.index = index

    @app.server.after_request
    def _compressed(resp: flask.Response) -> flask.Response:
        page, fresh = flask.g.pop("wbw_page", None), flask.g.pop("wbw_fresh", None)
        if page is None or resp.status_code != 200 or "Content-Encoding" in resp.headers:
            return resp
        data, key = page
        if fresh is not None:
            cache_of(data.extras, "index-pages", PAGES).put(key, fresh)
        resp.headers["Vary"] = "Accept-Encoding"
        how = encoding(flask.request.headers.get("Accept-Encoding", ""))
        if how is None:
            return resp
        body = cache_of(data.extras, "index-pages-" + how, PAGES).get(key, lambda: compress(resp.get_data(), how))
        resp.set_data(body)
        resp.headers["Content-Encoding"] = how
        return resp
