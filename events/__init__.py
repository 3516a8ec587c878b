"""Dated, sourced events of a crisis (the shipped one lives in events/data/), and the stance timeline."""

from events.loader import EventsValidationError, Problem, load_events
from events.timeline import (
    Timeline,
    build_timeline,
    counts_on,
    counts_over_time,
    default_timeline,
    events_for,
    stances_on,
    with_basis,
)

__all__ = [
    "EventsValidationError",
    "Problem",
    "Timeline",
    "build_timeline",
    "counts_on",
    "counts_over_time",
    "default_timeline",
    "events_for",
    "load_events",
    "stances_on",
    "with_basis",
]
