"""World boundaries from Natural Earth, keyed by ISO 3166-1 alpha-3."""

from geodata.boundaries import (
    UnknownCountryError,
    country_codes,
    join,
    load_boundaries,
    load_context,
)
from geodata.paths import BASEMAP_TOPOJSON_PATH, GEOJSON_PATH

__all__ = [
    "BASEMAP_TOPOJSON_PATH",
    "GEOJSON_PATH",
    "UnknownCountryError",
    "country_codes",
    "join",
    "load_boundaries",
    "load_context",
]
