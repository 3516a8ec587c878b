"""The app factory `create_app(...)` and the module-level WSGI `server`."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
from dash import Dash

import geodata
from dashboard import callbacks, figures, layout, routes, security
from dashboard.payload import DayRange, build_history, day_range
from events import build_timeline, load_events, stances_on
from events.timeline import Timeline

# Installed wheels carry assets/ inside the package; a source checkout has it at the top level.
_PACKAGED_ASSETS = Path(__file__).resolve().parent / "assets"
ASSETS_DIR = _PACKAGED_ASSETS if _PACKAGED_ASSETS.is_dir() else Path(__file__).resolve().parent.parent / "assets"
DATA_KEY = "WBW_DATA"


@dataclass(frozen=True)
class AppData:
    """Everything computed once at start-up; read-only afterwards."""

    timeline: Timeline
    states: gpd.GeoDataFrame
    days: DayRange
    loaded_at: str
    events_path: str | None


def load_data(events_path: str | Path | None = None) -> AppData:
    """Load and validate events, build the timeline and join the boundaries."""
    timeline = build_timeline(load_events(events_path))
    states = geodata.load_boundaries()
    loaded_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return AppData(timeline, states, day_range(timeline), loaded_at, str(events_path) if events_path else None)


def key_dates(timeline: Timeline, n: int = 4) -> list[dt.date]:
    """The n dates on which most countries changed position."""
    per_day = timeline.changes.groupby("date").size().sort_values(ascending=False, kind="stable")
    return sorted(d.date() for d in per_day.index[:n])


def create_app(
    events_path: str | Path | None = None,
    *,
    frame_ancestors: str | None = None,
    url_prefix: str = "/",
) -> Dash:
    """Build the Dash app on the events at `events_path` (default: the shipped data)."""
    data = load_data(events_path)
    app = Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        title=layout.TITLE,
        update_title=None,
        requests_pathname_prefix=url_prefix,
        routes_pathname_prefix=url_prefix,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.server.config[DATA_KEY] = data
    geo_url = routes.register(app.server, url_prefix)
    base_map = figures.map_figure(
        data.states, geodata.load_context(), stances_on(data.days.end, data.timeline), geo_url["geojson"]
    )
    base_chart = figures.counts_figure(data.timeline.counts, pd.Timestamp(data.days.end))
    map_config = {
        "topojsonURL": geo_url["topojson_dir"],
        "displaylogo": False,
        "responsive": True,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
    }
    app.layout = layout.page(
        data.days,
        key_dates(data.timeline),
        build_history(data.timeline, data.states),
        base_map.to_plotly_json(),
        base_chart.to_plotly_json(),
        map_config,
        data.loaded_at,
    )
    security.install(app, frame_ancestors or os.environ.get("WBW_FRAME_ANCESTORS", "*"))
    callbacks.register()
    return app


def get_data() -> AppData:
    """The current app's start-up data (inside a request)."""
    import flask

    return flask.current_app.config[DATA_KEY]


def __getattr__(name: str):
    """Lazily build the module-level WSGI `server` on the data named by WBW_EVENTS."""
    if name == "server":
        return _default_server()
    raise AttributeError(name)


def _default_server():
    """The default app's Flask server, on the events named by WBW_EVENTS."""
    return _server_for(os.environ.get("WBW_EVENTS", ""))


@cache
def _server_for(events_path: str):
    """Build (once per process) the Flask server for one events path."""
    return create_app(events_path or None).server


__all__ = ["AppData", "create_app", "get_data"]
