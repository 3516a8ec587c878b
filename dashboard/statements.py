"""Per-country statements as JSON: what the panel shows, built once per data version."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from events import events_for
from events.timeline import Timeline

SAFE_SCHEMES = ("http://", "https://")


def display_date(date: pd.Timestamp, precision: str) -> str:
    """A statement's date as the panel prints it: '23 January 2019', or 'January 2019'."""
    return date.strftime("%-d %B %Y") if precision == "day" else date.strftime("%B %Y")


def statement(event: pd.Series) -> dict:
    """One event as the panel's JSON: plain text fields and an http(s) source URL (or "")."""
    url = str(event["source_url"])
    return {
        "id": event["id"],
        "date": event["date"].strftime("%Y-%m-%d"),
        "date_text": display_date(event["date"], event["date_precision"]),
        "stance": event["stance"] or "none",
        "actor": event["actor"],
        "summary": event["summary"],
        "quote": event["quote"],
        "source_name": event["source_name"],
        "source_url": url if url.lower().startswith(SAFE_SCHEMES) else "",
    }


def country_statements(iso3: str, name: str, timeline: Timeline) -> dict:
    """A country's name and its statements in date order."""
    events = events_for(iso3, timeline)
    return {"iso3": iso3, "name": name, "events": [statement(row) for _, row in events.iterrows()]}


def all_country_statements(timeline: Timeline, states: gpd.GeoDataFrame) -> dict[str, dict]:
    """The panel JSON of every interactive state (an empty list where nothing is recorded)."""
    by_order = {row["order"]: statement(row) for _, row in timeline.events.iterrows()}
    orders = timeline.by_country.groupby("iso3", sort=False)["order"].agg(list).to_dict()
    return {
        iso3: {"iso3": iso3, "name": name, "events": [by_order[o] for o in orders.get(iso3, [])]}
        for iso3, name in zip(states["iso3"], states["name"])
    }
