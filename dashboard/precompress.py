"""Static files compressed once, at start-up: Dash's component bundles and our assets.

flask-compress would brotli-compress each JavaScript file again on every request. Instead every
file the page may load is compressed here once (gzip 9 and brotli 8, about a second in all) and
served from memory with the encoding the client accepts, its ETag and cache headers.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import brotli
import flask
from dash import Dash
from dash.fingerprint import check_fingerprint

from dashboard.guard import BLOCKED_PACKAGES

YEAR = 365 * 24 * 3600
SUFFIXES = (".js", ".css")


@dataclass(frozen=True)
class Precompressed:
    """One file: its bytes as identity, gzip and brotli, with its type and ETag."""

    identity: bytes
    gzip: bytes
    br: bytes
    mimetype: str
    etag: str

    @classmethod
    def of(cls, data: bytes, name: str) -> Precompressed:
        """Compress one file's bytes."""
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        etag = hashlib.sha256(data).hexdigest()[:20]
        return cls(data, gzip.compress(data, 9, mtime=0), brotli.compress(data, quality=8), mimetype, etag)

    def body_response(self, accept_encoding: str) -> flask.Response:
        """A 200 with the body in the best encoding the client accepts (no cache headers)."""
        encoding = "br" if "br" in accept_encoding else "gzip" if "gzip" in accept_encoding else None
        body = {"br": self.br, "gzip": self.gzip, None: self.identity}[encoding]
        resp = flask.Response(body, mimetype=self.mimetype)
        if encoding:
            resp.headers["Content-Encoding"] = encoding
        resp.headers["Vary"] = "Accept-Encoding"
        return resp

    def response(self, accept_encoding: str, immutable: bool, if_none_match: str | None) -> flask.Response:
        """The response for a client accepting `accept_encoding`."""
        cache = f"public, max-age={YEAR}, immutable" if immutable else "no-cache"
        if if_none_match and self.etag in if_none_match:
            resp = flask.Response(status=304)
        else:
            resp = self.body_response(accept_encoding)
        resp.headers["ETag"] = f'"{self.etag}"'
        resp.headers["Vary"] = "Accept-Encoding"
        resp.headers["Cache-Control"] = cache
        return resp


def collect(app: Dash, prefix: str, assets_dir: Path) -> dict[str, Precompressed]:
    """URL path (without fingerprint) → compressed file, for every servable JS and CSS file."""
    # Rendering the index once registers Dash's resource paths. A request context, not a request:
    # the app has not "handled its first request" after this, so routes can still be added.
    with app.server.test_request_context(prefix):
        app.index()
    files: dict[str, Precompressed] = {}
    for package, paths in app.registered_paths.items():
        if package in BLOCKED_PACKAGES:
            continue
        for rel in paths:
            data = pkgutil.get_data(package, rel) if rel.endswith(SUFFIXES) else None
            if data is not None:
                files[f"{prefix}_dash-component-suites/{package}/{rel}"] = Precompressed.of(data, rel)
    for file in sorted(assets_dir.rglob("*")):
        if file.suffix in SUFFIXES and file.is_file():
            rel = file.relative_to(assets_dir).as_posix()
            files[f"{prefix}assets/{rel}"] = Precompressed.of(file.read_bytes(), rel)
    return files


def install(app: Dash, prefix: str, assets_dir: Path) -> None:
    """Serve the app's static files from memory, compressed once."""
    files: dict[str, Precompressed] = {}
    suites = f"{prefix}_dash-component-suites/"

    @app.server.before_request
    def _static() -> flask.Response | None:
        req = flask.request
        if req.method not in ("GET", "HEAD"):
            return None
        path, fingerprinted = req.path, "m" in req.args
        if path.startswith(suites):
            head, _, name = path.rpartition("/")
            name, fingerprinted = check_fingerprint(name)
            path = f"{head}/{name}"
        found = files.get(path)
        if found is None:
            return None
        return found.response(req.headers.get("Accept-Encoding", ""), fingerprinted, req.headers.get("If-None-Match"))

    files.update(collect(app, prefix, assets_dir))
