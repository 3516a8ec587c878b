"""Region views: boxes computed from the geometry hold every state's pole."""

from __future__ import annotations

import pytest

from dashboard.regions import REGIONS, lon_span, region_views, state_poles
from geodata import load_boundaries


def test_lon_span_takes_the_short_way_round():
    assert lon_span([-10.0, 20.0, 5.0]) == (-10.0, 20.0)
    lo, hi = lon_span([170.0, -175.0, 178.0])  # across the antimeridian
    assert (lo, hi) == (170.0, 185.0)


def test_every_region_named_in_the_url_contract_has_a_view():
    views = region_views()
    assert list(views) == ["world", "americas", "europe", "africa", "asia", "oceania"] == list(REGIONS)
    assert views["world"]["geo"]["lonaxis"]["range"] == [-180.0, 180.0]


@pytest.mark.parametrize("name", ["americas", "europe", "africa", "asia", "oceania"])
def test_every_state_pole_lies_inside_its_region_box(name):
    states = load_boundaries()
    geo = region_views()[name]["geo"]
    (west, east), (south, north) = geo["lonaxis"]["range"], geo["lataxis"]["range"]
    poles = state_poles()
    inside = states.loc[states["region_un"] == REGIONS[name][1], "iso3"]
    assert len(inside) > 10
    for iso3 in inside:
        lon, lat, _ = poles[iso3]
        lon = lon if lon >= west else lon + 360.0
        assert west < lon < east and south < lat < north, (name, iso3, lon, lat)


def test_poles_carry_a_drawn_size_measure():
    poles = state_poles()
    assert len(poles) == 198
    assert poles["TUV"][2] == 0.0  # a point: always a marker
    assert poles["RUS"][2] > poles["DEU"][2] > poles["LUX"][2] > 0
