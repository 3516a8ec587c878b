"""CORS for embeds in sandboxed iframes, whose requests come from the opaque origin "null".

Everything the page reads is public and no request carries credentials, so the read-only
answers (GET/HEAD) and Dash's JSON callback POST say `Access-Control-Allow-Origin: *`, and the
preflight for those is answered. Credentials are never allowed (no Allow-Credentials header,
no cookies are set anywhere), so nothing that needs them is opened to other origins.
"""

from __future__ import annotations

import flask

READ_METHODS = frozenset({"GET", "HEAD"})
JSON_POSTS = ("_dash-update-component",)  # Dash's callback endpoint: computes, changes nothing
ALLOWED_HEADERS = "Accept, Content-Type"
PREFLIGHT_MAX_AGE = "600"


def allows(method: str, path: str, posts: frozenset[str]) -> bool:
    """Whether a cross-origin request with this method may read this path."""
    return method in READ_METHODS or (method == "POST" and path in posts)


def install(server: flask.Flask, prefix: str = "/") -> None:
    """Answer CORS (no credentials) for reads and the JSON callback POST, and their preflight."""
    posts = frozenset(f"{prefix}{path}" for path in JSON_POSTS)

    @server.after_request
    def _cors(resp: flask.Response) -> flask.Response:
        req = flask.request
        if req.method == "OPTIONS":
            wanted = req.headers.get("Access-Control-Request-Method", "")
            if "Origin" in req.headers and allows(wanted, req.path, posts):
                resp.headers["Access-Control-Allow-Origin"] = "*"
                resp.headers["Access-Control-Allow-Methods"] = wanted
                resp.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
                resp.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        elif allows(req.method, req.path, posts):
            resp.headers["Access-Control-Allow-Origin"] = "*"
        return resp
