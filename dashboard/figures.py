"""Pure figure builders: data in, plotly figure out. No Dash imports here."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from events.crisis import Crisis

UIREVISION = "world"
DAY_MS = 86_400_000  # constant: zoom and pan survive every update
# The map's traces in drawing order: (key, name). The history payload hands this to the browser
# (`traces`: key → index and name), so the JS finds traces by key and never retypes the order.
TRACES: tuple[tuple[str, str], ...] = (
    ("context", "context"),
    ("states", "states"),
    ("small", "small states"),
)
# (The selected state's outline and ring are drawn by the browser over these, with no plotly
# redraw: assets/wbw-2-selection.js, styled by the payload's `selection`.)
TRACE_NAME = dict(TRACES)
STATE_TRACE, MARKER_TRACE = ([k for k, _ in TRACES].index(key) for key in ("states", "small"))


def trace_contract() -> dict[str, dict]:
    """Per trace key: its index in the figure's data and its name (for the browser)."""
    return {key: {"index": i, "name": name} for i, (key, name) in enumerate(TRACES)}


def stance_codes(states: pd.Series, stances: pd.DataFrame, crisis: Crisis) -> list[int]:
    """Numeric category of every state (in `states` order) given `stances_on` output."""
    by_iso = dict(zip(stances["iso3"], stances["stance"]))
    code = theme.for_crisis(crisis).code
    return [code[theme.SUBJECT] if iso == crisis.subject else code[by_iso.get(iso, theme.NONE)] for iso in states]


def map_figure(
    states: gpd.GeoDataFrame, context: gpd.GeoDataFrame, stances: pd.DataFrame, geojson_url: str, crisis: Crisis
) -> go.Figure:
    """The stance choropleth of one crisis: context shapes, one state trace, small-state markers."""
    look = theme.for_crisis(crisis)
    codes = stance_codes(states["iso3"], stances, crisis)
    n = len(look.categories)
    small = states[states["is_small"]]
    small_codes = [c for c, s in zip(codes, states["is_small"]) if s]
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            geojson=geojson_url,
            locations=list(context["iso3"]),
            z=[0] * len(context),
            colorscale=[[0, theme.CONTEXT_COLOUR], [1, theme.CONTEXT_COLOUR]],
            showscale=False,
            marker_line_color=theme.CONTEXT_LINE_COLOUR,
            marker_line_width=0.6,
            hoverinfo="skip",
            name=TRACE_NAME["context"],
        )
    )
    fig.add_trace(
        go.Choropleth(
            geojson=geojson_url,
            locations=list(states["iso3"]),
            z=codes,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=look.colorscale(),
            showscale=False,
            customdata=list(states["iso3"]),
            text=list(states["name"]),
            hovertemplate="%{text}<extra></extra>",
            marker_line_color=theme.BORDER_COLOUR,
            marker_line_width=0.5,
            name=TRACE_NAME["states"],
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=list(small["marker_lon"]),
            lat=list(small["marker_lat"]),
            customdata=list(small["iso3"]),
            text=list(small["name"]),
            hovertemplate="%{text}<extra></extra>",
            mode="markers",
            name=TRACE_NAME["small"],
            marker={
                "size": 12,  # drawn size; assets/wbw-7-markers.js decides which show, and where
                "color": [look.colours[look.categories[c]] for c in small_codes],
                "line": {"color": "#ffffff", "width": 1},
            },
        )
    )
    fig.update_geos(
        projection_type="natural earth",
        visible=False,
        showframe=False,
        lataxis_range=[-58, 85],
        bgcolor="rgba(0,0,0,0)",
    )
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        uirevision=UIREVISION,
        dragmode="pan",
        paper_bgcolor="rgba(0,0,0,0)",
        hovermode=False,  # picking is exact, in assets/wbw-5-pick.js (plotly's is nearest-point)
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
    )
    return fig


def stack_order(counts: pd.DataFrame) -> list[str]:
    """The chart's stances, bottom first: the rarest (smallest peak) first, then legend order."""
    stances = list(counts.columns)
    if counts.empty:
        return stances
    rarest = min(stances, key=lambda s: (int(counts[s].max()), stances.index(s)))
    return [rarest, *(s for s in stances if s != rarest)]


def counts_figure(
    counts: pd.DataFrame,
    end: pd.Timestamp,
    start: pd.Timestamp | None = None,
    *,
    crisis: Crisis,
    order: list[str] | None = None,
) -> go.Figure:
    """Stacked step chart of the number of countries per stance, from `start` (the slider's first day) to `end`.

    The rarest stance (say, withdrawn recognitions: never more than a handful) sits at the bottom
    of the stack with a thick outline, so its band shows even at one country; each band carries
    its map pattern. Labels, colours and patterns come from the crisis file. `order` (bottom
    first) defaults to `stack_order(counts)`.
    """
    look = theme.for_crisis(crisis)
    frame = counts.copy()
    if start is not None and not frame.empty:
        before = frame[frame.index <= start]
        frame = frame[frame.index > start]
        frame.loc[start] = before.iloc[-1] if len(before) else 0
        frame = frame.sort_index()
    if not frame.empty and frame.index[-1] < end:
        frame.loc[end] = frame.iloc[-1]
    # one point per day (x0 + dx, no date strings), so the hover readout at any x is that day's counts
    frame = frame.resample("D").ffill() if not frame.empty else frame
    first = frame.index[0].strftime("%Y-%m-%d") if not frame.empty else None
    x = [first, frame.index[-1].strftime("%Y-%m-%d")] if first else []
    fig = go.Figure()
    order = order or stack_order(counts)
    for stance in order:
        thin = stance == order[0]
        fig.add_trace(
            go.Scatter(
                x0=first,
                dx=DAY_MS,
                y=[int(v) for v in frame[stance]],
                name=look.labels[stance],
                stackgroup="one",
                line={"shape": "hv", "width": 2.5 if thin else 0.6, "color": look.colours[stance]},
                fillcolor=look.colours[stance],
                fillpattern=look.plotly_fillpattern(stance),
                hovertemplate="%{y}<extra>" + look.labels[stance] + "</extra>",
            )
        )
    fig.update_layout(
        margin={"l": 44, "r": 8, "t": 6, "b": 22},
        showlegend=False,
        height=150,
        uirevision=UIREVISION,
        hovermode="x unified",
        hoverlabel={"namelength": -1, "bgcolor": "#ffffff", "bordercolor": "#888888", "font": {"color": "#111111"}},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        clickmode="event",
        xaxis={
            "fixedrange": True,
            "showgrid": False,
            "range": [x[0], x[-1]] if x else None,
            "hoverformat": "%-d %b %Y",
        },
        yaxis={"fixedrange": True, "gridcolor": "#eeeeee", "title": {"text": "Countries", "standoff": 4}},
        shapes=[],  # the date line is an element over the chart, moved by assets/wbw-2-map.js
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 10, "color": "#333333"},
    )
    return fig
