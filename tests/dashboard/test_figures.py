import pandas as pd
import pytest

import geodata
from dashboard import figures, theme
from events import counts_over_time, default_timeline, stances_on
from events.crisis import load_crisis

LOOK = theme.for_crisis(load_crisis())  # the shipped crisis's categories, labels and colours


@pytest.fixture(scope="module")
def states():
    return geodata.load_boundaries()


def test_map_is_one_state_trace_with_numeric_codes(states):
    fig = figures.map_figure(
        states,
        geodata.load_context(),
        stances_on("2019-02-05", default_timeline()),
        "/geo/world.geojson",
        default_timeline().crisis,
    )
    kinds = [t.type for t in fig.data]
    assert kinds == ["choropleth", "choropleth", "scattergeo"]  # the selection is drawn by the browser
    trace = fig.data[figures.STATE_TRACE]
    assert list(trace.locations) == list(states["iso3"])
    assert trace.geojson == "/geo/world.geojson"  # a URL, never inlined
    z = dict(zip(trace.locations, trace.z))
    assert z["ESP"] == LOOK.code["guaido"]
    assert z["BOL"] == LOOK.code["maduro"]
    assert z["VEN"] == LOOK.code["subject"]
    assert z["TUV"] == LOOK.code["none"]
    assert trace.zmin == -0.5 and trace.zmax == len(LOOK.categories) - 0.5
    assert list(trace.customdata) == list(states["iso3"])


def test_colorscale_is_stepped_one_band_per_category():
    scale = LOOK.colorscale()
    assert len(scale) == 2 * len(LOOK.categories)
    for i, name in enumerate(LOOK.categories):
        assert scale[2 * i][1] == scale[2 * i + 1][1] == LOOK.colours[name]


def test_small_state_markers_cover_every_small_state(states):
    fig = figures.map_figure(
        states,
        geodata.load_context(),
        stances_on("2019-02-05", default_timeline()),
        "/g.json",
        default_timeline().crisis,
    )
    markers = fig.data[figures.MARKER_TRACE]
    assert set(markers.customdata) == set(states.loc[states["is_small"], "iso3"])
    assert "MLT" in markers.customdata


def test_layout_keeps_zoom_and_hides_base_map(states):
    fig = figures.map_figure(
        states,
        geodata.load_context(),
        stances_on("2019-02-05", default_timeline()),
        "/g.json",
        default_timeline().crisis,
    )
    assert fig.layout.uirevision == figures.UIREVISION
    assert fig.layout.geo.visible is False
    assert fig.layout.geo.projection.type == "natural earth"
    assert fig.layout.geo.lataxis.range[0] > -60  # no Antarctica


def test_counts_chart_stacks_every_stance_to_the_end():
    counts = counts_over_time(default_timeline())
    end = counts.index.max() + pd.Timedelta(days=30)  # past the last change, whatever the data
    fig = figures.counts_figure(counts, end, crisis=default_timeline().crisis)
    order = figures.stack_order(counts)
    assert sorted(order) == sorted(default_timeline().crisis.stance_values())
    assert [t.name for t in fig.data] == [LOOK.labels[s] for s in order]
    assert all(t.stackgroup == "one" for t in fig.data)
    days = (end - counts.index[0]).days + 1
    assert all(t.dx == figures.DAY_MS and len(t.y) == days for t in fig.data)  # one point a day, to the end
    assert list(fig.layout.xaxis.range)[1] == end.strftime("%Y-%m-%d")


def test_counts_chart_starts_on_the_slider_day_with_readout_title_and_patterns():
    counts = counts_over_time(default_timeline())
    start, end = pd.Timestamp("2019-01-10"), counts.index.max() + pd.Timedelta(days=30)
    fig = figures.counts_figure(counts, end, start=start, crisis=default_timeline().crisis)
    assert all(t.x0 == "2019-01-10" for t in fig.data)  # records dated earlier are carried to that day
    before = counts.loc[counts.index <= start].iloc[-1]
    assert {t.name: t.y[0] for t in fig.data} == {LOOK.labels[s]: before[s] for s in before.index}
    assert list(fig.layout.xaxis.range) == ["2019-01-10", end.strftime("%Y-%m-%d")]
    by_name = {t.name: t for t in fig.data}
    # the 4 Jan statement is already in force on the first day
    first = {name: t.y[0] for name, t in by_name.items()}
    assert first[LOOK.labels["assembly"]] == counts.loc[counts.index <= start, "assembly"].iloc[-1]
    assert fig.layout.hovermode == "x unified"
    assert fig.layout.yaxis.title.text == "Countries"
    for stance in (s for s in LOOK.stances if LOOK.patterns[s] != "solid"):
        assert by_name[LOOK.labels[stance]].fillpattern.shape  # the map's pattern, in plotly's terms
    # the rarest stance (withdrawn: at most a few countries) sits on the axis with a thick edge
    rarest = fig.data[0]
    assert rarest.name == LOOK.labels[figures.stack_order(counts)[0]] and rarest.line.width >= 2
    assert all(t.line.width < 2 for t in fig.data[1:])


def test_the_rarest_stance_sits_at_the_bottom_of_the_stack_ties_in_legend_order():
    counts = pd.DataFrame({"a": [5, 9], "b": [1, 3], "c": [0, 2], "d": [2, 0]})
    assert figures.stack_order(counts) == ["c", "a", "b", "d"]  # c and d both peak at 2: legend order
    assert figures.stack_order(counts.iloc[:0]) == ["a", "b", "c", "d"]
