"""Travel times between places from their coordinates, for planners that need a matrix of minutes.

The rota optimiser (``ownway.enablement``) and the day-service fleet planner (``ownway.dayops``) both use it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Average urban road speed door to door, including junctions and parking, and how much longer roads are than a
#: straight line in British towns.
URBAN_ROAD_SPEED_KMH = 20.0
DETOUR_FACTOR = 1.3


def travel_matrix_from_coordinates(
    points: Sequence[tuple[float, float]],
    *,
    speed_kmh: float = URBAN_ROAD_SPEED_KMH,
    detour_factor: float = DETOUR_FACTOR,
) -> tuple[tuple[float, ...], ...]:
    """Travel minutes between (latitude, longitude) points, estimated from the great-circle distance.

    The straight-line distance (haversine, Earth radius 6,371 km) is stretched by ``detour_factor`` for the road
    network (about 1.3 in British towns) and driven at ``speed_kmh``, an average urban road speed including
    junctions and parking. A real road matrix can replace this wherever one is available.
    """
    if speed_kmh <= 0:
        raise ValueError("The road speed must be above zero")
    if detour_factor < 1:
        raise ValueError("Roads are never shorter than a straight line: the detour factor must be at least 1")
    rows = []
    for lat1, lon1 in points:
        row = []
        for lat2, lon2 in points:
            p1, p2 = math.radians(lat1), math.radians(lat2)
            dp, dl = p2 - p1, math.radians(lon2 - lon1)
            a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
            km = 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
            row.append(km * detour_factor / speed_kmh * 60.0)
        rows.append(tuple(row))
    return tuple(rows)
