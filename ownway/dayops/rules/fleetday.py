"""A realistic generated day for a council's day-service fleet, to measure the run planner.

Shape of the day (assumptions, stated so they can be challenged), on the same city as the rota optimiser's
generated day (``ownway.enablement.rules.rostering.cityday``, centred on Coventry, about 12 km across): six day
services spread over the four areas, open six hours from 09:30 or 10:00; two depots; passengers living around the
services, each going to one of the two services nearest them; a pick-up window from 2 hours to 10 minutes before
their service starts, and home from when it ends (picked up within ``fleet.RETURN_WAIT``); at most 60 minutes
on board; about 12 % travel in a wheelchair and 10 % with an escort. The vehicles are wheelchair-accessible
minibuses: 14 seats and 3 wheelchair spaces, or 16 seats and 2. Getting on takes 2 minutes (5 in a wheelchair, on
the lift), getting off half a minute (3). Travel is estimated from coordinates at urban road speed with the rota
optimiser's :func:`~ownway.core.travel.travel_matrix_from_coordinates`.
"""

from __future__ import annotations

import math
import random

from ownway.core.travel import travel_matrix_from_coordinates

from .fleet import FleetDay, Passenger, Vehicle, journey_home

#: The rota optimiser's generated city: its centre, and its four areas about 4 km from it (north, east, south, west).
CENTRE = (52.4068, -1.5197)
AREA_OFFSETS = ((0.035, 0.0), (0.0, 0.055), (-0.035, 0.0), (0.0, -0.055))
ROAD_SPEED_KMH = 20.0
DETOUR_FACTOR = 1.3
SERVICE_STARTS = (570.0, 600.0)  # 09:30 and 10:00
SESSION_HOURS = 6
MAX_RIDE = 60.0
WHEELCHAIR_SHARE = 0.12
ESCORT_SHARE = 0.10


def generate(*, passengers: int = 150, vehicles: int = 10, seed: int = 1, way_home: bool = True) -> FleetDay:
    """``passengers`` people taken to their services and (``way_home``) home again, by ``vehicles`` vehicles."""
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    points: list[tuple[float, float]] = []
    depots = []
    for lat, lon in ((0.012, -0.02), (-0.015, 0.025)):
        points.append((CENTRE[0] + lat, CENTRE[1] + lon))
        depots.append(len(points) - 1)
    services: list[tuple[int, float]] = []
    for k in range(6):
        area = AREA_OFFSETS[k % len(AREA_OFFSETS)]
        points.append(
            (CENTRE[0] + area[0] * 0.8 + rng.gauss(0, 0.006), CENTRE[1] + area[1] * 0.8 + rng.gauss(0, 0.009))
        )
        services.append((len(points) - 1, SERVICE_STARTS[k % 2]))
    people: list[Passenger] = []
    for k in range(passengers):
        area = AREA_OFFSETS[rng.randrange(len(AREA_OFFSETS))]
        home = (CENTRE[0] + area[0] + rng.gauss(0, 0.012), CENTRE[1] + area[1] + rng.gauss(0, 0.018))
        points.append(home)
        nearest = sorted(services, key=lambda s: math.dist(points[s[0]], home))[:2]
        destination, starts = rng.choice(nearest)
        wheelchair = rng.random() < WHEELCHAIR_SHARE
        going = Passenger(
            id=f"p{k + 1:03d}:to",
            pickup=len(points) - 1,
            destination=destination,
            earliest=starts - 120,
            latest=starts - 10,
            arrive_by=starts,
            max_ride=MAX_RIDE,
            wheelchair=wheelchair,
            escort=rng.random() < ESCORT_SHARE,
            board=5.0 if wheelchair else 2.0,
            alight=3.0 if wheelchair else 0.5,
        )
        people.append(going)
        if way_home:
            people.append(journey_home(going, ends=starts + SESSION_HOURS * 60))
    fleet = [
        Vehicle(
            id=f"v{k + 1:02d}",
            seats=14 if k % 5 < 3 else 16,
            wheelchair_spaces=3 if k % 5 < 3 else 2,
            depot=depots[k % len(depots)],
            available_from=450.0,  # 07:30
            available_until=1080.0 if way_home else 660.0,  # 18:00, or 11:00 for the morning alone
        )
        for k in range(vehicles)
    ]
    return FleetDay(
        name=f"fleet-day-{passengers}-{vehicles}-{seed}",
        passengers=tuple(people),
        vehicles=tuple(fleet),
        travel=travel_matrix_from_coordinates(points, speed_kmh=ROAD_SPEED_KMH, detour_factor=DETOUR_FACTOR),
    )
