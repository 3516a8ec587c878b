"""The usual Dash build of the same screen, for comparison.

A dcc.Slider wired to a server callback that rebuilds `px.choropleth(..., geojson=...)` on every
move. Same data, same geometry.

Run: `python -m benchmarks.baseline_app --port 8060`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json

import plotly.express as px
from dash import Dash, Input, Output, dcc, html

import geodata
from dashboard.days import day_range
from events import default_timeline, stances_on


def create_baseline_app() -> Dash:
    """A plain Dash app: slider → server callback → new px.choropleth figure."""
    timeline = default_timeline()
    days = day_range(timeline)
    states = geodata.load_boundaries()[["iso3", "name"]]
    geojson = json.loads(geodata.GEOJSON_PATH.read_text())
    app = Dash(__name__, compress=True)  # the default: full plotly.js, served locally
    app.layout = html.Div(
        [
            html.H1("Baseline"),
            dcc.Slider(id="date-slider", min=0, max=days.days - 1, step=1, value=days.days - 1, marks=None),
            dcc.Graph(id="map", config={"topojsonURL": "/geo/"}),
        ]
    )
    app.server.add_url_rule("/geo/world_110m.json", "topo", lambda: geodata.BASEMAP_TOPOJSON_PATH.read_text())

    @app.callback(Output("map", "figure"), Input("date-slider", "value"))
    def update(day: int):
        date = days.start + dt.timedelta(days=int(day))
        frame = states.merge(stances_on(date, timeline), on="iso3", how="left").fillna({"stance": "none"})
        fig = px.choropleth(
            frame, geojson=geojson, locations="iso3", featureidkey="id", color="stance", hover_name="name"
        )
        fig.update_geos(visible=False, projection_type="natural earth")
        return fig

    return app


def animation_figure_bytes(step_days: int = 30) -> tuple[int, int]:
    """(number of frames, JSON bytes) of the px `animation_frame` build at one frame per step."""
    timeline = default_timeline()
    days = day_range(timeline)
    states = geodata.load_boundaries()[["iso3", "name"]]
    geojson = json.loads(geodata.GEOJSON_PATH.read_text())
    frames = []
    for day in range(0, days.days, step_days):
        date = days.date(day)
        frame = states.merge(stances_on(date, timeline), on="iso3", how="left").fillna({"stance": "none"})
        frames.append(frame.assign(frame=date.isoformat())[["iso3", "name", "stance", "frame"]])
    import pandas as pd

    data = pd.concat(frames, ignore_index=True)
    fig = px.choropleth(
        data, geojson=geojson, locations="iso3", featureidkey="id", color="stance", animation_frame="frame"
    )
    return len(frames), len(fig.to_json())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8060)
    args = parser.parse_args()
    create_baseline_app().run(host="127.0.0.1", port=args.port, debug=False)
