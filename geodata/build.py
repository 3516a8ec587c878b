"""Build the shipped boundary files from the Natural Earth source: `python -m geodata.build`.

Reads `geodata/source/ne_50m_admin_0_countries.geojson.gz` (never the network) and writes,
deterministically, into `geodata/data/`:

- `world.geojson`: simplified, topology-preserving web geometry, one feature per entity,
  `id` = ISO 3166-1 alpha-3 for states (context shapes keep their Natural Earth code).
- `countries.csv`: one row per entity: codes, English/Spanish names, role, small-state flag and
  marker point.
- `world_110m.json`: an empty base-map topojson, so plotly.js never fetches its own from a CDN.
- `PROVENANCE.json`: source, licence, checksums and the decisions applied.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from babel import Locale
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon

from geodata import decisions as d
from geodata.paths import DATA_DIR, SOURCE_DIR

SOURCE_FILE = SOURCE_DIR / "ne_50m_admin_0_countries.geojson.gz"
SOURCE_VERSION = "Natural Earth 1:50m Admin 0 – Countries, v4.0.0"
# Natural Earth attributes carried through: UN region (region views), population estimate and its
# year (population-weighted shares). Merged features add their population to their state's.
SOURCE_ATTRIBUTES = ("REGION_UN", "POP_EST", "POP_YEAR")
TOPOJSON_LAYERS = ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")


def read_source(path: Path = SOURCE_FILE) -> gpd.GeoDataFrame:
    """Read the compressed Natural Earth GeoJSON."""
    with gzip.open(path, "rb") as f:
        frame = gpd.read_file(f)
    return frame[["ADM0_A3", "ISO_A3", "ISO_A2", "TYPE", "HOMEPART", "ADMIN", *SOURCE_ATTRIBUTES, "geometry"]]


def classify(src: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Give every feature its key (ISO3) and role: state, context, or merged into another."""
    rows = []
    for rec in src.itertuples(index=False):
        a3 = rec.ADM0_A3
        if a3 in d.DROP:
            continue
        iso3 = d.ISO3_OVERRIDES.get(a3, rec.ISO_A3 if rec.ISO_A3 != "-99" else a3)
        if a3 in d.MERGE_INTO:
            key, role = d.MERGE_INTO[a3][0], "state"
        elif a3 in d.CONTEXT_EXTRA:
            key, role = a3, "context"
        elif a3 in d.STATE_EXTRA or (rec.TYPE in ("Sovereign country", "Country") and rec.HOMEPART == 1):
            key, role = iso3, "state"
        else:
            key, role = iso3, "context"
        iso2 = d.ISO2_OVERRIDES.get(iso3, rec.ISO_A2)
        attrs = (rec.REGION_UN, int(rec.POP_EST), int(rec.POP_YEAR))
        rows.append((key, role, iso2, rec.ADMIN, *attrs, rec.geometry, a3 in d.MERGE_INTO))
    columns = ["iso3", "role", "iso2", "admin", "region_un", "pop_est", "pop_year", "geometry", "merged"]
    return gpd.GeoDataFrame(rows, columns=columns, crs="EPSG:4326")


def dissolve_merges(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Union merged features into their sovereign state, keeping the state's own attributes."""
    geoms = frame.groupby("iso3")["geometry"].agg(lambda s: shapely.union_all(list(s)))
    totals = frame.groupby("iso3").agg(pop_est=("pop_est", "sum"), pop_year=("pop_year", "max"))
    base = frame[~frame["merged"]].drop(columns=["merged", "geometry", "pop_est", "pop_year"]).set_index("iso3")
    out = gpd.GeoDataFrame(base.join(totals).join(geoms), geometry="geometry", crs="EPSG:4326")
    out["geometry"] = shapely.make_valid(out.geometry.values)
    return out.reset_index().sort_values("iso3", ignore_index=True)


def add_points(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add states absent from the source as points (Tuvalu)."""
    extra = gpd.GeoDataFrame(
        [
            (k, "state", d.ISO2_OVERRIDES[k], k, d.ADDED_REGIONS[k], Point(lon, lat))
            for k, (lon, lat, _) in d.ADDED_POINTS.items()
        ],
        columns=["iso3", "role", "iso2", "admin", "region_un", "geometry"],
        crs="EPSG:4326",
    )
    return pd.concat([frame, extra], ignore_index=True).sort_values("iso3", ignore_index=True)


def add_names(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add current English and Spanish short names from CLDR, with documented overrides."""
    en, es = Locale("en").territories, Locale("es").territories
    out = frame.copy()

    def pick(row: pd.Series, table: dict, idx: int) -> str:
        if row.iso3 in d.NAME_OVERRIDES:
            return d.NAME_OVERRIDES[row.iso3][idx]
        return table.get(row.iso2) or row.admin

    out["name"] = [pick(r, en, 0) for r in out.itertuples()]
    out["name_es"] = [pick(r, es, 1) for r in out.itertuples()]
    return out


def largest_part(geom: shapely.Geometry) -> shapely.Geometry:
    """Return the largest polygon of a (multi)polygon, or the geometry itself."""
    if isinstance(geom, MultiPolygon):
        return max(geom.geoms, key=lambda g: g.area)
    return geom


def add_small_flags(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Flag states whose largest shape's diagonal is under SMALL_STATE_PX; add marker points."""
    to_px = Transformer.from_crs("EPSG:4326", "+proj=natearth", always_xy=True)
    west, _ = to_px.transform(-180.0, 0.0)
    east, _ = to_px.transform(180.0, 0.0)
    scale = d.MAP_WIDTH_PX / (east - west)
    out = frame.copy()
    sizes, lons, lats = [], [], []
    for geom in out.geometry:
        part = largest_part(geom)
        xs, ys = to_px.transform(*part.envelope.exterior.xy) if isinstance(part, Polygon) else ([0], [0])
        sizes.append(float(np.hypot(max(xs) - min(xs), max(ys) - min(ys))) * scale)
        point = part if isinstance(part, Point) else part.representative_point()
        lons.append(round(point.x, 3))
        lats.append(round(point.y, 3))
    out["size_px"] = [round(s, 1) for s in sizes]
    out["is_small"] = (out["size_px"] < d.SMALL_STATE_PX) & (out["role"] == "state")
    out["marker_lon"] = lons
    out["marker_lat"] = lats
    return out


def simplify(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Simplify polygons with shared arcs (topojson), so neighbours keep a common border."""
    import topojson

    polys = frame[frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    topo = topojson.Topology(
        polys[["iso3", "geometry"]],
        toposimplify=d.SIMPLIFY_TOLERANCE_DEG,
        prevent_oversimplify=True,
    )
    simple = topo.to_gdf().set_index("iso3").geometry
    out = frame.copy()
    new = [simple.get(k, g) for k, g in zip(out.iso3, out.geometry)]
    out["geometry"] = [g if (g is not None and not g.is_empty) else orig for g, orig in zip(new, out.geometry)]
    grid = 10**-d.COORD_DECIMALS
    out["geometry"] = shapely.set_precision(shapely.make_valid(np.asarray(out.geometry)), grid)
    lost = out.geometry.is_empty & frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    # Rounding can collapse a tiny island to nothing: keep a rounded box of the original.
    out.loc[lost, "geometry"] = [
        shapely.box(*[round(v, d.COORD_DECIMALS) for v in g.bounds]).buffer(10**-d.COORD_DECIMALS, join_style="mitre")
        for g in frame.geometry[lost]
    ]
    return out


def resolve_overlaps(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Cut each smaller shape out of any larger neighbour that simplification pushed over it.

    Shared borders keep their arcs, but two coastlines facing each other across a strait are
    simplified separately, so one can cover the other (the Johor coast over Singapore).
    """
    out = frame.copy()
    geoms = list(out.geometry)
    polygonal = [g.geom_type in ("Polygon", "MultiPolygon") for g in geoms]
    tree = shapely.STRtree(geoms)
    for i, geom in enumerate(geoms):
        if not polygonal[i]:
            continue
        for j in sorted(int(k) for k in tree.query(geom, predicate="intersects")):
            if j == i or not polygonal[j] or geoms[j].area > geoms[i].area:
                continue
            if geoms[i].intersection(geoms[j]).area > 0:
                geoms[i] = shapely.make_valid(geoms[i].difference(geoms[j]))
    out["geometry"] = [shapely.set_precision(g, 10**-d.COORD_DECIMALS) for g in geoms]
    return out


def web_geojson(frame: gpd.GeoDataFrame) -> str:
    """Serialise polygon features as compact GeoJSON with `id` = key and no properties."""
    feats = []
    for rec in frame.itertuples():
        if rec.geometry.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        geom = json.loads(shapely.to_geojson(rec.geometry))
        feats.append({"type": "Feature", "id": rec.iso3, "properties": {}, "geometry": geom})
    text = json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":"))
    return text


def empty_topojson() -> str:
    """Return a base-map topojson with empty layers, for plotly.js's geo subplot."""
    objects = {name: {"type": "GeometryCollection", "geometries": []} for name in TOPOJSON_LAYERS}
    return json.dumps({"type": "Topology", "objects": objects, "arcs": []}, separators=(",", ":"))


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(out_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """Run every step and write the shipped files; return the final frame."""
    frame = add_small_flags(add_names(add_points(dissolve_merges(classify(read_source())))))
    frame = resolve_overlaps(simplify(frame))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "world.geojson").write_text(web_geojson(frame), encoding="utf-8")
    cols = ["iso3", "iso2", "name", "name_es", "role", "is_small", "size_px", "marker_lon", "marker_lat"]
    cols += ["region_un", "pop_est", "pop_year", "un_member"]
    frame = frame.assign(
        un_member=(frame["role"] == "state") & ~frame["iso3"].isin(list(d.NON_UN_STATES)),
        pop_est=frame["pop_est"].astype("Int64"),
        pop_year=frame["pop_year"].astype("Int64"),
    )
    frame[cols].to_csv(out_dir / "countries.csv", index=False, lineterminator="\n")
    (out_dir / "world_110m.json").write_text(empty_topojson(), encoding="utf-8")
    provenance = {
        "source": SOURCE_VERSION,
        "source_file": f"geodata/source/{SOURCE_FILE.name}",
        "source_sha256_gz": sha256(SOURCE_FILE),
        "licence": "Public domain (Natural Earth); GeoJSON conversion CC0 1.0",
        "built_by": "python -m geodata.build",
        "decisions": {
            "drop": d.DROP,
            "merge_into": {k: {"into": v[0], "why": v[1]} for k, v in d.MERGE_INTO.items()},
            "context_extra": d.CONTEXT_EXTRA,
            "context_rule": d.CONTEXT_REASON,
            "state_extra": d.STATE_EXTRA,
            "iso3_overrides": d.ISO3_OVERRIDES,
            "added_points": {
                k: {"lon": v[0], "lat": v[1], "region_un": d.ADDED_REGIONS[k], "why": v[2]}
                for k, v in d.ADDED_POINTS.items()
            },
            "attributes": {
                "region_un": "Natural Earth REGION_UN (UN M49 region)",
                "pop_est": "Natural Earth POP_EST, summed over features merged into a state; empty for added points",
                "pop_year": "Natural Earth POP_YEAR (the latest year among merged features)",
                "un_member": "role 'state' and not in non_un_states",
            },
            "non_un_states": d.NON_UN_STATES,
            "small_state_px": d.SMALL_STATE_PX,
            "simplify_tolerance_deg": d.SIMPLIFY_TOLERANCE_DEG,
            "coord_decimals": d.COORD_DECIMALS,
        },
        "outputs": {name: sha256(out_dir / name) for name in ("world.geojson", "countries.csv", "world_110m.json")},
    }
    (out_dir / "PROVENANCE.json").write_text(
        json.dumps(provenance, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    return frame


def main() -> int:
    """Entry point: build and print a one-line summary."""
    frame = build()
    size = (DATA_DIR / "world.geojson").stat().st_size
    gz = len(gzip.compress((DATA_DIR / "world.geojson").read_bytes(), 9))
    states = int((frame.role == "state").sum())
    print(f"{states} states, {len(frame) - states} context shapes, world.geojson {size} B ({gz} B gzipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
