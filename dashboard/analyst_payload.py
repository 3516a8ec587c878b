"""The analyst views' part of the history payload: sources, weights, population series, story.

Everything here is computed once per data version in Python, so comparing dates, weighting by
population, stepping through the story and exporting the view all stay in the browser.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard import theme
from dashboard.analyst_layout import IDS, STRINGS
from dashboard.csvcells import FORMULA_START
from dashboard.figures import counts_figure, stack_order
from dashboard.i18n import DEFAULT, text
from events import EventsValidationError
from events.story import load_story
from events.timeline import Timeline

if TYPE_CHECKING:
    from dashboard.days import DayRange

BASIS_LABELS = {key: text(f"basis.{key}", DEFAULT) for key in ("own", "joint", "vote")}  # locales/*.toml
VERSION_FIELDS = ["id", "date", "countries", "stance", "summary", "quote", "source_url", "basis"]


def data_version(events: pd.DataFrame) -> str:
    """A short content hash of the events: changes whenever a record does."""
    text = events[VERSION_FIELDS].astype(str).to_csv(index=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def event_info(events: pd.DataFrame) -> list[list[str]]:
    """Per event (payload order): basis, actor, quote, source name, source URL."""
    cols = ["basis", "actor", "quote", "source_name", "source_url"]
    return [list(row) for row in events[cols].itertuples(index=False)]


def weights(states: gpd.GeoDataFrame) -> dict:
    """UN membership and population estimate per country, in the payload's country order."""
    years = sorted({int(y) for y in states["pop_year"].dropna()})
    return {
        "un": [bool(v) for v in states["un_member"]],
        "pop": [None if pd.isna(v) else int(v) for v in states["pop_est"]],
        "source": "Natural Earth POP_EST (" + ", ".join(map(str, years)) + ")",
    }


def population_matrix(timeline: Timeline, states: gpd.GeoDataFrame) -> pd.DataFrame:
    """Population per stance on every change date (like `timeline.counts`, weighted by POP_EST)."""
    pop = states.set_index("iso3")["pop_est"].astype("Float64").fillna(0).astype(float)
    column_pop = pop.reindex(timeline.countries).fillna(0.0).to_numpy()
    stances = list(timeline.crisis.stance_values())
    codes = pd.Categorical(timeline.changes["stance"], categories=stances).codes
    out = np.zeros((len(timeline.dates), len(stances)), dtype=np.int64)
    for i, row in enumerate(timeline.snapshot):
        held = row >= 0
        out[i] = np.bincount(codes[row[held]], weights=column_pop[held], minlength=len(stances)).round()
    return pd.DataFrame(out, index=pd.DatetimeIndex(timeline.dates, name="date"), columns=stances)


def population_chart(timeline: Timeline, states: gpd.GeoDataFrame, days: DayRange) -> dict:
    """The stacked chart's series in population, in counts_figure's trace order, as change-points.

    `days[i]` is a slider day on which some value changes and `population[s][i]` the value from
    that day on; the browser expands them to the chart's one point a day (keeps the payload small).
    """
    figure = counts_figure(
        population_matrix(timeline, states),
        pd.Timestamp(days.end),
        pd.Timestamp(days.start),
        crisis=timeline.crisis,
        order=stack_order(timeline.counts),  # the counts chart's order: the browser swaps the series in place
    )
    labels = theme.for_crisis(timeline.crisis).labels
    by_label = {labels[s]: s for s in timeline.crisis.stance_values()}
    stances = [by_label[t.name] for t in figure.data]
    daily = np.array([list(t.y) for t in figure.data], dtype=np.int64).reshape(len(stances), -1)
    keep = [k for k in range(daily.shape[1]) if k == 0 or (daily[:, k] != daily[:, k - 1]).any()]
    return {
        "stances": stances,
        "length": int(daily.shape[1]),
        "days": keep,
        "population": {s: [int(v) for v in daily[i, keep]] for i, s in enumerate(stances)},
    }


def story_steps(timeline: Timeline, days: DayRange) -> list[dict]:
    """The steps of the crisis file's `default_story`, or none if it has none or it does not match these events."""
    crisis = timeline.crisis
    if not crisis.default_story:
        return []
    try:
        story = load_story(crisis.folder / crisis.default_story, timeline.events)
    except (EventsValidationError, OSError):
        return []
    out = []
    for row in story.itertuples(index=False):
        day = days.index(pd.Timestamp(row.date).date())
        if 0 <= day < days.days:
            out.append(
                {
                    "day": day,
                    "date": row.date,
                    "title": row.title,
                    "caption": row.caption,
                    "country": row.country,
                    "region": row.region,
                    "events": list(row.event_ids),
                    "sourceName": row.source_name,
                    "sourceUrl": row.source_url,
                }
            )
    return out


def analyst_history(timeline: Timeline, states: gpd.GeoDataFrame, days: DayRange) -> dict:
    """The payload keys the analyst views read (see assets/wbw-8-analyst.js)."""
    events = timeline.events.reset_index(drop=True)
    return {
        "eventInfo": event_info(events),
        "basisLabels": BASIS_LABELS,
        "weights": weights(states),
        "popChart": population_chart(timeline, states, days),
        "story": story_steps(timeline, days),
        "dataVersion": data_version(events),
        "analystIds": IDS,
        "analystStrings": STRINGS,
        "csvFormulaStart": list(FORMULA_START),
    }
