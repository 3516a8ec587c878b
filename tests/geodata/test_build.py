import hashlib
import json

from geodata import build
from geodata.paths import DATA_DIR


def test_build_is_deterministic_and_matches_shipped_files(tmp_path):
    build.build(tmp_path)
    for name in ("world.geojson", "countries.csv", "world_110m.json", "PROVENANCE.json"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


def test_provenance_records_source_checksum():
    prov = json.loads((DATA_DIR / "PROVENANCE.json").read_text())
    digest = hashlib.sha256(build.SOURCE_FILE.read_bytes()).hexdigest()
    assert prov["source_sha256_gz"] == digest
    assert "Natural Earth" in prov["source"]
    assert prov["decisions"]["iso3_overrides"]["KOS"] == "XKX"


def test_basemap_topojson_has_every_layer_plotly_reads():
    topo = json.loads((DATA_DIR / "world_110m.json").read_text())
    assert topo["type"] == "Topology"
    assert set(build.TOPOJSON_LAYERS) <= set(topo["objects"])
