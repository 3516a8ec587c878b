"""Quotations and their speakers: words inside quotation marks, attributed by 'X said' or a prior speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from events import schema

QUOTE_RE = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
SAY = r"(?:said|says|say|told|tells|tweeted|wrote|writes|added|adds|declared|declares|stated|states|accused|accuses)"
# '"...," Maduro told supporters' / '"...," she said' / 'Trump said: "..."'
AFTER_QUOTE_RE = re.compile(rf"^[\s,]*(?P<who>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){{0,3}}|he|she|they) {SAY}\b")
SPEECH_RE = re.compile(
    rf"\b{SAY}\b|\b(?:announced|announces|vowed|vows|urged|urges|affirmed|affirms|voted|votes|vetoed|vetoes|"
    r"abstained|abstains|signed|signs|expelled|expels|recalled|recalls)\b"
)
PRONOUN_START_RE = re.compile(r"^(?:\"[^\"]*\"[\s,]*)?(?:he|she|they|it|He|She|They|It)\b")


@dataclass(frozen=True)
class Quote:
    """Quoted words, where they sit, and who the sentence says spoke them (or '')."""

    words: str
    start: int
    end: int
    speaker: str


def quotes(sentence: str) -> list[Quote]:
    """Every quotation of a sentence, with the speaker named right after it ('"…," Morales said')."""
    out = []
    for match in QUOTE_RE.finditer(sentence):
        words = (match.group(1) or match.group(2)).strip().rstrip(",").strip()
        after = AFTER_QUOTE_RE.match(sentence[match.end() :])
        out.append(Quote(words, match.start(), match.end(), after.group("who") if after else ""))
    return out


def is_quote_only(sentence: str) -> bool:
    """Whether a sentence is nothing but a quotation (it continues the previous speaker)."""
    stripped = sentence.strip().rstrip(".")
    match = QUOTE_RE.fullmatch(stripped)
    return bool(match)


def fits(words: str) -> bool:
    """Whether quoted words fit the codebook's limits for `quote`."""
    return 0 < len(words.split()) <= schema.MAX_QUOTE_WORDS and len(words) <= schema.MAX_CHARS["quote"]


def shorten(words: str) -> str:
    """The quotation if it fits, else its first whole sentence if that fits, else ''."""
    if fits(words):
        return words
    first = re.split(r"(?<=[.!?])\s+", words)[0].rstrip(".")
    return first if fits(first) else ""


def is_speech(sentence: str) -> bool:
    """Whether a sentence reports someone speaking or announcing."""
    return bool(SPEECH_RE.search(sentence))


def starts_with_pronoun(sentence: str) -> bool:
    """Whether the sentence's subject is a pronoun (it continues the previous speaker)."""
    return bool(PRONOUN_START_RE.match(sentence))
