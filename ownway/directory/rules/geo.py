"""Distances on the Earth, for "within 3 miles of my postcode".

Great-circle distance by the haversine formula (R. W. Sinnott, "Virtues of the Haversine", *Sky and
Telescope* 68(2), 1984) on a sphere of the mean Earth radius 6,371,008.8 m (IUGG; H. Moritz, "Geodetic
Reference System 1980"). Over the few miles people travel to a service the sphere is within 0.5% of
the ellipsoid, far less than the distance between a postcode's centre and a front door.

The database search uses the same formula as an SQL expression after narrowing the rows with a
bounding box (:func:`bounding_box`) that an index on latitude and longitude can use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_MILE = 1609.344


@dataclass(frozen=True)
class Box:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two points given in decimal degrees (WGS84)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = math.radians(lat2 - lat1)
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_m: float) -> Box:
    """A latitude/longitude box that holds every point within ``radius_m`` of (lat, lon).

    The latitude half-height is exactly radius / R radians; the longitude half-width uses the cosine
    of the latitude nearest a pole inside the box, so the box never cuts the circle.
    """
    if radius_m < 0:
        raise ValueError("A distance cannot be negative")
    d_lat = math.degrees(radius_m / EARTH_RADIUS_M)
    widest = min(89.9, abs(lat) + d_lat)
    d_lon = math.degrees(radius_m / (EARTH_RADIUS_M * math.cos(math.radians(widest))))
    return Box(lat - d_lat, lat + d_lat, lon - d_lon, lon + d_lon)


def miles(metres: float) -> float:
    return metres / METRES_PER_MILE


def distance_text(metres: float) -> str:
    """ "0.4 miles", "2.3 miles", "12 miles"."""
    value = miles(metres)
    if value < 0.1:
        return "less than 0.1 miles"
    if value >= 10:
        return f"{value:.0f} miles"
    return f"{value:.1f} miles"
