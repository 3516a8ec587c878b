"""Split a plain-text live blog or roundup into entries at its headings, and entries into sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DATELINE_RE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b\s*")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAY_TEXT = (
    rf"(?:(?P<weekday>{'|'.join(WEEKDAYS)}),?\s+)?(?:(?P<month>{'|'.join(MONTHS)})\s+(?P<day>\d{{1,2}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{'|'.join(MONTHS)}))(?:,?\s+(?P<year>\d{{4}}))?"
)
DAY_HEADING_RE = re.compile(rf"^{DAY_TEXT}:?$")
# "Here are all the latest updates as of Thursday, January 24:" dates what follows, like a day heading
DAY_LEAD_RE = re.compile(rf"\b(?:as of|on|for)\s+(?P<date>{DAY_TEXT.replace('?P<', '?P<lead_')}):$")
CAPTION_RE = re.compile(r"\[[^\[\]]*/[^\[\]]*\]$")  # "... [Photographer/Agency]": a photo caption
NOISE_RE = re.compile(r"^(?:[\d\W_]+|\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:GMT|UTC|ET|EST|EDT|BST|CET)?)$")
# photo ids, rules and update timestamps ("14:05 GMT"): not headings, not text
ABBREVIATIONS = ("U.S.", "U.K.", "U.N.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Gen.", "Sen.", "Rep.", "Lt.", "Col.")
MASK = "\u2024"  # one-dot leader: stands in for an abbreviation's full stops while splitting
HEADING_MAX_WORDS = 14
SENTENCE_RE = re.compile(r"[^.!?\"“”]*(?:(?:\"[^\"]*\"|“[^”]*”)[^.!?\"“”]*)*(?:[.!?]+|$)")


@dataclass(frozen=True)
class Paragraph:
    """One blank-line-separated block of text, with its first line number."""

    text: str
    line: int


@dataclass
class Entry:
    """One blog entry: its heading, the day heading it sits under, and its body paragraphs."""

    heading: str
    day_heading: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)


def dateline(text: str) -> tuple[str | None, str]:
    """The `date YYYY-MM-DD` header a saved page starts with (or None), and the text without it."""
    match = DATELINE_RE.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end() :]


def paragraphs(text: str) -> list[Paragraph]:
    """Blank-line-separated paragraphs, whitespace collapsed, with their line numbers."""
    out, buf, start = [], [], 1
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.strip():
            if not buf:
                start = number
            buf.append(line.strip())
        elif buf:
            out.append(Paragraph(" ".join(" ".join(buf).split()), start))
            buf = []
    return out


def day_heading(text: str) -> str:
    """The day a paragraph heads ('Wednesday, January 23', '… updates as of Thursday, January 24:'), or ''."""
    if DAY_HEADING_RE.match(text):
        return text.rstrip(":")
    lead = DAY_LEAD_RE.search(text)
    return lead.group("date") if lead else ""


def is_heading(text: str) -> bool:
    """Whether a paragraph reads as an entry heading: short, capitalised, no closing punctuation or quote."""
    words = text.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and text[0].isupper()
        and not text.endswith((".", "!", "?", ":", '"', "”", ","))
        and '"' not in text
    )


def split_entries(text: str) -> list[Entry]:
    """Entries at the blog's headings; text before the first heading is an untitled entry."""
    entries = [Entry("", "", 1)]
    day = ""
    for para in paragraphs(text):
        if NOISE_RE.match(para.text) or CAPTION_RE.search(para.text):
            continue
        if found := day_heading(para.text):
            day = found
            entries.append(Entry("", day, para.line))
        elif is_heading(para.text):
            entries.append(Entry(para.text, day, para.line))
        else:
            entries[-1].paragraphs.append(para)
    return [e for e in entries if e.paragraphs]


def sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph; a quotation stays whole inside its sentence, 'U.S.' does not end one."""
    masked = paragraph.replace(MASK, ".")
    for abbreviation in ABBREVIATIONS:
        masked = masked.replace(abbreviation, abbreviation.replace(".", MASK))
    return [s.strip().replace(MASK, ".") for s in SENTENCE_RE.findall(masked) if s.strip()]
