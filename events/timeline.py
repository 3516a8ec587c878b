"""The stance timeline: change-points precomputed once, answering any date by binary search.

Rule: a country's stance on day d is the stance of its latest stance-bearing event dated on or
before d. Events on the same day are ordered by `supersedes` (a row comes after the events it
supersedes), then by file name and line (the `order` column of `load_events`); the later wins.
Rows giving one country different stances on one day must be ordered by `supersedes`, or the
loader refuses them, so no colour depends on a file name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from events import schema
from events.crisis import Crisis
from events.loader import load_events

DateLike = str | dt.date | pd.Timestamp | np.datetime64


@dataclass(frozen=True)
class Timeline:
    """Precomputed change-points and per-date snapshots of every country's stance."""

    events: pd.DataFrame  # as returned by load_events
    by_country: pd.DataFrame  # one row per (event, country), in date/order order
    changes: pd.DataFrame  # stance-bearing rows of by_country: iso3, date, stance, since, event_id, basis
    dates: np.ndarray  # sorted distinct change dates (datetime64[D])
    snapshot: np.ndarray  # (len(dates), n_countries) row index into `changes`, -1 = none
    countries: np.ndarray  # iso3 codes, the snapshot's columns
    counts: pd.DataFrame  # index = dates, columns = stances, number of countries
    arrays: dict[str, np.ndarray]  # the columns of `changes` as numpy arrays, for fast selection
    crisis: Crisis  # the crisis the events belong to: stance vocabulary, subject, first day


def explode_countries(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, country), sorted by date then load order."""
    frame = events.explode("countries").rename(columns={"countries": "iso3"})
    return frame.sort_values(["date", "order"], kind="stable", ignore_index=True)


def stance_changes(by_country: pd.DataFrame) -> pd.DataFrame:
    """Stance-bearing rows with `since`, the first day of each unbroken run of one stance."""
    rows = by_country.loc[by_country["stance"] != schema.NO_STANCE, ["iso3", "date", "stance", "id", "basis"]]
    rows = rows.rename(columns={"id": "event_id"}).sort_values(["iso3", "date"], kind="stable")
    new_run = rows["stance"].ne(rows.groupby("iso3")["stance"].shift())
    run = new_run.cumsum()
    rows["since"] = rows.groupby(run)["date"].transform("min")
    rows = rows.sort_values(["date"], kind="stable").reset_index(drop=True)
    return rows[["iso3", "date", "stance", "since", "event_id", "basis"]]


def snapshots(changes: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dates, snapshot, countries): the latest change row per country on every change date."""
    countries = np.array(sorted(changes["iso3"].unique()), dtype=object)
    if changes.empty:
        return np.array([], dtype="datetime64[D]"), np.zeros((0, 0), dtype=np.int64), countries
    frame = pd.DataFrame({"date": changes["date"], "iso3": changes["iso3"], "row": np.arange(len(changes))})
    last = frame.groupby(["date", "iso3"])["row"].max().unstack("iso3")
    last = last.reindex(columns=countries).ffill().fillna(-1).astype(np.int64)
    return last.index.values.astype("datetime64[D]"), last.to_numpy(), countries


def count_matrix(
    changes: pd.DataFrame, snapshot: np.ndarray, dates: np.ndarray, stances: tuple[str, ...]
) -> pd.DataFrame:
    """Number of countries per stance on every change date."""
    codes = pd.Categorical(changes["stance"], categories=list(stances)).codes
    out = np.zeros((len(dates), len(stances)), dtype=np.int64)
    for i, row in enumerate(snapshot):
        present = codes[row[row >= 0]]
        out[i] = np.bincount(present, minlength=len(stances))
    return pd.DataFrame(out, index=pd.DatetimeIndex(dates, name="date"), columns=list(stances))


def build_timeline(events: pd.DataFrame, crisis: Crisis | None = None) -> Timeline:
    """Precompute change-points, snapshots and counts from validated events (of `crisis`, default: theirs)."""
    crisis = crisis if crisis is not None else events.attrs.get("crisis")
    if crisis is None:
        raise ValueError("these events carry no crisis (load them with load_events) and none was given")
    by_country = explode_countries(events)
    changes = stance_changes(by_country)
    dates, snapshot, countries = snapshots(changes)
    arrays = {col: changes[col].to_numpy() for col in ("iso3", "stance", "since", "event_id", "basis")}
    counts = count_matrix(changes, snapshot, dates, crisis.stance_values())
    return Timeline(events, by_country, changes, dates, snapshot, countries, counts, arrays, crisis)


def with_basis(events: pd.DataFrame, *bases: str) -> pd.DataFrame:
    """The events expressed on the given bases (e.g. `own` alone, for an own-statements map)."""
    unknown = set(bases) - set(schema.BASES)
    if unknown:
        raise ValueError(f"unknown basis: {', '.join(sorted(unknown))}; use {', '.join(schema.BASES)}")
    return events.loc[events["basis"].isin(bases)].reset_index(drop=True)


@cache
def default_timeline() -> Timeline:
    """The timeline of the shipped events (built once per process)."""
    return build_timeline(load_events())


def to_day(date: DateLike) -> np.datetime64:
    """Parse a date-like value to a numpy day."""
    return np.datetime64(pd.Timestamp(date).date(), "D")


def snapshot_index(timeline: Timeline, date: DateLike) -> int:
    """Index of the last snapshot on or before `date` (-1 before the first change)."""
    return int(np.searchsorted(timeline.dates, to_day(date), side="right")) - 1


def stances_on(date: DateLike, timeline: Timeline) -> pd.DataFrame:
    """iso3, stance, since, event_id of every country with a recorded position on `date`."""
    i = snapshot_index(timeline, date)
    cols = ["iso3", "stance", "since", "event_id"]
    if i < 0:
        return pd.DataFrame(columns=cols)
    rows = timeline.snapshot[i]
    rows = rows[rows >= 0]  # snapshot columns are sorted country codes, so rows come out sorted
    return pd.DataFrame({col: timeline.arrays[col][rows] for col in cols})


def counts_on(date: DateLike, timeline: Timeline) -> dict[str, int]:
    """Number of countries per stance on `date` (every stance present, zeros included)."""
    i = snapshot_index(timeline, date)
    if i < 0:
        return dict.fromkeys(timeline.crisis.stance_values(), 0)
    return {k: int(v) for k, v in timeline.counts.iloc[i].items()}


def counts_over_time(timeline: Timeline) -> pd.DataFrame:
    """Counts per stance on every date a position changed (a step series)."""
    return timeline.counts.copy()


def events_for(iso3: str, timeline: Timeline) -> pd.DataFrame:
    """Every event tagging `iso3` (full rows), in date order (same-day events in load order)."""
    order = timeline.by_country.loc[timeline.by_country["iso3"] == iso3, "order"]
    return timeline.events.set_index("order").loc[order].reset_index()[timeline.events.columns]
