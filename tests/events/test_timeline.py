import pandas as pd
import pandas.testing as pdt
import pytest

from events import build_timeline, counts_on, events_for, load_events, stances_on, with_basis
from events.schema import FIELDS, OPTIONAL_COLUMNS

KNOWN = frozenset({"USA", "CAN", "MEX", "BOL", "VEN", "ESP"})


def timeline_of(tmp_path, *files: tuple[str, list[str]]):
    for name, rows in files:
        (tmp_path / name).write_text(
            ",".join(f for f in FIELDS if f not in OPTIONAL_COLUMNS) + "\n" + "\n".join(rows) + "\n"
        )
    return build_timeline(load_events(tmp_path, known=KNOWN))


def row(eid: str, date: str, countries: str, stance: str, basis: str = "own", supersedes: str = "") -> str:
    return (
        f"{eid},{date},day,{countries},{stance},statement,Actor,Summary of {eid}.,,Src,https://example.org/{eid},,"
        f"{basis},{supersedes}"
    )


def test_latest_event_on_or_before_date_wins(tmp_path):
    tl = timeline_of(
        tmp_path, ("a.csv", [row("e1", "2019-01-23", "USA", "guaido"), row("e2", "2019-03-01", "USA", "neutral")])
    )
    assert stances_on("2019-01-22", tl).empty
    assert stances_on("2019-01-23", tl)["stance"].tolist() == ["guaido"]
    assert stances_on("2019-02-28", tl)["stance"].tolist() == ["guaido"]
    assert stances_on("2019-03-01", tl)["stance"].tolist() == ["neutral"]


def test_same_day_supersedes_decides_not_the_file_name(tmp_path):
    tl = timeline_of(
        tmp_path,
        (
            "a.csv",
            [row("e1", "2019-01-23", "MEX", "maduro", supersedes="e2"), row("e3", "2019-01-23", "CAN", "guaido")],
        ),
        ("b.csv", [row("e2", "2019-01-23", "MEX", "neutral"), row("e4", "2019-01-23", "CAN", "neutral", "own", "e3")]),
    )
    got = stances_on("2019-01-23", tl).set_index("iso3")
    assert (got.loc["MEX", "stance"], got.loc["MEX", "event_id"]) == ("maduro", "e1")
    assert (got.loc["CAN", "stance"], got.loc["CAN", "event_id"]) == ("neutral", "e4")
    assert events_for("MEX", tl)["id"].tolist() == ["e2", "e1"]


def test_same_day_same_stance_needs_no_order_and_later_line_is_latest(tmp_path):
    tl = timeline_of(
        tmp_path,
        ("a.csv", [row("e1", "2019-01-23", "MEX", "neutral", "joint")]),
        ("b.csv", [row("e2", "2019-01-23", "MEX", "neutral")]),
    )
    got = stances_on("2019-01-23", tl).iloc[0]
    assert (got["stance"], got["event_id"]) == ("neutral", "e2")


def test_basis_reaches_changes_and_own_only_timeline(tmp_path):
    (tmp_path / "a.csv").write_text(
        ",".join(f for f in FIELDS if f not in OPTIONAL_COLUMNS)
        + "\n"
        + "\n".join(
            [
                row("e1", "2019-01-23", "USA;CAN", "guaido", "joint"),
                row("e2", "2019-02-01", "CAN", "neutral", "own"),
                row("e3", "2019-03-01", "USA", "maduro", "vote"),
            ]
        )
        + "\n"
    )
    events = load_events(tmp_path, known=KNOWN)
    tl = build_timeline(events)
    assert tl.changes.set_index("event_id")["basis"].to_dict() == {"e1": "joint", "e2": "own", "e3": "vote"}
    own = build_timeline(with_basis(events, "own"))
    assert stances_on("2019-03-01", own)[["iso3", "stance"]].values.tolist() == [["CAN", "neutral"]]
    with pytest.raises(ValueError, match="unknown basis: bloc"):
        with_basis(events, "bloc")


def test_withdrawal_is_a_position_and_since_tracks_runs(tmp_path):
    tl = timeline_of(
        tmp_path,
        (
            "a.csv",
            [
                row("e1", "2019-01-23", "USA", "guaido"),
                row("e2", "2019-06-01", "USA", "guaido"),
                row("e3", "2020-01-07", "USA", "withdrawn"),
            ],
        ),
    )
    mid = stances_on("2019-07-01", tl).iloc[0]
    assert (mid["stance"], mid["since"], mid["event_id"]) == ("guaido", pd.Timestamp("2019-01-23"), "e2")
    late = stances_on("2020-02-01", tl).iloc[0]
    assert (late["stance"], late["since"]) == ("withdrawn", pd.Timestamp("2020-01-07"))
    assert counts_on("2020-02-01", tl) == {"guaido": 0, "maduro": 0, "neutral": 0, "assembly": 0, "withdrawn": 1}


def test_multi_country_event_sets_each_country_and_no_stance_changes_nothing(tmp_path):
    tl = timeline_of(
        tmp_path,
        (
            "a.csv",
            [
                row("e1", "2019-01-23", "USA;CAN;ESP", "guaido"),
                row("e2", "2019-01-24", "CAN", ""),
                row("e3", "2019-01-25", "ESP", "assembly"),
            ],
        ),
    )
    got = stances_on("2019-01-26", tl)
    expected = pd.DataFrame(
        {
            "iso3": ["CAN", "ESP", "USA"],
            "stance": ["guaido", "assembly", "guaido"],
            "since": pd.to_datetime(["2019-01-23", "2019-01-25", "2019-01-23"]),
            "event_id": ["e1", "e3", "e1"],
        }
    )
    pdt.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
    assert events_for("CAN", tl)["id"].tolist() == ["e1", "e2"]


def test_unknown_country_events_for_is_empty(tmp_path):
    tl = timeline_of(tmp_path, ("a.csv", [row("e1", "2019-01-23", "USA", "guaido")]))
    assert events_for("BOL", tl).empty


@pytest.mark.parametrize("date", ["2019-01-23", pd.Timestamp("2019-01-23"), pd.Timestamp("2019-01-23").date()])
def test_dates_accept_strings_timestamps_and_dates(tmp_path, date):
    tl = timeline_of(tmp_path, ("a.csv", [row("e1", "2019-01-23", "USA", "guaido")]))
    assert len(stances_on(date, tl)) == 1


def test_the_timeline_argument_is_required():
    """No hidden default: code that forgets the timeline fails instead of reading the shipped data."""
    from events import counts_on, counts_over_time, events_for, stances_on

    for call in (lambda: stances_on("2019-02-05"), lambda: counts_on("2019-02-05"), counts_over_time):
        with pytest.raises(TypeError):
            call()
    with pytest.raises(TypeError):
        events_for("USA")
