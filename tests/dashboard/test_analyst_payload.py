"""The analyst keys of the history payload: own-only change-points, weights, population, story."""

from __future__ import annotations

import datetime as dt

import geodata
from dashboard import theme
from dashboard.analyst_layout import IDS, STRINGS
from dashboard.analyst_payload import data_version
from dashboard.payload import build_history
from events import build_timeline, default_timeline, stances_on, with_basis
from events.analysis import shares_on
from events.crisis import load_crisis
from events.story import DEFAULT_STORY, load_story

LOOK = theme.for_crisis(load_crisis())  # the shipped crisis's categories, labels and colours


def history():
    return build_history(default_timeline(), geodata.load_boundaries())


def stance_at(rows, categories, day):
    held = [r for r in rows if r[0] <= day]
    return categories[held[-1][1]] if held else theme.NONE


def test_own_change_points_reproduce_the_own_only_timeline():
    h = history()
    own = build_timeline(with_basis(default_timeline().events, "own"))
    start = dt.date.fromisoformat(h["start"])
    for date in ("2019-02-05", "2020-01-05", "2023-01-10"):
        day = (dt.date.fromisoformat(date) - start).days
        expected = dict(zip(*stances_on(date, own)[["iso3", "stance"]].T.values))
        for iso3 in h["countries"]:
            got = stance_at(h["ownChanges"].get(iso3, []), h["categories"], day)
            assert got == expected.get(iso3, theme.NONE), (date, iso3)
    # every own change-point names an event whose basis is own
    assert all(h["eventInfo"][r[3]][0] == "own" for rows in h["ownChanges"].values() for r in rows)
    assert h["ownChanges"] != h["changes"]


def test_event_info_is_aligned_with_the_events():
    h = history()
    events = default_timeline().events.reset_index(drop=True)
    assert len(h["eventInfo"]) == len(h["events"]) == len(events)
    for (eid, *_), info, (_, row) in zip(h["events"], h["eventInfo"], events.iterrows()):
        assert eid == row["id"]
        assert info == [row["basis"], row["actor"], row["quote"], row["source_name"], row["source_url"]]
    assert set(h["basisLabels"]) == {"own", "joint", "vote"}


def test_weights_follow_the_country_order_and_give_the_api_shares():
    h = history()
    states = geodata.load_boundaries()
    assert len(h["weights"]["un"]) == len(h["weights"]["pop"]) == len(h["countries"])
    row = states.set_index("iso3").loc["BRA"]
    i = h["countries"].index("BRA")
    assert h["weights"]["un"][i] is bool(row["un_member"]) and h["weights"]["pop"][i] == int(row["pop_est"])
    assert "POP_EST" in h["weights"]["source"]
    # the population chart equals the shares API on every change date
    chart = h["popChart"]
    assert sorted(chart["stances"]) == sorted(c for c in LOOK.categories if c not in (theme.NONE, theme.SUBJECT))
    first = dt.date.fromisoformat(h["start"])
    for k in (1, len(chart["days"]) // 2, len(chart["days"]) - 1):  # change-points of the population series
        day = first + dt.timedelta(days=chart["days"][k])
        shares = shares_on(day, default_timeline(), states).set_index("stance")["population"]
        assert {s: chart["population"][s][k] for s in chart["stances"]} == {s: int(shares[s]) for s in chart["stances"]}


def test_story_steps_come_from_the_story_file():
    h = history()
    story = load_story(DEFAULT_STORY, default_timeline().events)
    assert [s["title"] for s in h["story"]] == list(story["title"])
    start = dt.date.fromisoformat(h["start"])
    for step, row in zip(h["story"], story.itertuples(index=False)):
        assert step["day"] == (dt.date.fromisoformat(row.date) - start).days
        assert step["events"] == list(row.event_ids) and step["sourceUrl"] == row.source_url


def test_story_is_empty_when_it_does_not_match_the_events():
    events = default_timeline().events
    timeline = build_timeline(events[events["date"] < "2019-01-20"].reset_index(drop=True))
    assert build_history(timeline, geodata.load_boundaries())["story"] == []


def test_data_version_changes_with_any_record_and_ids_are_sent():
    events = default_timeline().events
    edited = events.copy()
    edited.loc[0, "summary"] = edited.loc[0, "summary"] + " (edited)"
    assert data_version(events) == data_version(events.copy()) != data_version(edited)
    h = history()
    assert h["analystIds"] == IDS and h["analystStrings"] == STRINGS
    assert len(set(IDS.values())) == len(IDS)


def test_population_chart_has_the_counts_charts_dates():
    import pandas as pd

    from dashboard.figures import counts_figure
    from dashboard.payload import day_range

    days = day_range(default_timeline())
    chart = counts_figure(
        default_timeline().counts, pd.Timestamp(days.end), pd.Timestamp(days.start), crisis=default_timeline().crisis
    )
    pop = history()["popChart"]
    assert pop["stances"] == [next(s for s in LOOK.categories if LOOK.labels[s] == t.name) for t in chart.data]
    assert pop["length"] == len(chart.data[0].y) and pop["days"][0] == 0
