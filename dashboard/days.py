"""The slider's days: from the first day of the crisis to the last event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from events.timeline import Timeline


@dataclass(frozen=True)
class DayRange:
    """The slider's days: index 0 is `start`, index `days - 1` is `end`."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """Number of days on the slider."""
        return (self.end - self.start).days + 1

    def index(self, day: dt.date) -> int:
        """Slider index of a date (may fall outside the range)."""
        return (day - self.start).days

    def date(self, index: int) -> dt.date:
        """Date of a slider index."""
        return self.start + dt.timedelta(days=index)


def day_range(timeline: Timeline) -> DayRange:
    """From the crisis's first day (its crisis file) to the last event (at least one day)."""
    start = timeline.crisis.first_day
    last = timeline.events["date"].max()
    end = max(start, last.date()) if pd.notna(last) else start
    return DayRange(start, end)
