import pandas as pd

from events.analysis import changes_between, shares_on, transition_counts

from .test_timeline import row, timeline_of


def weights(rows):
    frame = pd.DataFrame(rows, columns=["iso3", "un_member", "pop_est"])
    return frame.assign(pop_est=frame["pop_est"].astype("Int64"))


def test_changes_between_lists_switches_with_the_run_start_and_event(tmp_path):
    tl = timeline_of(
        tmp_path,
        (
            "a.csv",
            [
                row("e1", "2019-01-23", "USA", "guaido"),
                row("e2", "2019-01-24", "MEX", "neutral"),
                row("e3", "2019-02-01", "USA", "guaido"),  # restatement: no switch
                row("e4", "2019-03-01", "MEX", "maduro"),
                row("e5", "2019-03-05", "CAN", "guaido"),
            ],
        ),
    )
    got = changes_between("2019-01-25", "2019-03-10", tl)
    assert got.to_dict("records") == [
        {"iso3": "MEX", "from": "neutral", "to": "maduro", "date": "2019-03-01", "event_id": "e4"},
        {"iso3": "CAN", "from": "none", "to": "guaido", "date": "2019-03-05", "event_id": "e5"},
    ]
    assert changes_between("2019-03-10", "2019-03-10", tl).empty
    assert transition_counts(got)["countries"].tolist() == [1, 1]


def test_changes_from_before_any_event_start_from_none(tmp_path):
    tl = timeline_of(tmp_path, ("a.csv", [row("e1", "2019-01-23", "USA", "guaido")]))
    got = changes_between("2018-06-01", "2019-01-23", tl)
    assert got[["iso3", "from", "to"]].values.tolist() == [["USA", "none", "guaido"]]


def test_shares_count_un_members_and_population_without_the_subject(tmp_path):
    tl = timeline_of(
        tmp_path,
        ("a.csv", [row("e1", "2019-01-23", "USA;CAN", "guaido"), row("e2", "2019-01-23", "BOL", "maduro")]),
    )
    table = weights([("USA", True, 300), ("CAN", True, 40), ("BOL", True, 10), ("MEX", True, 150), ("VEN", True, 30)])
    got = shares_on("2019-02-01", tl, table).set_index("stance")
    assert got.loc["guaido", "countries"] == 2
    assert got.loc["guaido", "un_share"] == 0.5  # 2 of the 4 members other than Venezuela
    assert got.loc["guaido", "population"] == 340
    assert got.loc["guaido", "population_share"] == round(340 / 500, 4)
    assert got.loc["none", "countries"] == 1  # Mexico; Venezuela is in no denominator
    assert got["countries"].sum() == 4


def test_shares_count_states_without_a_population_estimate_as_zero_people(tmp_path):
    tl = timeline_of(tmp_path, ("a.csv", [row("e1", "2019-01-23", "USA", "guaido")]))
    table = weights([("USA", True, None), ("CAN", False, 40)])
    got = shares_on("2019-02-01", tl, table).set_index("stance")
    assert got.loc["guaido", "population"] == 0
    assert got.loc["none", "un_members"] == 0
    assert got.loc["guaido", "un_share"] == 1.0
