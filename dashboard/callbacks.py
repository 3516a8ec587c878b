"""Callbacks: thin, registered with the global `callback`. Clientside JS lives in assets/wbw-*.js."""

from __future__ import annotations

from functools import cache

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, clientside_callback
from dash._callback import GLOBAL_CALLBACK_LIST, GLOBAL_CALLBACK_MAP

from dashboard import ids
from dashboard.layout import EMBED_VARIANTS

NS = "wbw"
LIVE_NS = "wbwLive"  # assets/wbw-7-live.js: the panel from per-country JSON, live updates


def js(name: str, namespace: str = NS) -> ClientsideFunction:
    """A function of our clientside namespace."""
    return ClientsideFunction(namespace=namespace, function_name=name)


@cache
def _registered() -> tuple[dict, list]:
    """The global callbacks, registered once and taken out of Dash's global lists."""
    register()
    found = dict(GLOBAL_CALLBACK_MAP), list(GLOBAL_CALLBACK_LIST)
    GLOBAL_CALLBACK_MAP.clear()
    GLOBAL_CALLBACK_LIST.clear()
    return found


def attach(app: Dash) -> None:
    """Give `app` its own copy of every callback.

    Dash hands globally registered callbacks to the first app that serves a request only, so a
    second app in the same process (tests, or several apps behind one WSGI server) had none.
    """
    callback_map, callback_list = _registered()
    app.callback_map.update({key: dict(spec) for key, spec in callback_map.items()})
    app._callback_list.extend(dict(spec) for spec in callback_list)


@cache
def register() -> None:
    """Register every callback once per process (they are global, shared by all apps)."""
    # selected-country / data version → country-panel: GET data/<version>/countries/ISO3.json
    # (cacheable, immutable per version; no server callback), rendered as text in the browser
    clientside_callback(
        js("panel", LIVE_NS),
        Output(ids.COUNTRY_PANEL, "children"),
        Input(ids.SELECTED, "data"),
        Input(ids.DATA_VERSION, "data"),
    )

    # url.search / slider / selection → slider, selection (read deep link; keep URL in sync)
    clientside_callback(
        js("urlState"),
        Output(ids.DATE_SLIDER, "value"),
        Output(ids.SELECTED, "data"),
        Output(ids.ROOT, "className"),
        Input(ids.URL, "search"),
        Input(ids.DATE_SLIDER, "value"),
        Input(ids.SELECTED, "data"),
        State(ids.HISTORY, "data"),
    )
    # url.search → a visible notice when ?date= is not a date of the data (the slider falls back)
    clientside_callback(
        js("dateNotice"),
        Output(ids.DATE_NOTICE, "children"),
        Output(ids.DATE_NOTICE, "hidden"),
        Input(ids.URL, "search"),
        State(ids.HISTORY, "data"),
    )
    # slider / selection → map figure (recolour only; zero server requests)
    clientside_callback(
        js("mapFigure"),
        Output(ids.MAP, "figure"),
        Input(ids.DATE_SLIDER, "value"),
        Input(ids.SELECTED, "data"),
        Input(ids.HISTORY, "data"),  # an Input so that a live update repaints in place
        State(ids.BASE_MAP, "data"),
    )
    # slider → date text, counts-chart date line, and the legend counts (set by id from the
    # payload's `countIds`: the callback is the same for every crisis, whatever its stances)
    clientside_callback(
        js("summary"),
        Output(ids.DATE_TEXT, "children"),
        Input(ids.DATE_SLIDER, "value"),
        Input(ids.HISTORY, "data"),
    )
    # slider / filter / sort buttons / table opened → table rows, CSV link (rows only while open)
    clientside_callback(
        js("table"),
        Output(ids.TABLE_BODY, "children"),
        Output(ids.TABLE_CSV, "href"),
        Input(ids.DATE_SLIDER, "value"),
        Input(ids.TABLE_FILTER, "value"),
        Input({"type": ids.SORT, "col": ALL}, "n_clicks"),
        Input(ids.TABLE_OPEN, "data"),
        Input(ids.HISTORY, "data"),
    )
    # table row button / close button → selection (map clicks and taps: assets/wbw-5-pick.js)
    clientside_callback(
        js("select"),
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Input({"type": ids.TABLE_ROW, "iso3": ALL}, "n_clicks"),
        Input(ids.PANEL_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    # prev/next buttons, chart click, play timer → slider
    clientside_callback(
        js("step"),
        Output(ids.DATE_SLIDER, "value", allow_duplicate=True),
        Input(ids.PREV_CHANGE, "n_clicks"),
        Input(ids.NEXT_CHANGE, "n_clicks"),
        Input(ids.STANCE_CHART, "clickData"),
        Input(ids.PLAY_TIMER, "n_intervals"),
        State(ids.DATE_SLIDER, "value"),
        State(ids.HISTORY, "data"),
        prevent_initial_call=True,
    )
    # play button → timer on/off, button label
    clientside_callback(
        js("play"),
        Output(ids.PLAY_TIMER, "disabled"),
        Output(ids.PLAY, "children"),
        Output(ids.PLAY, "aria-pressed"),
        Input(ids.PLAY, "n_clicks"),
        State(ids.DATE_SLIDER, "value"),
        State(ids.HISTORY, "data"),
        prevent_initial_call=True,
    )
    # slider / selection / panel content → "why this colour", highlighted event, panel visibility
    clientside_callback(
        js("why"),
        Output(ids.PANEL_WHY, "children"),
        Output(ids.PANEL_WRAP, "hidden"),
        Input(ids.DATE_SLIDER, "value"),
        Input(ids.SELECTED, "data"),
        Input(ids.COUNTRY_PANEL, "children"),
        State(ids.HISTORY, "data"),
    )
    # embed button / state → embed dialog's snippets (assets/wbw-6-embed.js), links to the full page
    clientside_callback(
        js("embed"),
        Output(ids.EMBED_BOX, "hidden"),
        Output(ids.EMBED_FULL_LINK, "href"),
        Output(ids.EMBED_TABLE_LINK, "href"),
        Output(ids.EMBED_PANEL_LINK, "href"),
        *[Output(ids.embed_snippet_id(key), "children") for key, *_ in EMBED_VARIANTS],
        Input(ids.EMBED_BUTTON, "n_clicks"),
        Input(ids.DATE_SLIDER, "value"),
        Input(ids.SELECTED, "data"),
        State(ids.HISTORY, "data"),
    )
