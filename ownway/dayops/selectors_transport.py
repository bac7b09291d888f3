"""Reading transport records, only as far as the reader may see them; reads of people are audited."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.people.models import Person

from . import events
from .models import (
    Driver,
    FleetPlan,
    FleetRoute,
    FleetStop,
    Placement,
    PlacementStatus,
    PlacementTravel,
    TrainingStatus,
    TravelStatus,
    TravelTrainingGoal,
    Vehicle,
)
from .permissions import DayopsAction, user_can, user_can_for


def travel_for(placement: Placement) -> PlacementTravel | None:
    """How the person travels to this placement now, or None if no one has said. For a page that has already
    opened the person's record (the citizen's own page, a worker's): it checks nothing itself."""
    return travels_for([placement]).get(placement.pk)


def travels_for(placements: list[Placement]) -> dict[int, PlacementTravel]:
    """:func:`travel_for` for many placements at once, by the placement's id, in one query."""
    current = PlacementTravel.objects.filter(placement__in=[p.pk for p in placements], status=TravelStatus.CURRENT)
    return {travel.placement_id: travel for travel in current}


@dataclass
class PlacementTransport:
    placement: Placement
    current: PlacementTravel | None
    history: list[PlacementTravel]
    training: list[TravelTrainingGoal] = field(default_factory=list)

    @property
    def training_now(self) -> TravelTrainingGoal | None:
        return next((t for t in self.training if t.status == TrainingStatus.IN_PROGRESS), None)


def transport_for_person(*, user: User, person: Person) -> list[PlacementTransport]:
    """Each of the person's active placements with its travel now, its history and its travel training, newest
    first. The read is audited; a refusal raises ``PermissionDenied``."""
    if not user_can_for(user, DayopsAction.TRAVEL, person):
        raise PermissionDenied("You cannot see this person's travel")
    placements = list(
        Placement.objects.filter(person=person, status=PlacementStatus.ACTIVE)
        .select_related("service")
        .order_by("-starts_on", "-id")
    )
    travel: dict[int, list[PlacementTravel]] = {}
    for row in PlacementTravel.objects.filter(placement__in=placements).select_related("recorded_by"):
        travel.setdefault(row.placement_id, []).append(row)
    training: dict[int, list[TravelTrainingGoal]] = {}
    goals = TravelTrainingGoal.objects.filter(placement__in=placements).prefetch_related("steps")
    for goal in goals.order_by("-started_on", "-id"):
        training.setdefault(goal.placement_id, []).append(goal)
    with transaction.atomic():
        audit_record(actor=user, action=events.DAY_OPPORTUNITIES_VIEWED, subject=person, person=person)
    result = []
    for p in placements:
        rows = travel.get(p.pk, [])
        current = next((r for r in rows if r.status == TravelStatus.CURRENT), None)
        result.append(PlacementTransport(p, current, rows, training.get(p.pk, [])))
    return result


def training_get(*, person: Person, pk: int) -> TravelTrainingGoal:
    goal = TravelTrainingGoal.objects.filter(pk=pk, placement__person=person).select_related("placement").first()
    if goal is None:
        raise Http404("No such travel training")
    return goal


@dataclass
class Fleet:
    vehicles: list[Vehicle]
    drivers: list[Driver]
    plans: list[FleetPlan]


def fleet_for_user(*, user: User) -> Fleet:
    if not user_can(user, DayopsAction.FLEET):
        raise PermissionDenied("You cannot manage the council fleet")
    return Fleet(
        vehicles=list(
            Vehicle.objects.filter(active=True).filter(
                Q(retired_from__isnull=True) | Q(retired_from__gt=timezone.localdate())
            )
        ),
        drivers=list(Driver.objects.filter(active=True).select_related("vehicle")),
        plans=list(FleetPlan.objects.select_related("job").order_by("-created_at")[:10]),
    )


def vehicle_for_user(*, user: User, pk: int) -> Vehicle:
    """A vehicle of the fleet (retired ones too), for those who manage the fleet."""
    if not user_can(user, DayopsAction.FLEET):
        raise PermissionDenied("You cannot manage the council fleet")
    vehicle = Vehicle.objects.filter(pk=pk).first()
    if vehicle is None:
        raise Http404("No such vehicle")
    return vehicle


def fleet_plan_for_user(*, user: User, pk: int) -> FleetPlan:
    if not user_can(user, DayopsAction.FLEET):
        raise PermissionDenied("You cannot see the fleet's runs")
    plan = FleetPlan.objects.select_related("job").filter(pk=pk).first()
    if plan is None:
        raise Http404("No such plan")
    return plan


def fleet_plan_routes(*, plan: FleetPlan) -> list[FleetRoute]:
    return list(plan.routes.select_related("vehicle", "driver").prefetch_related("stops"))


@dataclass
class DriverStop:
    stop: FleetStop
    travel: PlacementTravel | None

    @property
    def time(self) -> str:
        return f"{self.stop.at_minute // 60:02d}:{self.stop.at_minute % 60:02d}"


def fleet_route_for_user(*, user: User, pk: int) -> tuple[FleetRoute, list[DriverStop]]:
    """A driver's run: its stops in order with who gets on or off, where, and what helps them travel. Each person
    shown is written to the audit trail."""
    if not user_can(user, DayopsAction.FLEET):
        raise PermissionDenied("You cannot see the fleet's runs")
    route = FleetRoute.objects.select_related("vehicle", "driver", "plan").filter(pk=pk).first()
    if route is None:
        raise Http404("No such run")
    stops = list(route.stops.select_related("placement__person", "placement__service").order_by("sequence"))
    latest: dict[int, PlacementTravel] = {}
    for row in PlacementTravel.objects.filter(
        placement__in=[s.placement_id for s in stops], from_date__lte=route.plan.date
    ).order_by("placement_id", "from_date", "id"):
        latest[row.placement_id] = row  # the arrangement in force on the day: the last one from before it
    with transaction.atomic():
        shown = {s.placement_id: s.placement for s in stops}  # each person once, though they go there and back
        audit_shown(actor=user, action=events.FLEET_RUN_VIEWED, shown=[(p, p.person_id) for p in shown.values()])
    return route, [DriverStop(s, latest.get(s.placement_id)) for s in stops]
