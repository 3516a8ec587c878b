"""The OpenAPI 3.1 description of the read-only API, served at `/openapi.json`."""

from __future__ import annotations

from dashboard.routes import EVENT_COLUMNS
from events.analysis import CHANGES_COLUMNS, SHARE_COLUMNS

STANCE_COLUMNS = ["iso3", "name", "stance", "since", "event_id"]
# An empty value means the parameter is absent (its default), as in every deep link.
DATE = {"type": "string", "pattern": "^(\\d{4}-\\d{2}-\\d{2})?$"}
ISO3 = {"type": "string", "pattern": "^([A-Z]{3})?$"}
EVENT_TYPES = {"countries": {"type": "array", "items": {"type": "string"}}}
TEXT_400 = {"description": "A parameter is malformed or outside the data's range", "content": {"text/plain": {}}}


def record(columns: list[str], types: dict[str, dict] | None = None) -> dict:
    """A JSON object schema with one property per column (strings unless typed)."""
    types = types or {}
    return {
        "type": "object",
        "properties": {c: types.get(c, {"type": "string"}) for c in columns},
        "required": columns,
    }


def query(name: str, description: str, schema_: dict) -> dict:
    """An optional query parameter."""
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema_}


def operation(summary: str, params: list[dict], columns: list[str], fmt: str, types: dict | None = None) -> dict:
    """A GET operation answering CSV or a JSON list of records."""
    if fmt == "json":
        content = {"application/json": {"schema": {"type": "array", "items": record(columns, types)}}}
    else:
        content = {"text/csv": {"schema": {"type": "string"}}}
    return {
        "get": {
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {"description": f"Columns: {', '.join(columns)}", "content": content},
                "400": TEXT_400,
            },
        }
    }


def paths(stances: tuple[str, ...]) -> dict:
    """Every documented path (`stances`: the served crisis's vocabulary)."""
    date = query("date", "The day (default: the last day of the data)", DATE)
    country = query("country", "ISO 3166-1 alpha-3 code of one state", ISO3)
    window = [
        query("from", "First day (default: the first day)", DATE),
        query("to", "Last day (default: the last)", DATE),
    ]
    number = {"type": "integer", "minimum": 0}
    share = {"type": "number", "minimum": 0, "maximum": 1}
    share_types = {"countries": number, "un_members": number, "population": number, "un_share": share}
    share_types["population_share"] = share
    share_types["stance"] = {"type": "string", "enum": [*stances, "none"]}
    out = {
        "/api/stances.csv": operation("Every state's stance on a day", [date], STANCE_COLUMNS, "csv"),
        "/api/stances.json": operation("Every state's stance on a day", [date], STANCE_COLUMNS, "json"),
        "/api/events.csv": operation("Every event, or one country's", [country], EVENT_COLUMNS, "csv"),
        "/api/events.json": operation("Every event, or one country's", [country], EVENT_COLUMNS, "json", EVENT_TYPES),
        "/healthz": {
            "get": {
                "summary": "Health: status, number of events, data version and validation problems",
                "responses": {"200": {"description": "JSON health report", "content": {"application/json": {}}}},
            }
        },
        "/datapackage.json": {
            "get": {
                "summary": "Frictionless Data Package descriptor of the events download",
                "responses": {"200": {"description": "Data Package JSON", "content": {"application/json": {}}}},
            }
        },
    }
    for fmt in ("csv", "json"):
        out[f"/api/changes.{fmt}"] = operation("Who switched between two days", window, CHANGES_COLUMNS, fmt)
        out[f"/api/shares.{fmt}"] = operation(
            "Per stance: countries, share of UN members, share of world population",
            [date],
            SHARE_COLUMNS,
            fmt,
            share_types,
        )
    return out


def document(stances: tuple[str, ...]) -> dict:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Who backs whom: read-only API",
            "version": "1",
            "description": "Dated, sourced positions of governments. Column names are English in every "
            "language. Read-only; every answer is open to any origin.",
            "license": {"name": "CC-BY-4.0 (data)", "identifier": "CC-BY-4.0"},
        },
        "paths": paths(stances),
    }
