"""The server-drawn page's country panel: the why-line and the statements with their sources.

The why-line is the browser's own sentence (assets/wbw-6-panel.js, strings `js.why*` of the
catalogue): the statement that started the country's run, and whether the highlighted one is a
later restatement. Statements render as plain HTML (`statements_html`), shown in `<noscript>`.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import pandas as pd

from dashboard import i18n, localize, svgmap, theme
from dashboard.payload import headline
from dashboard.statements_html import panel_children
from dashboard.static_html import to_html
from dashboard.store import AppData
from events import events_for


def short_day(day: dt.date, lang: str | None = None) -> str:
    """The slider's date text, as the browser writes it: 5 Feb 2019, 5 feb 2019."""
    return i18n.day_text(day, lang)


def event_when(event: Any, lang: str) -> str:
    """A statement's date as the panel's why-line writes it: 5 Feb 2019, or February 2019."""
    day = event["date"].date()
    return i18n.month_text(day, lang) if event["date_precision"] == "month" else short_day(day, lang)


def origin_event(events: pd.DataFrame, row: Any) -> str | None:
    """The id of the statement that started the country's current run (its first of that day and stance)."""
    if row is None:
        return None
    first = events[(events["date"] == row.since) & (events["stance"] == row.stance)]
    return str(first["id"].iloc[0]) if len(first) else None


def why_text(data: AppData, state: svgmap.MapState, row: Any, events: pd.DataFrame, lang: str) -> str:
    """The panel's "why this colour" sentence for the selected country (`events`: its statements)."""
    crisis = data.timeline.crisis
    look = theme.for_crisis(crisis)
    when = short_day(state.date, lang)
    if state.country == crisis.subject:
        return i18n.text("js.why_subject", lang, subject=look.label(theme.SUBJECT, lang))
    if row is None:
        return i18n.text("js.why_none", lang, date=when)
    by_id = events.set_index("id", drop=False)
    origin = origin_event(events, row)
    first = by_id.loc[origin] if origin in by_id.index else by_id.loc[row.event_id]
    key = "js.why_month" if first["date_precision"] == "month" else "js.why"
    text = i18n.text(key, lang, date=when, label=look.label(row.stance, lang), since=event_when(first, lang))
    if first["id"] == row.event_id:
        return text + i18n.text("js.why_same", lang)
    ev = by_id.loc[row.event_id]
    if ev["date"] == first["date"]:
        of = i18n.text("js.why_when_same", lang)
    else:
        key = "js.why_when_month" if ev["date_precision"] == "month" else "js.why_when"
        of = i18n.text(key, lang, date=event_when(ev, lang))
    summary = localize.summaries(by_id.loc[[first["id"]]].reset_index(drop=True), lang)[0][0]
    return text + i18n.text("js.why_origin", lang, headline=headline(summary), when=of)


def panel_html(data: AppData, state: svgmap.MapState, stances: pd.DataFrame, lang: str) -> str:
    """The selected country's panel: its statements with sources in <noscript>, as plain HTML.

    Readers with JavaScript get the panel's box (why-line and name) until the app fills it in place.
    """
    if not state.country:
        return ""
    name = svgmap.local_names(lang).get(state.country, state.country)
    children = panel_children(state.country, name, data, lang)
    row = next((r for r in stances.itertuples(index=False) if r.iso3 == state.country), None)
    events = events_for(state.country, data.timeline)  # once per page: the why-line and the highlight
    origin = origin_event(events, row)
    current = getattr(row, "event_id", None)
    for item in getattr(children[-1], "children", []) or []:
        item_id = getattr(item, "data-event-id", None)
        if item_id is not None and item_id == current:
            item.className += " is-current"
        elif item_id is not None and item_id == origin:
            item.className += " is-origin"
    body = to_html(children, lambda node: None)
    why_html = f'<p class="panel-why">{escape(why_text(data, state, row, events, lang))}</p>'
    heading = to_html(children[0], lambda node: None)
    return (
        f'<aside class="panel wbw-js-panel" aria-hidden="true"><span class="panel-close">×</span>{why_html}'
        f'<div class="panel-body">{heading}</div></aside>'
        f'<noscript><aside class="panel">{why_html}<div class="panel-body">{body}</div></aside></noscript>'
    )
