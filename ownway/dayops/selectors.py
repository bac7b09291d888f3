"""Reading day-opportunity records, only as far as the reader may see them; reads of people are audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.directory.models import Service
from ownway.directory.permissions import editable_services
from ownway.people.models import Person
from ownway.planning.models import LineKind, PlanLine, PlanStatus

from . import events
from .models import (
    DAY_NAMES,
    Attendance,
    AttendanceStatus,
    Placement,
    PlacementStatus,
    ProgressionReview,
    TierDecision,
    TierDecisionStatus,
    WaitingListEntry,
    WaitingStatus,
)
from .permissions import DayopsAction, people_for, user_can, user_can_for
from .services import places_taken, register_placements


@dataclass
class DayOpportunities:
    """What a person's day-opportunity page shows."""

    current: TierDecision | None
    history: list[TierDecision]
    reviews: dict[int, ProgressionReview]
    placements: list[Placement]
    waiting: list[WaitingListEntry]


def day_opportunities_for_person(*, user: User, person: Person) -> DayOpportunities:
    """A person's tier now and its history, their placements and the waiting lists they are on. The read is
    audited; a refusal raises ``PermissionDenied``."""
    if not user_can_for(user, DayopsAction.VIEW, person):
        raise PermissionDenied("You cannot see this person's day opportunities")
    history = list(TierDecision.objects.filter(person=person).select_related("decided_by"))
    current = next((d for d in history if d.status == TierDecisionStatus.CURRENT), None)
    reviews = {r.result_id: r for r in ProgressionReview.objects.filter(person=person).select_related("reviewed_by")}
    placements = list(
        Placement.objects.filter(person=person).select_related("service", "plan_line").order_by("-starts_on", "-id")
    )
    waiting = list(
        WaitingListEntry.objects.filter(person=person, status=WaitingStatus.WAITING).select_related("service")
    )
    with transaction.atomic():
        audit_record(actor=user, action=events.DAY_OPPORTUNITIES_VIEWED, subject=person, person=person)
    return DayOpportunities(current, history, reviews, placements, waiting)


def day_opportunity_lines(*, person: Person) -> QuerySet[PlanLine]:
    """The day-opportunity lines of the person's approved support plans that have no placement yet (the caller
    has checked the reader may place the person)."""
    return (
        PlanLine.objects.filter(
            version__plan__person=person,
            version__status=PlanStatus.APPROVED,
            kind=LineKind.DAY_OPPORTUNITY,
            day_placement__isnull=True,
        )
        .select_related("version", "directory_service")
        .order_by("version__number", "position", "id")
    )


def reviews_due_for_user(*, user: User, mine: bool, today: dt.date | None = None) -> QuerySet[TierDecision]:
    """People in a tier past its review date, longest overdue first: the worker's own (the people they are named
    worker for) or their team's. Show them through :func:`reviews_due_shown`."""
    if not user_can(user, DayopsAction.REVIEWS_DUE):
        raise PermissionDenied("You cannot see the tier reviews due")
    today = today or timezone.localdate()
    rows = TierDecision.objects.filter(
        status=TierDecisionStatus.CURRENT,
        review_due__lt=today,
        person__in=people_for(user, DayopsAction.REVIEWS_DUE),
    ).exclude(tier="")
    if mine:
        rows = rows.filter(person__named_worker=user)
    return rows.select_related("person", "person__named_worker")


def reviews_due_counts(*, user: User) -> tuple[int, int] | None:
    """How many tier reviews are overdue for the worker and for their team, for the home page (``None`` for who
    has no such worklist)."""
    if not user_can(user, DayopsAction.REVIEWS_DUE):
        return None
    return reviews_due_for_user(user=user, mine=True).count(), reviews_due_for_user(user=user, mine=False).count()


def reviews_due_shown(*, user: User, decisions: list[TierDecision]) -> None:
    """Write each person on a page of the reviews due to the audit trail."""
    with transaction.atomic():
        audit_shown(actor=user, action=events.REVIEWS_DUE_LISTED, shown=[(d, d.person_id) for d in decisions])


@dataclass
class SessionPlaces:
    day: str
    part: str
    capacity: int | None
    taken: int

    @property
    def vacancies(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def day_name(self) -> str:
        return DAY_NAMES[self.day]


@dataclass
class WaitingRow:
    position: int
    entry: WaitingListEntry
    waited_days: int


@dataclass
class ServicePlaces:
    service: Service
    on: dt.date
    sessions: list[SessionPlaces]
    waiting: list[WaitingRow]


def service_places_for_user(*, user: User, pk: str, on: dt.date | None = None) -> ServicePlaces:
    """A day service's places on each open day and part of the day, from ``on`` (today), and its waiting list in
    the order people joined it, with how long each has waited."""
    if not (user_can(user, DayopsAction.VIEW) or user_can(user, DayopsAction.PLACE)):
        raise PermissionDenied("You cannot see day services' places")
    service = Service.objects.filter(pk=pk).first()
    if service is None:
        raise Http404("No such service")
    on = on or timezone.localdate()
    days = service.days.split(",") if service.days else list(DAY_NAMES)
    parts = ["morning", "afternoon"] + (["evening"] if service.has_evening or not service.days else [])
    taken = places_taken(service, starts_on=on, ends_on=on + dt.timedelta(days=6))
    sessions = [SessionPlaces(d, p, service.capacity, taken.get((d, p), 0)) for d in days for p in parts]
    entries = list(
        WaitingListEntry.objects.filter(service=service, status=WaitingStatus.WAITING)
        .select_related("person")
        .order_by("created_at", "id")
    )
    visible = set(people_for(user, DayopsAction.VIEW).filter(pk__in=[e.person_id for e in entries]).values_list(
        "pk", flat=True))  # fmt: skip
    waiting = [
        WaitingRow(position, entry, (on - entry.joined_on).days) for position, entry in enumerate(entries, start=1)
    ]
    with transaction.atomic():
        audit_shown(
            actor=user,
            action=events.SERVICE_PLACES_VIEWED,
            shown=[(row.entry, row.entry.person_id) for row in waiting if row.entry.person_id in visible],
        )
    for row in waiting:
        row.entry.shown_name = row.entry.person.full_name if row.entry.person_id in visible else None  # type: ignore[attr-defined]
    return ServicePlaces(service, on, sessions, waiting)


def placements_active_count(*, service: Service) -> int:
    return Placement.objects.filter(service=service, status=PlacementStatus.ACTIVE).count()


# --- registers and attendance -------------------------------------------------------------------------------


@dataclass
class Rate:
    """Sessions attended of those marked."""

    attended: int
    marked: int

    @property
    def percent(self) -> int | None:
        return None if not self.marked else round(100 * self.attended / self.marked)

    @property
    def text(self) -> str:
        if not self.marked:
            return "No sessions marked yet"
        return f"{self.attended} of {self.marked} sessions ({self.percent}%)"


def attendance_rate(placements: QuerySet[Placement]) -> Rate:
    """The attendance rate of these placements: sessions attended of sessions marked."""
    marks = Attendance.objects.filter(placement__in=placements)
    counts = marks.aggregate(marked=Count("id"), attended=Count("id", filter=Q(status=AttendanceStatus.ATTENDED)))
    return Rate(counts["attended"], counts["marked"])


def attendance_rates_for_person(*, placements: list[Placement]) -> dict[int, Rate]:
    """Each placement's attendance rate (the caller has opened the person's day opportunities)."""
    rows = (
        Attendance.objects.filter(placement__in=[p.pk for p in placements])
        .values("placement_id")
        .annotate(marked=Count("id"), attended=Count("id", filter=Q(status=AttendanceStatus.ATTENDED)))
    )
    rates = {row["placement_id"]: Rate(row["attended"], row["marked"]) for row in rows}
    return {p.pk: rates.get(p.pk, Rate(0, 0)) for p in placements}


@dataclass
class Register:
    service: Service
    date: dt.date
    session: str
    rows: list[tuple[Placement, Attendance | None]]


def service_for_register(*, user: User, pk: str) -> Service:
    """A service whose register the user may mark (a provider: its own organisation's)."""
    service = Service.objects.filter(pk=pk).first()
    if service is None:
        raise Http404("No such service")
    if not user_can_for(user, DayopsAction.MARK_REGISTER, service):
        raise PermissionDenied("You cannot mark this service's register")
    return service


def register_for_user(*, user: User, service: Service, date: dt.date, session: str) -> Register:
    """A service's register for one day and part of the day, with what has been marked. Each person shown is
    written to the audit trail."""
    if not user_can_for(user, DayopsAction.MARK_REGISTER, service):
        raise PermissionDenied("You cannot mark this service's register")
    placements = list(register_placements(service, date=date, session=session))
    marks = {a.placement_id: a for a in Attendance.objects.filter(placement__in=[p.pk for p in placements], date=date)}
    with transaction.atomic():
        audit_shown(actor=user, action=events.REGISTER_VIEWED, shown=[(p, p.person_id) for p in placements])
    return Register(service, date, session, [(p, marks.get(p.pk)) for p in placements])


def register_services_for_user(*, user: User) -> QuerySet[Service]:
    """The services whose registers the user marks: a provider's own with people placed there; for staff, every
    service with active placements."""
    if not user_can(user, DayopsAction.MARK_REGISTER):
        raise PermissionDenied("You cannot mark registers")
    services = Service.objects.all()
    if user.role == Role.PROVIDER:
        services = services.filter(pk__in=editable_services(user).values("pk"))
    placed = Count("day_placements", filter=Q(day_placements__status=PlacementStatus.ACTIVE))
    return services.annotate(placed=placed).filter(placed__gt=0)
