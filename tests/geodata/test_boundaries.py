import gzip
import itertools

import pandas as pd
import pytest
import shapely

import geodata
from geodata import decisions
from geodata.paths import GEOJSON_PATH

from .un_members import OBSERVERS_AND_OTHERS, UN_MEMBERS


@pytest.fixture(scope="module")
def states():
    return geodata.load_boundaries()


def test_un_members_list_is_complete():
    assert len(UN_MEMBERS) == 193


def test_coverage_is_exactly_un_members_plus_five(states):
    assert set(states["iso3"]) == UN_MEMBERS | OBSERVERS_AND_OTHERS
    assert len(states) == 198


def test_codes_unique_and_columns_present(states):
    assert states["iso3"].is_unique
    for col in ("iso3", "name", "name_es", "is_small", "geometry"):
        assert col in states.columns


@pytest.mark.parametrize(
    ("iso3", "name", "name_es"),
    [
        ("MKD", "North Macedonia", "Macedonia del Norte"),
        ("SWZ", "Eswatini", "Esuatini"),
        ("FRA", "France", "Francia"),
        ("NOR", "Norway", "Noruega"),
        ("XKX", "Kosovo", "Kosovo"),
        ("VAT", "Holy See", "Santa Sede"),
        ("PSE", "Palestine", "Palestina"),
        ("VEN", "Venezuela", "Venezuela"),
    ],
)
def test_current_names(states, iso3, name, name_es):
    row = states.set_index("iso3").loc[iso3]
    assert (row["name"], row["name_es"]) == (name, name_es)


def test_minus_99_codes_fixed(states):
    assert "-99" not in set(states["iso3"])
    assert {"FRA", "NOR", "XKX"} <= set(states["iso3"])


def test_geometries_valid_and_non_empty(states):
    assert states.geometry.is_valid.all()
    assert not states.geometry.is_empty.any()
    assert states.crs.to_epsg() == 4326


def test_tuvalu_is_a_small_point(states):
    tuv = states.set_index("iso3").loc["TUV"]
    assert tuv.geometry.geom_type == "Point"
    assert tuv["is_small"]


def test_merged_features_belong_to_their_state(states):
    by = states.set_index("iso3").geometry
    # N. Cyprus (about 33.6E 35.3N) is inside Cyprus; Somaliland (Hargeisa) inside Somalia.
    assert by["CYP"].buffer(0.05).contains(shapely.Point(33.6, 35.3))
    assert by["SOM"].buffer(0.05).contains(shapely.Point(44.06, 9.56))
    assert by["CHN"].buffer(0.05).contains(shapely.Point(114.17, 22.3))  # Hong Kong


def test_antarctica_dropped_and_context_not_interactive():
    context = geodata.load_context()
    assert "ATA" not in set(context["iso3"])
    assert {"GRL", "PRI", "KAS"} <= set(context["iso3"])
    assert not set(context["iso3"]) & set(geodata.load_boundaries()["iso3"])


@pytest.mark.parametrize("iso3", ["VAT", "MCO", "SMR", "LIE", "AND", "MLT", "BRB", "KNA", "TON", "NRU", "SGP", "TUV"])
def test_microstates_and_islands_flagged_small(states, iso3):
    assert states.set_index("iso3").loc[iso3, "is_small"]


@pytest.mark.parametrize("iso3", ["RUS", "BRA", "USA", "CHN", "AUS", "FRA", "COL"])
def test_large_states_not_small(states, iso3):
    assert not states.set_index("iso3").loc[iso3, "is_small"]


def test_small_states_have_marker_points_inside_or_near_their_shape(states):
    small = states[states["is_small"]]
    assert len(small) >= 40
    for row in small.itertuples():
        point = shapely.Point(row.marker_lon, row.marker_lat)
        assert row.geometry.distance(point) < 0.5, row.iso3


def test_web_geometry_within_budget():
    gz = len(gzip.compress(GEOJSON_PATH.read_bytes(), 9))
    assert gz <= 200 * 1024, f"world.geojson is {gz} bytes gzipped"


def test_web_geometry_has_no_antarctica_and_rounded_coordinates():
    text = GEOJSON_PATH.read_text()
    assert '"ATA"' not in text
    frame = pd.read_json(GEOJSON_PATH)
    assert len(frame["features"]) >= 230
    # rounding: no coordinate has more than COORD_DECIMALS decimals
    import re

    decimals = {len(m) for m in re.findall(r"\.(\d+)", text)}
    assert max(decimals) <= decisions.COORD_DECIMALS


def test_neighbours_do_not_overlap_after_simplification(states):
    polys = states[states.geometry.geom_type.isin(["Polygon", "MultiPolygon"])].reset_index(drop=True)
    tree = shapely.STRtree(list(polys.geometry))
    worst = 0.0
    for i, geom in enumerate(polys.geometry):
        for j in tree.query(geom, predicate="intersects"):
            if j <= i:
                continue
            area = geom.intersection(polys.geometry[j]).area
            smaller = min(geom.area, polys.geometry[j].area)
            worst = max(worst, area / smaller)
    assert worst < 0.01, f"worst overlap is {worst:.2%} of the smaller neighbour"


def test_neighbours_still_touch_after_simplification(states):
    by = states.set_index("iso3").geometry
    for a, b in [("FRA", "ESP"), ("COL", "VEN"), ("BRA", "VEN"), ("USA", "CAN"), ("IND", "PAK")]:
        assert by[a].buffer(0.02).intersects(by[b]), (a, b)


def test_join_keeps_rows_and_adds_geometry():
    frame = pd.DataFrame({"iso3": ["ESP", "VEN"], "value": [1, 2]})
    joined = geodata.join(frame)
    assert list(joined["iso3"]) == ["ESP", "VEN"]
    assert list(joined["value"]) == [1, 2]
    assert joined.geometry.notna().all()


def test_join_names_every_unknown_code():
    frame = pd.DataFrame({"code": ["ESP", "ZZZ", "XXA", "ZZZ"]})
    with pytest.raises(geodata.UnknownCountryError, match=r"^unknown country codes: XXA, ZZZ$"):
        geodata.join(frame, on="code")


def test_no_pair_of_states_shares_a_key():
    keys = list(geodata.load_boundaries()["iso3"]) + list(geodata.load_context()["iso3"])
    dupes = [k for k, g in itertools.groupby(sorted(keys)) if len(list(g)) > 1]
    assert dupes == []


def test_un_membership_flag_matches_the_independent_list(states):
    assert set(states.loc[states["un_member"], "iso3"]) == UN_MEMBERS
    assert set(states.loc[~states["un_member"], "iso3"]) == set(decisions.NON_UN_STATES)


def test_every_state_has_a_un_region_and_a_population_or_none_by_decision(states):
    assert set(states["region_un"]) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    missing = set(states.loc[states["pop_est"].isna(), "iso3"])
    assert missing == set(decisions.ADDED_POINTS)  # Tuvalu: no estimate in the source, none invented
    assert (states["pop_est"].dropna() > 0).all()
    china = states.set_index("iso3").loc["CHN", "pop_est"]
    assert china == 1_379_302_771 + 7_191_503 + 601_969  # NE POP_EST of CHN + HKG + MAC (merged)
