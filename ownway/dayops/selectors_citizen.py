"""What the person sees of their own day opportunities, what a carer sees with consent, and the worker's list of
requests to change days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.people.consent import consents_standing
from ownway.people.models import CaringRelationship, Person

from . import events
from .models import (
    DAY_NAMES,
    SLOTS,
    ChangeRequestStatus,
    DayChangeRequest,
    Placement,
    PlacementStatus,
    WaitingListEntry,
    WaitingStatus,
)
from .permissions import DayopsAction, people_for, user_can, user_can_for
from .selectors_outcomes import GoalWithProgress, goals_with_progress
from .selectors_transport import travels_for

if TYPE_CHECKING:
    from ownway.carers.models import CarerConsent

# --- Travel and charges, for the person's own page ---------------------------------------------------------------


def charges_of(person: Person, week_start: dt.date) -> Any | None:
    """What the person pays for day services in the week from ``week_start``
    (:func:`~.selectors_charging.weekly_charges`), for their own page; ``None`` when they have no placement the
    council charges for."""
    from .selectors_charging import weekly_charges

    charges = weekly_charges(person, week_start)
    return charges if charges.charge.lines else None


# --- The person's own days --------------------------------------------------------------------------------------


def _current(placements: QuerySet[Placement], today: dt.date) -> QuerySet[Placement]:
    """Placements going on now or to start: active and not ended before today."""
    return placements.filter(status=PlacementStatus.ACTIVE).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


@dataclass
class OwnPlacement:
    placement: Placement
    goals: list[GoalWithProgress]
    #: Their request to change its days waiting for the worker, if any.
    asked: DayChangeRequest | None
    travel: Any | None = None


@dataclass
class OwnDays:
    person: Person
    placements: list[OwnPlacement]
    #: Their requests the worker has answered, newest first (the last few).
    answered: list[DayChangeRequest]
    waiting: list[WaitingListEntry]
    #: Their carers, each with the consent standing that lets them see their breaks (or None).
    carers: list[tuple[CaringRelationship, CarerConsent | None]]
    #: Whether they care for someone themselves (their breaks are on the carer's page).
    cares_for_someone: bool
    week_start: dt.date
    charges: Any | None = None


def own_days_for_user(*, user: User) -> OwnDays:
    """A citizen's own placements (going on now or to start), with their goals and progress, their requests to
    change days, the waiting lists they are on and who of their carers may see their breaks. The read is audited."""
    if not user_can(user, DayopsAction.OWN_DAYS) or user.person is None:
        raise PermissionDenied("Only a citizen with a record has day opportunities of their own")
    person = user.person
    today = timezone.localdate()
    placements = list(_current(Placement.objects.filter(person=person), today).select_related("service")
                      .order_by("starts_on", "id"))  # fmt: skip
    goals = goals_with_progress(placements)
    requests = list(
        DayChangeRequest.objects.filter(placement__person=person).select_related("placement__service")
        .order_by("-requested_at", "-id")[:20]
    )  # fmt: skip
    asked = {r.placement_id: r for r in requests if r.status == ChangeRequestStatus.OPEN}
    answered = [r for r in requests if r.status != ChangeRequestStatus.OPEN][:5]
    waiting = list(
        WaitingListEntry.objects.filter(person=person, status=WaitingStatus.WAITING).select_related("service")
    )
    relationships = list(
        CaringRelationship.objects.filter(cared_for=person, ended_on__isnull=True).select_related("carer")
    )
    consents = consents_standing([r.pk for r in relationships], covering="day_breaks")
    cares = CaringRelationship.objects.filter(carer=person, ended_on__isnull=True).exists()
    travels = travels_for(placements)
    # The last whole week: its register is marked, so what it cost is known (this week's days are still to come).
    week_start = today - dt.timedelta(days=today.weekday() + 7)
    with transaction.atomic():
        audit_record(actor=user, action=events.OWN_DAYS_VIEWED, subject=person, person=person)
    return OwnDays(
        person=person,
        placements=[OwnPlacement(p, goals[p.pk], asked.get(p.pk), travels.get(p.pk)) for p in placements],
        answered=answered,
        waiting=waiting,
        carers=[(r, consents.get(r.pk)) for r in relationships],
        cares_for_someone=cares,
        week_start=week_start,
        charges=charges_of(person, week_start),
    )


def own_placement_for_user(*, user: User, pk: int) -> Placement:
    """One of the citizen's own placements going on now or to start; 404 for any other."""
    if not user_can(user, DayopsAction.OWN_DAYS) or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has day opportunities of their own")
    placement = (
        _current(Placement.objects.filter(pk=pk, person_id=user.person_id), timezone.localdate())
        .select_related("service", "person")
        .first()
    )
    if placement is None:
        raise Http404("No such placement of yours")
    return placement


# --- A carer's breaks -------------------------------------------------------------------------------------------

#: The parts of a day a break can be in, in the order a day runs.
PARTS = [("morning", "Morning"), ("afternoon", "Afternoon"), ("evening", "Evening")]


@dataclass
class BreakDay:
    day: str
    #: For each of PARTS, whether the person is at a placement (a break for the carer).
    parts: list[bool]


@dataclass
class Breaks:
    relationship: CaringRelationship
    consented: bool
    days: list[BreakDay] = field(default_factory=list)
    #: Placements not started yet, in words: "From 1 June 2026: Monday and Wednesday, full day".
    starting: list[str] = field(default_factory=list)
    #: Placements that end, in words: "Until 30 September 2026: Tuesday, morning".
    ending: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return any(any(d.parts) for d in self.days)


def _pattern(placements: list[Placement], today: dt.date) -> tuple[list[BreakDay], list[str], list[str]]:
    taken: dict[str, set[str]] = {}
    starting, ending = [], []
    for p in placements:
        for day in p.day_codes:
            taken.setdefault(day, set()).update(SLOTS[p.session])
        words = f"{p.days_text}, {p.get_session_display().lower()}"
        if p.starts_on > today:
            starting.append(f"From {p.starts_on.day} {p.starts_on:%B %Y}: {words}")
        if p.ends_on is not None:
            ending.append(f"Until {p.ends_on.day} {p.ends_on:%B %Y}: {words}")
    days = [BreakDay(name, [slot in taken.get(code, set()) for slot, _ in PARTS]) for code, name in DAY_NAMES.items()]
    return days, starting, ending


def breaks_for_carer(*, user: User) -> list[Breaks]:
    """For each person the citizen cares for: with that person's consent standing, the days and parts of the day
    their placements (going on now or to start) give the carer a break, and when any starts or ends; without it,
    nothing but that there is no consent. Where the person goes is not shown: the break is the carer's, the
    placement the person's. Each person whose breaks are shown is written to the audit trail."""
    if not user_can(user, DayopsAction.CARER_BREAKS) or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record can see breaks from caring")
    today = timezone.localdate()
    relationships = list(
        CaringRelationship.objects.filter(carer_id=user.person_id, ended_on__isnull=True)
        .select_related("cared_for")
        .order_by("cared_for__first_name", "id")
    )
    consented = set(consents_standing([r.pk for r in relationships], covering="day_breaks"))
    people = [r.cared_for_id for r in relationships if r.pk in consented]
    placements: dict[int, list[Placement]] = {pk: [] for pk in people}
    for p in _current(Placement.objects.filter(person_id__in=people), today).order_by("starts_on", "id"):
        placements[p.person_id].append(p)
    result = []
    for r in relationships:
        if r.pk not in consented:
            result.append(Breaks(r, consented=False))
            continue
        days, starting, ending = _pattern(placements[r.cared_for_id], today)
        result.append(Breaks(r, consented=True, days=days, starting=starting, ending=ending))
    with transaction.atomic():
        audit_shown(
            actor=user, action=events.CARER_BREAKS_VIEWED, shown=[(b.relationship, b.relationship.cared_for_id)
                                                                  for b in result if b.consented],
        )  # fmt: skip
    return result


# --- The worker's list of requests ---------------------------------------


def change_requests_for_user(*, user: User, mine: bool) -> QuerySet[DayChangeRequest]:
    """Requests to change days waiting for an answer, oldest first: for the people the worker is named worker for
    (``mine``) or their team's. Show them through :func:`change_requests_shown`."""
    if not user_can(user, DayopsAction.CHANGE_REQUESTS):
        raise PermissionDenied("You cannot see the requests to change days")
    rows = DayChangeRequest.objects.filter(
        status=ChangeRequestStatus.OPEN, placement__person__in=people_for(user, DayopsAction.CHANGE_REQUESTS)
    )
    if mine:
        rows = rows.filter(placement__person__named_worker=user)
    return rows.select_related("placement__person", "placement__service", "placement__person__named_worker")


def change_requests_shown(*, user: User, requests: list[DayChangeRequest]) -> None:
    with transaction.atomic():
        audit_shown(actor=user, action=events.DAY_CHANGES_LISTED, shown=[(r, r.placement.person_id) for r in requests])


def change_request_counts(*, user: User) -> tuple[int, int] | None:
    """How many requests to change days wait for the worker and for their team (None for who has no such list)."""
    if not user_can(user, DayopsAction.CHANGE_REQUESTS):
        return None
    return change_requests_for_user(user=user, mine=True).count(), change_requests_for_user(
        user=user, mine=False
    ).count()


def change_request_get_for_user(*, user: User, pk: int) -> DayChangeRequest:
    request = (
        DayChangeRequest.objects.filter(pk=pk)
        .select_related("placement__person", "placement__service", "requested_by", "handled_by")
        .first()
    )
    if request is None:
        raise Http404("No such request")
    if not user_can_for(user, DayopsAction.CHANGE_REQUESTS, request.placement.person):
        raise PermissionDenied("You cannot see this person's requests")
    with transaction.atomic():
        audit_record(actor=user, action=events.DAY_CHANGES_LISTED, subject=request, person=request.placement.person)
    return request
