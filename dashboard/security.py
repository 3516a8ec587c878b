"""Security headers: Content-Security-Policy, framing allowlist, nosniff, referrer policy."""

from __future__ import annotations

import flask
from dash import Dash

from dashboard import config

# plotly.js writes inline <style> and style attributes (plotly/plotly.js#2355), and Dash's
# React components set inline styles, so style-src needs 'unsafe-inline'. Scripts stay strict:
# only our origin plus the hashes of Dash's own inline bootstrap scripts.


def csp(app: Dash, frame_ancestors: str) -> str:
    """The Content-Security-Policy header value."""
    hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-…'
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def install(app: Dash, frame_ancestors: str = "*") -> None:
    """Add the security headers to every response of the app's server."""
    policy = csp(app, config.frame_ancestors(frame_ancestors))  # checked here too: never a broken header

    @app.server.after_request
    def _headers(resp: flask.Response) -> flask.Response:
        resp.headers["Content-Security-Policy"] = policy
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        return resp
