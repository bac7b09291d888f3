"""The transport pages as a worker and a broker use them: travel with a clear refusal, travel training, the fleet,
a day's planning and a driver's run on a phone."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services
from ownway.dayops.models import FleetPlan, FleetRoute, PlacementTravel, TravelTrainingGoal, Vehicle
from ownway.jobs.worker import run_queued

from .services.test_transport import MONDAY, NEXT_MONDAY, _on_the_map, postcodes  # noqa: F401

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def quick_planner(settings):
    settings.OWNWAY_DAYOPS_FLEET_SECONDS = 1.0


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


@pytest.fixture
def placement(worker, person, centre):
    return services.placement_make(
        actor=worker, person=person, service=centre, days=["MO", "WE"], session="full_day", starts_on=MONDAY
    )


def test_travel_by_the_fleet_without_an_address_is_refused_on_the_page(worker, person, placement):
    client = _client(worker)
    url = reverse("dayops:travel", kwargs={"person_pk": person.pk})
    assert "Travel to day services" in client.get(url).content.decode()
    form = {"placement": str(placement.pk), "mode": "council_fleet", "max_ride_minutes": "60"} | _date(
        "from_date", MONDAY
    )
    response = client.post(url, form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the address the council&#39;s fleet picks them up from" in page
    assert not PlacementTravel.objects.exists()
    form |= {"pickup_address": "1 Hill Street", "pickup_postcode": "CV1 4AH", "pickup_from": "08:00",
             "pickup_until": "08:45", "wheelchair": "on"}  # fmt: skip
    assert client.post(url, form).status_code == 302
    page = client.get(url).content.decode()
    assert "The council’s fleet" in page or "The council&#39;s fleet" in page
    assert "Wheelchair space" in page


def test_travel_training_to_independent_travel_on_the_page(worker, person, placement):
    client = _client(worker)
    url = reverse("dayops:travel_training", kwargs={"person_pk": person.pk})
    start = {"action": "start", "placement": str(placement.pk), "goal": "Bus 11 to the centre"} | _date(
        "started_on", TODAY
    )
    assert client.post(url, start).status_code == 302
    goal = TravelTrainingGoal.objects.get()
    step = {"action": "step", "training": str(goal.pk), "step": "Went alone", "support": "alone"} | _date("date", TODAY)
    assert client.post(url, step).status_code == 302
    end = {"action": "end", "training": str(goal.pk), "achieved": "yes"} | _date("ended_on", TODAY)
    assert client.post(url, end).status_code == 302
    page = _client(worker).get(reverse("dayops:travel", kwargs={"person_pk": person.pk})).content.decode()
    assert "Travels on their own" in page
    assert "Travel training achieved" in page


def test_a_broker_plans_a_fleet_day_and_opens_a_drivers_run(worker, person, placement, postcodes):  # noqa: F811
    broker = UserFactory(role=Role.BROKER)
    _on_the_map(placement.service, 52.4068, -1.5197)
    client = _client(broker)
    vehicle = {"action": "vehicle", "registration": "AB12 CDE", "seats": "8", "wheelchair_spaces": "2",
               "depot_name": "Whitley", "depot_postcode": "CV3 1AA"}  # fmt: skip
    assert client.post(reverse("dayops:fleet"), vehicle).status_code == 302
    driver = {"action": "driver", "driver_name": "Sam Driver", "vehicle": str(Vehicle.objects.get().pk)}
    assert client.post(reverse("dayops:fleet"), driver).status_code == 302
    response = client.post(reverse("dayops:fleet"), {"action": "plan"} | _date("date", NEXT_MONDAY))
    assert "No one travels by the council fleet" in response.content.decode()
    services_transport_set(worker, placement)
    response = client.post(reverse("dayops:fleet"), {"action": "plan"} | _date("date", NEXT_MONDAY))
    plan = FleetPlan.objects.get()
    assert response.url == reverse("dayops:fleet_plan", kwargs={"pk": plan.pk})
    assert "refresh" in client.get(response.url).content.decode()
    run_queued()
    page = client.get(response.url).content.decode()
    assert "To the services: 1 of 1 passengers" in page
    assert "Home: 1 of 1 passengers" in page
    route = FleetRoute.objects.get()
    page = client.get(reverse("dayops:fleet_route", kwargs={"pk": route.pk})).content.decode()
    assert "Sam Driver" in page
    there, home = page.split('id="run-to"')[1].split('id="run-home"')
    for part in (there, home):  # there in the morning and home after the session, with the same needs
        assert "Pick up: Ada Lovelace" in part
        assert "Drop off: Ada Lovelace" in part
        assert "1 Hill Street" in part
        assert "Wheelchair: use the lift" in part
    assert there.index("1 Hill Street") < there.index("At Northfield day centre")
    assert home.index("At Northfield day centre") < home.index("1 Hill Street")
    assert 'name="viewport"' in page  # laid out for a phone by the base template
    assert _client(worker).get(reverse("dayops:fleet_route", kwargs={"pk": route.pk})).status_code == 403


def services_transport_set(worker, placement):
    from ownway.dayops import services_transport

    services_transport.travel_set(actor=worker, placement=placement, mode="council_fleet", from_date=MONDAY,
                                  pickup_address="1 Hill Street", pickup_postcode="CV1 4AH", pickup_from=dt.time(8),
                                  pickup_until=dt.time(8, 45), wheelchair=True)  # fmt: skip


def test_a_broker_changes_and_retires_a_vehicle_on_its_page(worker, db):
    broker = UserFactory(role=Role.BROKER)
    vehicle = Vehicle.objects.create(registration="AB12CDE", seats=8, wheelchair_spaces=2, depot_name="Whitley",
                                     depot_postcode="CV3 1AA")  # fmt: skip
    client = _client(broker)
    fleet = client.get(reverse("dayops:fleet")).content.decode()
    url = reverse("dayops:vehicle", kwargs={"pk": vehicle.pk})
    assert url in fleet
    page = client.get(url).content.decode()
    assert 'value="8"' in page
    bad = {"action": "change", "seats": "many", "wheelchair_spaces": "2", "depot_name": "Whitley",
           "depot_postcode": "CV3 1AA"}  # fmt: skip
    assert "Enter the number of seats" in client.post(url, bad).content.decode()
    good = bad | {"seats": "12", "wheelchair_spaces": "3"}
    assert client.post(url, good).status_code == 302
    vehicle.refresh_from_db()
    assert (vehicle.seats, vehicle.wheelchair_spaces) == (12, 3)
    # Retiring from a day: a date in the past is refused on the page; a later one leaves it in the fleet till then.
    page = client.post(url, {"action": "retire"} | _date("from_date", TODAY - dt.timedelta(days=1))).content.decode()
    assert "The date to retire it from must be today or later" in page
    assert client.post(url, {"action": "retire"}).status_code == 200  # no date: the form says so, nothing saved
    vehicle.refresh_from_db()
    assert vehicle.retired_from is None
    later = TODAY + dt.timedelta(days=14)
    assert client.post(url, {"action": "retire"} | _date("from_date", later)).status_code == 302
    vehicle.refresh_from_db()
    assert (vehicle.active, vehicle.retired_from) == (True, later)
    assert "It retires from the fleet from" in client.get(url).content.decode()
    assert "AB12CDE" in client.get(reverse("dayops:fleet")).content.decode()
    assert client.post(url, {"action": "retire"} | _date("from_date", TODAY)).status_code == 302
    vehicle.refresh_from_db()
    assert not vehicle.active
    assert "has been retired" in client.get(url).content.decode()
    assert "AB12CDE" not in client.get(reverse("dayops:fleet")).content.decode()
    assert _client(worker).get(url).status_code == 403


def test_a_drivers_run_shows_the_evening_as_its_own_section(worker, person, postcodes):  # noqa: F811
    from ownway.dayops import services_transport

    from .conftest import day_centre

    broker = UserFactory(role=Role.BROKER)
    club = day_centre("Riverside club", capacity=5, evening=True)
    _on_the_map(club, 52.4068, -1.5197)
    evening = services.placement_make(actor=worker, person=person, service=club, days=["MO"], session="evening",
                                      starts_on=MONDAY)  # fmt: skip
    services_transport.vehicle_add(actor=broker, registration="AB12CDE", seats=8, wheelchair_spaces=2,
                                   depot_name="Whitley", depot_postcode="CV3 1AA")  # fmt: skip
    services_transport.travel_set(actor=worker, placement=evening, mode="council_fleet", from_date=MONDAY,
                                  pickup_address="1 Hill Street", pickup_postcode="CV1 4AH",
                                  pickup_from=dt.time(16, 45), pickup_until=dt.time(17, 45))  # fmt: skip
    client = _client(broker)
    response = client.post(reverse("dayops:fleet"), {"action": "plan"} | _date("date", NEXT_MONDAY))
    run_queued()
    assert "Evening: to the services: 1 of 1 passengers" in client.get(response.url).content.decode()
    page = client.get(reverse("dayops:fleet_route", kwargs={"pk": FleetRoute.objects.get().pk})).content.decode()
    assert "No one to take to their day service" in page.split('id="run-to"')[1]
    there, home = page.split('id="run-eve_to"')[1].split('id="run-eve_home"')
    assert "To the evening sessions" in page
    assert "Home from the evening sessions" in page
    assert there.index("1 Hill Street") < there.index("At Riverside club")
    assert home.index("At Riverside club") < home.index("1 Hill Street")
