"""Attendance beyond the day's register: the week's register in one form, and the alert when someone has been
absent three times in a row with no reason given.

Each service is one transaction, checks everything before it saves anything and writes its audit event in the
same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import format_date
from ownway.core.workflow import transition
from ownway.directory.models import Service

from . import events
from .models import AbsenceAlert, AbsenceAlertStatus, AbsenceReason, Attendance, Placement
from .permissions import DayopsAction, user_can_for
from .services import register_mark

#: How many absences in a row, with no reason given, raise an alert (issue 14: "three unexplained absences in a
#: row alert the named worker").
ALERT_AFTER = 3

ABSENCE_ALERT = "absence alert"


@dataclass(frozen=True)
class Run:
    """Absences in a row with no reason given: from the first to the last, how many."""

    first: dt.date
    last: dt.date
    count: int


def unexplained_runs(marks: Iterable[tuple[dt.date, str, str]], *, at_least: int = ALERT_AFTER) -> list[Run]:
    """The runs of at least ``at_least`` marks in a row, in date order, that are absences with no reason given.
    ``marks`` are (date, status, absence reason) of one placement's register, in any order; any other mark (came,
    or absent for a reason) ends a run."""
    runs: list[Run] = []
    first: dt.date | None = None
    last: dt.date | None = None
    count = 0
    for date, _status, reason in [*sorted(marks), (dt.date.max, "end", "")]:
        if reason == AbsenceReason.UNEXPLAINED:
            first = first or date
            last, count = date, count + 1
            continue
        if first is not None and last is not None and count >= at_least:
            runs.append(Run(first, last, count))
        first, last, count = None, None, 0
    return runs


def absence_alerts_refresh(*, actor: User, placements: Iterable[Placement]) -> list[AbsenceAlert]:
    """Bring the placements' absence alerts up to date with their registers, in the caller's transaction; returns
    the alerts raised.

    A run of :data:`ALERT_AFTER` absences with no reason given that is still going on (no later mark) raises an
    alert for the person's named worker and team, once a run. An open alert whose run is broken by a reason
    given on the register for one of its days (a mark corrected) is closed as explained; one whose run grows is
    kept up to date. An alert followed up stays closed while its run goes on.
    """
    raised: list[AbsenceAlert] = []
    by_pk = {p.pk: p for p in placements}
    # Only a placement with an absence given no reason, or an alert already, can need anything: three queries
    # however many people the register has.
    alerts: dict[int, list[AbsenceAlert]] = {}
    for alert in AbsenceAlert.objects.filter(placement__in=list(by_pk)).exclude(status=AbsenceAlertStatus.EXPLAINED):
        alerts.setdefault(alert.placement_id, []).append(alert)
    unexplained = Attendance.objects.filter(placement__in=list(by_pk), absence_reason=AbsenceReason.UNEXPLAINED)
    candidates = set(alerts) | set(unexplained.values_list("placement_id", flat=True).distinct())
    marks_of: dict[int, list[tuple[dt.date, str, str]]] = {pk: [] for pk in candidates}
    for pk, date, status, reason in Attendance.objects.filter(placement__in=candidates).values_list(
        "placement_id", "date", "status", "absence_reason"
    ):
        marks_of[pk].append((date, status, reason))
    for pk in sorted(candidates):
        placement, marks = by_pk[pk], marks_of[pk]
        runs = unexplained_runs(marks)
        latest = max((m[0] for m in marks), default=None)
        matched: set[Run] = set()
        for alert in sorted(alerts.get(pk, []), key=lambda a: (a.first_absence, a.pk)):
            run = next((r for r in runs if r.first <= alert.first_absence <= r.last and r not in matched), None)
            if run is None:
                if alert.status == AbsenceAlertStatus.OPEN:
                    _close(alert, AbsenceAlertStatus.EXPLAINED, actor=actor, note="", action="close the alert")
                continue
            matched.add(run)
            if (alert.first_absence, alert.last_absence, alert.absences) != (run.first, run.last, run.count):
                alert.first_absence, alert.last_absence, alert.absences = run.first, run.last, run.count
                alert.save(update_fields=["first_absence", "last_absence", "absences"])
        current = runs[-1] if runs and runs[-1].last == latest else None
        if current is not None and current not in matched:
            alert = AbsenceAlert.objects.create(
                placement=placement,
                person=placement.person,
                first_absence=current.first,
                last_absence=current.last,
                absences=current.count,
            )
            audit_record(
                actor=actor,
                action=events.ABSENCE_ALERT_RAISED,
                subject=alert,
                person=placement.person,
                new={"first_absence": current.first.isoformat(), "absences": current.count},
            )
            raised.append(alert)
    return raised


def _close(alert: AbsenceAlert, status: str, *, actor: User, note: str, action: str) -> None:
    """Close an open alert (in the caller's transaction): followed up, or explained on the register."""
    transition(alert, allowed_from=[AbsenceAlertStatus.OPEN], action=action, what=ABSENCE_ALERT)
    alert.status, alert.note, alert.closed_by, alert.closed_at = status, note, actor, timezone.now()
    alert.save(update_fields=["status", "note", "closed_by", "closed_at"])


def absence_alert_handle(*, actor: User, alert: AbsenceAlert, note: str) -> AbsenceAlert:
    """Record that a worker followed up an alert, and what they did; it leaves the worklists."""
    if not user_can_for(actor, DayopsAction.REVIEWS_DUE, alert.person):
        raise PermissionDenied("You cannot follow up this person's absences")
    note = note.strip()
    if not note:
        raise ValidationError({"note": ["Say what you did to follow up the absences"]})
    with transaction.atomic():
        _close(alert, AbsenceAlertStatus.HANDLED, actor=actor, note=note, action="follow up the absences")
        audit_record(actor=actor, action=events.ABSENCE_ALERT_HANDLED, subject=alert, person=alert.person,
                     new={"note": note})  # fmt: skip
    return alert


def week_of(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` is in."""
    return day - dt.timedelta(days=day.weekday())


def register_mark_week(
    *,
    actor: User,
    service: Service,
    week_start: dt.date,
    session: str,
    marks: Mapping[dt.date, Mapping[int, str]],
) -> int:
    """Mark a week of a service's register for one part of the day at once: for each day, as
    :func:`~ownway.dayops.services.register_mark` does. Everything is checked first, and if any day is refused
    nothing is saved (the refusal names the day). Returns how many marks were given."""
    if not user_can_for(actor, DayopsAction.MARK_REGISTER, service):
        raise PermissionDenied("You cannot mark this service's register")
    week = {week_start + dt.timedelta(days=n) for n in range(7)}
    outside = [day for day in marks if day not in week]
    if outside:
        raise ValidationError({NON_FIELD_ERRORS: ["A day marked is not in this week: look at the register again"]})
    today = timezone.localdate()
    future = sorted(day for day, day_marks in marks.items() if day > today and day_marks)
    if future:
        raise ValidationError(
            {NON_FIELD_ERRORS: [f"You cannot mark {format_date(future[0], weekday=True)} yet: it has not come"]}
        )
    with transaction.atomic():
        for day in sorted(marks):
            if not marks[day]:
                continue
            try:
                register_mark(actor=actor, service=service, date=day, session=session, marks=marks[day])
            except ValidationError as error:
                on = format_date(day, weekday=True)
                texts = [f"{on}: {text}" for texts in error.message_dict.values() for text in texts]
                raise ValidationError({NON_FIELD_ERRORS: texts}) from error
    return sum(len(day_marks) for day_marks in marks.values())
