"""Reading attendance beyond a day's register: the absences to follow up, and a week of a service's register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from ownway.accounts.audit import audit_shown
from ownway.accounts.models import User
from ownway.directory.models import Service

from . import events
from .models import (
    AbsenceAlert,
    AbsenceAlertStatus,
    Attendance,
    Placement,
    PlacementChange,
    WaitingListEntry,
    WaitingStatus,
)
from .permissions import DayopsAction, people_for, user_can, user_can_for
from .services import register_placements
from .services_change import Offer, places_free_offers


def absence_alerts_for_user(*, user: User, mine: bool) -> QuerySet[AbsenceAlert]:
    """The absences to follow up (three in a row with no reason given, not yet followed up or explained),
    longest-running first: for the people the worker is named worker for, or their team's. Show them through
    :func:`absence_alerts_shown`."""
    if not user_can(user, DayopsAction.REVIEWS_DUE):
        raise PermissionDenied("You cannot see the absences to follow up")
    rows = AbsenceAlert.objects.filter(
        status=AbsenceAlertStatus.OPEN, person__in=people_for(user, DayopsAction.REVIEWS_DUE)
    )
    if mine:
        rows = rows.filter(person__named_worker=user)
    return rows.select_related("person", "person__named_worker", "placement", "placement__service")


def absence_alert_counts(*, user: User) -> tuple[int, int] | None:
    """How many absences are to follow up for the worker and for their team, for the home page (``None`` for who
    has no such worklist)."""
    if not user_can(user, DayopsAction.REVIEWS_DUE):
        return None
    return absence_alerts_for_user(user=user, mine=True).count(), absence_alerts_for_user(user=user, mine=False).count()


def absence_alerts_shown(*, user: User, alerts: list[AbsenceAlert]) -> None:
    with transaction.atomic():
        audit_shown(actor=user, action=events.ABSENCE_ALERTS_LISTED, shown=[(a, a.person_id) for a in alerts])


def absence_alert_for_user(*, user: User, pk: int) -> AbsenceAlert | None:
    """An open alert the worker may follow up, or ``None``."""
    alert = absence_alerts_for_user(user=user, mine=False).filter(pk=pk).first()
    if alert is not None and not user_can_for(user, DayopsAction.REVIEWS_DUE, alert.person):
        return None
    return alert


@dataclass
class RegisterDay:
    date: dt.date
    rows: list[tuple[Placement, Attendance | None]]
    #: Whether the day can be marked yet (not in the future).
    open: bool


@dataclass
class RegisterWeek:
    service: Service
    week_start: dt.date
    session: str
    days: list[RegisterDay]

    @property
    def placements(self) -> list[tuple[dt.date, Placement]]:
        return [(day.date, placement) for day in self.days if day.open for placement, _ in day.rows]


def register_week_for_user(
    *, user: User, service: Service, week_start: dt.date, session: str, today: dt.date
) -> RegisterWeek:
    """A week of a service's register for one part of the day: each day with someone placed, who, and what has
    been marked. Each person shown is written to the audit trail."""
    if not user_can_for(user, DayopsAction.MARK_REGISTER, service):
        raise PermissionDenied("You cannot mark this service's register")
    days: list[RegisterDay] = []
    shown: dict[int, Placement] = {}
    for n in range(7):
        date = week_start + dt.timedelta(days=n)
        placements = list(register_placements(service, date=date, session=session))
        if not placements:
            continue
        days.append(RegisterDay(date, [(p, None) for p in placements], date <= today))
        shown.update((p.pk, p) for p in placements)
    marks = {
        (a.placement_id, a.date): a
        for a in Attendance.objects.filter(
            placement__in=list(shown), date__gte=week_start, date__lt=week_start + dt.timedelta(days=7)
        )
    }
    for day in days:
        day.rows = [(p, marks.get((p.pk, day.date))) for p, _ in day.rows]
    with transaction.atomic():
        audit_shown(actor=user, action=events.REGISTER_VIEWED, shown=[(p, p.person_id) for p in shown.values()])
    return RegisterWeek(service, week_start, session, days)


def places_free_for_user(*, user: User) -> list[Offer]:
    """The places free at day services for people on their waiting lists, for those who place people: the first
    in each queue a place fits (see :func:`~ownway.dayops.services_change.places_free_offers`), of the people the
    user may place. Each person shown is written to the audit trail."""
    if not user_can(user, DayopsAction.PLACE):
        raise PermissionDenied("You cannot see the places free for people waiting")
    waiting = WaitingListEntry.objects.filter(status=WaitingStatus.WAITING).values("service")
    offers = places_free_offers(services=Service.objects.filter(pk__in=waiting))
    visible = set(
        people_for(user, DayopsAction.PLACE)
        .filter(pk__in={o.entry.person_id for o in offers})
        .values_list("pk", flat=True)
    )
    offers = [o for o in offers if o.entry.person_id in visible]
    with transaction.atomic():
        audit_shown(actor=user, action=events.PLACES_FREE_LISTED, shown=[(o.entry, o.entry.person_id) for o in offers])
    return offers


def placement_for_change(*, user: User, person_pk: int, pk: str | None) -> Placement | None:
    """One of the person's placements the user may change, or ``None`` (the caller has opened the person)."""
    if not pk or not pk.isdigit() or len(pk) > 12:
        return None
    placement = Placement.objects.filter(pk=int(pk), person_id=person_pk).select_related("service", "person").first()
    if placement is None or not user_can_for(user, DayopsAction.PLACE, placement.person):
        return None
    return placement


def placement_history(*, placement: Placement) -> list[PlacementChange]:
    """The changes to a placement and to the ones it was changed from, newest first."""
    chain = [placement.pk]
    current: Placement | None = placement
    while current is not None:
        before = PlacementChange.objects.filter(successor=current).select_related("placement").first()
        current = before.placement if before is not None else None
        if current is not None:
            chain.append(current.pk)
    return list(
        PlacementChange.objects.filter(placement__in=chain).select_related("changed_by").order_by("-changed_at", "-id")
    )
