"""The demo city's day services are on the map, and its council fleet plans a day with everyone on a run."""

from __future__ import annotations

import datetime as dt

import pytest

from ownway.dayops.demo import generate_day_opportunities
from ownway.dayops.models import DayService, Placement, PlacementTravel, Provision, TravelMode, Vehicle
from ownway.dayops.rules import fleet
from ownway.dayops.services_transport import fleet_day_build, fleet_travellers
from ownway.directory import geocode
from ownway.directory.models import ServiceAtLocation
from ownway.people.demo.builder import generate_city


def _first_weekday(date: dt.date) -> dt.date:
    while date.weekday() > 4:
        date += dt.timedelta(days=1)
    return date


@pytest.mark.django_db
def test_a_small_demo_citys_fleet_day_is_planned_with_nobody_left_out():
    city = generate_city(people=2_000, seed=2019)
    made = generate_day_opportunities(cohort=city.day_care, seed=2019, as_of=city.as_of)
    # Every day service is at a real postcode, at that postcode's centre.
    for day_service in DayService.objects.select_related("service"):
        venue = ServiceAtLocation.objects.select_related("location").get(service=day_service.service)
        point = geocode.locate(venue.location.postcode)
        assert point is not None, venue.location.postcode
        assert (venue.latitude, venue.longitude) == (point.latitude, point.longitude)
        assert day_service.service.has_location
    # Some of the council's own services' people travel by the fleet, each from a postcode that is on the map.
    assert made.fleet_travellers > 0
    assert made.vehicles >= 2
    assert Vehicle.objects.filter(active=True).count() == made.vehicles
    for travel in PlacementTravel.objects.filter(mode=TravelMode.COUNCIL_FLEET).select_related("placement__service"):
        assert travel.pickup_address
        assert geocode.locate(travel.pickup_postcode) is not None
        assert travel.placement.service.day_service.provision == Provision.INTERNAL
    # A weekday's runs: nothing left out for lack of a location, and a plan the checker finds feasible with all.
    date = _first_weekday(city.as_of)
    assert fleet_travellers(date).exists()
    built = fleet_day_build(date)
    assert built.problems == []
    assert len(built.day.passengers) == 2 * fleet_travellers(date).count()
    whole = fleet.plan_day(built.day, time_limit=8.0)
    report = fleet.check_day(built.day, whole, must_place_all=True)
    assert report.feasible, report.violations
    assert not whole.unplaced
    assert Placement.objects.filter(travel_history__mode=TravelMode.COUNCIL_FLEET).count() == made.fleet_travellers
