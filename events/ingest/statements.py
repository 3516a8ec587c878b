"""Group an entry's sentences into statements: one actor (or one joint act) saying or doing one thing.

A sentence leads a new statement when its main-clause actors differ from the current ones and it
speaks or carries a stance cue; when it states a different day; sentences opening with a pronoun
or made only of a quotation continue the previous speaker. Joint acts ("Guatemala and Costa Rica
also recognise Guaidó" after "Brazil and Colombia") merge when the stance is the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from events.ingest import dates, quotes
from events.ingest.countries import Mention, find_mentions
from events.ingest.entries import Entry, sentences
from events.ingest.stance import StanceCue, blank_quotes, find_cue

SUBORDINATE_RE = re.compile(
    r"^(?:(?:Just |Only |Shortly |Hours |Days |Minutes )*(?:after|before|following|on|however|meanwhile|at|in|as|"
    r"while|despite|earlier|later|when|since|hours after|days after)\b|[A-Z][a-z]+ing\b)",  # or "Speaking to…,"
    re.IGNORECASE,
)


@dataclass
class Sentence:
    """One analysed sentence."""

    text: str
    mentions: list[Mention]
    actors: list[Mention]
    cue: StanceCue | None
    date: dates.DateCue | None
    quotes: list[quotes.Quote]
    speech: bool
    continues: bool  # pronoun subject or a bare quotation: the previous speaker goes on
    order: int = 0

    @property
    def codes(self) -> set[str]:
        """Country codes of the sentence's actors."""
        return {c for m in self.actors for c in m.codes}


@dataclass
class Statement:
    """A group of sentences about one act, with the sentences that set its actors, stance and date."""

    heading: str
    day_heading: dates.DateCue | None
    actors: list[Mention] = field(default_factory=list)
    cues: list[StanceCue] = field(default_factory=list)
    date_cues: list[dates.DateCue] = field(default_factory=list)
    lead: list[Sentence] = field(default_factory=list)
    others: list[Sentence] = field(default_factory=list)
    provisional: bool = False  # actors from the heading only, until a body sentence names its own

    @property
    def codes(self) -> set[str]:
        """Country codes of the statement's actors."""
        return {c for m in self.actors for c in m.codes}

    @property
    def stance(self) -> str:
        """The first stance its cues propose ('' if none or all negated/hedged)."""
        return next((c.stance for c in self.cues if c.stance), "")

    def add(self, sentence: Sentence, lead: bool) -> None:
        """Attach a sentence; a lead sentence contributes its actors and cue."""
        if lead:
            self.lead.append(sentence)
            if self.provisional and sentence.codes:
                self.actors, self.provisional = [], False
            self.actors.extend(m for m in sentence.actors if m.codes)
            if sentence.cue:
                self.cues.append(sentence.cue)
        else:
            self.others.append(sentence)
        if sentence.date:
            self.date_cues.append(sentence.date)

    @property
    def sentences(self) -> list[Sentence]:
        """Every sentence of the statement, in text order."""
        return sorted(self.lead + self.others, key=lambda s: s.order)


def main_clause_start(text: str) -> int:
    """Offset where the main clause begins: after a closing quotation or a leading subordinate clause."""
    stripped = text.lstrip()
    if stripped.startswith(('"', "“")):
        match = quotes.QUOTE_RE.match(stripped)
        return len(text) - len(stripped) + match.end() if match else 0
    if SUBORDINATE_RE.match(stripped) and "," in text:
        return text.index(",") + 1
    return 0


def pick_actors(text: str, mentions: list[Mention], cue: StanceCue | None, start: int) -> list[Mention]:
    """The mentions that act in the sentence: before an active cue, after a passive one, else the subject."""
    subjects = [m for m in mentions if not m.possessive_object(text)]
    if cue and cue.passive:
        return [m for m in subjects if m.start >= cue.end]
    if cue:
        before = [m for m in subjects if start <= m.start < cue.start] or [m for m in subjects if m.start < cue.start]
        return before
    main = [m for m in subjects if m.start >= start] or subjects
    if not main:
        return []
    out = [main[0]]
    for m in main[1:]:  # the subject with what is joined to it: "Venezuelan Vice President Delcy Rodriguez"
        gap = text[out[-1].end : m.start]
        if len(gap) > 20 or not re.fullmatch(r"(?:[\s,]|and|or|[A-Z][\w.'-]*)*", gap):
            break
        out.append(m)
    return out


def analyse(text: str, order: int, anchor: dt.date | None, day: dt.date | None) -> Sentence:
    """Mentions, actors, stance cue, date cue, quotations and speech of one sentence."""
    blank = blank_quotes(text)
    mentions = find_mentions(blank, day)
    mentions = [Mention(m.start, m.end, text[m.start : m.end], m.codes, m.kind, m.label) for m in mentions]
    start = main_clause_start(text)
    cue = find_cue(text)
    if cue and cue.start < start:
        cue = None  # a cue in a leading subordinate clause is background ("Hours after the US backs…")
    continues = quotes.is_quote_only(text) or quotes.starts_with_pronoun(text[start:].lstrip(" ,"))
    actors = [] if continues else pick_actors(text, mentions, cue, start)
    sentence = Sentence(
        text,
        mentions,
        actors,
        cue,
        dates.resolve_sentence(blank, anchor),
        quotes.quotes(text),
        quotes.is_speech(blank),
        continues,
        order,
    )
    return sentence


def starts_new(current: Statement, s: Sentence) -> bool:
    """Whether a sentence begins a new statement rather than continuing the current one."""
    own_days = {c.day for c in current.date_cues}
    if s.date and s.date.day and own_days and s.date.day not in own_days and current.lead:
        return True
    if s.continues or not s.codes or not current.codes or current.provisional:
        return False
    if s.codes & current.codes:
        return False
    stance = s.cue.stance if s.cue else ""
    if stance and stance == current.stance:
        return False  # a joint act: "Guatemala and Costa Rica also recognise Guaidó"
    return bool(s.cue) or s.speech


def is_lead(current: Statement, s: Sentence) -> bool:
    """Whether a sentence sets the statement's actors or stance (not mere background)."""
    if s.continues or not s.codes:
        return bool(s.continues and s.quotes)
    if not current.codes or current.provisional or s.codes & current.codes:
        return True
    return bool(s.cue and s.cue.stance and s.cue.stance == current.stance)


def statements(entry: Entry, page_date: dt.date | None) -> list[Statement]:
    """The statements of one entry; a heading sets the first statement's actors and stance."""
    day_heading = dates.resolve_heading(entry.day_heading, page_date) if entry.day_heading else None
    anchor = day_heading.day if day_heading and day_heading.day else page_date
    current = Statement(entry.heading, day_heading)
    if entry.heading:
        current.add(analyse(entry.heading, -1, anchor, anchor), lead=True)
        current.lead.clear()  # the heading guides but is not a body sentence
        current.provisional = bool(current.actors)
    out = [current]
    texts = [t for p in entry.paragraphs for t in sentences(p.text)]
    for order, text in enumerate(texts):
        s = analyse(text, order, anchor, anchor)
        if starts_new(current, s):
            current = Statement(entry.heading, day_heading)
            out.append(current)
        current.add(s, lead=is_lead(current, s))
    return [st for st in out if st.lead or st.others]
