"""Callbacks: thin, registered with the global `callback`. Clientside JS lives in assets/wbw-*.js."""

from __future__ import annotations

from functools import cache

import pandas as pd
from dash import ALL, ClientsideFunction, Dash, Input, Output, State, callback, clientside_callback, html
from dash._callback import GLOBAL_CALLBACK_LIST, GLOBAL_CALLBACK_MAP

from dashboard import ids
from dashboard.current import get_data
from dashboard.layout import EMBED_VARIANTS

NS = "wbw"


def js(name: str) -> ClientsideFunction:
    """A function of our clientside namespace."""
    return ClientsideFunction(namespace=NS, function_name=name)


def event_item(event: pd.Series) -> html.Li:
    """One statement in the panel: date, actor, summary, quote and a source link. Text only."""
    date = event["date"].strftime("%-d %B %Y") if event["date_precision"] == "day" else event["date"].strftime("%B %Y")
    parts = [
        html.Time(date, dateTime=event["date"].strftime("%Y-%m-%d"), className="ev-date"),
        html.Div(event["actor"], className="ev-actor", dir="auto"),
        html.P(event["summary"], className="ev-summary", dir="auto"),
    ]
    if event["quote"]:  # the quote is isolated: right-to-left words never reorder the quotation marks
        parts.append(html.Blockquote(["“", html.Bdi(event["quote"]), "”"], className="ev-quote"))
    parts.append(
        html.A(
            ["Source: ", html.Bdi(event["source_name"])],
            href=event["source_url"],
            target="_blank",
            rel="noopener noreferrer",
            className="ev-source",
        )
    )
    return html.Li(parts, className=f"ev ev-{event['stance'] or 'none'}", **{"data-event-id": event["id"]})


def panel_children(iso3: str | None) -> list:
    """The panel's content for a country: its name and its events in date order."""
    from events import events_for
    from geodata import country_codes

    data = get_data()
    if not isinstance(iso3, str) or iso3 not in country_codes():
        return []
    name = data.states.loc[data.states["iso3"] == iso3, "name"].iloc[0]
    events = events_for(iso3, data.timeline)
    if events.empty:
        return [html.H2(name), html.P("No statement recorded for this country.", className="ev-empty")]
    items = [event_item(row) for _, row in events.iterrows()]
    return [html.H2(name), html.Ol(items, className="ev-list")]


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

    # selected-country → country-panel (server: one request per click, none per date change)
    @callback(Output(ids.COUNTRY_PANEL, "children"), Input(ids.SELECTED, "data"), prevent_initial_call=True)
    def _panel(iso3: str | None) -> list:
        return panel_children(iso3)

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
        State(ids.HISTORY, "data"),
        State(ids.BASE_MAP, "data"),
    )
    # slider → legend counts, date text, counts-chart date line
    clientside_callback(
        js("summary"),
        Output(ids.DATE_TEXT, "children"),
        *[
            Output(ids.count_id(c), "children")
            for c in ("guaido", "maduro", "neutral", "assembly", "withdrawn", "none")
        ],
        Input(ids.DATE_SLIDER, "value"),
        State(ids.HISTORY, "data"),
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
        State(ids.HISTORY, "data"),
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
