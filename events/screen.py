"""Whole-column screening: the rows that `check_row` could fault, found without a Python loop per row.

The loader runs the exact per-row checks (and takes every message from them) only on the rows
screened here. Each screen is a superset of a check: a row it lets through is one the check
passes (tests/events/test_screen.py holds the screens to that on generated rows), so no check
is weakened, only skipped where it provably finds nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Sequence
from functools import cache
from itertools import chain

import numpy as np
import pandas as pd

from events import schema
from events.crisis import Crisis

CODE_PATTERN = r"[A-Z]{3}"
# http(s), a host starting with a letter or digit, then printable ASCII but for '[' and ']' (which
# check_url refuses unbalanced): check_url passes every such URL.
PLAIN_URL = r"https?://[A-Za-z0-9][!-Z\\^-~]*"
BOM_BYTES = b"\xef\xbb\xbf"
# Bytes that are, or may start, a forbidden character: C0 controls but tab, LF and CR, DEL, and the
# first bytes of U+0080-U+009F (C2), U+202A-U+202E and U+2066-U+2069 (E2) and U+FEFF (EF).
FIRST_BYTES = np.zeros(256, dtype=bool)
FIRST_BYTES[[*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2, 0xE2, 0xEF]] = True


@cache
def whitespace() -> frozenset[str]:
    """Every character `str.strip()` removes: a value starting or ending with one has stray whitespace."""
    return frozenset(filter(str.isspace, map(chr, range(sys.maxunicode + 1))))


def forbidden_offsets(raw: bytes) -> np.ndarray:
    """Byte offsets in UTF-8 text of every C0/DEL, C1, bidi-control and byte-order-mark character."""
    data = np.frombuffer(raw, dtype=np.uint8)
    at = np.flatnonzero(FIRST_BYTES[data])
    byte = data[at]
    one, two = data[np.minimum(at + 1, len(data) - 1)], data[np.minimum(at + 2, len(data) - 1)]
    c1 = (byte == 0xC2) & (one >= 0x80) & (one <= 0x9F)  # U+0080-U+009F
    embed = (byte == 0xE2) & (one == 0x80) & (two >= 0xAA) & (two <= 0xAE)  # U+202A-U+202E
    isolate = (byte == 0xE2) & (one == 0x81) & (two >= 0xA6) & (two <= 0xA9)  # U+2066-U+2069
    bom = (byte == 0xEF) & (one == 0xBB) & (two == 0xBF)  # U+FEFF
    found = at[(byte < 0xC2) | c1 | embed | isolate | bom]
    return found[found != 0] if raw.startswith(BOM_BYTES) else found  # a leading BOM is dropped on read


def forbidden_records(raw: bytes, starts: np.ndarray) -> np.ndarray:
    """The first lines (of `starts`, ascending) of the records holding a character `forbidden_offsets` finds."""
    offsets = forbidden_offsets(raw)
    if not len(offsets) or not len(starts):
        return np.array([], dtype=np.int64)
    newlines = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == 0x0A)
    lines = np.searchsorted(newlines, offsets) + 1
    record = np.searchsorted(starts, lines, side="right") - 1
    return np.unique(starts[record[record >= 0]])


def text_suspects(values: pd.Series, field: str) -> np.ndarray:
    """Rows whose value may have stray whitespace, be too long, or be empty where required."""
    out = values.str.slice(0, 1).isin(whitespace()) | values.str.slice(-1).isin(whitespace())
    limit = schema.MAX_CHARS.get(field)
    if limit:
        out |= values.str.len() > limit
    if field in schema.REQUIRED:
        out |= values == ""
    return out.to_numpy(dtype=bool)


def vocabulary_suspects(frame: pd.DataFrame, stances: Collection[str]) -> np.ndarray:
    """Rows whose id, stance, kind or basis is outside its pattern or vocabulary."""
    out = ~frame["id"].str.fullmatch(schema.ID_PATTERN)
    out |= ~(frame["stance"].isin(stances) | (frame["stance"] == schema.NO_STANCE))
    out |= ~frame["kind"].isin(schema.KINDS)
    out |= ~frame["basis"].isin(schema.BASES)
    return out.to_numpy(dtype=bool)


def url_suspects(values: pd.Series) -> np.ndarray:
    """Rows whose source_url is not plainly `http(s)://host…` in printable ASCII without spaces or brackets."""
    return ~values.str.fullmatch(PLAIN_URL).to_numpy(dtype=bool)


def quote_suspects(values: pd.Series) -> np.ndarray:
    """Rows whose quote may have too many words (a quote of N characters has at most (N + 1) / 2 words)."""
    long = (values.str.len() > 2 * schema.MAX_QUOTE_WORDS).to_numpy(dtype=bool)
    out = np.zeros(len(values), dtype=bool)
    out[long] = [len(q.split()) > schema.MAX_QUOTE_WORDS for q in values[long]]
    return out


def flat_codes(codes: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """(row of each listed code, its index in the distinct codes, the distinct codes) of per-row code lists."""
    lengths = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
    flat = np.fromiter(chain.from_iterable(codes), dtype=object, count=int(lengths.sum()))
    ids, uniques = pd.factorize(flat)
    return np.repeat(np.arange(len(codes)), lengths), ids, pd.Index(uniques, dtype=object)


def country_suspects(
    codes: Sequence[Sequence[str]], stance: pd.Series, known: frozenset[str], subject: str
) -> np.ndarray:
    """Rows listing a malformed, unknown or repeated code, or the subject with a stance."""
    rows, ids, uniques = flat_codes(codes)
    good = uniques.isin(known) & pd.Series(uniques, dtype=object).str.fullmatch(CODE_PATTERN).to_numpy(dtype=bool)
    bad = rows[~good[ids]] if len(uniques) else rows[:0]
    twice = rows[pd.Series(rows * max(len(uniques), 1) + ids).duplicated().to_numpy()]
    subject_rows = rows[ids == uniques.get_indexer([subject])[0]] if subject in uniques else rows[:0]
    has_stance = (stance != schema.NO_STANCE).to_numpy(dtype=bool)
    out = np.zeros(len(codes), dtype=bool)
    out[bad] = True
    out[twice] = True
    out[subject_rows[has_stance[subject_rows]]] = True
    return out


def row_suspects(frame: pd.DataFrame, known: frozenset[str], crisis: Crisis) -> np.ndarray:
    """True for every row of a file's frame (schema fields as text, `codes` tuples) `check_row` might fault.

    Dates are the loader's to screen (with its `check_date`, once per distinct value).
    """
    out = np.zeros(len(frame), dtype=bool)
    for field in schema.FIELDS:
        out |= text_suspects(frame[field], field)
    out |= vocabulary_suspects(frame, crisis.stance_values())
    out |= url_suspects(frame["source_url"])
    out |= quote_suspects(frame["quote"])
    out |= country_suspects(frame["codes"].tolist(), frame["stance"], known, crisis.subject)
    return out


def mixed(key: np.ndarray, stance: np.ndarray) -> np.ndarray:
    """For each item, whether its key is shared by items of two or more stances."""
    by_key = np.lexsort((stance, key))
    key, stance = key[by_key], stance[by_key]
    split = np.flatnonzero((key[1:] == key[:-1]) & (stance[1:] != stance[:-1]))
    out = np.zeros(len(key), dtype=bool)
    out[by_key] = np.isin(key, key[split])
    return out


def conflict_rows(frame: pd.DataFrame, stances: Collection[str]) -> np.ndarray:
    """Rows sharing a (date, country) with a row of another valid stance: the only ones a same-day conflict needs."""
    valid = np.flatnonzero(frame["stance"].isin(stances).to_numpy(dtype=bool))
    date, stance = pd.factorize(frame["date"])[0][valid], pd.factorize(frame["stance"])[0][valid]
    near = np.flatnonzero(mixed(date, stance))  # dates with two stances: the country-level test needs no others
    rows, ids, uniques = flat_codes(frame["codes"].to_numpy()[valid[near]].tolist())
    conflicted = mixed(date[near][rows] * max(len(uniques), 1) + ids, stance[near][rows])
    out = np.zeros(len(frame), dtype=bool)
    out[valid[near][rows[conflicted]]] = True
    return out


def order_rows(frame: pd.DataFrame, stances: Collection[str]) -> np.ndarray:
    """Indices of the rows the `supersedes` checks need: rows that list ids, rows listed, and same-day conflicts."""
    listing = (frame["supersedes"] != "").to_numpy(dtype=bool)
    listed = set(chain.from_iterable(v.split(schema.SUPERSEDES_SEP) for v in frame["supersedes"][listing]))
    needed = listing | frame["id"].isin(listed).to_numpy(dtype=bool) | conflict_rows(frame, stances)
    return np.flatnonzero(needed)
