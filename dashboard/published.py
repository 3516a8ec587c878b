"""Routes for the published data version: the version resource and the version's own files.

`GET data/version.json` is what open pages poll (short cache); `GET data/<version>/history.json`,
`chart.json` and `countries/<ISO3>.json` never change for a given version (immutable cache).
The static export writes the same paths, so the page reads them the same way without Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import flask

from dashboard import config
from dashboard.caching import IMMUTABLE
from dashboard.i18n import DEFAULT, LANGUAGES
from dashboard.store import DataStore

VERSION_RE = re.compile(r"[0-9a-f]{16}")
# the default language's files at the top, every other language's under its code (es/history.json)
LANG_PREFIX = "|".join(f"{lang}/" for lang in LANGUAGES if lang != DEFAULT)
FILE_RE = re.compile(rf"(?:{LANG_PREFIX})?(?:(history|chart)\.json|countries/[A-Z]{{3}}\.json)")


def version_body(store: DataStore) -> dict:
    """The small version resource: id and build time of the served version."""
    data = store.current()
    return {"version": data.version, "built_at": data.pointer["built_at"]}


def register(server: flask.Flask, prefix: str, store: Callable[[], DataStore]) -> None:
    """Add `data/version.json` and `data/<version>/<file>`."""
    seconds = config.env("WBW_VERSION_MAX_AGE")

    def version() -> flask.Response:
        resp = flask.jsonify(version_body(store()))
        resp.headers["Cache-Control"] = f"public, max-age={seconds}, s-maxage={seconds}, stale-while-revalidate=60"
        resp.set_etag(store().current().version, weak=True)
        return resp.make_conditional(flask.request)

    def version_file(version: str, name: str) -> flask.Response:
        if not VERSION_RE.fullmatch(version) or not FILE_RE.fullmatch(name):
            return flask.Response("not found\n", status=404, mimetype="text/plain")
        path = store().builds.version_dir(version) / name
        if not path.is_file():  # pruned, or never built: the page asks version.json again
            return flask.Response("no such version\n", status=404, mimetype="text/plain")
        resp = flask.Response(path.read_bytes(), mimetype="application/json")
        resp.headers["Cache-Control"] = IMMUTABLE
        return resp

    server.add_url_rule(f"{prefix}data/version.json", "data_version", version)
    server.add_url_rule(f"{prefix}data/<version>/<path:name>", "data_version_file", version_file)
