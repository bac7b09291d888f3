"""A placement's travel with its history, travel training ending in independent travel, and a fleet day planned
in the background from the records."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.core.dates import format_date
from ownway.dayops import selectors_transport, services, services_transport
from ownway.dayops.models import (
    FleetPlan,
    FleetStop,
    PlacementTravel,
    TravelMode,
    TravelStatus,
)
from ownway.directory.models import Location, Postcode, ServiceAtLocation
from ownway.jobs.worker import run_queued
from ownway.people.tests.factories import PersonFactory

from ..conftest import day_centre

TODAY = timezone.localdate()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())
NEXT_MONDAY = MONDAY + dt.timedelta(days=7)


@pytest.fixture(autouse=True)
def quick_planner(settings):
    settings.OWNWAY_DAYOPS_FLEET_SECONDS = 1.0


@pytest.fixture
def placement(worker, person, centre):
    return services.placement_make(
        actor=worker, person=person, service=centre, days=["MO", "WE"], session="full_day", starts_on=MONDAY
    )


def _fleet(worker, placement, **extra):
    fields = {
        "mode": TravelMode.COUNCIL_FLEET,
        "from_date": MONDAY,
        "pickup_address": "1 Hill Street, Coventry",
        "pickup_postcode": "cv1 4ah",
        "pickup_from": dt.time(8),
        "pickup_until": dt.time(8, 45),
    }
    return services_transport.travel_set(actor=worker, placement=placement, **(fields | extra))


def test_travel_by_the_fleet_needs_an_address_and_nothing_is_half_saved(worker, placement):
    with pytest.raises(ValidationError) as error:
        _fleet(worker, placement, pickup_address="  ", pickup_postcode="")
    assert error.value.message_dict == {
        "pickup_address": ["Enter the address the council's fleet picks them up from"],
        "pickup_postcode": ["Enter the postcode the council's fleet picks them up from"],
    }
    with pytest.raises(ValidationError) as error:
        services_transport.travel_set(actor=worker, placement=placement, mode=TravelMode.PROVIDER, from_date=MONDAY)
    assert error.value.message_dict["pickup_address"] == ["Enter the address the provider picks them up from"]
    assert not PlacementTravel.objects.exists()


def test_a_change_of_travel_keeps_the_history(worker, placement):
    first = services_transport.travel_set(actor=worker, placement=placement, mode=TravelMode.FAMILY, from_date=MONDAY)
    second = _fleet(worker, placement, wheelchair=True, escort=True, from_date=MONDAY + dt.timedelta(days=2))
    first.refresh_from_db()
    assert first.status == TravelStatus.SUPERSEDED
    assert selectors_transport.travel_for(placement) == second
    assert second.pickup_postcode == "CV1 4AH"
    assert (second.wheelchair, second.escort) == (True, True)
    with pytest.raises(ValidationError) as error:
        services_transport.travel_set(actor=worker, placement=placement, mode=TravelMode.FAMILY, from_date=MONDAY)
    assert "on or after the arrangement in force" in error.value.message_dict["from_date"][0]


def test_only_those_who_may_place_the_person_arrange_their_travel(placement):
    stranger = UserFactory(role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        services_transport.travel_set(actor=stranger, placement=placement, mode="family", from_date=MONDAY)


def test_travel_training_ends_in_independent_travel(worker, placement):
    services_transport.travel_set(actor=worker, placement=placement, mode=TravelMode.FAMILY, from_date=MONDAY)
    training = services_transport.travel_training_start(
        actor=worker, placement=placement, goal="Take the 11 bus to the centre", started_on=MONDAY
    )
    assert selectors_transport.travel_for(placement).mode == TravelMode.TRAVEL_TRAINING
    services_transport.travel_training_step(
        actor=worker, training=training, date=MONDAY, step="Bus with trainer", support="alongside"
    )
    with pytest.raises(ValidationError, match="Record a journey they made on their own"):
        services_transport.travel_training_end(actor=worker, training=training, ended_on=MONDAY, achieved=True)
    services_transport.travel_training_step(
        actor=worker, training=training, date=MONDAY, step="Bus on her own", support="alone"
    )
    services_transport.travel_training_end(actor=worker, training=training, ended_on=MONDAY, achieved=True)
    modes = list(PlacementTravel.objects.filter(placement=placement).order_by("id").values_list("mode", "status"))
    assert modes == [("family", "superseded"), ("travel_training", "superseded"), ("independent", "current")]
    with pytest.raises(ValidationError, match="already ended"):
        services_transport.travel_training_end(actor=worker, training=training, ended_on=MONDAY, achieved=False)


def _on_the_map(service, lat, lon):
    location = Location.objects.create(name=service.name, latitude=lat, longitude=lon, postcode="CV1 5FB")
    ServiceAtLocation.objects.create(service=service, location=location, latitude=lat, longitude=lon)


@pytest.fixture
def postcodes(db):
    for code, lat, lon in (
        ("CV1 4AH", 52.4100, -1.5100),
        ("CV2 1AA", 52.4200, -1.4900),
        ("CV3 1AA", 52.3900, -1.5300),
    ):
        Postcode.objects.create(postcode=code, latitude=lat, longitude=lon, source="test")


def test_a_fleet_day_planned_in_the_background(worker, team, postcodes):
    broker = UserFactory(role=Role.BROKER)
    centre = day_centre("Riverside", capacity=10, days="MO,TU,WE,TH,FR")
    _on_the_map(centre, 52.4068, -1.5197)
    services_transport.vehicle_add(actor=broker, registration="ab12 cde", seats=8, wheelchair_spaces=1,
                                   depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
    vehicle = services_transport.vehicle_add(actor=broker, registration="XY12ZZZ", seats=8, wheelchair_spaces=1,
                                             depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
    services_transport.driver_add(actor=broker, name="Sam Driver", phone="07700 900000", vehicle=vehicle)
    people = []
    for k, code in enumerate(("CV1 4AH", "CV2 1AA", "CV2 1AA")):
        person = PersonFactory(team=team, named_worker=worker)
        placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO"],
                                            session="full_day", starts_on=MONDAY)  # fmt: skip
        _fleet(worker, placement, pickup_postcode=code, wheelchair=k == 2, escort=k == 1)
        people.append(person)
    with pytest.raises(ValidationError, match="No one travels by the council fleet"):
        services_transport.fleet_plan_start(actor=broker, date=NEXT_MONDAY + dt.timedelta(days=1))
    plan = services_transport.fleet_plan_start(actor=broker, date=NEXT_MONDAY)
    run_queued()
    plan.refresh_from_db()
    assert plan.outcome["placed"] == 6, plan.outcome  # three people, there and home
    assert plan.outcome["feasible"] is True
    stops = FleetStop.objects.filter(route__plan=plan)
    assert stops.filter(kind="pickup", leg="to").count() == 3
    assert stops.filter(kind="pickup", leg="home").count() == 3
    assert all(stop.at_minute <= 9 * 60 for stop in stops.filter(leg="to"))  # the centre opens at 9
    assert all(stop.at_minute >= 16 * 60 for stop in stops.filter(leg="home"))  # and closes at 4
    # Each vehicle's run takes its passengers there first, then home.
    for route in plan.routes.all():
        legs = list(route.stops.order_by("sequence").values_list("leg", flat=True))
        assert legs == sorted(legs, key=["to", "home"].index)


def test_the_way_home_follows_each_persons_session_and_agreed_time(worker, team, postcodes):
    """A morning place ends in the middle of the centre's day (9 to 4: 12:30), an afternoon one starts then; a
    time agreed for someone to be taken home is when they are collected from."""
    broker = UserFactory(role=Role.BROKER)
    centre = day_centre("Riverside", capacity=10, days="MO,TU,WE,TH,FR")
    _on_the_map(centre, 52.4068, -1.5197)
    assert services_transport.session_times(centre.pk, NEXT_MONDAY, "morning") == (540, 750)
    assert services_transport.session_times(centre.pk, NEXT_MONDAY, "afternoon") == (750, 960)
    assert services_transport.session_times(centre.pk, NEXT_MONDAY, "full_day") == (540, 960)
    services_transport.vehicle_add(actor=broker, registration="AB12CDE", seats=8, wheelchair_spaces=1,
                                   depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
    sessions = {}
    for session, extra in (("morning", {}), ("afternoon", {"pickup_from": dt.time(11), "pickup_until": dt.time(12)}),
                           ("full_day", {"return_at": dt.time(14)})):  # fmt: skip
        person = PersonFactory(team=team, named_worker=worker)
        placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO"],
                                            session=session, starts_on=MONDAY)  # fmt: skip
        _fleet(worker, placement, pickup_postcode="CV2 1AA", **extra)
        sessions[placement.pk] = session
    built = services_transport.fleet_day_build(NEXT_MONDAY)
    journeys = {p.id: p for p in built.day.passengers}
    by_session = {sessions[t.placement_id]: pk for pk, t in built.travel.items()}
    assert journeys[f"{by_session['morning']}:to"].arrive_by == 540
    assert journeys[f"{by_session['morning']}:home"].earliest == 750
    assert journeys[f"{by_session['afternoon']}:to"].arrive_by == 750
    assert journeys[f"{by_session['afternoon']}:home"].earliest == 960
    assert journeys[f"{by_session['full_day']}:home"].earliest == 14 * 60
    home = journeys[f"{by_session['morning']}:home"]
    assert (home.pickup, home.destination) == (journeys[f"{by_session['morning']}:to"].destination,
                                               journeys[f"{by_session['morning']}:to"].pickup)  # fmt: skip
    plan = services_transport.fleet_plan_start(actor=broker, date=NEXT_MONDAY)
    run_queued()
    plan.refresh_from_db()
    assert plan.outcome["placed"] == 6, plan.outcome
    assert plan.outcome["feasible"] is True, plan.outcome["violations"]


def test_only_brokers_and_administrators_run_the_fleet(worker):
    with pytest.raises(PermissionDenied):
        services_transport.vehicle_add(actor=worker, registration="AB12CDE", seats=8, wheelchair_spaces=1,
                                       depot_name="Depot", depot_postcode="CV3 1AA")  # fmt: skip
    assert not FleetPlan.objects.exists()


def test_more_wheelchair_users_than_the_fleet_has_spaces_is_reported(worker, team, postcodes):
    broker = UserFactory(role=Role.BROKER)
    centre = day_centre("Riverside", capacity=10, days="MO,TU,WE,TH,FR")
    _on_the_map(centre, 52.4068, -1.5197)
    services_transport.vehicle_add(actor=broker, registration="AB12CDE", seats=8, wheelchair_spaces=1,
                                   depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
    for code in ("CV1 4AH", "CV2 1AA"):
        person = PersonFactory(team=team, named_worker=worker)
        placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO"],
                                            session="full_day", starts_on=MONDAY)  # fmt: skip
        _fleet(worker, placement, pickup_postcode=code, wheelchair=True, pickup_from=dt.time(8, 40))
    plan = services_transport.fleet_plan_start(actor=broker, date=NEXT_MONDAY)
    run_queued()
    plan.refresh_from_db()
    # One wheelchair space: one of them is taken there (both must arrive by 9); home, with time after 4 to
    # collect from the centre, the vehicle takes one and comes back for the other.
    assert plan.outcome["placed"] == 3, plan.outcome
    (left,) = plan.outcome["unplaced"]
    assert left["way"] == "To the day services"
    assert left["reason"].startswith("2 passengers travel in a wheelchair but the fleet has 1 wheelchair space")
    assert plan.outcome["feasible"] is True


def test_a_vehicle_changed_and_retired_keeps_the_room_its_planned_runs_use(worker, team, postcodes):
    broker = UserFactory(role=Role.BROKER)
    centre = day_centre("Riverside", capacity=10, days="MO,TU,WE,TH,FR")
    _on_the_map(centre, 52.4068, -1.5197)
    vehicle = services_transport.vehicle_add(actor=broker, registration="AB12CDE", seats=8, wheelchair_spaces=2,
                                             depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
    services_transport.driver_add(actor=broker, name="Sam Driver", vehicle=vehicle)
    # Not in use yet: anything within bounds, with the bounds checked and nothing half-saved.
    with pytest.raises(ValidationError) as refused:
        services_transport.vehicle_change(actor=broker, vehicle=vehicle, seats=0, wheelchair_spaces=11,
                                          depot_name=" ", depot_postcode="nowhere")  # fmt: skip
    assert set(refused.value.message_dict) == {"seats", "wheelchair_spaces", "depot_name", "depot_postcode"}
    vehicle.refresh_from_db()
    assert (vehicle.seats, vehicle.wheelchair_spaces) == (8, 2)
    services_transport.vehicle_change(actor=broker, vehicle=vehicle, seats=10, wheelchair_spaces=2,
                                      depot_name="Canal depot", depot_postcode="cv2 1aa", name="Blue bus")  # fmt: skip
    vehicle.refresh_from_db()
    assert (vehicle.seats, vehicle.depot_name, vehicle.depot_postcode, vehicle.name) == (10, "Canal depot", "CV2 1AA",
                                                                                        "Blue bus")  # fmt: skip
    # Two people on Monday's runs, one in a wheelchair and one with an escort: three seats' worth at most.
    for k, code in enumerate(("CV1 4AH", "CV2 1AA")):
        person = PersonFactory(team=team, named_worker=worker)
        placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO"],
                                            session="full_day", starts_on=MONDAY)  # fmt: skip
        _fleet(worker, placement, pickup_postcode=code, wheelchair=k == 0, escort=k == 1)
    services_transport.fleet_plan_start(actor=broker, date=NEXT_MONDAY)
    run_queued()
    (use,) = services_transport.vehicle_in_use(vehicle, from_date=TODAY)
    assert (use.date, use.seats, use.wheelchair_spaces) == (NEXT_MONDAY, 2, 1)
    with pytest.raises(ValidationError) as refused:
        services_transport.vehicle_change(actor=broker, vehicle=vehicle, seats=1, wheelchair_spaces=0,
                                          depot_name="Canal depot", depot_postcode="CV2 1AA")  # fmt: skip
    assert refused.value.message_dict["seats"] == [
        f"The runs planned for {format_date(NEXT_MONDAY, weekday=True)} seat 2 people in it at once: it needs at least "
        "2 seats"
    ]
    assert "wheelchair spaces" in refused.value.message_dict["wheelchair_spaces"][0]
    services_transport.vehicle_change(actor=broker, vehicle=vehicle, seats=2, wheelchair_spaces=1,
                                      depot_name="Canal depot", depot_postcode="CV2 1AA")  # fmt: skip
    # Retired from today, it is no longer planned and its driver no longer drives it.
    assert not services_transport.vehicle_in_use(vehicle, from_date=NEXT_MONDAY + dt.timedelta(days=1))
    FleetPlan.objects.update(date=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        services_transport.vehicle_retire(actor=broker, vehicle=vehicle, from_date=TODAY - dt.timedelta(days=1))
    assert refused.value.message_dict == {"from_date": ["The date to retire it from must be today or later"]}
    services_transport.vehicle_retire(actor=broker, vehicle=vehicle)
    vehicle.refresh_from_db()
    assert not vehicle.active
    assert not vehicle.drivers.exists()
    with pytest.raises(ValidationError, match="Add a vehicle"):
        services_transport.fleet_plan_start(actor=broker, date=NEXT_MONDAY)
    with pytest.raises(PermissionDenied):
        services_transport.vehicle_change(actor=worker, vehicle=vehicle, seats=2, wheelchair_spaces=1,
                                          depot_name="Canal depot", depot_postcode="CV2 1AA")  # fmt: skip


def test_an_evening_session_travels_by_the_fleet_as_the_evenings_own_runs(worker, team, postcodes):
    """Worked example: one minibus; Ann goes to Riverside for the day (9 to 4), Ben to its evening club (6 to 9) on
    Mondays. The minibus takes Ann there and home, then, free after that, Ben there by 18:00 and home from 21:00;
    the driver's run shows the evening as its own section."""
    broker = UserFactory(role=Role.BROKER)
    centre = day_centre("Riverside", capacity=10, days="MO,TU,WE,TH,FR", evening=True)
    _on_the_map(centre, 52.4068, -1.5197)
    assert services_transport.session_times(centre.pk, NEXT_MONDAY, "evening") == (18 * 60, 21 * 60)
    assert services_transport.session_times(centre.pk, NEXT_MONDAY, "full_day") == (9 * 60, 16 * 60)
    vehicle = services_transport.vehicle_add(actor=broker, registration="AB12CDE", seats=8, wheelchair_spaces=1,
                                             depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
    services_transport.driver_add(actor=broker, name="Sam Driver", vehicle=vehicle)
    ann, ben = PersonFactory(team=team, named_worker=worker), PersonFactory(team=team, named_worker=worker)
    day = services.placement_make(actor=worker, person=ann, service=centre, days=["MO"], session="full_day",
                                  starts_on=MONDAY)  # fmt: skip
    evening = services.placement_make(actor=worker, person=ben, service=centre, days=["MO"], session="evening",
                                      starts_on=MONDAY)  # fmt: skip
    _fleet(worker, day, pickup_postcode="CV1 4AH")
    travel = _fleet(worker, evening, pickup_postcode="CV2 1AA", pickup_from=dt.time(16, 45),
                    pickup_until=dt.time(17, 45))  # fmt: skip
    assert travel.mode == TravelMode.COUNCIL_FLEET  # no longer refused
    assert set(services_transport.fleet_travellers(NEXT_MONDAY)) == {travel, selectors_transport.travel_for(day)}
    built = services_transport.fleet_day_build(NEXT_MONDAY)
    assert {p.id: p.evening for p in built.day.passengers} == {
        f"{travel.pk - 1}:to": False,
        f"{travel.pk - 1}:home": False,
        f"{travel.pk}:to": True,
        f"{travel.pk}:home": True,
    }
    plan = services_transport.fleet_plan_start(actor=broker, date=NEXT_MONDAY)
    run_queued()
    plan.refresh_from_db()
    assert plan.outcome["placed"] == 4, plan.outcome
    assert plan.outcome["feasible"] is True, plan.outcome["violations"]
    assert "Evening: to the services: 1 of 1 passengers" in plan.outcome["explanation"]
    (route,) = plan.routes.all()
    stops = list(route.stops.order_by("sequence"))
    assert [(s.leg, s.kind, s.placement_id) for s in stops] == [
        ("to", "pickup", day.pk), ("to", "drop", day.pk), ("home", "pickup", day.pk), ("home", "drop", day.pk),
        ("eve_to", "pickup", evening.pk), ("eve_to", "drop", evening.pk),
        ("eve_home", "pickup", evening.pk), ("eve_home", "drop", evening.pk),
    ]  # fmt: skip
    assert 16 * 60 + 45 <= stops[4].at_minute <= 17 * 60 + 45
    assert stops[5].at_minute <= 18 * 60
    assert stops[6].at_minute >= 21 * 60
    # The planner's checker judged the evening too, and the vehicle is in use that day for its evening runs.
    assert services_transport.vehicle_in_use(vehicle, from_date=NEXT_MONDAY)[0].seats == 1


def test_a_vehicle_retired_from_a_date_keeps_its_runs_before_it_and_is_left_out_from_it(worker, team, postcodes):
    """Worked example: Monday's and the Monday after's runs are planned with the one minibus, AB12CDE; a second,
    XY12ZZZ, joins the fleet, and AB12CDE retires from the Monday after: this Monday's runs keep it; the Monday
    after is named to plan again, and planned again it is left out; it is still in the fleet (and can be changed)
    until then."""
    broker = UserFactory(role=Role.BROKER)
    centre = day_centre("Riverside", capacity=10, days="MO,TU,WE,TH,FR")
    _on_the_map(centre, 52.4068, -1.5197)
    old = services_transport.vehicle_add(actor=broker, registration="AB12CDE", seats=8, wheelchair_spaces=1,
                                         depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
    services_transport.driver_add(actor=broker, name="Sam Driver", vehicle=old)
    for code in ("CV1 4AH", "CV2 1AA"):
        person = PersonFactory(team=team, named_worker=worker)
        placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO"],
                                            session="full_day", starts_on=MONDAY)  # fmt: skip
        _fleet(worker, placement, pickup_postcode=code)
    later = NEXT_MONDAY + dt.timedelta(days=7)
    for date in (NEXT_MONDAY, later):
        services_transport.fleet_plan_start(actor=broker, date=date)
    run_queued()
    assert [u.date for u in services_transport.vehicle_in_use(old, from_date=TODAY)] == [NEXT_MONDAY, later]
    for plan in FleetPlan.objects.all():
        assert plan.outcome["feasible"] is True, plan.outcome
    new = services_transport.vehicle_add(actor=broker, registration="XY12ZZZ", seats=8, wheelchair_spaces=1,
                                         depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
    assert services_transport.vehicle_retire(actor=broker, vehicle=old, from_date=later).retired_from == later
    old.refresh_from_db()
    assert old.active
    assert not services_transport.vehicle_retired(old)
    assert services_transport.vehicle_retired(old, on=later)
    assert list(services_transport.vehicles_on(NEXT_MONDAY)) == [old, new]
    assert list(services_transport.vehicles_on(later)) == [new]
    assert old.drivers.exists()  # until the day comes
    assert services_transport.vehicle_replan_days(old) == [later]
    # Planned again from the day it retires, it is left out; the runs before it stay.
    before = {p.date: set(p.routes.values_list("vehicle__registration", flat=True)) for p in FleetPlan.objects.all()}
    services_transport.fleet_plan_start(actor=broker, date=later)
    run_queued()
    assert {v.id for v in services_transport.fleet_day_build(later).day.vehicles} == {str(new.pk)}
    assert services_transport.vehicle_replan_days(old) == []
    latest = FleetPlan.objects.filter(date=later).order_by("-created_at", "-id").first()
    assert set(latest.routes.values_list("vehicle__registration", flat=True)) == {"XY12ZZZ"}
    assert latest.outcome["placed"] == 4
    kept = FleetPlan.objects.filter(date=NEXT_MONDAY).get().routes.values_list("vehicle__registration", flat=True)
    assert set(kept) == before[NEXT_MONDAY] == {"AB12CDE"}
    # The date can be brought forward, not put back; once it has come the vehicle cannot be changed.
    with pytest.raises(ValidationError, match="already retiring from"):
        services_transport.vehicle_retire(actor=broker, vehicle=old, from_date=later + dt.timedelta(days=1))
    services_transport.vehicle_change(actor=broker, vehicle=old, seats=2, wheelchair_spaces=0,
                                      depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
    services_transport.vehicle_retire(actor=broker, vehicle=old, from_date=TODAY)
    old.refresh_from_db()
    assert not old.active
    assert not old.drivers.exists()
    with pytest.raises(ValidationError, match="already been retired"):
        services_transport.vehicle_retire(actor=broker, vehicle=old, from_date=later)
    with pytest.raises(ValidationError, match="has been retired"):
        services_transport.vehicle_change(actor=broker, vehicle=old, seats=2, wheelchair_spaces=0,
                                          depot_name="Whitley depot", depot_postcode="CV3 1AA")  # fmt: skip
