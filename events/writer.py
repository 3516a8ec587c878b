"""Append validated rows to an events file atomically: a crash mid-write loses nothing.

The new file is written to a temporary file in the same folder, flushed and fsynced, validated
by the loader together with the other events files (on a staged copy), and only then renamed over the old one
(`os.replace`, atomic on POSIX). The previous version is kept as `<name>.bak` (which the loader,
reading only `*.csv`, ignores), and so is every temporary file's name (`.<name>.*.tmp`).
Writers take an exclusive lock on the folder, so two editors never lose each other's rows.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import shutil
import stat
import tempfile
from pathlib import Path

from events import schema
from events.crisis import crisis_for
from events.loader import (
    EventsValidationError,
    Problem,
    check_row,
    csv_files,
    duplicate_ids,
    file_fields,
    load_events,
    records,
)

NEW_FILE_MODE = 0o644  # a new events file is readable by the dashboard's user (mkstemp would give 0600)


def existing_rows(scope: Path) -> list[dict]:
    """(id, file, line) of every row of the events files a path names (for duplicate-id checks)."""
    out = []
    for file in csv_files(scope):
        if not file.exists():
            continue
        try:
            text = file.read_text(encoding="utf-8-sig")
            body = list(records(file.name, text))[1:]
        except (OSError, UnicodeDecodeError, csv.Error):
            continue  # that file's own problems are the loader's to report
        out.extend({"id": fields[0], "file": file.name, "line": line} for line, fields in body if fields)
    return out


def row_problems(row: dict[str, str], known: frozenset[str], scope: Path) -> list[tuple[str, str]]:
    """(field, reason) pairs for one candidate row: the loader's row checks plus a duplicate-id check.

    `scope` is the events file or folder the row will join (its ids must stay unique).
    """
    full = {f: row.get(f, "") for f in schema.FIELDS}
    out = check_row(full, known, crisis_for(scope))
    taken = existing_rows(scope)
    candidate = {"id": full["id"], "file": "(new row)", "line": 0}
    out.extend((p.field, p.reason) for p in duplicate_ids([*taken, candidate]) if p.line == 0)
    return out


def csv_text(rows: list[dict[str, str]], header: bool, fields: tuple[str, ...] = schema.FIELDS) -> str:
    """Rows as CSV text with LF line endings, in the schema's column order (or a file's own columns)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    if header:
        writer.writeheader()
    writer.writerows({f: r.get(f, "") for f in fields} for r in rows)
    return out.getvalue()


def columns_of(text: str) -> tuple[str, ...]:
    """The columns an existing file's header carries (all of the schema's for a new file)."""
    parsed = next(records("(existing)", text), None) if text else None
    return file_fields(parsed[1]) if parsed else schema.FIELDS


def fsync_dir(folder: Path) -> None:
    """Make a rename in a folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_synced(path: Path, data: bytes) -> None:
    """Write bytes to a file and fsync it."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def staged_problems(target: Path, data: bytes, known: frozenset[str], scope: Path) -> list[Problem]:
    """Every problem `load_events` would report once `target` holds `data`, the other files as they are.

    The loader itself runs on a copy of the events set, so a row is accepted exactly when the
    dashboard would load it: row checks, duplicate ids, same-day order across files.
    """
    with tempfile.TemporaryDirectory(prefix="wbw-staged-") as tmp:
        stage = Path(tmp)
        for file in csv_files(scope):
            if file.exists() and file.name != target.name:
                shutil.copyfile(file, stage / file.name)
        (stage / target.name).write_bytes(data)
        try:
            load_events(stage if scope.is_dir() else stage / target.name, known)
        except EventsValidationError as err:
            return err.problems
    return []


@contextlib.contextmanager
def folder_lock(folder: Path):
    """Hold an exclusive lock on a folder: two writers never interleave read-modify-replace."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def append_rows(target: Path, rows: list[dict[str, str]], known: frozenset[str], scope: Path) -> Path | None:
    """Append rows to an events file (created if missing); return the backup's path, or None if new.

    `scope` is the events file or folder the target belongs to. Raises EventsValidationError
    (naming the target file) if the result would not load with the rest; the target is then
    untouched.
    """
    target = Path(target)
    with folder_lock(target.parent):
        return _append_locked(target, rows, known, scope)


def _append_locked(target: Path, rows: list[dict[str, str]], known: frozenset[str], scope: Path) -> Path | None:
    """append_rows, with the folder lock held."""
    old = target.read_bytes() if target.exists() else b""
    try:
        text = old.decode("utf-8")
    except UnicodeDecodeError as err:
        line = old[: err.start].count(b"\n") + 1
        problem = Problem(target.name, line, "file", "not valid UTF-8; save as CSV UTF-8")
        raise EventsValidationError([problem]) from None
    if text and not text.endswith("\n"):
        text += "\n"
    data = (text + csv_text(rows, header=not text, fields=columns_of(text))).encode("utf-8")
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode) if old else NEW_FILE_MODE)
        write_synced(tmp, data)
        problems = staged_problems(target, data, known, scope)
        if problems:
            raise EventsValidationError(problems)
        backup = None
        if old:
            backup = target.with_name(target.name + ".bak")
            write_synced(backup, old)
        os.replace(tmp, target)
        fsync_dir(target.parent)
        return backup
    finally:
        tmp.unlink(missing_ok=True)
