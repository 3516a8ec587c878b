"""The events as a Frictionless Data Package, generated from `events/schema.py` (never by hand).

`python -m events datapackage [PATH] [--out FILE]` writes `datapackage.json` for the CSV files
at PATH; the app serves the same descriptor at `/datapackage.json`. Every vocabulary becomes an
enum, the id its pattern, `id` the primary key, and the licences travel with the data.
"""

from __future__ import annotations

import json
from pathlib import Path

from events import schema
from events.crisis import Crisis, crisis_for
from events.loader import csv_files

TITLE = "Who backs whom: dated, sourced positions of governments"
LICENCES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0 (our records; quotes remain their authors' words)",
    }
]
DESCRIPTIONS: dict[str, str] = {
    "id": "Unique, stable record id: yyyymmdd-actor-what (lowercase, digits, hyphens).",
    "date": "The day of the statement or act (first of the month when date_precision is month).",
    "date_precision": "How precisely the date is known.",
    "countries": "ISO 3166-1 alpha-3 codes of the governments whose position this records, ';'-separated.",
    "stance": "The position the record gives every listed country; empty if it changes nobody's position.",
    "kind": "What sort of event this is.",
    "actor": "Who spoke or acted, with their role.",
    "summary": "What happened, in our own words.",
    "quote": "The actor's own short words, if quoted; empty otherwise.",
    "source_name": "The publication the record was read from.",
    "source_url": "The http(s) address of the page the record was read from.",
    "notes": "Coding decisions, other sources, disagreements between sources.",
    "basis": "How the position was expressed.",
    "supersedes": "Ids of same-day events this record comes after (explicit same-day order), ';'-separated.",
}
VOCABULARIES: dict[str, dict[str, str]] = {
    "kind": schema.KINDS,
    "date_precision": schema.PRECISIONS,
    "basis": schema.BASES,
}  # and `stance`: the crisis's own vocabulary


def field(name: str, crisis: Crisis) -> dict:
    """The Table Schema descriptor of one events column (stances and dates from the crisis)."""
    out: dict = {"name": name, "type": "string", "description": DESCRIPTIONS.get(name, "")}
    constraints: dict = {"required": name in schema.REQUIRED}
    vocabularies = {"stance": crisis.definitions(), **VOCABULARIES}
    if name in vocabularies:
        values = list(vocabularies[name])
        constraints["enum"] = values if name in schema.REQUIRED else [*values, ""]
        out["description"] += " " + "; ".join(f"{k}: {v}" for k, v in vocabularies[name].items())
    if name == "id":
        constraints["pattern"] = schema.ID_PATTERN
    elif name == "date":
        out.update(type="date", format="default")
        constraints["minimum"], constraints["maximum"] = crisis.date_min.isoformat(), crisis.date_max.isoformat()
    elif name == "countries":
        constraints["pattern"] = "[A-Z]{3}(;[A-Z]{3})*"
    elif name == "supersedes":
        constraints["pattern"] = f"({schema.ID_PATTERN}(;{schema.ID_PATTERN})*)?"
    elif name == "source_url":
        constraints["pattern"] = "https?://\\S+"
    if name in schema.MAX_CHARS:
        constraints["maxLength"] = schema.MAX_CHARS[name]
    out["constraints"] = constraints
    return out


def table_schema(crisis: Crisis) -> dict:
    """The Table Schema shared by every events file of a crisis."""
    return {
        "fields": [field(name, crisis) for name in schema.FIELDS],
        "primaryKey": ["id"],
        "missingValues": [],  # an empty cell is an empty string, never null
    }


def descriptor(path: str | Path | None = None, prefix: str = "") -> dict:
    """The Data Package descriptor for the events files at `path` (default: the shipped data).

    Resource paths are the file names, prefixed with `prefix` (e.g. the URL folder they are
    served from); the descriptor is meant to sit next to the files.
    """
    crisis = crisis_for(path)
    resources = [
        {
            "name": file.stem.lower().replace("_", "-"),
            "path": prefix + file.name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": table_schema(crisis),
        }
        for file in csv_files(path)
    ]
    return {
        "profile": "tabular-data-package",
        "name": "who-backs-whom-events",
        "title": TITLE,
        "licenses": LICENCES,
        "sources": [{"title": "Each record's source_url: the page it was read from"}],
        "resources": resources,
    }


def write(path: str | Path | None, out: Path) -> Path:
    """Write the descriptor as JSON to `out`."""
    out.write_text(json.dumps(descriptor(path), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
