"""Tag countries in text: names, demonyms, capitals as metonyms, and office holders on dates in their term.

Names come from geodata (Natural Earth); demonyms, capitals and office holders from the sourced
tables in `events/reference/`. Matching ignores accents (Brasilia = Brasília, Guaido = Guaidó).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
# Words after a capital that make it a name of something else ("Lima Group", "Washington Post").
NOT_METONYM = r"(?! (?:Group|Post|Declaration|Accords?|Agreement|Treaty|Consensus|Times|University|Protocol))"
# "Latin American" is not American; "South America" is not the United States.
NOT_AFTER = r"(?<!Latin )(?<!South )(?<!North )(?<!Central )(?<!Pan-)(?<!Anglo-)"
ROLE_WORDS = re.compile(
    r"^(?:President|Vice President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|Secretary|"
    r"government|Government|leader|Chancellor|foreign ministry|Foreign Ministry|ambassador|envoy|"
    r"[a-z]+ President|[A-Z][a-z]+ Minister|leftist|right-wing|conservative)"
)


@dataclass(frozen=True)
class Term:
    """One matchable phrase and the countries it stands for."""

    phrase: str
    codes: tuple[str, ...]
    kind: str  # name, alias, demonym, capital, official
    start: dt.date | None = None
    end: dt.date | None = None
    label: str = ""  # for officials: "Name, Role"


@dataclass(frozen=True)
class Mention:
    """A matched phrase in a text: where, which words, which countries."""

    start: int
    end: int
    words: str
    codes: tuple[str, ...]
    kind: str
    label: str = ""

    def possessive_object(self, text: str) -> bool:
        """'Venezuela's neighbours', 'Guaido's declaration': a possessive not naming the country's own officials."""
        rest = text[self.end :]
        if not rest.startswith(("'s ", "’s ")):
            return False
        return not ROLE_WORDS.match(rest[3:])


def fold(text: str) -> str:
    """The text with accents removed, one character for one (so offsets still match the original)."""
    return "".join(unicodedata.normalize("NFD", ch)[0] for ch in text)


def parse_date(value: str) -> dt.date | None:
    """A YYYY-MM-DD cell as a date, or None when empty."""
    return dt.date.fromisoformat(value) if value else None


def read_table(name: str) -> list[dict[str, str]]:
    """The rows of one reference CSV."""
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def group_members(group: str, day: dt.date | None) -> tuple[str, ...]:
    """Member states of a group (groups.csv) on a day (all members ever, when the day is unknown)."""
    out = []
    for row in read_table("groups.csv"):
        start, end = parse_date(row["start"]), parse_date(row["end"])
        if row["group"] == group and (day is None or ((not start or start <= day) and (not end or day <= end))):
            out.append(row["iso3"])
    return tuple(out)


@cache
def terms() -> tuple[Term, ...]:
    """Every matchable phrase, longest first."""
    import geodata

    out: list[Term] = []
    known = geodata.country_codes()
    with open(geodata.GEOJSON_PATH.parent / "countries.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["iso3"] in known:
                out.append(Term(row["name"], (row["iso3"],), "name"))
    for row in read_table("places.csv"):
        out.append(Term(row["term"], (row["iso3"],), row["kind"]))
    for row in read_table("officials.csv"):
        codes = tuple(row["countries"].split(";"))
        label = f"{row['name']}, {row['role']}"
        start, end = parse_date(row["start"]), parse_date(row["end"])
        for phrase in [row["name"], *filter(None, row["aliases"].split(";"))]:
            out.append(Term(phrase, codes, "official", start, end, label))
    return tuple(sorted(out, key=lambda t: -len(t.phrase)))


@cache
def pattern() -> re.Pattern[str]:
    """One alternation of every phrase (accent-folded), whole words only, case-sensitive."""
    alts = sorted({fold(t.phrase) for t in terms()}, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    return re.compile(rf"{NOT_AFTER}(?<![\w-])(?:{body})(?![\w-]){NOT_METONYM}")


def in_term(term: Term, day: dt.date | None) -> bool:
    """Whether an office holder held the office on the day (any day 2019–2023 when unknown)."""
    lo, hi = (day, day) if day else (dt.date(2019, 1, 1), dt.date(2023, 12, 31))
    return (term.start is None or term.start <= hi) and (term.end is None or lo <= term.end)


def expand(codes: tuple[str, ...], day: dt.date | None) -> tuple[str, ...]:
    """Country codes with groups (EU) replaced by their members on the day."""
    out: list[str] = []
    for code in codes:  # ISO3 codes are three capitals; anything else names a group in groups.csv
        out.extend([code] if len(code) == 3 else group_members(code, day))
    return tuple(dict.fromkeys(out))


@cache
def by_phrase() -> dict[str, list[Term]]:
    """Terms by their accent-folded phrase (a phrase can name several: an office holder's two terms)."""
    out: dict[str, list[Term]] = {}
    for term in terms():
        out.setdefault(fold(term.phrase), []).append(term)
    return out


def find_mentions(text: str, day: dt.date | None = None) -> list[Mention]:
    """Every country mention in a text, in order; office holders only when in office on the day."""
    out = []
    for match in pattern().finditer(fold(text)):
        for term in by_phrase()[match.group(0)]:
            if term.kind != "official" or in_term(term, day):
                words = text[match.start() : match.end()]
                out.append(Mention(match.start(), match.end(), words, expand(term.codes, day), term.kind, term.label))
                break
    return out
