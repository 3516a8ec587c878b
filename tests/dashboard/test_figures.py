import pandas as pd
import pytest

import geodata
from dashboard import figures, theme
from events import counts_over_time, stances_on


@pytest.fixture(scope="module")
def states():
    return geodata.load_boundaries()


def test_map_is_one_state_trace_with_numeric_codes(states):
    fig = figures.map_figure(states, geodata.load_context(), stances_on("2019-02-05"), "/geo/world.geojson")
    kinds = [t.type for t in fig.data]
    assert kinds == ["choropleth", "choropleth", "scattergeo", "choropleth", "scattergeo"]
    trace = fig.data[figures.STATE_TRACE]
    assert list(trace.locations) == list(states["iso3"])
    assert trace.geojson == "/geo/world.geojson"  # a URL, never inlined
    z = dict(zip(trace.locations, trace.z))
    assert z["ESP"] == theme.CODE["guaido"]
    assert z["BOL"] == theme.CODE["maduro"]
    assert z["VEN"] == theme.CODE["subject"]
    assert z["TUV"] == theme.CODE["none"]
    assert trace.zmin == -0.5 and trace.zmax == len(theme.CATEGORIES) - 0.5
    assert list(trace.customdata) == list(states["iso3"])


def test_colorscale_is_stepped_one_band_per_category():
    scale = theme.colorscale()
    assert len(scale) == 2 * len(theme.CATEGORIES)
    for i, name in enumerate(theme.CATEGORIES):
        assert scale[2 * i][1] == scale[2 * i + 1][1] == theme.COLOURS[name]


def test_small_state_markers_cover_every_small_state(states):
    fig = figures.map_figure(states, geodata.load_context(), stances_on("2019-02-05"), "/g.json")
    markers = fig.data[figures.MARKER_TRACE]
    assert set(markers.customdata) == set(states.loc[states["is_small"], "iso3"])
    assert "MLT" in markers.customdata


def test_layout_keeps_zoom_and_hides_base_map(states):
    fig = figures.map_figure(states, geodata.load_context(), stances_on("2019-02-05"), "/g.json")
    assert fig.layout.uirevision == figures.UIREVISION
    assert fig.layout.geo.visible is False
    assert fig.layout.geo.projection.type == "natural earth"
    assert fig.layout.geo.lataxis.range[0] > -60  # no Antarctica


def test_counts_chart_stacks_every_stance_to_the_end():
    counts = counts_over_time()
    end = counts.index.max() + pd.Timedelta(days=30)  # past the last change, whatever the data
    fig = figures.counts_figure(counts, end)
    assert [t.name for t in fig.data] == [
        theme.LABELS[s] for s in ("guaido", "maduro", "neutral", "assembly", "withdrawn")
    ]
    assert all(t.stackgroup == "one" for t in fig.data)
    assert fig.data[0].x[-1] == end.strftime("%Y-%m-%d")


def test_counts_chart_starts_on_the_slider_s_first_day():
    # records dated before the slider's first day (e.g. a UN vote of Sept 2018) are carried to
    # that day, so a click anywhere on the chart is a date the slider can show
    counts = counts_over_time()
    start = pd.Timestamp("2019-01-10")
    fig = figures.counts_figure(counts, counts.index.max(), start)
    assert fig.data[0].x[0] == "2019-01-10"
    before = counts.loc[counts.index <= start].iloc[-1]
    assert [t.y[0] for t in fig.data] == [before[s] for s in ("guaido", "maduro", "neutral", "assembly", "withdrawn")]
    assert counts.index.min() < start  # the data does start earlier
