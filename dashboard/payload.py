"""The compact stance history the browser receives once: change-points, not one table per day."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from dashboard import ids, theme
from dashboard.analyst_payload import analyst_history
from dashboard.days import DayRange, day_range
from dashboard.figures import trace_contract
from dashboard.regions import region_views, state_poles
from events.crisis import Crisis
from events.timeline import Timeline, build_timeline, with_basis

HEADLINE_CHARS = 110


def headline(summary: str) -> str:
    """The first sentence of a summary, cut to a hover-sized headline."""
    first = summary.split(". ")[0].rstrip(".")
    return first if len(first) <= HEADLINE_CHARS else first[: HEADLINE_CHARS - 1].rstrip() + "…"


def change_points(
    changes: pd.DataFrame, days: DayRange, event_index: dict[str, int], code: dict[str, int]
) -> dict[str, list[list[int]]]:
    """Per country: [day, stance code, since day, event index] rows in date order."""
    out: dict[str, list[list[int]]] = {}
    for rec in changes.itertuples(index=False):
        out.setdefault(rec.iso3, []).append(
            [
                days.index(rec.date.date()),
                code[rec.stance],
                days.index(rec.since.date()),
                event_index[rec.event_id],
            ]
        )
    return out


def legend_contract(crisis: Crisis, look: theme.Theme, lang: str | None = None) -> dict:
    """The legend's order and count ids, and the crisis's texts, for the JS (which retypes none)."""
    legend = [*look.stances, theme.NONE]
    return {
        "legend": legend,
        "countIds": [ids.count_id(c) for c in legend],
        "crisisId": crisis.id,
        "language": crisis.language(lang),
        "title": crisis.text("title", lang),
        "lede": crisis.text("lede", lang),
        "subjectLabel": crisis.text("subject_label", lang),
        "storyLabel": crisis.text("story_label", lang) if crisis.default_story else "",
    }


def build_history(timeline: Timeline, states: gpd.GeoDataFrame, lang: str | None = None) -> dict:
    """JSON-ready history: countries, per-country change-points and event headlines.

    The crisis file's texts (labels, title, lede, subject) are in `lang`, default its first language.
    """
    days = day_range(timeline)
    crisis = timeline.crisis
    look = theme.for_crisis(crisis)
    events = timeline.events.reset_index(drop=True)
    event_index = {eid: i for i, eid in enumerate(events["id"])}
    day_of = {eid: days.index(d.date()) for eid, d in zip(events["id"], events["date"])}
    changes = change_points(timeline.changes, days, event_index, look.code)
    mentions: dict[str, list[list[int]]] = {}
    for rec in timeline.by_country[["iso3", "id"]].itertuples(index=False):
        mentions.setdefault(rec.iso3, []).append([day_of[rec.id], event_index[rec.id]])
    change_days = sorted({c[0] for rows in changes.values() for c in rows if 0 <= c[0] < days.days})
    return {
        "start": days.start.isoformat(),
        "days": days.days,
        "subject": crisis.subject,
        "categories": list(look.categories),
        "labels": [look.label(c, lang) for c in look.categories],
        "colours": [look.colours[c] for c in look.categories],
        # colour plus pattern: the map paints fills[code] after injecting patternDefs into its SVG
        "fills": [look.fill_for(c) for c in look.categories],
        "patternDefs": look.svg_pattern_defs(),
        "swatches": [look.swatch_background(c) for c in look.categories],
        **legend_contract(crisis, look, lang),
        "countries": list(states["iso3"]),
        "names": list(states["name"]),
        "small": [bool(v) for v in states["is_small"]],
        "changes": changes,
        "mentions": mentions,
        "changeDays": change_days,
        "traces": trace_contract(),
        # the selected state's outline and a selected marker's ring (drawn by the browser)
        "selection": {"colour": theme.OUTLINE_COLOUR, "width": theme.OUTLINE_WIDTH, "ring": theme.RING_SIZE},
        "regions": region_views(),
        "poles": state_poles(),
        # [id, slider day, headline, 1 if only the month is known (show "March 2019", never a day)]
        "events": [
            [eid, day_of[eid], headline(s), int(p == "month")]
            for eid, s, p in zip(events["id"], events["summary"], events["date_precision"])
        ],
        "ownChanges": change_points(
            build_timeline(with_basis(events, "own"), crisis).changes, days, event_index, look.code
        ),
        **analyst_history(timeline, states, days),
    }
