"""Turn statements into draft event rows: the events schema plus confidence, evidence and triggers."""

from __future__ import annotations

import csv
import re
from functools import cache

from events import schema
from events.crisis import load_crisis
from events.ingest import dates
from events.ingest.countries import Mention, fold
from events.ingest.quotes import shorten
from events.ingest.statements import Statement, main_clause_start

EXTRA_FIELDS = ("confidence", "evidence", "triggers", "flags")
DRAFT_FIELDS = (*schema.FIELDS, *EXTRA_FIELDS)
SUMMARY_FLAG = "summary-draft"  # the summary is the source's wording: rewrite it in your own words
KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, re.IGNORECASE))
    for kind, rx in (
        (
            "diplomatic",
            r"\b(?:ties|relations|ambassador\w*|embass\w+|diplomat\w*|envoy|vot(?:e|es|ed)|veto\w*|abstain\w*)\b",
        ),
        ("sanction", r"\b(?:sanction\w*|asset freeze|froze\w* assets)\b"),
        ("protest", r"\b(?:rall(?:y|ies)|protest\w*|march\w*|demonstrat\w+)\b"),
        ("violence", r"\b(?:killed|deaths?|dead|injured|wounded|tear gas|shot)\b"),
        ("military", r"\b(?:armed forces|military|troops|defen[cs]e minister)\b"),
        ("legal", r"\b(?:court|ruling|ruled|judge|prosecutor)\b"),
        ("statement", r"\b(?:said|says|told|tweet\w*|video|statement|speech|urge[sd]?|declare[sd]?|called for)\b"),
    )
)
JOINT_RE = re.compile(
    r"\b(?:joint (?:statement|declaration|communiqu\w*)|Lima Group|European Union|EU|CARICOM|ALBA|SADC|Mercosur|"
    r"on behalf of (?:its|the) members)\b"
)
VOTE_RE = re.compile(
    r"\b(?:vot(?:e|es|ed|ing)|veto\w*|abstain\w*)\b.*\b(?:OAS|UN|United Nations|General Assembly|Security Council)\b"
    r"|\b(?:OAS|UN|United Nations|General Assembly|Security Council)\b.*\b(?:vot(?:e|es|ed|ing)|veto\w*|abstain\w*)\b"
)
SUBJECT_CHARS = 40  # how far into the main clause a name can start and still be its subject
MENTION_WEIGHT = {"name": 1.0, "alias": 1.0, "official": 0.9, "demonym": 0.7, "capital": 0.6}


@cache
def subject() -> str:
    """The subject of the shipped crisis, whose news the ingest pipeline drafts rows for."""
    return load_crisis().subject


@cache
def country_names() -> dict[str, str]:
    """ISO3 → English name, from geodata."""
    import geodata

    with open(geodata.GEOJSON_PATH.parent / "countries.csv", encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row["name"] for row in csv.DictReader(handle)}


def slug(text: str, limit: int = 40) -> str:
    """Lower-case words joined by '-', at most `limit` characters, cut at a word."""
    words = re.findall(r"[a-z0-9]+", fold(text).lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or "entry"


def countries_of(st: Statement, stance: str) -> tuple[list[str], list[Mention], str]:
    """The statement's country codes (Venezuela dropped from a stance), the trigger mentions, and a note."""
    mentions = list(st.actors)
    note = ""
    if not mentions:
        seen = {c for s in st.sentences for m in s.mentions for c in m.codes}
        if len(seen) == 1:
            mentions = [m for s in st.sentences for m in s.mentions]
            note = "countries from the only country the statement mentions"
        else:
            note = "no actor country found" + (f" among {', '.join(sorted(seen))}" if seen else "")
    codes = list(dict.fromkeys(c for m in mentions for c in m.codes))
    if stance and subject() in codes and len(codes) > 1:
        codes.remove(subject())
    return codes, mentions, note


THE_NAMES = re.compile(
    r"^(?:United |Central African|Dominican Republic|Czech Republic|Democratic |Republic of )|"
    r"^(?:Netherlands|Philippines|Bahamas|Maldives|Comoros|Seychelles|Marshall Islands|Solomon Islands|Gambia|"
    r"Holy See)$"
)


def with_article(name: str) -> str:
    """'the United States', 'the Netherlands'; other names as they are."""
    return f"the {name}" if THE_NAMES.search(name) else name


def actor_of(st: Statement, codes: list[str], kind: str) -> str:
    """The named speaker with role (from the office holders' table), else the government(s) acting."""
    for s in st.lead:  # an office holder in subject position: "US President Donald Trump recognised…"
        start = main_clause_start(s.text)
        official = next((m for m in s.actors if m.kind == "official" and m.start - start <= SUBJECT_CHARS), None)
        if official:
            return official.label[: schema.MAX_CHARS["actor"]]
    if kind in ("protest", "violence") or not codes or subject() in codes:
        return ""
    names = [with_article(country_names().get(c, c)) for c in codes]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Government{'s' if len(names) > 1 else ''} of {joined}"[: schema.MAX_CHARS["actor"]]


def quote_of(st: Statement) -> str:
    """The first quotation the statement attributes to its actor, if it fits the codebook's limits."""
    speakers = {m.words.split()[-1] for m in st.actors} | {m.words for m in st.actors}
    for s in st.sentences:
        lead = s in st.lead or s.continues
        for q in s.quotes:
            if q.speaker in speakers or q.speaker in ("he", "she", "they") or (not q.speaker and lead):
                words = shorten(q.words)
                if words:
                    return words
    return ""


def kind_of(st: Statement, stance_words: str) -> str:
    """The event kind from its words: a recognition cue first, then the first matching rule."""
    if re.search(r"recogni", stance_words):
        return "recognition"
    text = " ".join([st.heading, *(s.text for s in st.lead or st.sentences)])
    return next((kind for kind, rx in KIND_RULES if rx.search(text)), "other")


def confidence(date: dates.DateCue, mentions: list[Mention], stance_strength: float) -> float:
    """How much of the draft the text pins down: mean of date, countries and stance confidence."""
    date_part = 1.0 if date.day and ";" in date.how else 0.8 if date.day else 0.0
    country_part = max((MENTION_WEIGHT.get(m.kind, 0.5) for m in mentions), default=0.0)
    return round((date_part + country_part + stance_strength) / 3, 2)


def triggers_of(mentions: list[Mention]) -> str:
    """'CODES: words' for every tag; codes sharing the same trigger words are listed together."""
    words: dict[str, list[str]] = {}
    for m in mentions:
        for c in m.codes:
            words.setdefault(c, []).append(m.words)
    grouped: dict[str, list[str]] = {}
    for c, w in words.items():
        grouped.setdefault(", ".join(dict.fromkeys(w)), []).append(c)
    return "; ".join(f"{';'.join(c)}: {w}" for w, c in grouped.items())


def sentence_case(text: str) -> str:
    """The text with a capital first letter and a full stop."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def stance_of(st: Statement, codes: list[str]) -> tuple[str, float, str, str]:
    """(stance, strength, cue words, note) from the statement's cues; Venezuela never takes one."""
    cue = next((c for c in st.cues if c.stance), st.cues[0] if st.cues else None)
    if cue is None:
        return "", 0.8, "", ""  # the text only reports: no position proposed
    if cue.stance and codes == [subject()]:
        return "", 0.5, cue.words, f"Cue '{cue.words}' proposes {cue.stance}, but Venezuela takes no stance."
    return cue.stance, cue.strength if cue.stance else 0.5, cue.words, f"Stance: {cue.why}."


def basis_of(st: Statement) -> str:
    """`vote` for a recorded OAS/UN vote, `joint` for a bloc or joint communiqué, else `own` (codebook)."""
    text = " ".join([st.heading, *(s.text for s in st.lead or st.sentences)])
    if VOTE_RE.search(text):
        return "vote"
    if JOINT_RE.search(text) or any(len(m.codes) > 1 for m in st.actors):  # an EU official speaks for 27
        return "joint"
    return "own"


def draft_row(st: Statement, source_url: str, source_name: str) -> dict[str, str]:
    """One draft events row for a statement."""
    date = dates.combine(st.day_heading, st.date_cues)
    provisional = next((c.stance for c in st.cues if c.stance), "")
    codes, mentions, country_note = countries_of(st, provisional)
    stance, strength, cue_words, stance_note = stance_of(st, codes)
    notes = [sentence_case(date.how), stance_note, sentence_case(country_note) if country_note else ""]
    kind = kind_of(st, cue_words if stance else "")
    lead = st.lead or st.sentences
    evidence = [s.text for s in st.sentences if s in st.lead or s.quotes or s.date]
    return {
        "id": "",
        "date": date.day.isoformat() if date.day else "",
        "date_precision": date.precision,
        "countries": ";".join(codes),
        "stance": stance,
        "kind": kind,
        "actor": actor_of(st, codes, kind),
        "summary": lead[0].text[: schema.MAX_CHARS["summary"]],
        "summary_es": "",  # the editor writes the Spanish summary
        "quote": quote_of(st),
        "source_name": source_name,
        "source_url": source_url,
        "notes": " ".join(n for n in notes if n)[: schema.MAX_CHARS["notes"]],
        "basis": basis_of(st),
        "supersedes": "",
        "confidence": f"{confidence(date, mentions, strength):.2f}",
        "evidence": "\n".join(dict.fromkeys([*([st.heading] if st.heading else []), *evidence])),
        "triggers": triggers_of(mentions),
        "flags": SUMMARY_FLAG,
    }


def assign_ids(rows: list[dict[str, str]], headings: list[str]) -> None:
    """Ids in the codebook's convention `<yyyymmdd>-<countries>-<slug>`, unique among the drafts."""
    used: set[str] = set()
    for row, heading in zip(rows, headings):
        day = row["date"].replace("-", "") or "undated"
        codes = "-".join(c.lower() for c in row["countries"].split(";")[:4] if c)
        base = "-".join(p for p in (day, codes, slug(heading or row["summary"])) if p)[: schema.MAX_CHARS["id"] - 3]
        base = base.rstrip("-")
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        row["id"] = candidate
