"""Dash's `/_dash-layout` answered from bytes serialised and compressed once per data version.

Dash would turn the layout (the whole history payload, ~400 KB of JSON) into JSON on every
request and flask-compress would gzip it again each time: about 20 ms of CPU per page view. The
layout only changes with the data version, so each worker keeps the encoded answer of the
version it serves. `dashboard.caching` still adds the version's ETag and Cache-Control.
"""

from __future__ import annotations

from collections.abc import Callable

import flask
from dash import Dash
from plotly.io.json import to_json_plotly

from dashboard.precompress import Precompressed


def encoded_layout(app: Dash) -> Precompressed:
    """The app's current layout as Dash serves it (hooks applied), in every encoding."""
    return Precompressed.of(to_json_plotly(app.get_layout()).encode(), "layout.json")


def install(app: Dash, prefix: str, version: Callable[[], str], variant: Callable[[], str] = str) -> None:
    """Serve `/_dash-layout` from the encoded layout of the version `version()` names.

    `variant()` names which of the version's layouts the request asks for (the page language).
    """
    cached: dict[tuple[str, str], Precompressed] = {}
    path = f"{prefix}_dash-layout"

    @app.server.before_request
    def _layout() -> flask.Response | None:
        req = flask.request
        if req.method not in ("GET", "HEAD") or req.path != path:
            return None
        key = (version(), variant())
        found = cached.get(key)
        if found is None:
            found = encoded_layout(app)
            if any(old != key[0] for old, _ in cached):
                cached.clear()  # one version at a time (each of its variants kept)
            cached[key] = found
        return found.body_response(req.headers.get("Accept-Encoding", ""))
