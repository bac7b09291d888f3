import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.directory.rules.geo import bounding_box, distance_text, haversine_m, miles


def test_one_degree_of_latitude():
    # On a sphere of radius 6,371,008.8 m one degree is 2πR/360 = 111,195 m.
    assert haversine_m(52.0, -1.9, 53.0, -1.9) == pytest.approx(2 * math.pi * 6_371_008.8 / 360, rel=1e-9)


def test_birmingham_to_coventry():
    # Birmingham New Street (52.4778, -1.8983) to Coventry station (52.4008, -1.5135): about 27.3 km.
    assert haversine_m(52.4778, -1.8983, 52.4008, -1.5135) == pytest.approx(27_300, rel=0.01)


def test_words():
    assert distance_text(1609.344 * 2.34) == "2.3 miles"
    assert distance_text(50) == "less than 0.1 miles"
    assert distance_text(1609.344 * 12.4) == "12 miles"
    assert miles(1609.344) == pytest.approx(1)


def test_negative_radius_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        bounding_box(52, -1.9, -1)


lat = st.floats(min_value=49.5, max_value=60.5)
lon = st.floats(min_value=-8, max_value=2)


@given(lat1=lat, lon1=lon, lat2=lat, lon2=lon)
def test_distance_is_symmetric_and_positive(lat1, lon1, lat2, lon2):
    there = haversine_m(lat1, lon1, lat2, lon2)
    assert there >= 0
    assert there == pytest.approx(haversine_m(lat2, lon2, lat1, lon1), abs=1e-6)


@given(
    lat1=lat,
    lon1=lon,
    radius=st.floats(min_value=10, max_value=50_000),
    bearing=st.floats(min_value=0, max_value=2 * math.pi),
    fraction=st.floats(min_value=0, max_value=0.999),
)
def test_every_point_within_the_radius_is_inside_the_box(lat1, lon1, radius, bearing, fraction):
    # A point at distance fraction*radius along a bearing (destination formula on the sphere).
    r = 6_371_008.8
    d = fraction * radius / r
    phi1, lam1 = math.radians(lat1), math.radians(lon1)
    phi2 = math.asin(math.sin(phi1) * math.cos(d) + math.cos(phi1) * math.sin(d) * math.cos(bearing))
    lam2 = lam1 + math.atan2(
        math.sin(bearing) * math.sin(d) * math.cos(phi1), math.cos(d) - math.sin(phi1) * math.sin(phi2)
    )
    box = bounding_box(lat1, lon1, radius)
    assert box.min_lat - 1e-9 <= math.degrees(phi2) <= box.max_lat + 1e-9
    assert box.min_lon - 1e-9 <= math.degrees(lam2) <= box.max_lon + 1e-9
