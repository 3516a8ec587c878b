"""Load and validate the event CSV files; every problem is reported as `file:line: field: reason`."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from events import order, schema, screen
from events.crisis import DEFAULT_DATA_DIR, Crisis, crisis_for
from events.problems import EventsValidationError, Problem

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
ID_RE = re.compile(schema.ID_PATTERN)
CODE_RE = re.compile(r"[A-Z]{3}")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
C1_RE = re.compile(r"[\x80-\x9f]")
# Bidi embedding and override controls (U+202A-U+202E) and isolates (U+2066-U+2069): they reorder
# the text around them ("evil" shown as "live"). Right-to-left letters themselves are fine.
BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
BOM = "\ufeff"
COLUMNS = [*schema.FIELDS, "file", "line", "order"]
SCREEN_FROM = 1000  # rows: files this long have their columns screened, and only suspect rows checked one by one


def csv_files(path: Path | str | None) -> list[Path]:
    """The CSV files a path names: the file itself, or every *.csv in a folder, sorted."""
    root = Path(path) if path is not None else DEFAULT_DATA_DIR
    if root.is_dir():
        return sorted(root.glob("*.csv"))
    return [root]


def check_bytes(name: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Decode a file's bytes: UTF-8 (a leading BOM dropped), CRLF or LF line ends normalised to LF."""
    if not raw or raw.isspace():
        return None, [Problem(name, 1, "file", "empty file: expected a header and at least one row")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        reason = f"not valid UTF-8 at byte {err.start}; save as CSV UTF-8 (in Excel: Save As → CSV UTF-8)"
        return None, [Problem(name, line, "file", reason)]
    text = text.removeprefix(BOM).replace("\r\n", "\n")
    bare = [i + 1 for i, ln in enumerate(text.split("\n")) if "\r" in ln] if "\r" in text else []
    if bare:
        more = f" (and {len(bare) - 1} more lines)" if len(bare) > 1 else ""
        return None, [Problem(name, bare[0], "file", f"carriage return without line feed{more}; use LF or CRLF")]
    return text, []


def records(name: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, fields) for every CSV record of a text."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def check_header(name: str, header: list[str]) -> list[Problem]:
    """Compare a header with the schema's fields, in order (optional columns may be absent)."""
    problems = []
    missing = [f for f in schema.FIELDS if f not in header and f not in schema.OPTIONAL_COLUMNS]
    unknown = [f for f in header if f not in schema.FIELDS]
    for f in missing:
        problems.append(Problem(name, 1, "header", f"missing column '{f}'"))
    for f in unknown:
        problems.append(Problem(name, 1, "header", f"unknown column '{f}'"))
    if not missing and not unknown and tuple(header) != file_fields(header):
        problems.append(Problem(name, 1, "header", f"columns must be in this order: {','.join(schema.FIELDS)}"))
    return problems


def file_fields(header: list[str]) -> tuple[str, ...]:
    """The schema's fields that a file with this header carries, in schema order."""
    return tuple(f for f in schema.FIELDS if f in header or f not in schema.OPTIONAL_COLUMNS)


def check_date(value: str, precision: str, crisis: Crisis) -> str | None:
    """Reason a date value is invalid (or outside the crisis's window), or None."""
    if not DATE_RE.fullmatch(value):
        return f"'{value[:40]}' is not a date in YYYY-MM-DD form"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f"'{value}' is not a real calendar date"
    if not crisis.date_min <= day <= crisis.date_max:
        return f"{value} is outside {crisis.date_min}..{crisis.date_max}"
    if precision == "month" and day.day != 1:
        return f"{value} has date_precision=month, so it must be the first of the month"
    return None


def check_url(value: str) -> str | None:
    """Reason a source URL is unsafe or malformed, or None."""
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced '[' in the host
        return "not a well-formed http(s) URL"
    if parts.scheme not in ("http", "https"):
        return f"scheme '{parts.scheme}' is not allowed; use http or https"
    if not parts.netloc or any(ch.isspace() for ch in value):
        return "not a well-formed http(s) URL"
    return None


def check_countries(value: str, known: frozenset[str], stance: str, subject: str) -> list[tuple[str, str]]:
    """(field, reason) pairs for a `;`-separated list of country codes."""
    codes = value.split(";")
    out = []
    for code in codes:
        if not CODE_RE.fullmatch(code):
            out.append(("countries", f"'{code[:40]}' is not an ISO 3166-1 alpha-3 code (three capitals)"))
        elif code not in known:
            out.append(("countries", f"unknown country code '{code}'"))
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        out.append(("countries", f"listed twice: {', '.join(dupes)}"))
    if stance and subject in codes:
        out.append(("stance", f"{subject} is the subject of the crisis and takes no stance"))
    return out


def check_row(row: dict[str, str], known: frozenset[str], crisis: Crisis) -> list[tuple[str, str]]:
    """(field, reason) pairs for one record's values, against the crisis's window, subject and stances."""
    out: list[tuple[str, str]] = []
    for field in schema.FIELDS:
        value = row[field]
        if value != value.strip():
            out.append((field, "leading or trailing whitespace"))
        if CONTROL_RE.search(value):
            out.append((field, "contains a control character"))
        if C1_RE.search(value):
            out.append((field, "contains a C1 control character (U+0080-U+009F)"))
        if found := BIDI_RE.search(value):
            out.append((field, f"contains the bidi control U+{ord(found.group()):04X}; right-to-left text needs none"))
        if BOM in value:
            out.append((field, "contains a byte-order mark (U+FEFF)"))
        limit = schema.MAX_CHARS.get(field)
        if limit and len(value) > limit:
            out.append((field, f"is {len(value)} characters long; the limit is {limit}"))
        if field in schema.REQUIRED and not value.strip():
            out.append((field, "required field is empty"))
    if out:
        return out
    if not ID_RE.fullmatch(row["id"]):
        out.append(("id", f"'{row['id']}' must use only a-z, 0-9 and '-'"))
    if row["date_precision"] not in schema.PRECISIONS:
        out.append(("date_precision", f"'{row['date_precision']}' is not one of {', '.join(schema.PRECISIONS)}"))
    if reason := check_date(row["date"], row["date_precision"], crisis):
        out.append(("date", reason))
    stances = crisis.stance_values()
    if row["stance"] and row["stance"] not in stances:
        out.append(("stance", f"'{row['stance'][:40]}' is not one of {', '.join(stances)} (or empty)"))
    if row["kind"] not in schema.KINDS:
        out.append(("kind", f"'{row['kind'][:40]}' is not one of {', '.join(schema.KINDS)}"))
    if reason := check_url(row["source_url"]):
        out.append(("source_url", reason))
    words = len(row["quote"].split())
    if words > schema.MAX_QUOTE_WORDS:
        out.append(("quote", f"has {words} words; the limit is {schema.MAX_QUOTE_WORDS}"))
    out.extend(check_countries(row["countries"], known, row["stance"], crisis.subject))
    out.extend(check_basis(row["basis"]))
    return out


def check_basis(value: str) -> list[tuple[str, str]]:
    """(field, reason) pairs for the `basis` field (how the position was expressed)."""
    if value in schema.BASES:
        return []
    return [("basis", f"'{value[:40]}' is not one of {', '.join(schema.BASES)}")]


def record_lines(text: str) -> tuple[list[int], list[list[str]]]:
    """(first line number of each record, the records) of a CSV text: `records` as two lists."""
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if len(rows) == text.count("\n") + (not text.endswith("\n")):  # every record is one line
        return list(range(1, len(rows) + 1)), rows
    spans = np.fromiter((1 + ",".join(row).count("\n") for row in rows), dtype=np.int64, count=len(rows))
    return (np.cumsum(spans) - spans + 1).tolist(), rows  # a record spans its fields' line breaks plus one


def parse_file(name: str, raw: bytes) -> tuple[tuple[str, ...], list[int], list[list[str]], list[Problem]]:
    """(the file's fields, its body records and their lines, its file-level problems); no fields if unreadable."""
    text, problems = check_bytes(name, raw)
    if text is None:
        return (), [], [], problems
    csv.field_size_limit(sys.maxsize)
    try:
        lines, rows = record_lines(text)
    except csv.Error as err:
        return (), [], [], [*problems, Problem(name, 1, "file", f"not parseable as CSV: {err}")]
    if not rows:
        return (), [], [], [*problems, Problem(name, 1, "file", "empty file: expected a header and at least one row")]
    header_problems = check_header(name, rows[0])
    if header_problems:
        return (), [], [], problems + header_problems
    if len(rows) == 1:
        problems.append(Problem(name, 1, "file", "has a header but no rows"))
    return file_fields(rows[0]), lines[1:], rows[1:], problems


def file_frame(name: str, columns: tuple[str, ...], rows: list[list[str]], lines: list[int]) -> pd.DataFrame:
    """Full-width records as the schema's text columns (absent optional ones empty), `codes`, `file` and `line`."""
    flat = pd.array(list(chain.from_iterable(rows)), dtype="str")
    present = {f: flat[j :: len(columns)] for j, f in enumerate(columns)}
    empty = pd.array([""] * len(rows), dtype="str")
    frame = pd.DataFrame({f: present.get(f, empty) for f in schema.FIELDS})
    at = columns.index("countries")
    frame["codes"] = pd.Series([tuple(row[at].split(";")) for row in rows], dtype=object)
    frame["file"] = pd.array([name] * len(rows), dtype="str")
    frame["line"] = np.array(lines, dtype=np.int64)
    return frame


def date_suspects(frame: pd.DataFrame, crisis: Crisis) -> np.ndarray:
    """Rows whose date or date_precision `check_date` or the vocabulary refuses (each distinct pair checked once)."""
    out = ~frame["date_precision"].isin(schema.PRECISIONS).to_numpy(dtype=bool)
    pairs, distinct = pd.factorize(pd.MultiIndex.from_arrays([frame["date"], frame["date_precision"]]))
    bad = np.array([p in schema.PRECISIONS and check_date(d, p, crisis) is not None for d, p in distinct], dtype=bool)
    return out | bad[pairs] if len(distinct) else out


def suspect_rows(
    raw: bytes, starts: np.ndarray, frame: pd.DataFrame, known: frozenset[str], crisis: Crisis
) -> np.ndarray:
    """The rows of a file's frame `check_row` must see: a small file's all, else those the screens cannot clear."""
    if len(frame) < SCREEN_FROM:
        return np.ones(len(frame), dtype=bool)  # fewer rows cost less to check one by one than to screen
    suspects = np.isin(frame["line"].to_numpy(), screen.forbidden_records(raw, starts))
    return suspects | screen.row_suspects(frame, known, crisis) | date_suspects(frame, crisis)


def read_file(path: Path, known: frozenset[str], crisis: Crisis) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse and validate one file; return its full-width rows (see `file_frame`) and every problem.

    Only the rows `screen` cannot clear go through `check_row`, which words every row problem.
    """
    name, raw = path.name, path.read_bytes()
    columns, lines, rows, problems = parse_file(name, raw)
    if not columns:
        return None, problems
    width = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    found = [
        Problem(name, lines[i], "row", f"expected {len(columns)} fields, got {width[i]}")
        for i in np.flatnonzero(width != len(columns))
    ]
    starts = np.array(lines, dtype=np.int64)  # of every record, so a character is placed in its own record
    if len(found):
        full = np.flatnonzero(width == len(columns))
        rows, lines = [rows[i] for i in full], [lines[i] for i in full]
    frame = file_frame(name, columns, rows, lines)
    suspects = suspect_rows(raw, starts, frame, known, crisis)
    absent = dict.fromkeys(schema.OPTIONAL_COLUMNS - set(columns), "")
    for i in np.flatnonzero(suspects):
        row = {**dict(zip(columns, rows[i])), **absent}
        found.extend(Problem(name, lines[i], f, r) for f, r in check_row(row, known, crisis))
    return frame, problems + sorted(found, key=lambda p: p.line)


def duplicate_ids(rows: Iterable[dict]) -> list[Problem]:
    """A problem for every id already used by an earlier row."""
    first: dict[str, dict] = {}
    out = []
    for row in rows:
        seen = first.setdefault(row["id"], row)
        if seen is not row:
            where = f"{seen['file']}:{seen['line']}"
            out.append(Problem(row["file"], row["line"], "id", f"duplicate id '{row['id']}' (first used at {where})"))
    return out


def rows_at(table: pd.DataFrame, index: np.ndarray) -> list[dict]:
    """The rows at `index` of the loaded table as dicts of their text fields, `file` and `line`."""
    return table.iloc[index][[*schema.FIELDS, "file", "line"]].to_dict("records")


def table_problems(table: pd.DataFrame, crisis: Crisis) -> tuple[list[Problem], np.ndarray]:
    """Duplicate ids and `supersedes` problems across all files, and each row's supersedes depth."""
    problems = duplicate_ids(rows_at(table, np.flatnonzero(table["id"].duplicated(keep=False).to_numpy())))
    index = screen.order_rows(table, crisis.stance_values())
    rows = rows_at(table, index)
    problems.extend(Problem(*issue) for issue in order.order_issues(rows, crisis.stance_values()))
    depth = np.zeros(len(table), dtype=np.int64)
    if not problems:
        depth[index] = order.chain_depths(rows)
    return problems, depth


def to_frame(table: pd.DataFrame, depth: np.ndarray) -> pd.DataFrame:
    """Typed DataFrame of validated rows, in file then line order; `order` ranks by date, depth, file and line."""
    frame = table.drop(columns=["codes"])
    frame["countries"] = table["codes"]
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    ranked = np.lexsort((np.arange(len(frame)), depth, frame["date"].to_numpy()))
    rank = np.empty(len(frame), dtype=np.int64)
    rank[ranked] = np.arange(len(frame))
    frame["order"] = rank
    return frame[COLUMNS]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: loading makes millions of cycle-free lists, each full pass would walk."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_events(
    path: Path | str | None = None, known: frozenset[str] | None = None, crisis: Crisis | None = None
) -> pd.DataFrame:
    """Load every events file under `path` (default: the shipped data); raise on any problem.

    Stances, subject and dates are checked against `crisis` (default: the crisis file beside the
    events, else the shipped one), which the frame carries as `frame.attrs["crisis"]`.
    """
    crisis = crisis if crisis is not None else crisis_for(path)
    if known is None:
        from geodata import country_codes

        known = country_codes()
    files = csv_files(path)
    if not files:
        raise EventsValidationError([Problem(str(path), 0, "file", "no .csv files found")])
    with collector_paused():
        frames, problems = [], []
        for file in files:
            if not file.exists():
                problems.append(Problem(str(file), 0, "file", "does not exist"))
                continue
            frame, file_problems = read_file(file, known, crisis)
            frames.extend([frame] if frame is not None and len(frame) else [])
            problems.extend(file_problems)
        table = pd.concat(frames, ignore_index=True) if frames else file_frame("", schema.FIELDS, [], [])
        found, depth = table_problems(table, crisis)
        problems.extend(found)
        if problems:
            raise EventsValidationError(problems)
        frame = to_frame(table, depth)
    frame.attrs["crisis"] = crisis
    return frame
