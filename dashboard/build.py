"""Data versions: the events folder built once, validated, and published for every worker.

A build reads the events files, the crisis file governing them and its stories, names them by
a content hash (the version id), validates them and writes everything derived from them into
an immutable folder `versions/<id>/` of the build folder: a snapshot of the inputs,
`history.json` (the page's payload), `chart.json` (the counts chart), `countries/<ISO3>.json`
(the panel) and `manifest.json`. Only then does it replace the pointer `current.json`
(write + rename, so readers see the old or the new one, never half).
A failed build leaves the pointer alone and records its problems in `status.json`. Builds are
serialised by an flock on `lock`, so one process builds while every other one only reads the
pointer; several machines sharing the build folder (NFS, a shared volume) agree the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.io as pio

import geodata
from dashboard import figures, i18n, localize
from dashboard.days import day_range
from dashboard.payload import build_history
from dashboard.statements import all_country_statements
from events import EventsValidationError, Problem, build_timeline, load_events
from events.crisis import CRISIS_FILE, crisis_folder
from events.loader import DEFAULT_DATA_DIR, csv_files

log = logging.getLogger("who_backs_whom.data")
BUILD_FORMAT = "2"  # part of every version id, with the code's hash (`_code_hash`)
KEEP_VERSIONS = 5  # published versions kept on disk (open pages may still ask for older ones)
Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Inputs:
    """The bytes of every events file, read once, and their version id."""

    files: tuple[tuple[str, bytes], ...]
    version: str


def now_utc() -> str:
    """The current time, ISO 8601 in UTC to the second."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def crisis_files(path: str | Path | None) -> list[tuple[str, Path]]:
    """(name in the snapshot, file): the crisis file governing the events and its stories."""
    folder = crisis_folder(path)
    stories = sorted((folder / "stories").glob("*.csv"))
    return [(CRISIS_FILE, folder / CRISIS_FILE), *((f"stories/{p.name}", p) for p in stories)]


def input_files(path: str | Path | None) -> list[tuple[str, Path]]:
    """(name in the snapshot, file) of every input of a version: the events files, the crisis file, its stories."""
    return [*((file.name, file) for file in csv_files(path)), *crisis_files(path)]


def fingerprint(path: str | Path | None) -> Fingerprint:
    """Names, sizes and mtimes of the inputs: a cheap test of whether anything changed."""
    out = []
    for name, file in input_files(path):
        with contextlib.suppress(OSError):
            stat = file.stat()
            out.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(out)


@cache
def _geometry_hash() -> str:
    """Hash of the boundaries the build joins (a new geodata build is a new version)."""
    return hashlib.sha256(geodata.GEOJSON_PATH.read_bytes()).hexdigest()


@cache
def _code_hash() -> str:
    """Hash of the code that derives a version, and plotly's version: new code, new version.

    Without it a version folder built by older code (say, a history without a field the page now
    reads) would be reused after an upgrade, because the events files had not changed.
    """
    import plotly

    import dashboard
    import events

    digest = hashlib.sha256(plotly.__version__.encode())
    for package in (dashboard, events, geodata):
        for file in sorted(Path(package.__file__).parent.glob("*.py")):
            digest.update(f"{package.__name__}/{file.name}\0".encode())
            digest.update(file.read_bytes())
    for file in sorted(i18n.LOCALES_DIR.glob("*.toml")):  # a new translation is a new version
        digest.update(f"locales/{file.name}\0".encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def read_inputs(path: str | Path | None) -> Inputs:
    """Read every input once (events, crisis file, stories); the version id is a hash of their names and bytes."""
    files = []
    for name, file in input_files(path):
        with contextlib.suppress(FileNotFoundError):  # deleted between listing and reading
            files.append((name, file.read_bytes()))
    digest = hashlib.sha256(f"{BUILD_FORMAT}\0{_geometry_hash()}\0{_code_hash()}\0".encode())
    for name, raw in files:
        digest.update(f"{name}\0{len(raw)}\0".encode())
        digest.update(raw)
    return Inputs(tuple(files), digest.hexdigest()[:16])


def default_build_dir(events_path: str | Path | None) -> Path:
    """Where builds go: $WBW_BUILD_DIR, else beside the events folder, else a cache folder.

    An events folder given with --events / WBW_EVENTS builds into `.wbw-build/<name>` beside it
    (shared by every worker and machine that shares that folder); the shipped data into the
    user's cache folder; the system temp folder when neither is writable.
    """
    if os.environ.get("WBW_BUILD_DIR"):
        return Path(os.environ["WBW_BUILD_DIR"])
    events = (Path(events_path) if events_path else DEFAULT_DATA_DIR).resolve()
    name = events.name if events.is_dir() else events.stem
    tag = f"{name}-{hashlib.sha256(str(events).encode()).hexdigest()[:12]}"
    if events == DEFAULT_DATA_DIR.resolve():
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        candidates = [cache / "who-backs-whom" / tag]
    else:
        candidates = [events.parent / ".wbw-build" / name]
    for folder in candidates:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                return folder
    return Path(tempfile.gettempdir()) / f"who-backs-whom-{os.getuid()}" / tag


def write_json(path: Path, value: object) -> None:
    """Write JSON atomically: a temporary file in the same folder, then a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> dict | None:
    """A JSON file's content, or None if it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class BuildDir:
    """The build folder: lock, pointer, status and the immutable version folders."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        (self.root / "versions").mkdir(parents=True, exist_ok=True)

    def version_dir(self, version: str) -> Path:
        """The folder of one published version."""
        return self.root / "versions" / version

    def pointer(self) -> dict | None:
        """The published version: {version, built_at, events, changed}, or None."""
        return read_json(self.root / "current.json")

    def status(self) -> dict:
        """The last check: {inputs, checked_at, problems}."""
        return read_json(self.root / "status.json") or {"inputs": None, "checked_at": None, "problems": []}

    @contextlib.contextmanager
    def lock(self, blocking: bool) -> Iterator[bool]:
        """Hold the build lock (yield True), or yield False if another process holds it."""
        with open(self.root / "lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def prune(self, keep: int = KEEP_VERSIONS) -> None:
        """Delete all but the newest `keep` version folders (never the published one)."""
        current = (self.pointer() or {}).get("version")
        folders = sorted(
            (p for p in (self.root / "versions").iterdir() if p.is_dir()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in folders[keep:]:
            if old.name != current:
                shutil.rmtree(old, ignore_errors=True)


def derive(snapshot: Path, out: Path, version: str) -> dict:
    """Validate the snapshot and write every derived file into `out`; return the manifest."""
    timeline = build_timeline(load_events(snapshot))
    states = geodata.load_boundaries()
    days = day_range(timeline)
    chart = figures.counts_figure(
        timeline.counts, pd.Timestamp(days.end), pd.Timestamp(days.start), crisis=timeline.crisis
    )
    chart_json = json.loads(pio.to_json(chart, validate=False))
    bodies = all_country_statements(timeline, states)
    for lang in i18n.LANGUAGES:  # the default at the top, every other language in its own folder
        folder = out if lang == i18n.DEFAULT else out / lang
        (folder / "countries").mkdir(parents=True)
        history = localize.history_for(build_history(timeline, states, lang), timeline, states, lang)
        write_json(folder / "history.json", history)
        write_json(folder / "chart.json", localize.chart_for(chart_json, lang, timeline.crisis))
        for iso3, body in localize.statements_for(bodies, timeline, states, lang).items():
            write_json(folder / "countries" / f"{iso3}.json", {**body, "version": version})
    manifest = {
        "version": version,
        "built_at": now_utc(),
        "events": list(timeline.events["id"]),
        "files": sorted(p.name for p in snapshot.glob("*.csv")),
    }
    write_json(out / "manifest.json", manifest)
    return manifest


def build_version(inputs: Inputs, builds: BuildDir, source: str | Path) -> dict:
    """Build one version folder (or reuse it if it exists); raise EventsValidationError."""
    final = builds.version_dir(inputs.version)
    manifest = read_json(final / "manifest.json")
    if manifest is not None:
        return manifest
    if not any(name.endswith(".csv") and "/" not in name for name, _ in inputs.files):
        raise EventsValidationError([Problem(str(source), 0, "file", "no .csv files found")])
    work = Path(tempfile.mkdtemp(prefix=f".{inputs.version}.", dir=builds.root / "versions"))
    try:
        snapshot = work / "events"
        snapshot.mkdir()
        for name, raw in inputs.files:
            (snapshot / name).parent.mkdir(exist_ok=True)
            (snapshot / name).write_bytes(raw)
        manifest = derive(snapshot, work, inputs.version)
        try:
            work.rename(final)
        except OSError:  # another machine published the same version first
            return read_json(final / "manifest.json") or manifest
        return manifest
    finally:
        shutil.rmtree(work, ignore_errors=True)


def changes(old: dict | None, new: dict) -> dict:
    """What a new version changed: events added and removed by id, against the previous one."""
    if old is None:  # the first version of this build folder: nothing to compare with
        return {"from": None, "added": [], "removed": [], "initial": True}
    before, after = set(old["events"]), set(new["events"])
    return {"from": old["version"], "added": sorted(after - before), "removed": sorted(before - after)}


def publish(builds: BuildDir, manifest: dict) -> dict:
    """Point `current.json` at a built version (atomically); return the pointer."""
    previous = builds.pointer()
    if previous and previous["version"] == manifest["version"]:
        return previous
    old = read_json(builds.version_dir(previous["version"]) / "manifest.json") if previous else None
    pointer = {
        "version": manifest["version"],
        "built_at": manifest["built_at"],
        "published_at": now_utc(),
        "events": len(manifest["events"]),
        "changed": changes(old, manifest),
    }
    write_json(builds.root / "current.json", pointer)
    return pointer


def check_and_build(events_path: str | Path, builds: BuildDir, blocking: bool = False) -> dict | None:
    """The watcher's step: build and publish if the inputs changed; return the status or None.

    None means another process holds the lock (it is building; look again next interval).
    """
    with builds.lock(blocking) as held:
        if not held:
            return None
        inputs = read_inputs(events_path)
        status = builds.status()
        pointer = builds.pointer()
        published = pointer is not None and pointer["version"] == inputs.version
        if status["inputs"] == inputs.version and (status["problems"] or published):
            return status
        try:
            manifest = build_version(inputs, builds, events_path)
        except EventsValidationError as err:
            status = {"inputs": inputs.version, "checked_at": now_utc(), "problems": [str(p) for p in err.problems]}
        except Exception as err:  # a bug must not publish, nor stop the watcher: report it
            log.exception("build failed")
            problem = f"{Path(events_path).name}:0: build: {type(err).__name__}: {err}"
            status = {"inputs": inputs.version, "checked_at": now_utc(), "problems": [problem]}
        else:
            publish(builds, manifest)
            status = {"inputs": inputs.version, "checked_at": now_utc(), "problems": []}
            builds.prune()
        write_json(builds.root / "status.json", status)
        return status


def main(argv: list[str] | None = None) -> int:
    """`python -m dashboard build [--events PATH] [--out DIR]`: build and publish one version."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m dashboard build", description=main.__doc__)
    parser.add_argument("--events", default=os.environ.get("WBW_EVENTS"), help="events CSV file or folder")
    parser.add_argument("--out", help="build folder (default: $WBW_BUILD_DIR or .wbw-build/ beside the events)")
    args = parser.parse_args(argv)
    events = Path(args.events) if args.events else DEFAULT_DATA_DIR
    builds = BuildDir(args.out or default_build_dir(events))
    status = check_and_build(events, builds, blocking=True) or builds.status()
    for problem in status["problems"]:
        print(problem)
    pointer = builds.pointer()
    if pointer:
        changed = pointer["changed"]
        print(
            f"version {pointer['version']} ({pointer['events']} events, built {pointer['built_at']}; "
            f"+{len(changed['added'])} -{len(changed['removed'])}) in {builds.root}"
        )
    return 1 if status["problems"] else 0
