"""The panel's statements as Dash components, for the server-drawn page (no JavaScript).

Built from `statements.country_statements`, the same JSON the browser renders
(assets/wbw-7-live.js), into the same DOM: li.ev[data-event-id] > time, actor, summary, quote,
source (a link only when http(s)).
"""

from __future__ import annotations

from dash import html

from dashboard import i18n, localize
from dashboard.statements import country_statements
from dashboard.store import AppData


def in_lang(code: str | None) -> dict:
    """A `lang` attribute for text not in the page's language (none otherwise)."""
    return {"lang": code} if code else {}


def event_item(ev: dict, lang: str) -> html.Li:
    """One statement: date, actor, summary, quote and its source. Text only."""
    actor_lang = ev.get("actor_lang") if lang != i18n.DEFAULT else None
    parts = [
        html.Time(ev["date_text"], dateTime=ev["date"], className="ev-date"),
        html.Div(ev["actor"], className="ev-actor", dir="auto", **in_lang(actor_lang)),
        html.P(ev["summary"], className="ev-summary", dir="auto", **in_lang(ev.get("summary_lang"))),
    ]
    if ev["quote"]:  # isolated: right-to-left words never reorder the quotation marks
        parts.append(html.Blockquote(["\u201c", html.Bdi(ev["quote"]), "\u201d"], className="ev-quote"))
    label = [i18n.text("js.source", lang), html.Bdi(ev["source_name"])]
    if ev["source_url"]:
        link = {"href": ev["source_url"], "target": "_blank", "rel": "noopener noreferrer"}
        parts.append(html.A(label, className="ev-source", **link))
    else:
        parts.append(html.Span(label, className="ev-source"))
    return html.Li(parts, className=f"ev ev-{ev['stance']}", **{"data-event-id": ev["id"]})


def panel_children(iso3: str, name: str, data: AppData, lang: str) -> list:
    """The panel's content for a country in `lang`: its name and its statements in date order."""
    body = country_statements(iso3, name, data.timeline)
    body = localize.statements_for({iso3: body}, data.timeline, data.states, lang)[iso3]
    if not body["events"]:
        return [html.H2(name), html.P(i18n.text("js.no_statement", lang), className="ev-empty")]
    return [html.H2(name), html.Ol([event_item(ev, lang) for ev in body["events"]], className="ev-list")]
