"""Atomic append to an events file: validated like the loader, temp file + fsync + rename, backup kept."""

import os
import shutil
from pathlib import Path

import pytest

from events import EventsValidationError, load_events
from events.writer import append_rows, row_problems
from geodata import country_codes

FIXTURE = Path(__file__).parent.parent / "dashboard" / "fixtures" / "no_positions.csv"
ROW = {
    "id": "20190123-usa-recognises-guaido",
    "date": "2019-01-23",
    "date_precision": "day",
    "countries": "USA",
    "stance": "guaido",
    "kind": "recognition",
    "actor": "Donald Trump, President of the United States",
    "summary": "Trump recognised Guaidó as interim president.",
    "quote": "",
    "source_name": "Al Jazeera",
    "source_url": "https://www.aljazeera.com/news/2019/01/venezuela-crisis-latest-updates-190123205835912.html",
    "notes": "",
    "basis": "own",
    "supersedes": "",
}


@pytest.fixture
def folder(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "base.csv")
    return tmp_path


def test_append_creates_a_loadable_file_then_appends_with_a_backup(folder):
    target = folder / "ingested.csv"
    assert append_rows(target, [ROW], country_codes(), folder) is None
    first = target.read_bytes()
    assert (target.stat().st_mode & 0o777) == 0o644
    second = {**ROW, "id": "20190123-bra-recognises-guaido", "countries": "BRA", "actor": "Jair Bolsonaro"}
    backup = append_rows(target, [second], country_codes(), folder)
    assert backup == folder / "ingested.csv.bak"
    assert backup.read_bytes() == first
    events = load_events(folder)
    assert list(events["id"]) == ["20190123-ven-guaido-sworn-in", ROW["id"], second["id"]]
    assert sorted(p.name for p in folder.iterdir()) == ["base.csv", "ingested.csv", "ingested.csv.bak"]


def test_a_crash_between_the_temp_file_and_the_rename_loses_nothing(folder, monkeypatch):
    target = folder / "ingested.csv"
    append_rows(target, [ROW], country_codes(), folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    written = []

    def crash(src, dst):
        written.append(Path(src).read_bytes())  # the temp file was complete and synced
        raise OSError("simulated crash before the rename")

    monkeypatch.setattr(os, "replace", crash)
    second = {**ROW, "id": "20190124-bra-recognises-guaido", "countries": "BRA"}
    with pytest.raises(OSError, match="simulated crash"):
        append_rows(target, [second], country_codes(), folder)
    monkeypatch.undo()
    assert b"20190124-bra-recognises-guaido" in written[0]
    assert target.read_bytes() == before["ingested.csv"]  # the old file is intact
    leftovers = sorted(p.name for p in folder.iterdir())
    assert leftovers == ["base.csv", "ingested.csv", "ingested.csv.bak"]  # no temp file, no partial events file
    assert list(load_events(folder)["id"]) == ["20190123-ven-guaido-sworn-in", ROW["id"]]


def test_an_invalid_row_is_refused_with_the_loaders_reasons_and_the_file_untouched(folder):
    target = folder / "base.csv"
    before = target.read_bytes()
    bad = {**ROW, "stance": "maybe", "countries": "XXX", "source_url": "javascript:alert(1)"}
    with pytest.raises(EventsValidationError) as err:
        append_rows(target, [bad], country_codes(), folder)
    lines = str(err.value).splitlines()
    assert "base.csv:3: stance: 'maybe' is not one of guaido, maduro, neutral, assembly, withdrawn (or empty)" in lines
    assert "base.csv:3: countries: unknown country code 'XXX'" in lines
    assert "base.csv:3: source_url: scheme 'javascript' is not allowed; use http or https" in lines
    assert target.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["base.csv"]


def test_row_problems_are_the_loaders_plus_duplicate_ids_across_the_folder(folder):
    known = country_codes()
    assert row_problems(ROW, known, folder) == []
    dupe = {**ROW, "id": "20190123-ven-guaido-sworn-in"}
    assert row_problems(dupe, known, folder) == [
        ("id", "duplicate id '20190123-ven-guaido-sworn-in' (first used at base.csv:2)")
    ]
    assert row_problems({**ROW, "date": "2019-02-30"}, known, folder) == [
        ("date", "'2019-02-30' is not a real calendar date")
    ]
    with pytest.raises(EventsValidationError, match="duplicate id"):
        append_rows(folder / "ingested.csv", [dupe], known, folder)
    assert not (folder / "ingested.csv").exists()


def test_a_target_that_is_not_utf8_is_refused(folder):
    target = folder / "legacy.csv"
    target.write_bytes("id,actor\n1,Perú".encode("cp1252"))
    with pytest.raises(EventsValidationError) as err:
        append_rows(target, [ROW], country_codes(), folder)
    assert str(err.value) == "legacy.csv:2: file: not valid UTF-8; save as CSV UTF-8"


def test_same_day_conflicts_across_files_are_refused_until_ordered(folder):
    # the loader's whole-set checks run too: a new stance for the USA on the same day needs `supersedes`
    known = country_codes()
    append_rows(folder / "a.csv", [ROW], known, folder)
    later = {**ROW, "id": "20190123-usa-calls-for-dialogue", "stance": "neutral"}
    with pytest.raises(EventsValidationError) as err:
        append_rows(folder / "ingested.csv", [later], known, folder)
    assert any(p.field == "supersedes" and p.file == "ingested.csv" for p in err.value.problems)
    assert not (folder / "ingested.csv").exists()
    append_rows(folder / "ingested.csv", [{**later, "supersedes": ROW["id"]}], known, folder)
    assert list(load_events(folder)["id"])[-1] == later["id"]


def test_concurrent_writers_lose_no_row(folder):
    import threading

    target = folder / "ingested.csv"
    rows = [{**ROW, "id": f"20190123-usa-recognises-guaido-{n}"} for n in range(8)]
    threads = [threading.Thread(target=append_rows, args=(target, [r], country_codes(), folder)) for r in rows]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(load_events(folder)["id"])[:-1] == sorted(r["id"] for r in rows)
