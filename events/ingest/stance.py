"""Propose a stance from the codebook's rules (events/README.md), with negation and hedging.

Each cue is a phrase the codebook's rules name. A negated cue ("does not recognise Guaidó")
proposes nothing, except that "no longer recognises" ends a recognition (`withdrawn`). A hedged
cue ("intends to back", "may recognise") proposes nothing: an intention is not a position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GUAIDO = r"(?:(?:Juan )?Guaid[oó]|him|the opposition leader|the National Assembly (?:leader|head|president))"
MADURO = r"(?:(?:President )?(?:Nicol[aá]s )?Maduro(?:'s government)?|his government)"
RECOGNISE = r"recogni[sz](?:es|ed|ing|e)"
ASSEMBLY_ROLE = r"(?:president|head|leader) of the National Assembly"
COUP_VERB = r"call\w*|describ\w*|denounc\w*|condemn\w*|brand\w*|label\w*"
# (stance, strength, pattern); `passive` cues name their actors after the cue ("recognition from X").
CUES: tuple[tuple[str, float, bool, re.Pattern[str]], ...] = tuple(
    (stance, strength, passive, re.compile(rx))
    for stance, strength, passive, rx in (
        ("withdrawn", 0.9, False, rf"no longer {RECOGNISE}|withdr[ae]w\w* (?:its |their )?recognition"),
        ("assembly", 0.8, False, r"(?:back|support|recogni[sz])\w* (?:the )?National Assembly as"),
        ("assembly", 0.8, False, rf"{RECOGNISE} {GUAIDO} (?:only )?as (?:the )?{ASSEMBLY_ROLE}"),
        ("guaido", 0.8, False, rf"accept\w* (?:{GUAIDO}'s|the opposition's) (?:envoy|ambassador|representative)"),
        ("maduro", 0.7, False, r"restor\w* (?:full |diplomatic )*(?:relations|ties) with"),
        ("guaido", 0.9, False, rf"{RECOGNISE} {GUAIDO}(?: as (?:the )?(?:interim |acting |legitimate )?president)?"),
        ("guaido", 0.9, False, rf"recognition (?:of|to) {GUAIDO}"),
        ("guaido", 0.9, True, r"(?:gains?|gained|wins?|won|receives?|received) (?:the )?recognition from"),
        ("guaido", 0.8, True, r"recogni[sz]ed (?:as (?:interim )?president )?by"),
        ("guaido", 0.6, False, rf"(?:back|support)(?:s|ed|ing)? {GUAIDO}"),
        ("maduro", 0.9, False, rf"{RECOGNISE} {MADURO} as (?:the )?(?:legitimate|constitutional|only)"),
        ("maduro", 0.7, False, rf"(?:back|support)(?:s|ed|ing)? {MADURO}"),
        ("maduro", 0.7, False, rf"(?:alliance|solidarity) with (?:[\w ]{{0,40}}?){MADURO}"),
        ("maduro", 0.7, False, rf"stand(?:s|ing)? (?:by|with) {MADURO}"),
        ("maduro", 0.8, False, rf"(?:{COUP_VERB}) (?:it|this|the move|[\w' ]{{0,30}}) (?:as )?an? (?:attempted )?coup"),
        ("maduro", 0.7, False, r"\b(?:is|was|amounts to|amounted to|constitutes?) an? (?:attempted )?coup"),
        ("neutral", 0.7, False, r"non-?interference|not (?:to )?interfere|neutral(?:ity)?\b|remain\w* neutral"),
        ("neutral", 0.6, False, r"(?:call\w*|urg\w*) for (?:a |an )?(?:peaceful )?(?:dialogue|negotiat\w+|mediation)"),
        ("neutral", 0.6, False, r"offer\w* to mediate"),
    )
)
NEGATION_RE = re.compile(
    r"\b(?:not|n't|never|no|refus\w+ to|declin\w+ to|reject\w*|without)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
NOT_GOVERNMENT_RE = re.compile(
    r"\b(?:[Pp]arliament\w*|[Cc]ongress\w*|[Ss]enat\w+|lawmakers|legislat\w+|[Pp]arty|[Cc]ourt|MPs|deputies)\b"
)
GOVERNMENT_RE = re.compile(r"\b(?:[Gg]overnment|[Pp]resident|[Mm]inist\w+|[Cc]hancellor|[Ss]ecretary)\b")
HEDGE_RE = re.compile(
    r"\b(?:intends? to|intend(?:ed|ing) to|plans? to|planned to|may|might|could|would|considering|"
    r"expected to|set to|ready to|threaten\w* to|will|if)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StanceCue:
    """A cue found in a sentence and what it proposes (empty when negated or hedged)."""

    stance: str
    strength: float
    words: str
    start: int
    end: int
    passive: bool
    why: str


def find_cue(sentence: str) -> StanceCue | None:
    """The first stance cue of a sentence (outside quotation marks), with negation and hedging applied."""
    text = blank_quotes(sentence)
    found = []
    for stance, strength, passive, rx in CUES:
        for match in rx.finditer(text):
            found.append((match.start(), -strength, stance, passive, match))
    if not found:
        return None
    # the earliest cue; at one position the longest ("recognises Guaidó as head of the National Assembly")
    start, weight, stance, passive, match = min(found, key=lambda f: (f[0], f[4].start() - f[4].end(), f[1]))
    words, before = sentence[match.start() : match.end()], text[: match.start()]
    if stance != "withdrawn" and NEGATION_RE.search(before):
        neg = NEGATION_RE.search(before).group(0).strip()
        return StanceCue("", 0.0, words, start, match.end(), passive, f"negated: '{neg} {words}'")
    subject = before[before.rfind(",") + 1 :]
    if NOT_GOVERNMENT_RE.search(subject) and not GOVERNMENT_RE.search(subject):
        why = "a parliament, party or court does not set a government's stance (codebook rule 6)"
        return StanceCue("", 0.0, words, start, match.end(), passive, why)
    if HEDGE_RE.search(before):
        hedge = HEDGE_RE.search(before).group(0).strip()
        return StanceCue("", 0.0, words, start, match.end(), passive, f"hedged, not a position: '{hedge} {words}'")
    return StanceCue(stance, -weight, words, start, match.end(), passive, f"'{words}' → {stance}")


def blank_quotes(text: str) -> str:
    """The text with quoted words replaced by spaces (same length): a quote is evidence, not a cue."""
    return re.sub(r"\"[^\"]*\"|“[^”]*”", lambda m: " " * len(m.group(0)), text)
