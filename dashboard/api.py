"""The analysts' API: who changed between two dates, weighted shares, and the data package.

Every answer exists as CSV and as a JSON twin (same columns, a list of records), is read-only
and open to every origin (`Access-Control-Allow-Origin: *`). Dates outside the data's range get
a 400 that names the range.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable

import flask
import pandas as pd

from dashboard import openapi
from dashboard.csvcells import neutralise_frame
from dashboard.current import get_data
from dashboard.routes import EVENT_COLUMNS, events_table, parse_day, stances_table
from events import datapackage
from events.analysis import CHANGES_COLUMNS, changes_between, shares_on


class BadParameter(ValueError):
    """A query parameter the API cannot answer (→ 400 with this message)."""


def data_now():
    """The current data version (deferred import: the store lives with the app)."""
    return get_data()


def day_param(name: str, default: dt.date, first: dt.date, last: dt.date) -> dt.date:
    """A YYYY-MM-DD query parameter inside [first, last], or `default` when absent."""
    raw = flask.request.args.get(name, "")
    if not raw:
        return default
    day = parse_day(raw)
    if day is None:
        raise BadParameter(f"{name} must be a date in YYYY-MM-DD form")
    if not first <= day <= last:
        raise BadParameter(f"{name} must be between {first} and {last} (the data's range)")
    return day


def answer(frame: pd.DataFrame, stem: str, fmt: str) -> flask.Response:
    """The frame as CSV or as a JSON list of records, open to every origin."""
    if fmt == "json":
        body = json.dumps(json.loads(frame.to_json(orient="records", force_ascii=False)), ensure_ascii=False)
        resp = flask.Response(body, mimetype="application/json")
    else:
        buf = io.StringIO()
        neutralise_frame(frame).to_csv(buf, index=False, lineterminator="\n")  # spreadsheet-safe cells
        resp = flask.Response(buf.getvalue(), mimetype="text/csv")
        resp.headers["Content-Disposition"] = f'inline; filename="{stem}.csv"'
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def bad(reason: str) -> flask.Response:
    """A plain-text 400, open to every origin so a cross-site client can read the reason."""
    resp = flask.Response(reason + "\n", status=400, mimetype="text/plain")
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def changes(fmt: str) -> flask.Response:
    """GET /api/changes.{csv,json}?from=A&to=B: iso3, name, from, to, date, event_id."""
    data = data_now()
    try:
        first, last = data.days.start, data.days.end
        end = day_param("to", last, first, last)
        start = day_param("from", first, first, last)
    except BadParameter as err:
        return bad(str(err))
    if start > end:
        return bad("from must not be after to")
    frame = changes_between(start, end, data.timeline)
    names = dict(zip(data.states["iso3"], data.states["name"]))
    frame.insert(1, "name", [names.get(c, c) for c in frame["iso3"]])
    return answer(frame[CHANGES_COLUMNS], f"changes-{start}-{end}", fmt)


def shares(fmt: str) -> flask.Response:
    """GET /api/shares.{csv,json}?date=D: per stance, count and shares of UN members and people."""
    data = data_now()
    try:
        day = day_param("date", data.days.end, data.days.start, data.days.end)
    except BadParameter as err:
        return bad(str(err))
    frame = shares_on(day, data.timeline, data.states)
    return answer(frame, f"shares-{day}", fmt)


def twin(table: Callable[[], tuple[pd.DataFrame, str] | flask.Response]) -> flask.Response:
    """The JSON twin of a CSV endpoint: the same rows and columns as a list of records."""
    result = table()
    if isinstance(result, flask.Response):  # a 400, readable cross-site
        result.headers["Access-Control-Allow-Origin"] = "*"
        return result
    return answer(result[0], result[1], "json")


def package() -> flask.Response:
    """GET /datapackage.json: the Frictionless descriptor of the events download."""
    crisis = get_data().timeline.crisis
    fields = [datapackage.field(name, crisis) for name in EVENT_COLUMNS]
    resource = {
        "name": "events",
        "path": "api/events.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {**datapackage.table_schema(crisis), "fields": fields},
    }
    desc = {**datapackage.descriptor(), "resources": [resource]}
    resp = flask.jsonify(desc)
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def open_api() -> flask.Response:
    """GET /openapi.json: the OpenAPI description of this API."""
    resp = flask.jsonify(openapi.document(get_data().timeline.crisis.stance_values()))
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def register(server: flask.Flask, prefix: str = "/") -> None:
    """Add the analysts' routes."""
    for fmt in ("csv", "json"):
        server.add_url_rule(f"{prefix}api/changes.{fmt}", f"changes_{fmt}", lambda fmt=fmt: changes(fmt))
        server.add_url_rule(f"{prefix}api/shares.{fmt}", f"shares_{fmt}", lambda fmt=fmt: shares(fmt))
    server.add_url_rule(f"{prefix}api/stances.json", "stances_json", lambda: twin(stances_table))
    server.add_url_rule(f"{prefix}api/events.json", "events_json", lambda: twin(events_table))
    server.add_url_rule(f"{prefix}datapackage.json", "datapackage", package)
    server.add_url_rule(f"{prefix}openapi.json", "openapi", open_api)
