"""Booking breaks from caring with directory services: book, change and cancel, from the carer's record.

A break is support to the carer (Care Act 2014 s.20; statutory guidance 11.41: "support to the carer may be
provided by ... a break"), delivered to the person they care for: a sitting service at home, a short stay in
respite care, or a day opportunity. Carers in Nottinghamshire asked for "getting a regular break" (seed 003). A
booking names the carer and the person they care for (a current ``people.CaringRelationship``), a directory
service that gives a break (:data:`.selectors_breaks.BREAK_TERMS`), when (:mod:`.rules_breaks`: a one-off or a
weekly pattern), and the line of the carer's current plan that pays for it, when one does. The person cared for
cannot be at two breaks at once, nor at a break while at their day placement: a booking that overlaps another
of theirs, or one of their placement's sessions, is refused. Nothing is half-saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.text import without_control_characters
from ownway.dayops.models import Placement, PlacementStatus, SessionPart
from ownway.dayops.services_transport import session_times
from ownway.directory.models import Schedule, Service
from ownway.directory.rules.schedule import DAYS, EVENING_FROM
from ownway.people.models import CaringRelationship, Person
from ownway.planning.models import PlanLine
from ownway.ui.jinja2 import govuk_date

from . import events_breaks as events
from .models import BreakBooking, BreakKind, BreakStatus
from .permissions_breaks import BreaksAction, user_can_for
from .rules_breaks import WEEKDAY_NAMES, BreakTimes, overlaps, problems
from .selectors_breaks import carer_plan_lines, is_break_service

MAX_NOTE = 2000


@dataclass(frozen=True)
class BreakDetails:
    """What a booking says: for whom, where, when and how it is paid."""

    cared_for: Person
    service: Service
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None
    start_time: dt.time
    end_time: dt.time
    weekday: int | None = None
    plan_line: PlanLine | None = None
    note: str = ""

    @property
    def times(self) -> BreakTimes:
        return BreakTimes(self.starts_on, self.ends_on, self.start_time, self.end_time,
                          self.weekday if self.kind == BreakKind.WEEKLY else None)  # fmt: skip


def _times_of(booking: BreakBooking) -> BreakTimes:
    return BreakTimes(booking.starts_on, booking.ends_on, booking.start_time, booking.end_time, booking.weekday)


def _check(
    actor: User, carer: Person, details: BreakDetails, *, booking: BreakBooking | None
) -> tuple[CaringRelationship, str]:
    """The caring relationship the break is for and its note, or every problem with it at once."""
    if not user_can_for(actor, BreaksAction.BOOK, carer):
        raise PermissionDenied("You cannot book breaks for this carer")
    errors: dict[str, list[str]] = {}
    relationship = (
        CaringRelationship.objects.filter(carer=carer, cared_for=details.cared_for, ended_on__isnull=True)
        .select_related("carer", "cared_for")
        .first()
    )
    if relationship is None:
        errors["cared_for"] = [f"{carer.full_name} is not recorded as caring for {details.cared_for.full_name}"]
    if details.kind not in BreakKind.values:
        errors["kind"] = ["Choose whether the break is a one-off or every week"]
    if not is_break_service(details.service):
        errors["service"] = [f"{details.service.name} is not a break service: choose a short break, respite, "
                             "sitting service or day opportunity from the directory"]  # fmt: skip
    if details.plan_line is not None and details.plan_line.pk not in {line.pk for line in carer_plan_lines(carer)}:
        errors["plan_line"] = [f"That line is not in {carer.full_name}'s current approved plan"]
    today = timezone.localdate()
    if details.kind in BreakKind.values:
        for name, texts in problems(details.times, today=today).items():
            errors.setdefault(name, []).extend(texts)
    unchanged_start = booking is not None and booking.starts_on == details.starts_on
    if details.starts_on < today and not unchanged_start and "starts_on" not in errors:
        errors["starts_on"] = ["The first day must be today or later"]
    note = without_control_characters(details.note, keep_lines=True).strip()
    if len(note) > MAX_NOTE:
        errors["note"] = [f"The note must be {MAX_NOTE:,} characters or fewer"]
    if errors:
        raise ValidationError(errors)
    assert relationship is not None
    return relationship, note


def _refuse_overlap(details: BreakDetails, *, leaving_out: int | None) -> None:
    """Refuse a break that overlaps another booked for the same person, in the caller's transaction (which holds
    the person's row, so two bookings made at once cannot both pass)."""
    Person.objects.select_for_update().filter(pk=details.cared_for.pk).first()
    others = BreakBooking.objects.filter(relationship__cared_for=details.cared_for, status=BreakStatus.BOOKED)
    if leaving_out is not None:
        others = others.exclude(pk=leaving_out)
    new = details.times
    for other in others.select_related("service"):
        if overlaps(new, _times_of(other)):
            raise ValidationError(
                {"starts_on": [f"This overlaps a break already booked for {details.cared_for.full_name}: "
                               f"{other.service.name}, {other.when_text}. Change or cancel that one first"]}
            )  # fmt: skip
    _refuse_placement_clash(details)


def placement_sessions(placement: Placement) -> list[BreakTimes]:
    """A day placement's sessions as weekly patterns, one for each of its weekdays: a morning, an afternoon or a
    full day at the times of the service's schedule that weekday
    (:func:`ownway.dayops.services_transport.session_times`); an evening from the service's evening opening
    (:data:`~ownway.directory.rules.schedule.EVENING_FROM` when it has none) to its closing, or four hours."""
    sessions = []
    for code in placement.day_codes:
        weekday = DAYS.index(code)
        day = placement.starts_on + dt.timedelta(days=(weekday - placement.starts_on.weekday()) % 7)
        if placement.session == SessionPart.EVENING:
            rows = Schedule.objects.filter(
                service_id=placement.service_id, byday__contains=code, opens_at__gte=EVENING_FROM
            ).values_list("opens_at", "closes_at")
            opens = min((o for o, _ in rows if o is not None), default=EVENING_FROM)
            closes = max((c for _, c in rows if c is not None and c > opens), default=None)
            start = opens.hour * 60 + opens.minute
            end = closes.hour * 60 + closes.minute if closes is not None else start + 240
        else:
            start, end = session_times(placement.service_id, day, placement.session)
        end = min(end, 24 * 60 - 1)  # a session runs to midnight at the latest
        times = (dt.time(start // 60, start % 60), dt.time(end // 60, end % 60))
        sessions.append(BreakTimes(placement.starts_on, placement.ends_on, times[0], times[1], weekday))
    return sessions


def _refuse_placement_clash(details: BreakDetails) -> None:
    """Refuse a break at a time the person cared for is at one of their day placements: they cannot be at both.
    A break booked at the placement's own service is that placement given as the carer's break, not a clash."""
    placements = (
        Placement.objects.filter(person=details.cared_for, status=PlacementStatus.ACTIVE)
        .exclude(service=details.service)
        .select_related("service")
        .order_by("starts_on", "pk")
    )
    new = details.times
    for placement in placements:
        if any(overlaps(new, session) for session in placement_sessions(placement)):
            raise ValidationError(
                {"starts_on": [f"This clashes with {details.cared_for.full_name}'s day placement at "
                               f"{placement.service.name}: {placement.days_text}, "
                               f"{placement.get_session_display().lower()}, from {govuk_date(placement.starts_on)}"
                               f"{' to ' + govuk_date(placement.ends_on) if placement.ends_on else ''}. "
                               "Choose another time, or change the placement first"]}
            )  # fmt: skip


def _snapshot(booking: BreakBooking) -> dict[str, object]:
    return {
        "cared_for": booking.relationship.cared_for_id,
        "service": str(booking.service_id),
        "kind": booking.kind,
        "weekday": WEEKDAY_NAMES[booking.weekday] if booking.weekday is not None else None,
        "starts_on": booking.starts_on.isoformat(),
        "ends_on": booking.ends_on.isoformat() if booking.ends_on else None,
        "start_time": f"{booking.start_time:%H:%M}",
        "end_time": f"{booking.end_time:%H:%M}",
        "plan_line": booking.plan_line_id,
    }


def break_book(*, actor: User, carer: Person, details: BreakDetails) -> BreakBooking:
    """Book a break for ``carer`` and the person they care for."""
    relationship, note = _check(actor, carer, details, booking=None)
    with transaction.atomic():
        _refuse_overlap(details, leaving_out=None)
        booking = BreakBooking.objects.create(
            relationship=relationship, service=details.service, plan_line=details.plan_line, kind=details.kind,
            starts_on=details.starts_on, ends_on=details.ends_on,
            weekday=details.weekday if details.kind == BreakKind.WEEKLY else None,
            start_time=details.start_time, end_time=details.end_time, note=note, booked_by=actor,
        )  # fmt: skip
        audit_record(actor=actor, action=events.BREAK_BOOKED, subject=booking, person=carer, new=_snapshot(booking))
    return booking


def break_change(*, actor: User, booking: BreakBooking, details: BreakDetails) -> BreakBooking:
    """Change a booked break (its person, service, dates, times or how it is paid); a cancelled one stays so."""
    carer = booking.relationship.carer
    relationship, note = _check(actor, carer, details, booking=booking)
    with transaction.atomic():
        locked = BreakBooking.objects.select_for_update().get(pk=booking.pk)
        if locked.status != BreakStatus.BOOKED:
            raise ValidationError("This break has been cancelled, so it cannot change: book a new one")
        _refuse_overlap(details, leaving_out=booking.pk)
        before = _snapshot(locked)
        locked.relationship = relationship
        locked.service = details.service
        locked.plan_line = details.plan_line
        locked.kind = details.kind
        locked.starts_on, locked.ends_on = details.starts_on, details.ends_on
        locked.weekday = details.weekday if details.kind == BreakKind.WEEKLY else None
        locked.start_time, locked.end_time = details.start_time, details.end_time
        locked.note = note
        locked.changed_by, locked.changed_at = actor, timezone.now()
        locked.save()
        audit_record(actor=actor, action=events.BREAK_CHANGED, subject=locked, person=carer, old=before,
                     new=_snapshot(locked))  # fmt: skip
    return locked


def break_cancel(*, actor: User, booking: BreakBooking, reason: str) -> BreakBooking:
    """Cancel a booked break, saying why (the carer sees it is cancelled)."""
    carer = booking.relationship.carer
    if not user_can_for(actor, BreaksAction.BOOK, carer):
        raise PermissionDenied("You cannot cancel breaks for this carer")
    text = without_control_characters(reason, keep_lines=True).strip()
    if not text:
        raise ValidationError({"reason": ["Say why the break is cancelled"]})
    if len(text) > MAX_NOTE:
        raise ValidationError({"reason": [f"Why it is cancelled must be {MAX_NOTE:,} characters or fewer"]})
    with transaction.atomic():
        updated = BreakBooking.objects.filter(pk=booking.pk, status=BreakStatus.BOOKED).update(
            status=BreakStatus.CANCELLED, cancel_reason=text, changed_by=actor, changed_at=timezone.now()
        )
        if not updated:
            raise ValidationError("This break has already been cancelled")
        booking.refresh_from_db()
        audit_record(actor=actor, action=events.BREAK_CANCELLED, subject=booking, person=carer,
                     new={"reason": text})  # fmt: skip
    return booking
