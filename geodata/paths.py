"""Where geodata's shipped files live."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_DIR = PACKAGE_DIR / "source"
DATA_DIR = PACKAGE_DIR / "data"
GEOJSON_PATH = DATA_DIR / "world.geojson"
COUNTRIES_PATH = DATA_DIR / "countries.csv"
BASEMAP_TOPOJSON_PATH = DATA_DIR / "world_110m.json"
