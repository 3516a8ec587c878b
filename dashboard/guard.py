"""Request guards: bounded bodies, well-formed callback requests, and 404 for what we do not serve.

Every client mistake becomes a plain-text 4xx before it reaches Dash, so it never turns into a
500 and never writes a traceback to the log:
- bodies over `MAX_BODY_BYTES` → 413;
- `/_dash-update-component` bodies that do not match a registered server callback → 400;
- `/_dash-component-suites/…` paths that are not registered → 404, and Dash's full plotly.js
  (the page uses the vendored geo bundle) → 404;
- any path that is not a route (Dash's catch-all would answer the index) → 404;
- `/_reload-hash` (dev tools' hot reload) → 404 unless hot reload is on.
"""

from __future__ import annotations

from typing import Any

import flask
from dash import Dash
from dash.fingerprint import check_fingerprint

MAX_BODY_BYTES = 64 * 1024  # a panel callback request is under 1 KB
BLOCKED_PACKAGES = frozenset({"plotly"})  # plotly.min.js (4.8 MB): the page loads assets/vendor instead
INPUT_KEYS = frozenset({"id", "property", "value"})
BODY_KEYS = frozenset({"output", "outputs", "inputs", "state", "changedPropIds", "parsedChangedPropsIds"})


def plain(status: int, reason: str) -> flask.Response:
    """A plain-text error response."""
    return flask.Response(reason + "\n", status=status, mimetype="text/plain")


def _is_pattern(component_id: str) -> bool:
    return component_id.startswith("{")


def _check_items(given: Any, declared: list[dict], key: str) -> str | None:
    """Reason a body's `inputs` or `state` list does not match the callback's, or None."""
    if not isinstance(given, list) or len(given) != len(declared):
        return f"{key} must be a list of {len(declared)} items"
    for item, spec in zip(given, declared):
        if _is_pattern(spec["id"]):
            entries = item if isinstance(item, list) else [item]
            if not all(isinstance(e, dict) and isinstance(e.get("id"), dict) for e in entries):
                return f"{key}: pattern-matching entries must be objects with an object id"
            continue
        if not isinstance(item, dict) or not set(item) <= INPUT_KEYS:
            return f"{key}: every entry must be an object with id, property and value"
        if item.get("id") != spec["id"] or item.get("property") != spec["property"]:
            return f"{key}: entries must name the callback's own inputs, in order"
    return None


def _check_outputs(outputs: Any, output: str) -> str | None:
    """Reason a body's `outputs` does not match its `output` id, or None."""
    entries = outputs if isinstance(outputs, list) else [outputs]
    if not all(
        isinstance(e, dict) and isinstance(e.get("id"), str | dict) and isinstance(e.get("property"), str)
        for e in entries
    ):
        return "outputs must be objects with id and property"
    names = [f"{e['id']}.{e['property']}" for e in entries if isinstance(e["id"], str)]
    expected = output.split("@")[0]
    joined = names[0] if not isinstance(outputs, list) and names else f"..{'...'.join(names)}.."
    if len(names) == len(entries) and joined != expected:
        return "outputs do not match output"
    return None


def callback_problem(body: Any, callback_map: dict) -> str | None:
    """Why a callback request body cannot be dispatched, or None if it matches a server callback."""
    if not isinstance(body, dict) or not set(body) <= BODY_KEYS:
        return "body must be a JSON object with output, outputs, inputs, state and changedPropIds"
    output = body.get("output")
    spec = callback_map.get(output) if isinstance(output, str) else None
    if spec is None or "callback" not in spec:
        return "output does not name a server callback"
    for key in ("inputs", "state"):
        if reason := _check_items(body.get(key, []), spec[key], key):
            return reason
    if reason := _check_outputs(body.get("outputs"), output):
        return reason
    changed = body.get("changedPropIds", [])
    known = {f"{i['id']}.{i['property']}" for i in body.get("inputs", []) if isinstance(i, dict)}
    if not isinstance(changed, list) or not all(isinstance(c, str) and c in known for c in changed):
        return "changedPropIds must list the callback's own inputs"
    return None


def install(app: Dash, prefix: str = "/") -> None:
    """Add the guards to the app's server (after Dash has registered its routes)."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    update_path = f"{prefix}_dash-update-component"

    @server.before_request
    def _guard() -> flask.Response | None:
        req = flask.request
        if req.content_length is not None and req.content_length > MAX_BODY_BYTES:
            return plain(413, f"request body over {MAX_BODY_BYTES} bytes")
        if req.path == update_path and req.method == "POST":
            body = req.get_json(silent=True)
            if reason := callback_problem(body, app.callback_map):
                return plain(400, reason)
        return None

    views = server.view_functions
    for rule in list(server.url_map.iter_rules()):
        if rule.rule == f"{prefix}<path:path>":
            views[rule.endpoint] = lambda path: plain(404, "not found")
        elif rule.rule == f"{prefix}_reload-hash":
            views[rule.endpoint] = _dev_only(app, views[rule.endpoint])
        elif rule.rule.startswith(f"{prefix}_dash-component-suites/"):
            views[rule.endpoint] = _suites_view(app, views[rule.endpoint])


def _dev_only(app: Dash, original):
    """A dev-tools view that answers 404 unless hot reload is on (it never is in production)."""

    def serve() -> flask.Response:
        return original() if app._dev_tools.get("hot_reload") else plain(404, "not found")

    return serve


def _suites_view(app: Dash, original):
    """Dash's component-suite view, answering 404 for unregistered or blocked files."""

    def serve(package_name: str, fingerprinted_path: str) -> flask.Response:
        path, _ = check_fingerprint(fingerprinted_path)
        if package_name in BLOCKED_PACKAGES or path not in app.registered_paths.get(package_name, ()):
            return plain(404, "not found")
        return original(package_name, fingerprinted_path)

    return serve
