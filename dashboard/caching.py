"""CDN caching: Cache-Control and an ETag of the data version on the page, layout, API and images.

A CDN in front keeps answers for `s-maxage` seconds, browsers for `max-age`, and both may serve a
stale answer for `stale-while-revalidate` more seconds while they fetch a fresh one; a request
with a matching `If-None-Match` gets 304. Fingerprinted URLs (assets with `?m=`, geometry, the
version folders under `data/<version>/`) are immutable and set their own headers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import flask

from dashboard import config, i18n

YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR}, immutable"
# answered 304 before any work when If-None-Match holds the version (paths under the prefix)
CONDITIONAL = ("", "_dash-layout", "map.svg", "map.png")


@dataclass(frozen=True)
class CachePolicy:
    """Seconds for browsers (max_age), shared caches (s_maxage) and stale-while-revalidate."""

    max_age: int = 60
    s_maxage: int = 300
    stale: int = 600

    def header(self) -> str:
        """The Cache-Control value."""
        return f"public, max-age={self.max_age}, s-maxage={self.s_maxage}, stale-while-revalidate={self.stale}"


def policy_from_env() -> CachePolicy:
    """WBW_CACHE_MAX_AGE, WBW_CACHE_S_MAXAGE, WBW_CACHE_SWR (defaults 60, 300, 600; a bad value raises)."""
    return CachePolicy(config.env("WBW_CACHE_MAX_AGE"), config.env("WBW_CACHE_S_MAXAGE"), config.env("WBW_CACHE_SWR"))


def is_live(path: str, mimetype: str | None, prefix: str) -> bool:
    """Whether an answer follows the data version: the page, Dash's layout, the API, images."""
    if path in (prefix, f"{prefix}_dash-layout", f"{prefix}_dash-dependencies"):
        return True
    return path.startswith(f"{prefix}api/") or mimetype == "text/html" or (mimetype or "").startswith("image/")


def install(server: flask.Flask, prefix: str, version: Callable[[], str], salt: str) -> None:
    """Add the ETag/Cache-Control headers and 304 answers; `version()` is the served data version."""
    policy = policy_from_env()

    def etag() -> str:  # per data version, code and page language (`?lang=`: the page and its layout)
        lang = i18n.choose(flask.request.args.get("lang"))
        return f"{version()}.{salt}" + ("" if lang == i18n.DEFAULT else f".{lang}")

    def not_modified() -> flask.Response:
        resp = flask.Response(status=304)
        resp.set_etag(etag(), weak=True)
        resp.headers["Cache-Control"] = policy.header()
        return resp

    @server.before_request
    def _conditional() -> flask.Response | None:
        req = flask.request
        conditional = req.method in ("GET", "HEAD") and req.path in {prefix + p for p in CONDITIONAL}
        return not_modified() if conditional and req.if_none_match.contains_weak(etag()) else None

    @server.after_request
    def _cache(resp: flask.Response) -> flask.Response:
        req = flask.request
        if req.method not in ("GET", "HEAD") or resp.status_code != 200 or "Cache-Control" in resp.headers:
            return resp
        if is_live(req.path, resp.mimetype, prefix):
            resp.headers["Cache-Control"] = policy.header()
            resp.set_etag(etag(), weak=True)
            resp.make_conditional(req)
        return resp
