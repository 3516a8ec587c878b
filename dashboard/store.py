"""The data every worker serves: the published version, followed live.

Each process (gunicorn worker) holds a `DataStore`. A watcher thread, every `check_seconds`,
(1) looks at the events files and, if they changed, tries the build lock; whoever holds it
builds and publishes a new version (see `dashboard.build`), the others skip; then
(2) reads the pointer and the status, and loads the pointed-to version if it is not the one it
serves. Every worker, on every machine sharing the build folder, therefore serves the version
the latest successful build published, within one check interval, and reports the same
problems: an invalid edit keeps the last good version serving (`/healthz` "stale"); the
problems clear as soon as the files are valid again.

Under gunicorn's gevent workers the watcher is a greenlet on the worker's only OS thread, and a
build or a load is seconds of CPU-bound Python that would hold the hub: no request would be
served until it ended. So each check runs in gevent's native thread pool (`off_hub`); the hub
keeps serving the current version meanwhile, and the switch is one attribute assignment.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import geopandas as gpd

import geodata
from dashboard.build import BuildDir, Fingerprint, check_and_build, default_build_dir, fingerprint
from dashboard.days import DayRange, day_range
from events import EventsValidationError, Problem, build_timeline, load_events
from events.loader import DEFAULT_DATA_DIR
from events.timeline import Timeline

log = logging.getLogger("who_backs_whom.data")
T = TypeVar("T")


def off_hub(work: Callable[[], T]) -> T:
    """Run `work` in a native thread if gevent patched this process (the hub keeps serving), else here."""
    try:
        from gevent import get_hub, monkey
    except ImportError:  # gevent is installed with the server; a bare checkout may lack it
        return work()
    if not monkey.is_module_patched("threading"):
        return work()
    return get_hub().threadpool.apply(work)


@dataclass(frozen=True)
class AppData:
    """One published, validated version of the data, with everything derived from it."""

    timeline: Timeline
    states: gpd.GeoDataFrame
    days: DayRange
    loaded_at: str  # when this version was built (the same on every worker)
    version: str = ""
    history: dict = field(default_factory=dict, compare=False)
    chart: dict = field(default_factory=dict, compare=False)
    folder: Path | None = None  # the version's folder (countries/*.json, ...)
    pointer: dict = field(default_factory=dict, compare=False)  # the published pointer it came from
    extras: dict[str, Any] = field(default_factory=dict, compare=False)  # e.g. the page layout


def load_version(builds: BuildDir, pointer: dict) -> AppData:
    """Load one published version from its folder (its own snapshot of the events)."""
    folder = builds.version_dir(pointer["version"])
    timeline = build_timeline(load_events(folder / "events"))
    history = json.loads((folder / "history.json").read_text(encoding="utf-8"))
    chart = json.loads((folder / "chart.json").read_text(encoding="utf-8"))
    return AppData(
        timeline,
        geodata.load_boundaries(),
        day_range(timeline),
        pointer["built_at"].replace("T", " ").replace("Z", " UTC"),
        pointer["version"],
        history,
        chart,
        folder,
        pointer,
    )


class DataStore:
    """The version this process serves, switched when a newer one is published."""

    def __init__(
        self,
        events_path: str | Path | None = None,
        check_seconds: float = 10.0,
        prepare: Callable[[AppData], None] | None = None,
        build_dir: str | Path | None = None,
    ) -> None:
        self.events_path = Path(events_path) if events_path else DEFAULT_DATA_DIR
        self.check_seconds = check_seconds
        self.prepare = prepare or (lambda data: None)
        self.builds = BuildDir(build_dir or default_build_dir(self.events_path))
        self._seen: Fingerprint | None = fingerprint(self.events_path)
        check_and_build(self.events_path, self.builds, blocking=True)
        self.status = self.builds.status()
        pointer = self.builds.pointer()
        if pointer is None:  # nothing valid was ever built from these files: fatal at start-up
            problems = self.status["problems"] or ["no version built"]
            raise EventsValidationError([Problem(str(self.events_path), 0, "file", "; ".join(problems))])
        self._data = self._load(pointer)
        self._watcher_pid = 0
        self._start_lock = threading.Lock()
        self._ensure_watcher()

    @property
    def errors(self) -> list[str]:
        """The current problems of the events files (empty when they are valid)."""
        return self.status.get("problems", [])

    @property
    def pointer(self) -> dict:
        """The published pointer of the version served (swapped with it, in one assignment)."""
        return self._data.pointer

    def current(self) -> AppData:
        """The data to serve now."""
        self._ensure_watcher()
        return self._data

    def _ensure_watcher(self) -> None:
        """Start this process's watcher thread (again after a fork: threads do not survive one)."""
        if self.check_seconds <= 0 or self._watcher_pid == os.getpid():
            return
        with self._start_lock:
            if self._watcher_pid != os.getpid():
                self._watcher_pid = os.getpid()
                threading.Thread(target=self._watch, name="wbw-data-watch", daemon=True).start()

    def health(self) -> dict:
        """The data version part of /healthz: the same on every worker."""
        data = self._data  # one read: the version and its pointer always match
        changed = data.pointer["changed"]
        return {
            "data_version": data.version,
            "built_at": data.pointer["built_at"],
            "problems": self.errors,
            "checked_at": self.status.get("checked_at"),
            "changed": changed,
            "removed_events": len(changed["removed"]),
        }

    def _load(self, pointer: dict) -> AppData:
        data = load_version(self.builds, pointer)
        self.prepare(data)
        return data

    def _watch(self) -> None:
        while True:
            time.sleep(self.check_seconds)
            try:
                off_hub(self.check)
            except Exception:  # the watcher must outlive any one bad check
                log.exception("data check failed")

    def check(self) -> None:
        """One step: build if the files changed (if we get the lock), then follow the pointer."""
        now = fingerprint(self.events_path)
        if now != self._seen and check_and_build(self.events_path, self.builds) is not None:
            self._seen = now
        status = self.builds.status()
        if status.get("problems") and status != self.status:
            for line in status["problems"]:
                log.error(
                    "events not published, keeping the last good version: %s", line, extra={"event": "reload_failed"}
                )
        self.status = status
        pointer = self.builds.pointer()
        if pointer and pointer["version"] != self._data.version:
            self._data = self._load(pointer)
            changed = pointer["changed"]
            log.info(
                "serving version %s: %d events (+%d, -%d)",
                pointer["version"],
                pointer["events"],
                len(changed["added"]),
                len(changed["removed"]),
                extra={"event": "reload", "events": pointer["events"], "data_version": pointer["version"]},
            )
            if changed["removed"]:
                removed = ", ".join(changed["removed"])
                log.warning("events removed by this version: %s", removed, extra={"event": "events_removed"})
