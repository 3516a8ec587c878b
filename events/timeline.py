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
from itertools import chain

import numpy as np
import pandas as pd

from events import schema
from events.crisis import Crisis
from events.loader import load_events

DateLike = str | dt.date | pd.Timestamp | np.datetime64
BY_COUNTRY = ("iso3", "id", "date", "stance", "basis", "order")  # the columns of `Timeline.by_country`


@dataclass(frozen=True)
class Timeline:
    """Precomputed change-points and per-date snapshots of every country's stance."""

    events: pd.DataFrame  # as returned by load_events
    by_country: pd.DataFrame  # one row per (event, country), in date/order order: BY_COUNTRY (full rows: `events`)
    changes: pd.DataFrame  # stance-bearing rows of by_country: iso3, date, stance, since, event_id, basis
    dates: np.ndarray  # sorted distinct change dates (datetime64[D])
    snapshot: np.ndarray  # (len(dates), n_countries) row index into `changes`, -1 = none
    countries: np.ndarray  # iso3 codes, the snapshot's columns
    counts: pd.DataFrame  # index = dates, columns = stances, number of countries
    arrays: dict[str, np.ndarray]  # the columns of `changes` as numpy arrays, for fast selection
    crisis: Crisis  # the crisis the events belong to: stance vocabulary, subject, first day


def low_cardinality_take(values: pd.Series, rows: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """`values` at `rows`, gathered as codes into its few distinct values (cheaper than gathering the text)."""
    codes, distinct = pd.factorize(values)
    return pd.array(distinct, dtype=values.dtype).take(codes[rows])


def as_objects(values: pd.Series) -> np.ndarray:
    """A text column of few distinct values as an object array that shares one string per value."""
    codes, distinct = pd.factorize(values)
    return np.asarray(distinct, dtype=object)[codes]


def flat_positions(lengths: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Positions in the flattened per-row lists of every item, taking the rows in `ranked` order."""
    starts = np.cumsum(lengths) - lengths
    counts = lengths[ranked]
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts[ranked], counts) + within


def explode_countries(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, country): iso3 and the event's id, date, stance, basis and order, by date then load order."""
    lists = events["countries"].to_numpy()
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    codes, iso3 = pd.factorize(np.fromiter(chain.from_iterable(lists), dtype=object, count=int(lengths.sum())))
    ranked = np.lexsort((events["order"].to_numpy(), events["date"].to_numpy()))
    rows = np.repeat(ranked, lengths[ranked])
    return pd.DataFrame(
        {
            "iso3": pd.Series(np.asarray(iso3, dtype=object)[codes[flat_positions(lengths, ranked)]], dtype=object),
            "id": events["id"].array.take(rows),
            "date": events["date"].to_numpy()[rows],
            "stance": low_cardinality_take(events["stance"], rows),
            "basis": low_cardinality_take(events["basis"], rows),
            "order": events["order"].to_numpy()[rows],
        },
        copy=False,
    )


def stance_changes(by_country: pd.DataFrame) -> pd.DataFrame:
    """Stance-bearing rows with `since`, the first day of each unbroken run of one stance."""
    rows = np.flatnonzero((by_country["stance"] != schema.NO_STANCE).to_numpy(dtype=bool))
    country, countries = pd.factorize(by_country["iso3"].to_numpy()[rows], sort=True)
    stance, stances = pd.factorize(by_country["stance"].array.take(rows))
    dates = by_country["date"].to_numpy()[rows]
    by_country_then_date = np.lexsort((dates, country))  # stable: same-day rows stay in load order
    country, stance, dates = country[by_country_then_date], stance[by_country_then_date], dates[by_country_then_date]
    new_run = np.ones(len(rows), dtype=bool)
    new_run[1:] = (country[1:] != country[:-1]) | (stance[1:] != stance[:-1])
    since = dates[np.flatnonzero(new_run)][np.cumsum(new_run) - 1]
    by_date = np.argsort(dates, kind="stable")
    picked = rows[by_country_then_date][by_date]
    return pd.DataFrame(
        {
            "iso3": pd.Series(np.asarray(countries, dtype=object)[country[by_date]], dtype=object),
            "date": dates[by_date],
            "stance": pd.array(stances, dtype=by_country["stance"].dtype).take(stance[by_date]),
            "since": since[by_date],
            "event_id": by_country["id"].array.take(picked),
            "basis": by_country["basis"].array.take(picked),
        },
        copy=False,
    )


def snapshots(changes: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dates, snapshot, countries): the latest change row per country on every change date."""
    country, countries = pd.factorize(changes["iso3"].to_numpy(), sort=True)
    countries = np.asarray(countries, dtype=object)
    if changes.empty:
        return np.array([], dtype="datetime64[D]"), np.zeros((0, 0), dtype=np.int64), countries
    day, dates = pd.factorize(changes["date"].to_numpy(), sort=True)
    latest = np.full((len(dates), len(countries)), -1, dtype=np.int64)
    np.maximum.at(latest, (day, country), np.arange(len(changes)))
    # rows run in date order, so a country's latest change on or before a date is its highest row so far
    return np.asarray(dates).astype("datetime64[D]"), np.maximum.accumulate(latest, axis=0), countries


def count_matrix(
    changes: pd.DataFrame, snapshot: np.ndarray, dates: np.ndarray, stances: tuple[str, ...]
) -> pd.DataFrame:
    """Number of countries per stance on every change date."""
    codes = pd.Categorical(changes["stance"], categories=list(stances)).codes
    held = np.where(snapshot >= 0, codes[snapshot], -1) if snapshot.size else snapshot
    out = np.zeros((len(dates), len(stances)), dtype=np.int64)
    for k in range(len(stances)):
        out[:, k] = (held == k).sum(axis=1)
    return pd.DataFrame(out, index=pd.DatetimeIndex(dates, name="date"), columns=list(stances))


def build_timeline(events: pd.DataFrame, crisis: Crisis | None = None) -> Timeline:
    """Precompute change-points, snapshots and counts from validated events (of `crisis`, default: theirs)."""
    crisis = crisis if crisis is not None else events.attrs.get("crisis")
    if crisis is None:
        raise ValueError("these events carry no crisis (load them with load_events) and none was given")
    by_country = explode_countries(events)
    changes = stance_changes(by_country)
    dates, snapshot, countries = snapshots(changes)
    arrays = {col: changes[col].to_numpy() for col in ("iso3", "since", "event_id")}
    arrays |= {col: as_objects(changes[col]) for col in ("stance", "basis")}
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
