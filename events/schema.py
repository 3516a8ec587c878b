"""The events vocabulary shared by every crisis, defined once: fields, kinds, bases and limits.

The codebook (`events/README.md`) documents these; a test checks that the two agree.
"""

from __future__ import annotations

# Column order of every events CSV file.
FIELDS: tuple[str, ...] = (
    "id",
    "date",
    "date_precision",
    "countries",
    "stance",
    "kind",
    "actor",
    "summary",
    "summary_es",
    "quote",
    "source_name",
    "source_url",
    "notes",
    "basis",
    "supersedes",
)
# Columns a file may leave out (read as empty): translations, added after the first files were written.
OPTIONAL_COLUMNS: frozenset[str] = frozenset({"summary_es"})
REQUIRED: frozenset[str] = frozenset(
    {"id", "date", "date_precision", "countries", "kind", "actor", "summary", "source_name", "source_url", "basis"}
)

# Stance values, their definitions, the subject and the date window belong to each crisis: its
# `crisis.toml` (see events/crisis.py), which the loader checks the events against.
NO_STANCE = ""  # An event that changes nobody's position.

KINDS: dict[str, str] = {
    "recognition": "a government formally recognises a claimant, or ends a recognition",
    "statement": "a declaration, tweet, speech or communiqué",
    "diplomatic": "an act on relations: ambassadors, embassies, breaking or restoring ties",
    "sanction": "sanctions, asset freezes or their removal",
    "military": "an act or statement of armed forces",
    "protest": "rallies, marches and demonstrations",
    "violence": "deaths, injuries and repression",
    "legal": "court rulings, laws and legal proceedings",
    "other": "anything else worth recording",
}

# How a position was expressed: the filter "own statements only" keeps `own` records alone.
BASES: dict[str, str] = {
    "own": "the government's own statement or act (its head, ministry, spokesperson or envoy)",
    "joint": "a body or bloc spoke for it (EU, Lima Group, SADC, CARICOM, ALBA, a joint communiqué)",
    "vote": "a vote at the OAS or the UN",
}
SUPERSEDES_SEP = ";"  # `supersedes` lists ids of same-day events this row overrides.

PRECISIONS: dict[str, str] = {
    "day": "the exact day is stated in the source",
    "month": "only the month is known; `date` holds the first day of that month",
}

ID_PATTERN = r"[a-z0-9][a-z0-9-]*"
MAX_CHARS: dict[str, int] = {
    "id": 80,
    "actor": 200,
    "summary": 600,
    "summary_es": 700,
    "quote": 400,
    "source_name": 120,
    "source_url": 500,
    "notes": 2000,
    "supersedes": 400,
}
MAX_QUOTE_WORDS = 40
