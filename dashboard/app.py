"""The app factory `create_app(...)` and the module-level WSGI `server`."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path

from dash import Dash

import geodata
from dashboard import (
    api,
    caching,
    callbacks,
    config,
    current,
    document,
    embed,
    figures,
    guard,
    i18n,
    i18n_page,
    ids,
    images,
    layout,
    layout_cache,
    localize,
    precompress,
    published,
    routes,
    security,
    ssr,
)
from dashboard.current import get_data, get_store
from dashboard.store import AppData, DataStore
from events import stances_on
from events.crisis import crisis_for
from events.timeline import Timeline

# Installed wheels carry assets/ inside the package; a source checkout has it at the top level.
_PACKAGED_ASSETS = Path(__file__).resolve().parent / "assets"
ASSETS_DIR = _PACKAGED_ASSETS if _PACKAGED_ASSETS.is_dir() else Path(__file__).resolve().parent.parent / "assets"


def key_dates(timeline: Timeline, n: int = 12) -> list[dt.date]:
    """The n dates on which most countries changed position, most changes first."""
    per_day = timeline.changes.groupby("date").size().sort_values(ascending=False, kind="stable")
    return [d.date() for d in per_day.index[:n]]


def version_files(data: AppData, lang: str) -> tuple[dict, dict]:
    """A loaded version's history and chart in `lang` (read from its folder; the default's are loaded)."""
    if lang == i18n.DEFAULT or data.folder is None:
        return data.history, data.chart
    folder = data.folder / lang
    return tuple(json.loads((folder / name).read_text(encoding="utf-8")) for name in ("history.json", "chart.json"))


def live_config(data: AppData, poll_seconds: int, lang: str = i18n.DEFAULT) -> dict:
    """What the page's live-update script needs: the version it shows and how often to look."""
    files = {"history": "history.json", "chart": "chart.json", "countries": "countries/", "version": "version.json"}
    files.update(localize.file_names(lang))
    return {"version": data.version, "built_at": data.loaded_at, "poll": poll_seconds, "base": "data/", "files": files}


def build_page(data: AppData, urls: dict[str, str], poll_seconds: int = 60, lang: str = i18n.DEFAULT):
    """The page layout for one version of the data, in one language."""
    history, chart = version_files(data, lang)
    states = data.states.assign(name=localize.names(data.states, lang))
    base_map = figures.map_figure(
        states,
        geodata.load_context(),
        stances_on(data.days.end, data.timeline),
        urls["geojson"],
        data.timeline.crisis,
    )
    map_config = {
        "topojsonURL": urls["topojson_dir"],
        "displaylogo": False,
        "responsive": True,
        "scrollZoom": False,
        # zoom in, zoom out and reset only: no image export, no "Share chart" upload to Plotly
        # Cloud (sendChartToCloud), no selection tools or hover-mode toggles that do nothing here
        "modeBarButtons": [["zoomInGeo", "zoomOutGeo", "resetGeo"]],
        "showSendToCloud": False,
        "locale": lang,  # chart and map dates: assets/wbw-0-lang.js registers the locale
    }
    with i18n.language(lang):
        return layout.page(
            data.days,
            key_dates(data.timeline),
            history,
            base_map.to_plotly_json(),
            chart,  # built with the version (figures.counts_figure)
            map_config,
            data.loaded_at,
            live=live_config(data, poll_seconds, lang),
        )


def app_salt(*parts: str) -> str:
    """Part of every ETag that changes when the code, assets or page config change."""
    import hashlib

    import dash

    files = (p for p in ASSETS_DIR.rglob("*") if p.is_file())
    assets = sorted((str(p.relative_to(ASSETS_DIR)), p.stat().st_mtime_ns) for p in files)
    return hashlib.sha256(repr((dash.__version__, assets, parts)).encode()).hexdigest()[:8]


def create_app(
    events_path: str | Path | None = None,
    *,
    frame_ancestors: str | None = None,
    url_prefix: str | None = None,
    reload_seconds: float | None = None,
    crisis: str | Path | None = None,
) -> Dash:
    """Build the Dash app on the events at `events_path`, or the crisis folder `crisis` (default: the shipped crisis).

    A crisis folder holds its `crisis.toml` and its events files; an events path is governed by
    the crisis file beside it, else by the shipped one.

    Every argument left as None comes from its environment variable (WBW_*); all pass the same
    checks as the command line (`dashboard.config`), and a bad value raises `ConfigError`.
    """
    events_path, frame_ancestors, url_prefix, reload_seconds = config.app_arguments(
        events_path, frame_ancestors, url_prefix, reload_seconds, crisis
    )
    app = Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        compress=True,
        # The layout is a function (it follows live data updates); without this flag Dash would
        # copy the whole layout into every page as a "validation layout" (~146 KB).
        suppress_callback_exceptions=True,
        title=crisis_for(events_path).text("title"),
        update_title=None,
        requests_pathname_prefix=url_prefix,
        routes_pathname_prefix=url_prefix,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        assets_ignore="|".join(map(re.escape, ssr.EARLY_ASSETS)),  # the page links them before Dash's scripts
    )
    app.index_string = document.with_contract(document.accessible_index(app.index_string), {"ids": ids.contract()})
    # GeoJSON, CSV and JSON API answers are compressed too (flask-compress's defaults skip them).
    app.server.config["COMPRESS_MIMETYPES"] = [
        *app.server.config.get("COMPRESS_MIMETYPES", []),
        "application/geo+json",
        "text/csv",
    ]
    urls = routes.register(app.server, url_prefix)
    api.register(app.server, url_prefix)
    embed.register(app, url_prefix)
    poll = config.env("WBW_POLL_SECONDS")
    store = DataStore(
        events_path,
        reload_seconds,
        prepare=lambda data: data.extras.update(
            pages={lang: build_page(data, urls, poll, lang) for lang in i18n.LANGUAGES}
        ),
    )
    current.set_store(app.server, store)
    app.layout = lambda: store.current().extras["pages"][i18n_page.request_language()]
    i18n_page.install(app.server, url_prefix)
    published.register(app.server, url_prefix, lambda: store)
    caching.install(app.server, url_prefix, lambda: store.current().version, app_salt(frame_ancestors, url_prefix))
    layout_cache.install(app, url_prefix, lambda: store.current().version, i18n_page.request_language)
    images.register(app.server, url_prefix)
    ssr.install(app, store.current, url_prefix)  # every page server-drawn for its URL state
    security.install(app, frame_ancestors)
    callbacks.attach(app)
    guard.install(app, url_prefix)
    precompress.install(app, url_prefix, ASSETS_DIR)
    return app


def __getattr__(name: str):
    """Lazily build the module-level WSGI `server` from the (validated) WBW_* environment."""
    if name == "server":
        return _server()
    raise AttributeError(name)


@cache
def _server():
    """Build (once per process) the Flask server; a bad WBW_* value stops start-up here."""
    return create_app().server


__all__ = ["create_app", "get_data", "get_store"]
