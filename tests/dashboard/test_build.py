"""Data versions: content-hash ids, atomic publish, failed builds never replace the version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from dashboard import build
from dashboard.build import BuildDir, check_and_build, read_inputs
from events.loader import DEFAULT_DATA_DIR

from ..conftest import ROOT

HEADER = (
    (DEFAULT_DATA_DIR / "europe.csv").read_text().splitlines()[0].replace(",summary_es,", ",")
)  # optional column left out
ROW = "20190201-tuv-unit,2019-02-01,day,TUV,guaido,statement,Test actor,A test record.,,Test,https://example.org/u,,own,\n"


@pytest.fixture
def events(tmp_path):
    folder = tmp_path / "events"
    folder.mkdir()
    for name in ("europe.csv", "venezuela.csv"):
        shutil.copy(DEFAULT_DATA_DIR / name, folder / name)
    return folder


@pytest.fixture
def builds(tmp_path):
    return BuildDir(tmp_path / "build")


def test_version_id_is_a_hash_of_content_not_of_times(events):
    first = read_inputs(events).version
    os.utime(events / "europe.csv", (1, 1))
    assert read_inputs(events).version == first
    (events / "europe.csv").write_text((events / "europe.csv").read_text() + ROW)
    assert read_inputs(events).version != first


def test_version_id_and_fingerprint_cover_the_crisis_file_and_its_stories(tmp_path, builds):
    folder = tmp_path / "taiwan"
    shutil.copytree(ROOT / "crises" / "taiwan", folder)
    first, seen = read_inputs(folder).version, build.fingerprint(folder)
    toml = folder / "crisis.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("Who recognises Taipei", "Who backs Taipei"), "utf-8")
    assert read_inputs(folder).version != first and build.fingerprint(folder) != seen
    second = read_inputs(folder).version
    story = folder / "stories" / "switches.csv"
    story.write_text(story.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    assert read_inputs(folder).version != second
    check_and_build(folder, builds, blocking=True)
    snapshot = builds.version_dir(builds.pointer()["version"]) / "events"
    assert (snapshot / "crisis.toml").read_text(encoding="utf-8") == toml.read_text(encoding="utf-8")
    assert (snapshot / "stories" / "switches.csv").is_file()
    history = json.loads((snapshot.parent / "history.json").read_text(encoding="utf-8"))
    assert history["title"].startswith("Who backs Taipei") and history["story"]


def test_version_id_changes_with_the_code_that_derives_it(events, monkeypatch):
    first = read_inputs(events).version
    monkeypatch.setattr(build, "_code_hash", lambda: "code of another release")
    assert read_inputs(events).version != first  # an upgrade never reuses a folder built by older code


def test_build_publishes_an_immutable_version_with_everything_derived(events, builds):
    status = check_and_build(events, builds, blocking=True)
    pointer = builds.pointer()
    assert status["problems"] == [] and pointer["version"] == read_inputs(events).version
    folder = builds.version_dir(pointer["version"])
    assert {"history.json", "chart.json", "manifest.json"} <= {p.name for p in folder.iterdir()}
    assert json.loads((folder / "countries" / "ESP.json").read_text())["name"] == "Spain"
    assert pointer["changed"]["initial"] is True
    before = (folder / "manifest.json").stat().st_mtime_ns
    check_and_build(events, builds, blocking=True)  # unchanged inputs: nothing rebuilt
    assert (folder / "manifest.json").stat().st_mtime_ns == before


def test_failed_build_keeps_the_version_and_problems_clear_when_fixed(events, builds):
    check_and_build(events, builds, blocking=True)
    good = builds.pointer()
    (events / "zz.csv").write_text(HEADER + "\n" + ROW.replace("2019-02-01", "2019-02-30"))
    status = check_and_build(events, builds, blocking=True)
    assert status["problems"] == ["zz.csv:2: date: '2019-02-30' is not a real calendar date"]
    assert builds.pointer() == good
    (events / "zz.csv").unlink()  # back to the published content: problems clear, same version
    assert check_and_build(events, builds, blocking=True)["problems"] == []
    assert builds.pointer()["version"] == good["version"]


def test_truncation_reports_the_removed_events(events, builds):
    check_and_build(events, builds, blocking=True)
    lines = (events / "europe.csv").read_text().splitlines(keepends=True)
    (events / "europe.csv").write_text("".join(lines[:-3]))
    check_and_build(events, builds, blocking=True)
    changed = builds.pointer()["changed"]
    assert changed["removed"] == sorted(line.split(",")[0] for line in lines[-3:]) and changed["added"] == []


def test_only_one_process_builds_at_a_time(events, builds):
    with builds.lock(blocking=False) as held:
        assert held
        assert check_and_build(events, builds) is None  # someone else is building: skip
    assert check_and_build(events, builds) is not None


def test_no_files_is_a_problem_not_a_version(tmp_path, builds):
    empty = tmp_path / "none"
    empty.mkdir()
    assert check_and_build(empty, builds, blocking=True)["problems"] == [f"{empty}:0: file: no .csv files found"]
    assert builds.pointer() is None


def test_build_command(events, tmp_path):
    out = tmp_path / "cli"
    cmd = [sys.executable, "-m", "dashboard", "build", "--events", str(events), "--out", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    version = read_inputs(events).version
    assert f"version {version}" in done.stdout and (out / "versions" / version / "history.json").is_file()
    (events / "zz.csv").write_text(HEADER + "\nnot,enough\n")
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "zz.csv:2: row: expected 14 fields, got 2" in done.stdout
    assert json.loads((out / "current.json").read_text())["version"] == version
