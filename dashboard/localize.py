"""The published data in another language: history, chart and panel JSON, from the English build.

Pure functions of one version's data, run once per version and language by `dashboard.build`
(files under `data/<version>/<lang>/`). What changes: country names (`name_<lang>` of geodata,
e.g. `name_es`), category labels (the crisis file), event summaries (`summary_<lang>`, else the
English summary marked `summary_lang: "en"`), statement dates (babel) and UI strings. Quotes,
actors and source names stay as recorded.
"""

from __future__ import annotations

import copy

import geopandas as gpd
import pandas as pd
from babel.dates import get_day_names, get_month_names

from dashboard import i18n, theme
from dashboard.payload import headline
from events.crisis import Crisis
from events.timeline import Timeline

RECORDED_LANG = "en"  # the language actors are recorded in (events/README.md)


def category_labels(lang: str, crisis: Crisis) -> dict[str, str]:
    """Per map category (none, each stance, subject): its label in `lang`, from the crisis file."""
    look = theme.for_crisis(crisis)
    return {c: look.label(c, lang) for c in look.categories}


def names(states: gpd.GeoDataFrame, lang: str) -> list[str]:
    """Country names in `lang` (geodata's `name_<lang>`, else the English name), in `states` order."""
    column = f"name_{lang}"
    if lang == i18n.DEFAULT or column not in states:
        return list(states["name"])
    return [local or name for local, name in zip(states[column].fillna(""), states["name"])]


def summaries(events: pd.DataFrame, lang: str) -> list[tuple[str, str | None]]:
    """Per event: (summary in `lang`, None) or (the English summary, "en") where none is written."""
    column = f"summary_{lang}"
    local = events[column].fillna("") if lang != i18n.DEFAULT and column in events else [""] * len(events)
    return [(text, None) if text.strip() else (english, "en") for text, english in zip(local, events["summary"])]


def history_for(history: dict, timeline: Timeline, states: gpd.GeoDataFrame, lang: str) -> dict:
    """The history payload (`build_history(..., lang)`: the crisis file's texts) in `lang` throughout."""
    if lang == i18n.DEFAULT:
        return history
    out = copy.deepcopy(history)
    out["names"] = names(states, lang)
    texts = summaries(timeline.events.reset_index(drop=True), lang)
    out["events"] = [[*row[:2], headline(texts[i][0]), *row[3:]] for i, row in enumerate(out["events"])]
    for key, view in out["regions"].items():
        view["label"] = i18n.text(f"regions.{key}", lang)
    out["basisLabels"] = {k: i18n.text(f"basis.{k}", lang) for k in out["basisLabels"]}
    out["analystStrings"] = {k: i18n.text(f"analyst_js.{k}", lang) for k in out["analystStrings"]}
    return out


def chart_for(chart: dict, lang: str, crisis: Crisis) -> dict:
    """The counts chart (plotly JSON) in `lang`: trace names, hover labels and the axis title."""
    if lang == i18n.DEFAULT:
        return chart
    english, local = category_labels(i18n.DEFAULT, crisis), category_labels(lang, crisis)
    by_english = {english[c]: local[c] for c in english}
    out = copy.deepcopy(chart)
    for trace in out["data"]:
        name = trace.get("name", "")
        if name in by_english:
            local_name = trace["name"] = by_english[name]
            trace["hovertemplate"] = trace.get("hovertemplate", "").replace(f"<extra>{name}<", f"<extra>{local_name}<")
    out["layout"]["yaxis"]["title"]["text"] = i18n.text("chart.axis", lang)
    return out


def statement_date(date: pd.Timestamp, precision: str, lang: str) -> str:
    """A statement's date in `lang`: '5 de febrero de 2019', or 'marzo de 2019' (month only)."""
    day = date.date()
    return i18n.long_day_text(day, lang) if precision == "day" else i18n.month_text(day, lang)


def statements_for(bodies: dict[str, dict], timeline: Timeline, states: gpd.GeoDataFrame, lang: str) -> dict:
    """Every country's panel JSON in `lang` (from the English `all_country_statements`)."""
    if lang == i18n.DEFAULT:
        return bodies
    events = timeline.events.reset_index(drop=True)
    texts = dict(zip(events["id"], summaries(events, lang)))
    dates = {
        eid: statement_date(d, p, lang) for eid, d, p in zip(events["id"], events["date"], events["date_precision"])
    }
    local_names = dict(zip(states["iso3"], names(states, lang)))
    out = {}
    for iso3, body in bodies.items():
        items = []
        for ev in body["events"]:
            summary, summary_lang = texts[ev["id"]]
            local = {"date_text": dates[ev["id"]], "summary": summary, "summary_lang": summary_lang}
            items.append({**ev, **local, "actor_lang": RECORDED_LANG})
        out[iso3] = {**body, "name": local_names.get(iso3, body["name"]), "events": items}
    return out


def plotly_locale(lang: str) -> dict:
    """A plotly.js locale (`Plotly.register`) from babel's data, so chart dates read in `lang`."""
    loc = i18n.babel_locale(lang)
    months = get_month_names("wide", locale=loc)
    short = get_month_names("abbreviated", locale=loc)
    days = get_day_names("wide", locale=loc)
    short_days = get_day_names("abbreviated", locale=loc)
    week = [6, 0, 1, 2, 3, 4, 5]  # babel counts from Monday, plotly (d3) from Sunday
    return {
        "moduleType": "locale",
        "name": lang,
        "dictionary": {},
        "format": {
            "days": [days[i] for i in week],
            "shortDays": [short_days[i] for i in week],
            "months": [months[i] for i in range(1, 13)],
            "shortMonths": [short[i].rstrip(".") for i in range(1, 13)],
            "decimal": i18n.number_text(1.5, lang)[1],
            "thousands": i18n.number_text(1_000_000, lang)[1],
        },
    }


def file_names(lang: str) -> dict[str, str]:
    """The published files of a language inside `data/<version>/` (the default's at the top)."""
    folder = "" if lang == i18n.DEFAULT else f"{lang}/"
    return {"history": f"{folder}history.json", "chart": f"{folder}chart.json", "countries": f"{folder}countries/"}
