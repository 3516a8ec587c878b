"""Explicit same-day order: conflicts without `supersedes` are refused, naming both rows."""

from pathlib import Path

import pytest

from events import EventsValidationError, build_timeline, events_for, load_events, stances_on

SAMEDAY = Path(__file__).parent / "sameday"
KNOWN = frozenset({"USA", "CAN", "MEX", "URY", "TTO", "VCT", "JAM"})


def problems(path) -> list[str]:
    with pytest.raises(EventsValidationError) as err:
        load_events(path, known=KNOWN)
    return str(err.value).splitlines()


def test_unordered_conflict_across_files_reports_both_rows():
    assert problems(SAMEDAY / "conflict") == [
        "a-north.csv:2: supersedes: MEX on 2019-01-23: stance 'maduro' here and 'neutral' in 'ury-mex-joint' "
        "at b-south.csv:2; say which comes later (supersedes)",
        "b-south.csv:2: supersedes: MEX on 2019-01-23: stance 'neutral' here and 'maduro' in 'mex-spokesman' "
        "at a-north.csv:2; say which comes later (supersedes)",
    ]


def test_ordered_conflicts_load_and_the_superseding_row_wins_whatever_the_file_order():
    tl = build_timeline(load_events(SAMEDAY / "ordered", known=KNOWN))
    day1 = stances_on("2019-01-23", tl).set_index("iso3")
    # b-south.csv sorts after a-north.csv, but it is the superseding row that wins.
    assert day1.loc["MEX", "event_id"] == "ury-mex-joint"
    assert day1.loc["URY", "stance"] == "neutral"
    day2 = stances_on("2019-01-24", tl).set_index("iso3")
    assert day2["stance"].to_dict() == {
        "JAM": "neutral",
        "MEX": "neutral",
        "TTO": "maduro",
        "URY": "neutral",
        "VCT": "maduro",
    }
    assert day2.loc["TTO", "event_id"] == "tto-minister"
    assert events_for("MEX", tl)["id"].tolist() == ["mex-spokesman", "ury-mex-joint"]


def test_a_chain_orders_three_rows():
    tl = build_timeline(load_events(SAMEDAY / "chain.csv", known=KNOWN))
    assert stances_on("2019-01-23", tl).iloc[0]["event_id"] == "c-3"
    assert events_for("USA", tl)["id"].tolist() == ["c-1", "c-2", "c-3"]


def test_bad_references_are_reported_with_reasons():
    got = problems(SAMEDAY / "bad_refs.csv")
    expected = [
        "bad_refs.csv:2: supersedes: unknown event id 'zzz-none'",
        "bad_refs.csv:3: supersedes: an event cannot supersede itself",
        "bad_refs.csv:4: supersedes: 'a-1' is dated 2019-01-23, not 2019-01-24; only same-day events need an order",
        "bad_refs.csv:5: supersedes: 'a-1' (bad_refs.csv:2) tags none of this row's countries",
        "bad_refs.csv:6: supersedes: lists an id twice",
        "bad_refs.csv:7: supersedes: 'Not An Id' is not an event id",
    ]
    assert got[: len(expected)] == expected
    # a-1/a-2 are still unordered (a-2's only reference is invalid): both rows are named.
    assert any(line.startswith("bad_refs.csv:2: supersedes: USA on 2019-01-23") and "'a-2'" in line for line in got)
    assert any(line.startswith("bad_refs.csv:3: supersedes: USA on 2019-01-23") and "'a-1'" in line for line in got)


def test_a_loop_is_refused():
    assert problems(SAMEDAY / "loop.csv") == [
        f"loop.csv:{n}: supersedes: the supersedes chain loops" for n in (2, 3, 4)
    ]
