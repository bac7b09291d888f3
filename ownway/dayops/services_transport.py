"""Writing transport records: a placement's travel, travel training, the council fleet and its planned runs.

Each service is one transaction, checks everything before it saves anything and writes its audit event in the same
transaction. A day's runs, to the day services and home, are planned in the background
(``tasks_transport.fleet_plan_day``): :func:`fleet_plan_start` starts the job, :func:`fleet_plan_work` is its
work. The planner and its checker are ``ownway.dayops.rules.fleet``, on the rota optimiser's travel estimate from
coordinates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import format_date
from ownway.core.travel import DETOUR_FACTOR, URBAN_ROAD_SPEED_KMH, travel_matrix_from_coordinates
from ownway.core.workflow import transition
from ownway.directory import geocode
from ownway.directory.models import Schedule, ServiceAtLocation
from ownway.jobs.services import JobContext, job_start
from ownway.people.rules.postcode import check_postcode

from . import events
from .models import (
    DAY_NAMES,
    PICKUP_MODES,
    Driver,
    FleetLeg,
    FleetPlan,
    FleetRoute,
    FleetStop,
    Placement,
    PlacementStatus,
    PlacementTravel,
    SessionPart,
    TrainingStatus,
    TrainingSupport,
    TravelMode,
    TravelStatus,
    TravelTrainingGoal,
    TravelTrainingStep,
    Vehicle,
)
from .permissions import DayopsAction, user_can, user_can_for
from .rules import fleet

#: When a service's day starts and ends if its schedule does not say, and how early the fleet may leave its depot.
DEFAULT_START = dt.time(9, 30)
DEFAULT_END = dt.time(15, 30)
FLEET_FROM = dt.time(7, 0)
#: A schedule opening from this time is a service's evening, not its day; an evening's times if it does not say.
EVENING_FROM = dt.time(17, 0)
DEFAULT_EVENING_START = dt.time(18, 0)
DEFAULT_EVENING_END = dt.time(21, 0)
#: The longest time on board a person may be given: the council's policy (see ``rules.fleet``).
LONGEST_RIDE_LIMIT = 120


def _require_travel(actor: User, placement: Placement) -> None:
    if not user_can_for(actor, DayopsAction.TRAVEL, placement.person):
        raise PermissionDenied("You cannot arrange this person's travel")


def _require_fleet(actor: User) -> None:
    if not user_can(actor, DayopsAction.FLEET):
        raise PermissionDenied("You cannot manage the council fleet")


def travel_current(placement: Placement) -> PlacementTravel | None:
    return PlacementTravel.objects.filter(placement=placement, status=TravelStatus.CURRENT).first()


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def travel_set(
    *,
    actor: User,
    placement: Placement,
    mode: str,
    from_date: dt.date,
    pickup_address: str = "",
    pickup_postcode: str = "",
    wheelchair: bool = False,
    escort: bool = False,
    needs_notes: str = "",
    pickup_from: dt.time | None = None,
    pickup_until: dt.time | None = None,
    return_at: dt.time | None = None,
    max_ride_minutes: int = 60,
    reason: str = "",
) -> PlacementTravel:
    """Record how the person travels to a placement from a date; the arrangement in force becomes history.

    Picked up by the provider or the council fleet, they need an address to be picked up from (with its postcode,
    which the fleet plans by), and a pick-up window whose end is after its start. The council fleet runs to
    daytime and evening sessions alike (the evening as its own shift: :func:`fleet_day_build`). A refusal names
    each thing wrong and saves nothing.
    """
    _require_travel(actor, placement)
    errors: dict[str, list[str]] = {}
    if mode not in TravelMode.values:
        errors["mode"] = ["Choose how they travel"]
    if placement.status != PlacementStatus.ACTIVE:
        errors["mode"] = ["This placement has ended: its travel cannot be changed"]
    current = travel_current(placement)
    if current is not None and from_date < current.from_date:
        errors["from_date"] = [
            f"The date must be on or after the arrangement in force, {format_date(current.from_date)}"
        ]
    postcode = ""
    if mode in PICKUP_MODES:
        who = "the council's fleet" if mode == TravelMode.COUNCIL_FLEET else "the provider"
        if not pickup_address.strip():
            errors["pickup_address"] = [f"Enter the address {who} picks them up from"]
        check = check_postcode(pickup_postcode)
        if not check.valid:
            errors["pickup_postcode"] = [
                f"Enter the postcode {who} picks them up from" if not pickup_postcode.strip() else check.explanation
            ]
        postcode = check.normalised
        if mode == TravelMode.COUNCIL_FLEET and (pickup_from is None or pickup_until is None):
            errors["pickup_from"] = ["Enter the earliest and latest times they can be picked up"]
    if pickup_from is not None and pickup_until is not None and pickup_until < pickup_from:
        errors["pickup_until"] = ["The latest pick-up time must be after the earliest"]
    if not 10 <= max_ride_minutes <= LONGEST_RIDE_LIMIT:
        errors["max_ride_minutes"] = [f"The longest time on board must be between 10 and {LONGEST_RIDE_LIMIT} minutes"]
    if errors:
        raise ValidationError(errors)
    picked_up = mode in PICKUP_MODES
    with transaction.atomic():
        if current is not None:
            transition(current, allowed_from=[TravelStatus.CURRENT], to=TravelStatus.SUPERSEDED,
                       action="change the travel", what="travel arrangement")  # fmt: skip
        try:
            with transaction.atomic():
                travel = PlacementTravel.objects.create(
                    placement=placement,
                    mode=mode,
                    pickup_address=pickup_address.strip() if picked_up else "",
                    pickup_postcode=postcode if picked_up else "",
                    wheelchair=wheelchair,
                    escort=escort,
                    needs_notes=needs_notes.strip(),
                    pickup_from=pickup_from if picked_up else None,
                    pickup_until=pickup_until if picked_up else None,
                    return_at=return_at if picked_up else None,
                    max_ride_minutes=max_ride_minutes,
                    from_date=from_date,
                    reason=reason.strip(),
                    recorded_by=actor,
                )
        except IntegrityError:
            raise ValidationError("Someone else has just changed this travel: nothing has been saved") from None
        audit_record(
            actor=actor,
            action=events.TRAVEL_SET,
            subject=travel,
            person=placement.person,
            old={"mode": current.mode} if current is not None else None,
            new={"mode": mode, "from_date": from_date.isoformat(), "wheelchair": wheelchair, "escort": escort},
        )
    return travel


# --- travel training ------------------------------------------------------------------------------------------


def travel_training_start(*, actor: User, placement: Placement, goal: str, started_on: dt.date) -> TravelTrainingGoal:
    """Start travel training towards travelling to the placement on their own; their travel becomes travel
    training from that day (kept in its history)."""
    _require_travel(actor, placement)
    errors: dict[str, list[str]] = {}
    if not goal.strip():
        errors["goal"] = ["Say what they are learning to do, for example take the 11 bus to the centre"]
    if started_on > timezone.localdate():
        errors["started_on"] = ["The start date must be today or in the past"]
    if TravelTrainingGoal.objects.filter(placement=placement, status=TrainingStatus.IN_PROGRESS).exists():
        errors["goal"] = ["Travel training for this placement is already in progress"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        training = TravelTrainingGoal.objects.create(
            placement=placement, goal=goal.strip(), started_on=started_on, created_by=actor
        )
        current = travel_current(placement)
        if current is None or current.mode != TravelMode.TRAVEL_TRAINING:
            travel_set(actor=actor, placement=placement, mode=TravelMode.TRAVEL_TRAINING,
                       from_date=max(started_on, current.from_date) if current else started_on,
                       reason="Travel training started")  # fmt: skip
        audit_record(actor=actor, action=events.TRAVEL_TRAINING_STARTED, subject=training, person=placement.person,
                     new={"goal": training.goal})  # fmt: skip
    return training


def travel_training_step(
    *, actor: User, training: TravelTrainingGoal, date: dt.date, step: str, support: str
) -> TravelTrainingStep:
    """Record a step of travel training on a date: what they did and how much support they had."""
    placement = training.placement
    _require_travel(actor, placement)
    errors: dict[str, list[str]] = {}
    if training.status != TrainingStatus.IN_PROGRESS:
        errors["step"] = ["This travel training has ended"]
    if not step.strip():
        errors["step"] = ["Say what they did"]
    if support not in TrainingSupport.values:
        errors["support"] = ["Choose how much support they had"]
    if date > timezone.localdate():
        errors["date"] = ["The date must be today or in the past"]
    elif date < training.started_on:
        errors["date"] = [f"The date cannot be before the training started, {format_date(training.started_on)}"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = TravelTrainingStep.objects.create(
            goal=training, date=date, step=step.strip(), support=support, recorded_by=actor
        )
        audit_record(actor=actor, action=events.TRAVEL_TRAINING_STEP, subject=row, person=placement.person,
                     new={"date": date.isoformat(), "support": support})  # fmt: skip
    return row


def travel_training_end(
    *, actor: User, training: TravelTrainingGoal, ended_on: dt.date, achieved: bool
) -> TravelTrainingGoal:
    """End travel training. Achieved, the person travels on their own from ``ended_on``: the placement's travel
    changes to independent (the earlier arrangements stay in its history). Achievement needs at least one step
    done on their own."""
    placement = training.placement
    _require_travel(actor, placement)
    if training.status != TrainingStatus.IN_PROGRESS:
        raise ValidationError("This travel training has already ended")
    if ended_on > timezone.localdate() or ended_on < training.started_on:
        raise ValidationError({"ended_on": ["The date must be between the start of the training and today"]})
    if achieved and not training.steps.filter(support=TrainingSupport.ALONE).exists():
        raise ValidationError("Record a journey they made on their own before saying they travel on their own")
    with transaction.atomic():
        transition(training, allowed_from=[TrainingStatus.IN_PROGRESS],
                   to=TrainingStatus.ACHIEVED if achieved else TrainingStatus.STOPPED,
                   action="end the training", what="travel training")  # fmt: skip
        training.ended_on = ended_on
        training.save(update_fields=["ended_on"])
        if achieved:
            current = travel_current(placement)
            travel_set(actor=actor, placement=placement, mode=TravelMode.INDEPENDENT,
                       from_date=max(ended_on, current.from_date) if current else ended_on,
                       reason="Travel training achieved: travels on their own")  # fmt: skip
        audit_record(actor=actor, action=events.TRAVEL_TRAINING_ENDED, subject=training, person=placement.person,
                     new={"status": training.status, "ended_on": ended_on.isoformat()})  # fmt: skip
    return training


# --- the fleet ------------------------------------------------------------------------------------------------


def vehicle_add(
    *, actor: User, registration: str, seats: int, wheelchair_spaces: int, depot_name: str, depot_postcode: str,
    name: str = "",
) -> Vehicle:  # fmt: skip
    _require_fleet(actor)
    errors: dict[str, list[str]] = {}
    registration = "".join(registration.split()).upper()
    if not registration or not registration.isalnum() or len(registration) > 8:
        errors["registration"] = ["Enter the registration, like AB12CDE"]
    elif Vehicle.objects.filter(registration=registration).exists():
        errors["registration"] = [f"{registration} is already in the fleet"]
    postcode = _vehicle_fields(errors, seats=seats, wheelchair_spaces=wheelchair_spaces, depot_name=depot_name,
                               depot_postcode=depot_postcode)  # fmt: skip
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        vehicle = Vehicle.objects.create(
            registration=registration, name=name.strip(), seats=seats, wheelchair_spaces=wheelchair_spaces,
            depot_name=depot_name.strip(), depot_postcode=postcode,
        )  # fmt: skip
        audit_record(actor=actor, action=events.FLEET_CHANGED, subject=vehicle, new={"vehicle": registration})
    return vehicle


@dataclass(frozen=True)
class VehicleUse:
    """The most a vehicle carries at once on a day's planned runs: seated people and wheelchairs."""

    date: dt.date
    seats: int
    wheelchair_spaces: int


def vehicle_in_use(vehicle: Vehicle, *, from_date: dt.date) -> list[VehicleUse]:
    """The days from ``from_date`` on which the plan in force (the latest finished planning of that day) gives
    the vehicle a run, each with the most seats and wheelchair spaces it uses at once: each passenger as their
    travel on that day says (a wheelchair user in a wheelchair space, an escort in a seat)."""
    latest: dict[dt.date, int] = {}
    for plan_id, date in (
        FleetPlan.objects.filter(date__gte=from_date, outcome__isnull=False).order_by("date", "created_at", "id")
        .values_list("id", "date")
    ):  # fmt: skip
        latest[date] = plan_id
    routes = FleetRoute.objects.filter(plan_id__in=latest.values(), vehicle=vehicle).select_related("plan")
    uses: list[VehicleUse] = []
    for route in routes.order_by("plan__date"):
        stops = list(route.stops.order_by("sequence"))
        needs: dict[int, tuple[int, int]] = {}
        for row in PlacementTravel.objects.filter(
            placement__in={s.placement_id for s in stops}, from_date__lte=route.plan.date
        ).order_by("placement_id", "from_date", "id"):
            needs[row.placement_id] = ((0 if row.wheelchair else 1) + (1 if row.escort else 0), int(row.wheelchair))
        seats = chairs = most_seats = most_chairs = 0
        for stop in stops:
            seat, chair = needs.get(stop.placement_id, (1, 0))
            sign = 1 if stop.kind == "pickup" else -1
            seats, chairs = seats + sign * seat, chairs + sign * chair
            most_seats, most_chairs = max(most_seats, seats), max(most_chairs, chairs)
        uses.append(VehicleUse(route.plan.date, most_seats, most_chairs))
    return uses


def _vehicle_fields(
    errors: dict[str, list[str]], *, seats: int, wheelchair_spaces: int, depot_name: str, depot_postcode: str
) -> str:
    """Check a vehicle's seats, wheelchair spaces and depot into ``errors``; the depot's postcode, normalised."""
    if not 1 <= seats <= 80:
        errors["seats"] = ["Enter the number of seats, from 1 to 80"]
    if not 0 <= wheelchair_spaces <= 10:
        errors["wheelchair_spaces"] = ["Enter the number of wheelchair spaces, from 0 to 10"]
    if not depot_name.strip():
        errors["depot_name"] = ["Enter the depot's name"]
    check = check_postcode(depot_postcode)
    if not check.valid:
        errors["depot_postcode"] = [check.explanation]
    return check.normalised


def vehicle_change(
    *, actor: User, vehicle: Vehicle, seats: int, wheelchair_spaces: int, depot_name: str, depot_postcode: str,
    name: str = "",
) -> Vehicle:  # fmt: skip
    """Change a vehicle's seats, wheelchair spaces, depot or name. A vehicle carrying people on a run planned for
    today or later keeps at least the seats and wheelchair spaces those runs use at once: a refusal names the
    day and what it needs, and saves nothing (plan that day again on the fleet as it will be, then change it)."""
    _require_fleet(actor)
    errors: dict[str, list[str]] = {}
    postcode = _vehicle_fields(errors, seats=seats, wheelchair_spaces=wheelchair_spaces, depot_name=depot_name,
                               depot_postcode=depot_postcode)  # fmt: skip
    with transaction.atomic():
        locked = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
        if vehicle_retired(locked):
            raise ValidationError("This vehicle has been retired: it cannot be changed")
        for use in vehicle_in_use(locked, from_date=timezone.localdate()):
            day = format_date(use.date, weekday=True)
            if seats < use.seats and "seats" not in errors:
                errors["seats"] = [f"The runs planned for {day} seat {use.seats} people in it at once: it needs at "
                                   f"least {use.seats} seats"]  # fmt: skip
            if wheelchair_spaces < use.wheelchair_spaces and "wheelchair_spaces" not in errors:
                errors["wheelchair_spaces"] = [f"The runs planned for {day} carry {use.wheelchair_spaces} wheelchair "
                                               f"users in it at once: it needs at least {use.wheelchair_spaces} "
                                               "wheelchair spaces"]  # fmt: skip
        if errors:
            raise ValidationError(errors)
        old = {"seats": locked.seats, "wheelchair_spaces": locked.wheelchair_spaces, "depot": locked.depot_postcode}
        locked.seats, locked.wheelchair_spaces = seats, wheelchair_spaces
        locked.depot_name, locked.depot_postcode, locked.name = depot_name.strip(), postcode, name.strip()
        locked.save(update_fields=["seats", "wheelchair_spaces", "depot_name", "depot_postcode", "name"])
        audit_record(actor=actor, action=events.FLEET_CHANGED, subject=locked, old=old,
                     new={"seats": seats, "wheelchair_spaces": wheelchair_spaces, "depot": postcode})  # fmt: skip
    return locked


def vehicles_on(date: dt.date) -> QuerySet[Vehicle]:
    """The vehicles in the fleet on ``date``: not retired, or retired from a later day."""
    return Vehicle.objects.filter(active=True).filter(Q(retired_from__isnull=True) | Q(retired_from__gt=date))


def vehicle_retired(vehicle: Vehicle, *, on: dt.date | None = None) -> bool:
    """Whether the vehicle has left the fleet by ``on`` (today if not given)."""
    day = on or timezone.localdate()
    return not vehicle.active or (vehicle.retired_from is not None and vehicle.retired_from <= day)


def vehicle_replan_days(vehicle: Vehicle) -> list[dt.date]:
    """The days from its retirement whose plan in force still gives the vehicle a run: each needs planning again
    (which leaves it out)."""
    if vehicle.retired_from is None:
        return []
    return [use.date for use in vehicle_in_use(vehicle, from_date=vehicle.retired_from)]


def vehicle_retire(*, actor: User, vehicle: Vehicle, from_date: dt.date | None = None) -> Vehicle:
    """Take a vehicle out of the fleet from a day (today if not given, and never in the past): runs planned before
    that day stay as they are; planning that day or any later one leaves it out. From that day its drivers no
    longer usually drive it (at once, if it is today). Days from then whose runs were already planned with it are
    named by :func:`vehicle_replan_days`, to plan again. The date can be brought forward but not put back."""
    _require_fleet(actor)
    today = timezone.localdate()
    day = from_date or today
    if day < today:
        raise ValidationError({"from_date": ["The date to retire it from must be today or later"]})
    with transaction.atomic():
        locked = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
        if vehicle_retired(locked, on=today):
            raise ValidationError("This vehicle has already been retired")
        if locked.retired_from is not None and day > locked.retired_from:
            raise ValidationError({"from_date": [
                f"It is already retiring from {format_date(locked.retired_from, weekday=True)}: choose that day or "
                "an earlier one"
            ]})  # fmt: skip
        old = {"retired_from": locked.retired_from.isoformat() if locked.retired_from else None}
        locked.retired_from = day
        fields = ["retired_from"]
        if day <= today:
            locked.active = False
            fields.append("active")
            Driver.objects.filter(vehicle=locked).update(vehicle=None)
        locked.save(update_fields=fields)
        audit_record(actor=actor, action=events.FLEET_CHANGED, subject=locked, old=old,
                     new={"retired_from": day.isoformat()})  # fmt: skip
    return locked


def driver_add(*, actor: User, name: str, phone: str = "", vehicle: Vehicle | None = None) -> Driver:
    _require_fleet(actor)
    if not name.strip():
        raise ValidationError({"name": ["Enter the driver's name"]})
    with transaction.atomic():
        driver = Driver.objects.create(name=name.strip(), phone=phone.strip(), vehicle=vehicle)
        audit_record(actor=actor, action=events.FLEET_CHANGED, subject=driver, new={"driver": driver.name})
    return driver


def fleet_travellers(date: dt.date) -> QuerySet[PlacementTravel]:
    """The travel arrangements the council fleet carries on ``date``: current ones by the fleet, from that date,
    for active placements running that weekday, daytime and evening sessions alike."""
    code = list(DAY_NAMES)[date.weekday()]
    return (
        PlacementTravel.objects.filter(
            status=TravelStatus.CURRENT,
            mode=TravelMode.COUNCIL_FLEET,
            from_date__lte=date,
            placement__status=PlacementStatus.ACTIVE,
            placement__starts_on__lte=date,
            placement__days__contains=code,
        )
        .filter(Q(placement__ends_on__isnull=True) | Q(placement__ends_on__gte=date))
        .select_related("placement__person", "placement__service")
        .order_by("placement_id")
    )


@dataclass
class FleetDayBuilt:
    day: fleet.FleetDay
    travel: dict[str, PlacementTravel]
    vehicles: dict[str, Vehicle]
    problems: list[str]


def session_times(service_id: Any, date: dt.date, session: str) -> tuple[int, int]:
    """When a placement's part of the day starts and ends at its service on ``date``, in minutes from midnight,
    from the service's schedule for that weekday: a full day from its opening to its closing, a morning to the
    middle of the day and an afternoon from it. Without a schedule the day is :data:`DEFAULT_START` to
    :data:`DEFAULT_END`. An evening is the schedule's sessions opening from :data:`EVENING_FROM`, or
    :data:`DEFAULT_EVENING_START` to :data:`DEFAULT_EVENING_END` without one."""
    code = list(DAY_NAMES)[date.weekday()]
    schedule = Schedule.objects.filter(service_id=service_id, byday__contains=code, opens_at__isnull=False)
    if session == SessionPart.EVENING:
        rows = list(schedule.filter(opens_at__gte=EVENING_FROM).values_list("opens_at", "closes_at"))
        default_start, default_end = DEFAULT_EVENING_START, DEFAULT_EVENING_END
    else:
        rows = list(schedule.filter(opens_at__lt=EVENING_FROM).values_list("opens_at", "closes_at"))
        default_start, default_end = DEFAULT_START, DEFAULT_END
    opens = min((o for o, _ in rows if o is not None), default=default_start)
    closes = max((c for _, c in rows if c is not None and c > opens), default=None)
    start = _minutes(opens)
    end = _minutes(closes) if closes is not None else max(start + 60, _minutes(default_end))
    middle = start + (end - start) // 2
    if session == SessionPart.MORNING:
        return start, middle
    if session == SessionPart.AFTERNOON:
        return middle, end
    return start, end


def fleet_day_build(date: dt.date) -> FleetDayBuilt:
    """The day's journeys and vehicles (those in the fleet that day: :func:`vehicles_on`) as the planner's
    :class:`~.rules.fleet.FleetDay`: each passenger's way to
    their service (arriving by their session's start) and home (picked up from its end, or from the time agreed
    for them to be taken home if later), homes and depots from their postcodes, services from their directory
    location, session times from its schedule (:func:`session_times`). A journey's id is the travel
    arrangement's, with ``:to`` or ``:home``. Journeys to and from an evening session are marked as the evening's
    (the planner plans them as a shift of their own). What cannot be placed on the map is listed in ``problems``
    and left out."""
    points: list[tuple[float, float]] = []
    problems: list[str] = []

    def place(lat: float, lon: float) -> int:
        points.append((lat, lon))
        return len(points) - 1

    vehicles: dict[str, Vehicle] = {}
    fleet_vehicles = []
    for vehicle in vehicles_on(date).order_by("registration"):
        point = geocode.locate(vehicle.depot_postcode)
        if point is None:
            problems.append(f"{vehicle.registration}: its depot postcode {vehicle.depot_postcode} is not known")
            continue
        vehicles[str(vehicle.pk)] = vehicle
        fleet_vehicles.append(fleet.Vehicle(
            id=str(vehicle.pk), seats=vehicle.seats, wheelchair_spaces=vehicle.wheelchair_spaces,
            depot=place(point.latitude, point.longitude), available_from=_minutes(FLEET_FROM),
        ))  # fmt: skip
    services: dict[Any, int] = {}
    travel: dict[str, PlacementTravel] = {}
    passengers = []
    for row in fleet_travellers(date):
        placement = row.placement
        service_id = placement.service_id
        if service_id not in services:
            venue = (
                ServiceAtLocation.objects.filter(service_id=service_id, latitude__isnull=False)
                .order_by("id")
                .values_list("latitude", "longitude")
                .first()
            )
            if venue is None or venue[0] is None or venue[1] is None:
                problems.append(f"{placement.service.name}: the directory does not say where it is")
                services[service_id] = -1
            else:
                services[service_id] = place(float(venue[0]), float(venue[1]))
        where = services[service_id]
        if where < 0:
            continue
        start, end = session_times(service_id, date, placement.session)
        home = geocode.locate(row.pickup_postcode)
        if home is None:
            problems.append(f"{placement.person.full_name}: the pick-up postcode {row.pickup_postcode} is not known")
            continue
        earliest = _minutes(row.pickup_from) if row.pickup_from else start - 90
        latest = _minutes(row.pickup_until) if row.pickup_until else start - 10
        if latest < earliest:
            earliest = latest
        travel[str(row.pk)] = row
        going = fleet.Passenger(
            id=f"{row.pk}:to", pickup=place(home.latitude, home.longitude), destination=where, earliest=earliest,
            latest=latest, arrive_by=start, max_ride=row.max_ride_minutes, wheelchair=row.wheelchair,
            escort=row.escort, board=5.0 if row.wheelchair else 2.0, alight=3.0 if row.wheelchair else 1.0,
            evening=placement.session == SessionPart.EVENING,
        )  # fmt: skip
        ready = _minutes(row.return_at) if row.return_at else None
        passengers += [going, fleet.journey_home(going, ends=end, ready=ready)]
    if not points:
        points.append((0.0, 0.0))
    day = fleet.FleetDay(
        name=f"Fleet {date.isoformat()}",
        passengers=tuple(passengers),
        vehicles=tuple(fleet_vehicles),
        travel=travel_matrix_from_coordinates(points, speed_kmh=URBAN_ROAD_SPEED_KMH, detour_factor=DETOUR_FACTOR),
    )
    return FleetDayBuilt(day=day, travel=travel, vehicles=vehicles, problems=problems)


def fleet_plan_start(*, actor: User, date: dt.date) -> FleetPlan:
    """Start planning a day's runs in the background; its page shows how far it has got, then the runs."""
    from .tasks_transport import fleet_plan_day

    _require_fleet(actor)
    if not Vehicle.objects.filter(active=True).exists():
        raise ValidationError({"date": ["Add a vehicle to the fleet before planning its runs"]})
    if not vehicles_on(date).exists():
        raise ValidationError({"date": [f"Every vehicle has been retired by {format_date(date, weekday=True)}"]})
    if not fleet_travellers(date).exists():
        raise ValidationError({"date": [f"No one travels by the council fleet on {format_date(date, weekday=True)}"]})
    with transaction.atomic():
        job = job_start(fleet_plan_day, label=f"Fleet runs for {format_date(date, weekday=True)}",
                        arguments={"date": date.isoformat()}, requested_by=actor)  # fmt: skip
        plan = FleetPlan.objects.create(job=job, date=date, requested_by=actor)
        audit_record(actor=actor, action=events.FLEET_PLAN_STARTED, subject=plan, new={"date": date.isoformat()})
    return plan


def fleet_plan_work(context: JobContext) -> dict[str, Any]:
    """The job: build the day, plan it, check every run independently of the planner, save the runs once."""
    plan = FleetPlan.objects.get(job_id=context.job.pk)
    if plan.outcome is not None:
        return dict(plan.outcome)
    built = fleet_day_build(plan.date)
    context.report(passengers=len(built.travel), journeys=len(built.day.passengers), vehicles=len(built.day.vehicles),
                   placed=0, seconds=0)  # fmt: skip

    def progress(p: fleet.Progress) -> None:
        context.report(placed=p.placed, seconds=round(p.seconds))

    whole = fleet.plan_day(built.day, time_limit=settings.OWNWAY_DAYOPS_FLEET_SECONDS, progress=progress,
                           should_stop=context.cancelled)  # fmt: skip
    context.stop_if_cancelled()
    report = fleet.check_day(built.day, whole)
    return fleet_plan_apply(plan, built, whole, report)


def _journey(built: FleetDayBuilt, passenger: str) -> tuple[PlacementTravel, str]:
    """The travel arrangement and the way (to the service, or home) of a journey's id, ``<travel>:<leg>``."""
    travel, _, leg = passenger.rpartition(":")
    return built.travel[travel], leg


def _way(built: FleetDayBuilt, passenger: str) -> str:
    """Which way a journey goes, in words: to the day services or home, or to or from the evening sessions."""
    travel, leg = _journey(built, passenger)
    if travel.placement.session == SessionPart.EVENING:
        leg = FleetLeg.EVENING_TO if leg == FleetLeg.TO_SERVICE else FleetLeg.EVENING_HOME
    return str(dict(FleetLeg.choices).get(leg, ""))


def fleet_plan_apply(
    plan: FleetPlan, built: FleetDayBuilt, whole: fleet.WholeDay, report: fleet.CheckResult
) -> dict[str, Any]:
    """Save a plan's runs and what the checker found, once, in one transaction: one route a vehicle, its stops to
    the day services, then home, then (if it makes them) the evening's runs there and home, in order."""
    drivers = {d.vehicle_id: d for d in Driver.objects.filter(active=True, vehicle__isnull=False).order_by("-id")}
    driving: dict[str, float] = {}
    for figure in report.runs:
        driving[figure.vehicle] = driving.get(figure.vehicle, 0.0) + figure.drive_minutes
    days: dict[str, list[tuple[str, fleet.Run]]] = {}
    shifts = [(FleetLeg.TO_SERVICE, whole.going.runs), (FleetLeg.HOME, whole.returning.runs)]
    if whole.evening is not None:
        shifts += [
            (FleetLeg.EVENING_TO, whole.evening.going.runs),
            (FleetLeg.EVENING_HOME, whole.evening.returning.runs),
        ]
    for leg, planned in shifts:
        for run in planned:
            days.setdefault(run.vehicle, []).append((leg, run))
    unplaced = whole.unplaced
    with transaction.atomic():
        locked = FleetPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.outcome is not None:
            return dict(locked.outcome)
        for vehicle_id, runs in days.items():
            vehicle = built.vehicles[vehicle_id]
            route = FleetRoute.objects.create(
                plan=locked, vehicle=vehicle, driver=drivers.get(vehicle.pk), leaves_minute=round(runs[0][1].leaves),
                drive_minutes=round(driving.get(vehicle_id, 0)),
            )  # fmt: skip
            stops = [(leg, stop) for leg, run in runs for stop in run.stops]
            FleetStop.objects.bulk_create(
                FleetStop(
                    route=route,
                    sequence=n,
                    kind=stop.kind,
                    leg=leg,
                    at_minute=round(stop.at),
                    placement=_journey(built, stop.passenger)[0].placement,
                )
                for n, (leg, stop) in enumerate(stops)
            )
        outcome = {
            "passengers": len(built.travel),
            "journeys": len(built.day.passengers),
            "placed": len(built.day.passengers) - len(unplaced),
            "runs": len(days),
            "feasible": report.feasible,
            "violations": list(report.violations),
            "unplaced": [
                {
                    "person": _journey(built, k)[0].placement.person.full_name,
                    "way": _way(built, k),
                    "reason": reason,
                }
                for k, reason in unplaced.items()
            ],
            "problems": built.problems,
            "explanation": whole.explanation + " " + report.explanation,
        }
        locked.outcome = outcome
        locked.save(update_fields=["outcome"])
    return outcome
