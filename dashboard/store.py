"""Start-up data and its live reload: edited events files reach every worker without a restart.

Each process (gunicorn worker) holds its own `DataStore`. On a request, at most once every
`check_seconds`, it compares the events files' names, sizes and modification times with those
it loaded; on a change it reloads and validates them. A valid edit replaces the data; an invalid
one keeps the last good data serving and records the problems (`/healthz`, the log). All
workers read the same files, so they agree within one check interval.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

import geodata
from dashboard.payload import DayRange, day_range
from events import EventsValidationError, build_timeline, load_events
from events.loader import DEFAULT_DATA_DIR, csv_files
from events.timeline import Timeline

log = logging.getLogger("who_backs_whom.data")
Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class AppData:
    """One loaded, validated version of the data, with everything derived from it."""

    timeline: Timeline
    states: gpd.GeoDataFrame
    days: DayRange
    loaded_at: str
    fingerprint: Fingerprint
    extras: dict[str, Any] = field(default_factory=dict, compare=False)  # e.g. the page layout


def fingerprint(path: str | Path | None) -> Fingerprint:
    """Names, sizes and mtimes of the events files: changes when any file is edited or added."""
    out = []
    for file in csv_files(path):
        try:
            stat = file.stat()
        except OSError:
            continue
        out.append((file.name, stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def load_data(events_path: str | Path | None = None) -> AppData:
    """Load and validate events, build the timeline and join the boundaries."""
    files = fingerprint(events_path)
    timeline = build_timeline(load_events(events_path))
    loaded_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return AppData(timeline, geodata.load_boundaries(), day_range(timeline), loaded_at, files)


class DataStore:
    """The current good data of one process, reloaded when the events files change."""

    def __init__(
        self,
        events_path: str | Path | None = None,
        check_seconds: float = 10.0,
        prepare: Callable[[AppData], None] | None = None,
    ) -> None:
        self.events_path = Path(events_path) if events_path else DEFAULT_DATA_DIR
        self.check_seconds = check_seconds
        self.prepare = prepare or (lambda data: None)
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._failed: Fingerprint | None = None
        self._data = self._load()  # invalid data at start-up is fatal: raise

    def _load(self) -> AppData:
        data = load_data(self.events_path)
        self.prepare(data)
        return data

    def current(self) -> AppData:
        """The data to serve now; reloads first if a check is due and the files changed."""
        if time.monotonic() - self._checked >= self.check_seconds and self._lock.acquire(blocking=False):
            try:
                self._checked = time.monotonic()
                now = fingerprint(self.events_path)
                if now not in (self._data.fingerprint, self._failed):
                    self._reload(now)
            finally:
                self._lock.release()
        return self._data

    def _reload(self, now: Fingerprint) -> None:
        try:
            self._data = self._load()
            self.errors, self._failed = [], None
            count = len(self._data.timeline.events)
            log.info("events reloaded: %d events", count, extra={"event": "reload", "events": count})
        except EventsValidationError as err:
            self.errors, self._failed = [str(p) for p in err.problems], now
            for line in self.errors:
                log.error("events not reloaded, keeping last good data: %s", line, extra={"event": "reload_failed"})
