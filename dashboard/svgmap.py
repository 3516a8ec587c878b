"""The map for one URL state as SVG, drawn on the server from the app's geometry and timeline.

Pure functions: geometry (geodata) is projected once per process with the same Natural Earth
projection as `geodata.build` ("+proj=natearth"); the stances come from `events.stances_on` and
`figures.stance_codes`, the fills from `theme.fill_for` and `theme.svg_pattern_defs`, so the
drawn map, the browser's map and the legend cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from html import escape

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

import geodata
from dashboard import i18n, theme
from dashboard.figures import stance_codes
from dashboard.localize import names as names_in
from dashboard.regions import REGIONS, region_views
from events.crisis import Crisis

WIDTH = 1000.0  # user units across the whole world (lon -180..180)
LAT_RANGE = (-58.0, 85.0)  # the browser map's lataxis_range
# The box plotly.js fits that range into (Earth radii above / below the equator), read from the
# browser map's d3 projection (scale, translate) at several sizes: the drawn map uses the same
# box, so it lines up with the interactive one to the pixel (tests/dashboard/test_ssr_browser.py).
FIT_TOP, FIT_BOTTOM = 1.5102072549727155, -1.035171996067085
EARTH_RADIUS = 6378137.0  # pyproj's natearth sphere (WGS84 semi-major axis)
SIMPLIFY = 0.3  # user units (a third of a pixel at 1000 px wide)
MARKER_R = 3.5  # small-state dot radius, as plotly's marker size 7
SPLIT_EPS = 1e-7  # degrees either side of a rotated map's antimeridian


@dataclass(frozen=True)
class Shape:
    """One entity's projected outline (SVG path data) and dot (small states)."""

    iso3: str
    name: str
    path: str
    dot: tuple[float, float] | None


@dataclass(frozen=True)
class World:
    """Projected shapes of the states (in `load_boundaries` order) and the context shapes."""

    states: tuple[Shape, ...]
    context: tuple[Shape, ...]
    view: tuple[float, float, float, float]  # x, y, width, height of the whole map


@dataclass(frozen=True)
class MapState:
    """A normalised URL state: the date, the selected country and the region (or None)."""

    date: dt.date
    country: str | None = None
    region: str | None = None  # a `?region=` name of dashboard.regions (None: the world)


@cache
def _transformer(lon_0: float) -> Transformer:
    """Lon/lat → the Natural Earth projection centred on `lon_0` (plotly's projection rotation)."""
    return Transformer.from_crs("EPSG:4326", f"+proj=natearth +lon_0={lon_0:g}", always_xy=True)


def _scale() -> tuple[float, float, float]:
    """(x0, y0, k): projected metres → user units, x0/y0 the top-left corner of the world."""
    xmax, _ = _transformer(0.0).transform(180.0, 0.0)
    return -xmax, FIT_TOP * EARTH_RADIUS, WIDTH / (2 * xmax)


def project(lon: np.ndarray, lat: np.ndarray, lon_0: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes/latitudes → SVG user units (y grows downwards), the map centred on `lon_0`."""
    x0, y0, k = _scale()
    x, y = _transformer(lon_0).transform(lon, lat)
    return (np.asarray(x) - x0) * k, (y0 - np.asarray(y)) * k


def split_at_antimeridian(geom: shapely.Geometry, lon_0: float) -> shapely.Geometry:
    """The geometry cut along the meridian opposite `lon_0`, so no shape wraps across the map."""
    cut = (lon_0 + 360.0) % 360.0 - 180.0  # the opposite meridian, in [-180, 180)
    x_min, _, x_max, _ = geom.bounds
    if cut <= -180.0 + SPLIT_EPS or not x_min < cut < x_max:
        return geom
    west = geom.intersection(shapely.box(-180.0, -90.0, cut - SPLIT_EPS, 90.0))
    east = geom.intersection(shapely.box(cut + SPLIT_EPS, -90.0, 180.0, 90.0))
    return shapely.GeometryCollection([west, east])


def _project_geom(geom: shapely.Geometry, lon_0: float) -> shapely.Geometry:
    """A geometry in SVG user units, simplified below a pixel."""
    split = split_at_antimeridian(geom, lon_0)
    out = shapely.transform(split, lambda xy: np.column_stack(project(xy[:, 0], xy[:, 1], lon_0)))
    return shapely.simplify(out, SIMPLIFY, preserve_topology=True)


def _num(value: float) -> str:
    """A number in the shortest SVG form: 0.5 → .5, -0.5 → -.5, 2.0 → 2."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    text = text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
    return "0" if text in ("", "-", "-0") else text


def _pair(dx: float, dy: float) -> str:
    """Two numbers joined with a space only where a sign does not already separate them."""
    a, b = _num(dx), _num(dy)
    return f"{a}{b}" if b.startswith("-") else f"{a} {b}"


def _ring(coords: np.ndarray) -> str:
    """One closed ring as relative SVG path data (one decimal; repeated points dropped)."""
    pts = np.round(coords[:-1] * 10).astype(np.int64)
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)
    pts = pts[keep]
    if len(pts) < 3:
        return ""
    steps = np.diff(pts, axis=0) / 10
    out = ["M" + _pair(pts[0, 0] / 10, pts[0, 1] / 10), "l"]
    for dx, dy in steps:
        pair = _pair(dx, dy)
        out.append(pair if pair.startswith("-") or out[-1] == "l" else " " + pair)
    return "".join(out) + "Z"


def path_data(geom: shapely.Geometry) -> str:
    """SVG path data of a projected (multi)polygon; empty for points."""
    if geom.geom_type == "Polygon":
        rings = [geom.exterior, *geom.interiors]
        return "".join(_ring(np.asarray(r.coords)) for r in rings if len(r.coords) >= 4)
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        return "".join(path_data(g) for g in geom.geoms)
    return ""


def _shapes(frame: gpd.GeoDataFrame, dots: bool, lon_0: float) -> tuple[Shape, ...]:
    """Projected shapes of a boundaries frame."""
    out = []
    for rec in frame.itertuples(index=False):
        dot = None
        if dots and rec.is_small:
            x, y = project(np.array([rec.marker_lon]), np.array([rec.marker_lat]), lon_0)
            dot = (round(float(x[0]), 1), round(float(y[0]), 1))
        out.append(Shape(rec.iso3, rec.name, path_data(_project_geom(rec.geometry, lon_0)), dot))
    return tuple(out)


@cache
def world(region: str | None = None) -> World:
    """The projected world of a region view (None: the world), built once per process and view.

    The projection, its rotation and the framed lon/lat box are the browser's, from
    `dashboard.regions.region_views` (the geometry files never change at run time).
    """
    geo = region_views()[region or "world"]["geo"]
    lon_0 = float(geo["projection"]["rotation"]["lon"])
    states = _shapes(geodata.load_boundaries(), True, lon_0)
    context = _shapes(geodata.load_context(), False, lon_0)
    if region is None:
        _, _, k = _scale()
        return World(states, context, (0.0, 0.0, WIDTH, round((FIT_TOP - FIT_BOTTOM) * EARTH_RADIUS * k, 1)))
    return World(states, context, box_view(geo["lonaxis"]["range"], geo["lataxis"]["range"], lon_0))


def box_view(lon: list[float], lat: list[float], lon_0: float) -> tuple[float, float, float, float]:
    """The SVG viewBox (x, y, width, height) around a lon/lat box's projected outline."""
    t = np.linspace(0.0, 1.0, 50)
    (west, east), (south, north) = lon, lat
    we, sn = east - west, north - south
    lons = np.concatenate([west + we * t, np.full(50, east), east - we * t, np.full(50, west)])
    lats = np.concatenate([np.full(50, north), north - sn * t, np.full(50, south), south + sn * t])
    x, y = project(lons, lats, lon_0)
    return (round(float(x.min()), 1), round(float(y.min()), 1), round(float(np.ptp(x)), 1), round(float(np.ptp(y)), 1))


def region_names() -> tuple[str, ...]:
    """The `?region=` names with a view of their own ("world" is the default view)."""
    return tuple(name for name in REGIONS if name != "world")


def day_label(date: dt.date, lang: str | None = None) -> str:
    """A date as readers write it: 5 February 2019, 5 de febrero de 2019."""
    return i18n.long_day_text(date, lang)


def stance_label(stance_row: dict | None, iso3: str, crisis: Crisis, lang: str | None = None) -> str:
    """A country's stance in words, with the day it started."""
    look = theme.for_crisis(crisis)
    if iso3 == crisis.subject:
        return look.label(theme.SUBJECT, lang)
    if stance_row is None:
        return look.label(theme.NONE, lang)
    since = pd.Timestamp(stance_row["since"]).date()
    return i18n.text("js.tip_since", lang, label=look.label(stance_row["stance"], lang), date=day_label(since, lang))


def counts(stances: pd.DataFrame, n_states: int, crisis: Crisis) -> dict[str, int]:
    """Countries per legend category (every stance, then 'none'; the crisis's subject is not counted)."""
    per = stances[stances["iso3"] != crisis.subject]["stance"].value_counts()
    out = {s: int(per.get(s, 0)) for s in crisis.stance_values()}
    out[theme.NONE] = n_states - 1 - sum(out.values())
    return out


def map_svg(stances: pd.DataFrame, state: MapState, crisis: Crisis, lang: str | None = None) -> str:
    """The map as SVG markup: patterns, context, states with a <title> each, dots, the outline.

    `stances` is `stances_on(state.date, timeline)`. The SVG fills its box (centred, whole map
    visible) as the browser's map does.
    """
    look = theme.for_crisis(crisis)
    w = world(state.region)
    view = w.view
    px = view[2] / WIDTH  # one screen pixel of the whole-world map, in this view's units
    codes = stance_codes(pd.Series([s.iso3 for s in w.states]), stances, crisis)
    by_iso = {row.iso3: row for row in stances.itertuples(index=False)}
    fills = [look.fill_for(look.categories[c]) for c in codes]
    names = local_names(lang)
    title = i18n.text("ssr.map_title", lang, title=crisis.text("title", lang), date=day_label(state.date, lang))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{" ".join(f"{v:g}" for v in view)}" '
        f'preserveAspectRatio="xMidYMid meet" class="wbw-svgmap" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        look.svg_pattern_defs(),
        f'<g fill="{theme.CONTEXT_COLOUR}" stroke="{theme.BORDER_COLOUR}" stroke-width="{0.4 * px:.3g}">',
        *(f'<path d="{s.path}"/>' for s in w.context if s.path),
        "</g>",
        f'<g class="wbw-states" stroke="{theme.BORDER_COLOUR}" stroke-width="{0.5 * px:.3g}">',
    ]
    dots = []
    for shape, fill in zip(w.states, fills):
        row = by_iso.get(shape.iso3)
        label = stance_label(row._asdict() if row else None, shape.iso3, crisis, lang)
        tip = escape(f"{names.get(shape.iso3, shape.name)}: {label}")
        if shape.path:
            parts.append(f'<path d="{shape.path}" fill="{fill}" data-iso3="{shape.iso3}"><title>{tip}</title></path>')
        if shape.dot:
            dots.append(
                f'<circle cx="{shape.dot[0]:g}" cy="{shape.dot[1]:g}" r="{MARKER_R * px:.3g}" fill="{fill}" '
                f'stroke="#ffffff" stroke-width="{px:.3g}" data-iso3="{shape.iso3}"><title>{tip}</title></circle>'
            )
    parts += ["</g>", '<g class="wbw-dots">', *dots, "</g>"]
    parts.append(_outline(w, state.country, px))
    parts.append("</svg>")
    return "".join(parts)


def _outline(w: World, country: str | None, px: float) -> str:
    """The selected country's outline (and ring, for a small state) over everything else."""
    shape = next((s for s in w.states if s.iso3 == country), None)
    if shape is None:
        return ""
    width = theme.OUTLINE_WIDTH * px
    out = f'<g fill="none" stroke="{theme.OUTLINE_COLOUR}" stroke-width="{width:.3g}" class="wbw-selected">'
    if shape.path:
        out += f'<path d="{shape.path}"/>'
    if shape.dot:
        out += f'<circle cx="{shape.dot[0]:g}" cy="{shape.dot[1]:g}" r="{theme.RING_SIZE / 2 * px:.3g}"/>'
    return out + "</g>"


@cache
def local_names(lang: str | None) -> dict[str, str]:
    """Country names in `lang` by ISO3 (geodata's `name_<lang>`, else English), once per process."""
    states = geodata.load_boundaries()
    return dict(zip(states["iso3"], names_in(states, lang or i18n.DEFAULT)))


def counts_sentence(count: dict[str, int], date: dt.date, crisis: Crisis, lang: str | None = None) -> str:
    """The counts in words, for og:description and alt text."""
    look = theme.for_crisis(crisis)
    words = [f"{count[s]} {look.label(s, lang).lower()}" for s in crisis.stance_values() if count[s]]
    said = "; ".join(words) if words else i18n.text("ssr.no_positions", lang)
    return i18n.text("ssr.counts", lang, date=day_label(date, lang), said=said, none=count[theme.NONE])
