"""Analyst questions answered from the timeline: who switched between two dates, and shares.

Pure functions of a `Timeline` (and, for shares, a per-country weights table), so the API, the
page and the static export all give the same answers.
"""

from __future__ import annotations

import pandas as pd

from events.timeline import DateLike, Timeline, stances_on

NONE = "none"  # "no recorded position" in the outputs below (the stance column is never empty)
CHANGE_COLUMNS = ["iso3", "from", "to", "date", "event_id"]
CHANGES_COLUMNS = ["iso3", "name", "from", "to", "date", "event_id"]  # the API's answer: CHANGE_COLUMNS + name
SHARE_COLUMNS = ["stance", "countries", "un_members", "un_share", "population", "population_share"]


def _stance_table(day: DateLike, timeline: Timeline) -> pd.DataFrame:
    """iso3 → stance, since, event_id on one day (empty frame with the right columns if none)."""
    frame = stances_on(day, timeline)
    return frame.set_index("iso3")[["stance", "since", "event_id"]]


def changes_between(start: DateLike, end: DateLike, timeline: Timeline) -> pd.DataFrame:
    """Countries whose stance on `end` differs from `start`: iso3, from, to, date, event_id.

    `date` is the first day of the stance held on `end` (its run's `since`) and `event_id` the
    latest event behind it; a country that lost its position (possible only with `withdrawn`)
    never appears with `to` = none because every change is stance-bearing. Sorted by date, iso3.
    """
    before, after = _stance_table(start, timeline), _stance_table(end, timeline)
    codes = sorted(set(before.index) | set(after.index))
    rows = []
    for iso3 in codes:
        old = before["stance"].get(iso3, NONE)
        new = after["stance"].get(iso3, NONE)
        if old == new:
            continue
        if iso3 in after.index:
            since, event_id = after.at[iso3, "since"].date().isoformat(), after.at[iso3, "event_id"]
        else:
            since, event_id = "", ""
        rows.append((iso3, old, new, since, event_id))
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    return frame.sort_values(["date", "iso3"], kind="stable", ignore_index=True)


def transition_counts(changes: pd.DataFrame) -> pd.DataFrame:
    """Number of countries per (from, to) transition, most common first."""
    counts = changes.groupby(["from", "to"]).size().rename("countries").reset_index()
    return counts.sort_values(["countries", "from", "to"], ascending=[False, True, True], ignore_index=True)


def shares_on(day: DateLike, timeline: Timeline, weights: pd.DataFrame) -> pd.DataFrame:
    """Per stance (and none): count, UN members, share of UN members, population and its share.

    `weights` has one row per interactive state: iso3, un_member (bool), pop_est (nullable int).
    The subject of the crisis takes no side and is left out of every denominator. Shares are
    fractions in [0, 1], rounded to 4 places; population counts states with an estimate only.
    """
    table = weights.loc[weights["iso3"] != timeline.crisis.subject, ["iso3", "un_member", "pop_est"]].copy()
    by_iso = _stance_table(day, timeline)["stance"]
    table["stance"] = [by_iso.get(iso3, NONE) for iso3 in table["iso3"]]
    table["pop"] = table["pop_est"].fillna(0).astype("int64")
    members, people = int(table["un_member"].sum()), int(table["pop"].sum())
    rows = []
    for stance in (*timeline.crisis.stance_values(), NONE):
        part = table[table["stance"] == stance]
        n_un, pop = int(part["un_member"].sum()), int(part["pop"].sum())
        rows.append(
            (
                stance,
                len(part),
                n_un,
                round(n_un / members, 4) if members else 0.0,
                pop,
                round(pop / people, 4) if people else 0.0,
            )
        )
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)
