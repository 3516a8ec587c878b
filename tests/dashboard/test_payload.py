import datetime as dt
import json

import geodata
from dashboard import theme
from dashboard.payload import build_history, day_range, headline
from events import default_timeline, stances_on


def history():
    return build_history(default_timeline(), geodata.load_boundaries())


def test_history_is_change_points_not_daily_tables():
    h = history()
    rows = sum(len(v) for v in h["changes"].values())
    assert rows == len(default_timeline().changes)
    assert len(json.dumps(h)) < 200_000


def stance_at(h, iso3, day):
    rows = [r for r in h["changes"].get(iso3, []) if r[0] <= day]
    return h["categories"][rows[-1][1]] if rows else theme.NONE


def test_history_reproduces_stances_on_for_sample_dates():
    h = history()
    start = dt.date.fromisoformat(h["start"])
    for date in ("2019-01-24", "2019-02-05", "2019-11-20", "2021-02-01", "2023-01-10"):
        day = (dt.date.fromisoformat(date) - start).days
        expected = dict(zip(*stances_on(date, default_timeline())[["iso3", "stance"]].T.values))
        for iso3 in h["countries"]:
            assert stance_at(h, iso3, day) == expected.get(iso3, theme.NONE), (date, iso3)


def test_day_range_starts_at_inauguration_and_ends_at_last_event():
    days = day_range(default_timeline())
    assert days.start == dt.date(2019, 1, 10)
    assert days.end == default_timeline().events["date"].max().date()


def test_headline_is_first_sentence_and_short():
    assert headline("Spain recognised Guaidó. It also said more.") == "Spain recognised Guaidó"
    assert len(headline("x" * 500)) <= 110


def test_history_hands_the_browser_the_figures_trace_order_and_names():
    from dashboard import figures

    fig = figures.map_figure(
        geodata.load_boundaries(),
        geodata.load_context(),
        stances_on("2019-02-05", default_timeline()),
        "/g.json",
        default_timeline().crisis,
    )
    traces = history()["traces"]
    assert sorted(t["index"] for t in traces.values()) == list(range(len(fig.data)))
    for t in traces.values():
        assert fig.data[t["index"]].name == t["name"]
    assert fig.data[traces["states"]["index"]].customdata == tuple(geodata.load_boundaries()["iso3"])
