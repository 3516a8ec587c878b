"""Read the shipped boundaries and join per-country tables to them."""

from __future__ import annotations

from functools import cache

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geodata.paths import COUNTRIES_PATH, GEOJSON_PATH


class UnknownCountryError(KeyError):
    """Raised when a table names country codes that are not in the boundaries."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        super().__init__(f"unknown country codes: {', '.join(codes)}")

    def __str__(self) -> str:
        return self.args[0]


@cache
def _countries() -> pd.DataFrame:
    """Attribute table of every entity (states and context shapes)."""
    return pd.read_csv(
        COUNTRIES_PATH,
        keep_default_na=False,
        na_values={"pop_est": [""], "pop_year": [""]},  # empty: no estimate in the source (Tuvalu)
        dtype={"iso2": str, "pop_est": "Int64", "pop_year": "Int64"},
    )


@cache
def _load(role: str) -> gpd.GeoDataFrame:
    """Entities of one role joined to their web geometry (a point where there is no shape)."""
    shapes = gpd.read_file(GEOJSON_PATH).rename(columns={"id": "iso3"})[["iso3", "geometry"]]
    table = _countries()
    table = table[table["role"] == role].drop(columns="role").reset_index(drop=True)
    frame = table.merge(shapes, on="iso3", how="left")
    frame["geometry"] = [
        g if g is not None else Point(lon, lat)
        for g, lon, lat in zip(frame["geometry"], frame["marker_lon"], frame["marker_lat"])
    ]
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def load_boundaries() -> gpd.GeoDataFrame:
    """Return the 198 interactive states: codes, names, small flag, marker, UN region, population, geometry."""
    return _load("state").copy()


def load_context() -> gpd.GeoDataFrame:
    """Return the non-interactive context shapes (dependencies, Siachen)."""
    return _load("context").copy()


def country_codes() -> frozenset[str]:
    """ISO3 codes of every interactive state."""
    return frozenset(_countries().loc[lambda t: t["role"] == "state", "iso3"])


def join(frame: pd.DataFrame, on: str = "iso3") -> gpd.GeoDataFrame:
    """Join a per-country table to the boundaries; raise naming every unknown code."""
    codes = country_codes()
    unknown = sorted({str(c) for c in frame[on] if c not in codes})
    if unknown:
        raise UnknownCountryError(unknown)
    bounds = load_boundaries()
    merged = bounds.merge(frame, left_on="iso3", right_on=on, how="right", suffixes=("", "_right"))
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=bounds.crs)
