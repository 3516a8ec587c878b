"""Live-blog text to draft events: `python -m events ingest FILE [--date] [--source-url] [--source-name] [--out]`.

Modules, in the order the text flows through them: `entries` (split at headings), `dates`,
`countries` (names, demonyms, capitals, office holders), `stance` (codebook cues with negation),
`quotes`, `statements` (sentences grouped by actor), `drafts` (rows in the events schema plus
`confidence`, `evidence`, `triggers` and `flags`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from events.ingest.dates import parse_iso
from events.ingest.drafts import DRAFT_FIELDS, EXTRA_FIELDS, SUMMARY_FLAG, assign_ids, draft_row
from events.ingest.entries import dateline, split_entries
from events.ingest.statements import statements

__all__ = ["DRAFT_FIELDS", "EXTRA_FIELDS", "SUMMARY_FLAG", "drafts_csv", "ingest_text", "read_drafts"]


def ingest_text(
    text: str, date: dt.date | str | None = None, source_url: str = "", source_name: str = ""
) -> list[dict[str, str]]:
    """Draft events from a live blog's text; the page's own dateline wins over `date`."""
    header, body = dateline(text)
    page_date = parse_iso(header) or (parse_iso(date) if isinstance(date, str) else date)
    rows, headings = [], []
    for entry in split_entries(body):
        for n, st in enumerate(statements(entry, page_date)):
            rows.append(draft_row(st, source_url, source_name))
            headings.append(st.heading if n == 0 else "")
    assign_ids(rows, headings)
    return rows


def drafts_csv(rows: list[dict[str, str]]) -> str:
    """Draft rows as CSV text (events columns first, then the ingestion columns)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=DRAFT_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def read_drafts(text: str) -> list[dict[str, str]]:
    """Rows of a drafts CSV; missing columns read as empty, unknown ones are ignored."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    return [{f: (row.get(f) or "") for f in DRAFT_FIELDS} for row in reader]
