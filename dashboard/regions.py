"""Region views (`?region=`): the lon/lat box each UN region's map view fits, from the geometry.

Every state's pole of inaccessibility (of its largest part) lies inside its region's box, so each
state can be hit in its own region view; around each pole up to REACH_DEG of the shape counts
too, so big countries are shown whole or nearly, without Russia's Pacific coast stretching Europe.
"""

from __future__ import annotations

from functools import cache

import shapely
from shapely.geometry import MultiPolygon, Point, box
from shapely.ops import polylabel

import geodata

# Names are a URL contract (`?region=`); values are Natural Earth's REGION_UN.
REGIONS = {
    "world": ("World", None),
    "americas": ("Americas", "Americas"),
    "europe": ("Europe", "Europe"),
    "africa": ("Africa", "Africa"),
    "asia": ("Asia", "Asia"),
    "oceania": ("Oceania", "Oceania"),
}
WORLD_LON, WORLD_LAT = (-180.0, 180.0), (-58.0, 85.0)  # figures.map_figure's world view
REACH_DEG = 12.0
PAD_DEG = 3.0


def largest_part(geom: shapely.Geometry) -> shapely.Geometry:
    """The largest polygon of a (multi)polygon, or the geometry itself."""
    return max(geom.geoms, key=lambda g: g.area) if isinstance(geom, MultiPolygon) else geom


def pole(geom: shapely.Geometry) -> Point:
    """A point deep inside the largest part (its pole of inaccessibility), or the point itself."""
    part = largest_part(geom)
    return part if isinstance(part, Point) else polylabel(part, tolerance=0.05)


def core_bounds(geom: shapely.Geometry) -> tuple[float, float, float, float]:
    """Bounds of the largest part within REACH_DEG of its pole."""
    p = pole(geom)
    part = largest_part(geom)
    if isinstance(part, Point):
        return p.x, p.y, p.x, p.y
    near = part.intersection(box(p.x - REACH_DEG, p.y - REACH_DEG, p.x + REACH_DEG, p.y + REACH_DEG))
    return near.bounds if not near.is_empty else (p.x, p.y, p.x, p.y)


def lon_span(lons: list[float]) -> tuple[float, float]:
    """The shortest longitude interval covering every value, across the antimeridian if shorter."""
    ordered = sorted(((lon + 180.0) % 360.0) - 180.0 for lon in lons)
    gaps = [(ordered[(i + 1) % len(ordered)] - ordered[i]) % 360.0 for i in range(len(ordered))]
    widest = max(range(len(gaps)), key=gaps.__getitem__)
    lo = ordered[(widest + 1) % len(ordered)]
    hi = ordered[widest]
    return (lo, hi) if hi >= lo else (lo, hi + 360.0)


def view(lon: tuple[float, float], lat: tuple[float, float]) -> dict:
    """The plotly geo settings that fit one lon/lat box (centred, rotated to its middle)."""
    mid_lon, mid_lat = (lon[0] + lon[1]) / 2, (lat[0] + lat[1]) / 2
    return {
        "lonaxis": {"range": [round(lon[0], 2), round(lon[1], 2)]},
        "lataxis": {"range": [round(lat[0], 2), round(lat[1], 2)]},
        "center": {"lon": round(mid_lon, 2), "lat": round(mid_lat, 2)},
        "projection": {"rotation": {"lon": round(mid_lon, 2)}, "scale": 1},
    }


def region_box(geoms: list[shapely.Geometry]) -> tuple[tuple[float, float], tuple[float, float]]:
    """The padded lon/lat box of a region's states."""
    bounds = [core_bounds(g) for g in geoms]
    lo, hi = lon_span([b[0] for b in bounds] + [b[2] for b in bounds])
    south, north = min(b[1] for b in bounds), max(b[3] for b in bounds)
    pad_lon, pad_lat = max(PAD_DEG, 0.05 * (hi - lo)), max(PAD_DEG, 0.05 * (north - south))
    return (lo - pad_lon, hi + pad_lon), (max(-89.0, south - pad_lat), min(89.0, north + pad_lat))


def inradius(geom: shapely.Geometry, centre: Point) -> float:
    """Distance in degrees from a point inside the largest part to its edge (0 for a point)."""
    part = largest_part(geom)
    return 0.0 if isinstance(part, Point) else float(part.boundary.distance(centre))


@cache
def state_poles() -> dict[str, list[float]]:
    """Per state: [lon, lat, inradius] of its largest part (drawn size decides its marker)."""
    states = geodata.load_boundaries()
    out = {}
    for iso3, geom in zip(states["iso3"], states.geometry):
        p = pole(geom)
        out[iso3] = [round(p.x, 3), round(p.y, 3), round(inradius(geom, p), 3)]
    return out


@cache
def region_views() -> dict[str, dict]:
    """Per region name: its button label and plotly geo view (built once per process)."""
    states = geodata.load_boundaries()
    out = {"world": {"label": REGIONS["world"][0], "geo": view(WORLD_LON, WORLD_LAT)}}
    for name, (label, un) in REGIONS.items():
        if un is None:
            continue
        lon, lat = region_box(list(states.loc[states["region_un"] == un, "geometry"]))
        out[name] = {"label": label, "geo": view(lon, lat)}
    return out
