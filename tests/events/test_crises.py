"""Every crisis folder under crises/ carries a valid crisis file, events that use its vocabulary, and a story."""

import csv
from pathlib import Path

import pytest

import geodata
from events.crisis import load_crisis

CRISES = sorted(p for p in (Path(__file__).resolve().parents[2] / "crises").iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", CRISES, ids=lambda p: p.name)
def test_crisis_folder_is_consistent(folder):
    crisis = load_crisis(folder)
    events = {r["id"]: r for r in csv.DictReader((folder / "events.csv").read_text(encoding="utf-8").splitlines())}
    known = geodata.country_codes()
    assert crisis.subject in known
    for row in events.values():
        assert row["stance"] in (*crisis.stance_values(), ""), row["id"]
        assert crisis.date_min.isoformat() <= row["date"] <= crisis.date_max.isoformat(), row["id"]
        assert set(row["countries"].split(";")) <= known, row["id"]
        assert crisis.subject not in row["countries"].split(";"), row["id"]
        assert row["source_url"].startswith(("http://", "https://")), row["id"]
    for step in csv.DictReader((folder / crisis.default_story).read_text(encoding="utf-8").splitlines()):
        ids = step["event_ids"].split(";")
        assert set(ids) <= set(events), step["step"]
        assert step["source_url"] in {events[i]["source_url"] for i in ids}, step["step"]


def test_taiwan_covers_every_switch_from_sao_tome_to_nauru():
    events = list(csv.DictReader((CRISES[0].parent / "taiwan/events.csv").read_text(encoding="utf-8").splitlines()))
    to_prc = {c for r in events if r["stance"] == "prc" for c in r["countries"].split(";")}
    assert {"STP", "PAN", "DOM", "BFA", "SLV", "SLB", "KIR", "NIC", "HND", "NRU"} <= to_prc


@pytest.mark.parametrize("folder", CRISES, ids=lambda p: p.name)
def test_every_crisis_event_has_a_spanish_summary(folder):
    rows = list(csv.DictReader((folder / "events.csv").read_text(encoding="utf-8").splitlines()))
    assert [r["id"] for r in rows if not r["summary_es"].strip()] == []
