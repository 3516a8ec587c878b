"""HTTP routes beside the Dash page: geometry files, the CSV API and the health check."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import os
import re

import flask
import pandas as pd

import geodata
from dashboard.csvcells import neutralise_frame
from dashboard.current import get_data, get_store
from dashboard.version import version
from events import events_for, stances_on

ISO3_RE = re.compile(r"[A-Z]{3}")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
YEAR = 365 * 24 * 3600
CSV_CACHE_DAYS = 512  # stances CSV answers kept per worker and data version (about 10 KB each)
EVENT_COLUMNS = [
    "id",
    "date",
    "date_precision",
    "countries",
    "stance",
    "kind",
    "basis",
    "actor",
    "summary",
    "quote",
    "source_name",
    "source_url",
]


def fingerprint(data: bytes) -> str:
    """Short content hash for cache-busting URLs."""
    return hashlib.sha256(data).hexdigest()[:12]


def csv_text(frame: pd.DataFrame) -> str:
    """A frame as CSV text; cells that would start a spreadsheet formula are neutralised."""
    buf = io.StringIO()
    neutralise_frame(frame).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def csv_answer(text: str, filename: str) -> flask.Response:
    """A CSV download."""
    resp = flask.Response(text, mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return resp


def csv_response(frame: pd.DataFrame, filename: str) -> flask.Response:
    """A CSV download of a frame; cells that would start a spreadsheet formula are neutralised."""
    return csv_answer(csv_text(frame), filename)


def bad_request(reason: str) -> flask.Response:
    """A plain-text 400."""
    return flask.Response(reason + "\n", status=400, mimetype="text/plain")


def parse_day(value: str) -> dt.date | None:
    """A YYYY-MM-DD string as a date, or None if malformed."""
    if not DATE_RE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def stances_day() -> dt.date | flask.Response:
    """The ?date= of a stances request (default: the last day), or a 400 naming the range."""
    data = get_data()
    raw = flask.request.args.get("date", "")
    day = parse_day(raw) if raw else data.days.end
    if day is None:
        return bad_request("date must be YYYY-MM-DD")
    if not data.days.start <= day <= data.days.end:
        return bad_request(f"date must be within the data's range, {data.days.start} to {data.days.end}")
    return day


def stances_frame(day: dt.date) -> pd.DataFrame:
    """Every state's stance on a day: iso3, name, stance, since, event_id."""
    data = get_data()
    frame = stances_on(day, data.timeline).merge(data.states[["iso3", "name"]], on="iso3", how="left")
    frame["since"] = pd.to_datetime(frame["since"]).dt.strftime("%Y-%m-%d").fillna("")
    return frame[["iso3", "name", "stance", "since", "event_id"]]


def stances_table() -> tuple[pd.DataFrame, str] | flask.Response:
    """Every state's stance on ?date= (default: the last day) and a file stem, or a 400."""
    day = stances_day()
    return day if isinstance(day, flask.Response) else (stances_frame(day), f"stances-{day}")


def events_table() -> tuple[pd.DataFrame, str] | flask.Response:
    """Every event, or ?country='s, with dates as text and a file stem, or a 400."""
    data = get_data()
    country = flask.request.args.get("country", "")
    if country:
        if not ISO3_RE.fullmatch(country) or country not in geodata.country_codes():
            return bad_request("country must be a known ISO 3166-1 alpha-3 code")
        frame = events_for(country, data.timeline)
    else:
        frame = data.timeline.events
    frame = frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d"), countries=[list(c) for c in frame["countries"]])
    return frame[EVENT_COLUMNS], f"events{'-' + country if country else ''}"


def stances_csv() -> flask.Response:
    """GET /api/stances.csv?date=YYYY-MM-DD: iso3,name,stance,since,event_id."""
    day = stances_day()
    if isinstance(day, flask.Response):
        return day
    cache = get_data().extras.setdefault("stances_csv", {})  # per data version: day → CSV text
    if day not in cache:
        if len(cache) >= CSV_CACHE_DAYS:
            cache.pop(next(iter(cache)))
        cache[day] = csv_text(stances_frame(day))
    return csv_answer(cache[day], f"stances-{day}.csv")


def events_csv() -> flask.Response:
    """GET /api/events.csv[?country=ISO3]: every event, or one country's (countries joined by ';')."""
    table = events_table()
    if isinstance(table, flask.Response):
        return table
    frame = table[0].assign(countries=[";".join(c) for c in table[0]["countries"]])
    return csv_response(frame, table[1] + ".csv")


def healthz() -> flask.Response:
    """GET /healthz: status, number of events, when the data was loaded, validation errors."""
    store = get_store()
    data = store.current()
    resp = flask.jsonify(
        status="stale" if store.errors else "ok",
        events=len(data.timeline.events),
        loaded_at=data.loaded_at,
        errors=store.errors,
        worker=os.getpid(),
        version=version(),
        **store.health(),
    )
    resp.headers["Cache-Control"] = "no-store"
    return resp


def static_file(body: bytes, gzipped: bytes, mimetype: str) -> flask.Response:
    """A long-cached, immutable response (the URL carries a content hash), gzipped once."""
    accepts_gzip = "gzip" in flask.request.headers.get("Accept-Encoding", "")
    resp = flask.Response(gzipped if accepts_gzip else body, mimetype=mimetype)
    if accepts_gzip:
        resp.headers["Content-Encoding"] = "gzip"
    resp.headers["Vary"] = "Accept-Encoding"
    resp.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return resp


def cache_fingerprinted_assets(resp: flask.Response) -> flask.Response:
    """Long cache for /assets/ files requested with Dash's ?m=<mtime> fingerprint."""
    req = flask.request
    if "/assets/" in req.path and "m" in req.args and resp.status_code == 200:
        resp.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return resp


def register(server: flask.Flask, prefix: str = "/") -> dict[str, str]:
    """Add the routes; return the fingerprinted URLs of the geometry files."""
    world = geodata.GEOJSON_PATH.read_bytes()
    basemap = geodata.BASEMAP_TOPOJSON_PATH.read_bytes()
    world_hash, base_hash = fingerprint(world), fingerprint(basemap)
    server.after_request(cache_fingerprinted_assets)
    server.add_url_rule(f"{prefix}api/stances.csv", "stances_csv", stances_csv)
    server.add_url_rule(f"{prefix}api/events.csv", "events_csv", events_csv)
    server.add_url_rule(f"{prefix}healthz", "healthz", healthz)
    world_gz, basemap_gz = gzip.compress(world, 9, mtime=0), gzip.compress(basemap, 9, mtime=0)
    server.add_url_rule(
        f"{prefix}geo/world.{world_hash}.geojson",
        "world_geojson",
        lambda: static_file(world, world_gz, "application/geo+json"),
    )
    server.add_url_rule(
        f"{prefix}geo/{base_hash}/world_110m.json",
        "basemap_topojson",
        lambda: static_file(basemap, basemap_gz, "application/json"),
    )
    return {"geojson": f"{prefix}geo/world.{world_hash}.geojson", "topojson_dir": f"{prefix}geo/{base_hash}/"}
