"""Stories: a guided walk through the crisis, one validated CSV per story in `data/stories/`.

Each step moves the map to a date (optionally a country's panel and a region view) and shows a
caption in our own words. Every step cites the events behind its caption (`event_ids`), and its
`source_url` must be the source of one of them, so a story can say nothing the records don't.
Problems are reported like the events': `file:line: field: reason`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from events.crisis import Crisis, crisis_for
from events.loader import (
    CODE_RE,
    CONTROL_RE,
    DEFAULT_DATA_DIR,
    EventsValidationError,
    Problem,
    check_bytes,
    check_date,
    check_url,
    records,
)
from geodata.regions import REGIONS

STORY_DIR = DEFAULT_DATA_DIR / "stories"
DEFAULT_STORY = STORY_DIR / "four-years.csv"
STORY_FIELDS: tuple[str, ...] = (
    "step",
    "date",
    "title",
    "caption",
    "country",
    "region",
    "event_ids",
    "source_name",
    "source_url",
)
STORY_REQUIRED = frozenset({"step", "date", "title", "caption", "event_ids", "source_name", "source_url"})
STORY_MAX_CHARS = {"title": 80, "caption": 400, "source_name": 120, "source_url": 500, "event_ids": 800}


def check_step(
    row: dict[str, str], expected: int, events: pd.DataFrame, known: frozenset[str], crisis: Crisis
) -> list[tuple[str, str]]:
    """(field, reason) pairs for one story step."""
    out: list[tuple[str, str]] = []
    for field in STORY_FIELDS:
        value = row[field]
        if value != value.strip() or CONTROL_RE.search(value):
            out.append((field, "leading or trailing whitespace or a control character"))
        if field in STORY_REQUIRED and not value:
            out.append((field, "required field is empty"))
        if len(value) > STORY_MAX_CHARS.get(field, 10**6):
            out.append((field, f"is {len(value)} characters long; the limit is {STORY_MAX_CHARS[field]}"))
    if out:
        return out
    if row["step"] != str(expected):
        out.append(("step", f"'{row['step'][:20]}' should be {expected}: steps count 1, 2, 3… in order"))
    if reason := check_date(row["date"], "day", crisis):
        out.append(("date", reason))
    if row["country"] and not (CODE_RE.fullmatch(row["country"]) and row["country"] in known):
        out.append(("country", f"unknown country code '{row['country'][:20]}'"))
    if row["region"] and row["region"] not in REGIONS:
        out.append(("region", f"'{row['region'][:20]}' is not one of {', '.join(REGIONS)} (or empty)"))
    ids = row["event_ids"].split(";")
    missing = [i for i in ids if i not in events.index]
    if missing:
        out.append(("event_ids", f"no event with id {', '.join(repr(i[:80]) for i in missing)}"))
    if reason := check_url(row["source_url"]):
        out.append(("source_url", reason))
    elif not missing and row["source_url"] not in set(events.loc[ids, "source_url"]):
        out.append(("source_url", "must be the source of one of the cited events"))
    return out


def load_story(path: str | Path, events: pd.DataFrame, known: frozenset[str] | None = None) -> pd.DataFrame:
    """Load and validate one story file against the loaded events; raise on any problem."""
    if known is None:
        from geodata import country_codes

        known = country_codes()
    path = Path(path)
    name = f"stories/{path.name}"
    text, problems = check_bytes(name, path.read_bytes())
    if text is None:
        raise EventsValidationError(problems)
    parsed = list(records(name, text))
    if tuple(parsed[0][1]) != STORY_FIELDS:
        raise EventsValidationError([*problems, Problem(name, 1, "header", f"must be {','.join(STORY_FIELDS)}")])
    by_id = events.set_index("id")
    crisis = events.attrs.get("crisis") or crisis_for(path.parent.parent)  # stories/ sits beside the crisis file
    rows = []
    for expected, (line, fields) in enumerate(parsed[1:], start=1):
        if len(fields) != len(STORY_FIELDS):
            problems.append(Problem(name, line, "row", f"expected {len(STORY_FIELDS)} fields, got {len(fields)}"))
            continue
        row = dict(zip(STORY_FIELDS, fields))
        problems.extend(Problem(name, line, f, r) for f, r in check_step(row, expected, by_id, known, crisis))
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(name, 1, "file", "has a header but no steps"))
    if problems:
        raise EventsValidationError(problems)
    frame = pd.DataFrame(rows, columns=list(STORY_FIELDS))
    return frame.assign(step=frame["step"].astype(int), event_ids=[tuple(v.split(";")) for v in frame["event_ids"]])
