"""Resolve an entry's date from what the text says: day headings, weekdays, 'yesterday', explicit dates.

Nothing is guessed: a heading without a year needs the page's own date (its dateline or
`--date`), a weekday needs a day to count back from, and a weekday that contradicts the calendar
or several different dates in one statement leave the date empty with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from events.ingest.entries import DAY_HEADING_RE, MONTHS, WEEKDAYS

WEEKDAY_ALT = "|".join(WEEKDAYS)
MONTH_ALT = "|".join(MONTHS)
# Cues in running text, each naming the day of the event itself.
RELATIVE_RE = re.compile(
    rf"\b(?:(?P<on>(?:[Oo]n|[Ll]ate on|[Ee]arly on|[Ll]ast) (?P<weekday>{WEEKDAY_ALT})(?! (?:{MONTH_ALT})))"
    rf"|(?P<weekday_time>{WEEKDAY_ALT}) (?:night|morning|afternoon|evening)"
    r"|(?P<yesterday>[Yy]esterday|[Ll]ast night)|(?P<today>[Tt]oday|[Tt]onight|[Ee]arlier today|[Tt]his morning))\b"
)
EXPLICIT_RE = re.compile(
    rf"\b(?:[Oo]n )?(?:(?:{WEEKDAY_ALT}),? )?(?:(?P<month>{MONTH_ALT}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)? (?P<month2>{MONTH_ALT}))(?:,? (?P<year>(?:19|20)\d\d))?\b"
)

MONTH_ONLY_RE = re.compile(rf"\b[Ii]n (?P<month>{MONTH_ALT})(?:,? (?P<year>(?:19|20)\d\d))?\b(?! \d)")


@dataclass(frozen=True)
class DateCue:
    """A date the text supports, the words that support it, and how (for notes)."""

    day: dt.date | None
    words: str
    how: str
    precision: str = "day"  # "month": only the month is stated; `day` is its first day


def parse_iso(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD string as a date, or None."""
    return dt.date.fromisoformat(value) if value else None


def nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The date with this month and day closest to the anchor, on or before it by at most ~10 months."""
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if dt.timedelta(days=-31) <= anchor - candidate <= dt.timedelta(days=310):
            return candidate
    return None


def weekday_on_or_before(name: str, anchor: dt.date) -> dt.date:
    """The latest day named `name` on or before the anchor ('on Monday' in a report dated Wednesday)."""
    back = (anchor.weekday() - WEEKDAYS.index(name)) % 7
    return anchor - dt.timedelta(days=back)


def month_day(groups: dict[str, str | None]) -> tuple[int, int, int | None]:
    """(month, day, year or None) from a heading or explicit-date match."""
    month = MONTHS.index(groups.get("month") or groups["month2"]) + 1
    day = int(groups.get("day") or groups["day2"])
    year = int(groups["year"]) if groups.get("year") else None
    return month, day, year


def resolve_heading(heading: str, page_date: dt.date | None) -> DateCue:
    """The date of a day heading such as 'Wednesday, January 23' (the year from the page's date)."""
    match = DAY_HEADING_RE.match(heading)
    if not match:
        return DateCue(None, heading, f"'{heading}' is not a day heading")
    month, day, year = month_day(match.groupdict())
    if year is None and page_date is None:
        return DateCue(None, heading, f"heading '{heading}' has no year and the page has no date (use --date)")
    try:
        found = dt.date(year, month, day) if year else nearest_year(month, day, page_date)
    except ValueError:
        found = None
    if found is None:
        return DateCue(None, heading, f"heading '{heading}' is not a calendar date near the page's date")
    weekday = match.group("weekday")
    if weekday and WEEKDAYS[found.weekday()] != weekday:
        return DateCue(None, heading, f"heading '{heading}' names a {weekday} but {found} is a {found:%A}")
    return DateCue(found, heading, f"listed under '{heading}'")


def resolve_sentence(sentence: str, anchor: dt.date | None) -> DateCue | None:
    """The event date a sentence itself states, counted from the anchor day; None if it states none."""
    match = RELATIVE_RE.search(sentence)
    if match:
        words = match.group(0)
        if anchor is None:
            return DateCue(None, words, f"'{words}' needs a day to count from (a day heading or --date)")
        weekday = match.group("weekday") or match.group("weekday_time")
        if weekday:
            return DateCue(weekday_on_or_before(weekday, anchor), words, f"says '{words}'")
        if match.group("yesterday"):
            return DateCue(anchor - dt.timedelta(days=1), words, f"says '{words}'")
        return DateCue(anchor, words, f"says '{words}'")
    match = EXPLICIT_RE.search(sentence)
    if match:
        words = match.group(0)
        month, day, year = month_day(match.groupdict())
        try:
            if year:
                return DateCue(dt.date(year, month, day), words, f"says '{words}'")
        except ValueError:
            return DateCue(None, words, f"'{words}' is not a calendar date")
        if anchor is None:
            return DateCue(None, words, f"'{words}' has no year and the page has no date (use --date)")
        found = nearest_year(month, day, anchor)
        if found is None:
            return DateCue(None, words, f"'{words}' is not a calendar date near the page's date")
        return DateCue(found, words, f"says '{words}'")
    return month_only(sentence, anchor)


def month_only(sentence: str, anchor: dt.date | None) -> DateCue | None:
    """'In March' / 'in March 2021': the first of that month, with month precision."""
    match = MONTH_ONLY_RE.search(sentence)
    if not match:
        return None
    words, month = match.group(0), MONTHS.index(match.group("month")) + 1
    if match.group("year"):
        return DateCue(dt.date(int(match.group("year")), month, 1), words, f"says only '{words}'", "month")
    if anchor is None:
        return DateCue(None, words, f"'{words}' has no year and the page has no date (use --date)")
    found = nearest_year(month, 1, anchor)
    if found is None:
        return DateCue(None, words, f"'{words}' is not a month near the page's date")
    return DateCue(found, words, f"says only '{words}'", "month")


def combine(heading: DateCue | None, cues: list[DateCue]) -> DateCue:
    """One date for a statement: its own cues if they agree, else its day heading; else empty with why."""
    days = {(c.day, c.precision) for c in cues}
    if len(days) > 1:
        listed = ", ".join(sorted(f"'{c.words}'" for c in cues))
        return DateCue(None, listed, f"the text gives several dates ({listed}); choose one")
    if cues:
        cue = cues[0]
        if heading and heading.day and cue.day and heading.day != cue.day:
            return DateCue(cue.day, cue.words, f"{heading.how}, but {cue.how}", cue.precision)
        how = f"{heading.how}; {cue.how}" if heading and heading.day else cue.how
        return DateCue(cue.day, cue.words, how, cue.precision)
    if heading is not None:
        return heading
    return DateCue(None, "", "the text states no date for this statement; the page's date is not the event's")
