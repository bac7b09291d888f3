"""Changing a placement's days or part of the day, moving or setting its end date, and offering the places that
frees to the people waiting.

A change keeps the history: a new pattern of days from a date ends the placement the day before and starts a new
one from that date (so each day's register shows who was placed that day, and the attendance already marked stays
with the pattern it was marked under); each change is a :class:`~ownway.dayops.models.PlacementChange` with what
it was, what it became, why and who. Everything is checked before anything is saved; a refusal names what is
wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import format_date
from ownway.directory.models import Service
from ownway.people.models import Person

from . import events
from .models import (
    DAY_NAMES,
    SLOTS,
    Attendance,
    Placement,
    PlacementChange,
    PlacementChangeKind,
    PlacementExtras,
    PlacementStatus,
    SessionPart,
    WaitingListEntry,
    WaitingStatus,
)
from .permissions import DayopsAction, user_can_for
from .services import SessionFull, _and, _clean_days, _full_sessions, _service_checks, _twice, places_taken


def _require_place(actor: User, placement: Placement) -> None:
    if not user_can_for(actor, DayopsAction.PLACE, placement.person):
        raise PermissionDenied("You cannot change this person's placements")


def _pattern(placement: Placement) -> dict[str, str | None]:
    return {
        "days": placement.days,
        "session": placement.session,
        "starts_on": placement.starts_on.isoformat(),
        "ends_on": placement.ends_on.isoformat() if placement.ends_on else None,
    }


def _plan_starts(placement: Placement) -> dt.date | None:
    """The day the support plan that pays for the placement starts, if it says."""
    line = placement.plan_line
    if line is None:
        return None
    version = line.version
    return version.starts_on or (version.budget.starts_on if hasattr(version, "budget") else None)


def _marked_from(placement: Placement, day: dt.date) -> dt.date | None:
    """The first day on or after ``day`` the placement's register is marked, if any."""
    return (
        Attendance.objects.filter(placement=placement, date__gte=day).order_by("date").values_list("date", flat=True)
    ).first()


def _changed_already(placement: Placement) -> Placement | None:
    """The placement that followed this one after a change of days, if it was changed."""
    change = PlacementChange.objects.filter(placement=placement, successor__isnull=False).select_related("successor")
    first = change.first()
    return first.successor if first is not None else None


def _full_error(service: Service, person: Person, full: list[tuple[str, str, int]]) -> SessionFull:
    day, slot, taken = full[0]
    return SessionFull(
        {
            "session": [
                f"The {DAY_NAMES[day]} {slot} session at {service.name} is full ({taken} of {service.capacity} "
                f"places taken): {person.full_name} cannot move to it"
            ]
        }
    )


def placement_change(
    *,
    actor: User,
    placement: Placement,
    days: Sequence[str],
    session: str,
    takes_effect: dt.date,
    reason: str,
) -> Placement:
    """Change the days or the part of the day of a placement from a date, with the reason; returns the placement
    that holds the new pattern (a new one from ``takes_effect``, or the same one when the change takes effect the
    day it starts). Its end date, funding, support-plan line and extras go with it.

    Refused, with nothing saved: no reason; no change; a day the service is closed; a date before the placement
    or the support plan starts, or after the placement ends; a register already marked from that date (change
    from a later date); a session the person already has elsewhere; a session with no place left."""
    _require_place(actor, placement)
    successor = _changed_already(placement)
    if successor is not None:
        changed = f"This placement was changed from {format_date(successor.starts_on)}"
        raise ValidationError({NON_FIELD_ERRORS: [f"{changed}: change that one instead"]})
    person, service = placement.person, placement.service
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = ["Say why the placement is changing"]
    chosen = _clean_days(days, errors)
    _service_checks(service, chosen, session, errors)
    if not errors and ",".join(chosen) == placement.days and session == placement.session:
        errors["days"] = ["Nothing has changed: choose other days or another part of the day"]
    plan_starts = _plan_starts(placement)
    if plan_starts is not None and takes_effect < plan_starts:
        errors["takes_effect"] = [f"The change cannot take effect before the support plan starts, on "
                                  f"{format_date(plan_starts)}"]  # fmt: skip
    elif takes_effect < placement.starts_on:
        errors["takes_effect"] = [f"The change cannot take effect before the placement starts, on "
                                  f"{format_date(placement.starts_on)}"]  # fmt: skip
    elif placement.ends_on is not None and takes_effect > placement.ends_on:
        errors["takes_effect"] = [f"The placement ends on {format_date(placement.ends_on)}: the change must take "
                                  "effect by then"]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    marked = _marked_from(placement, takes_effect)
    if marked is not None:
        raise ValidationError({"takes_effect": [f"The register is already marked for {format_date(marked)}: the "
                                                f"change must take effect after that"]})  # fmt: skip
    with transaction.atomic():
        Service.objects.select_for_update().filter(pk=service.pk).first()
        twice = _twice(person, chosen, session, takes_effect, placement.ends_on, exclude=placement)
        if twice:
            raise ValidationError({"days": [twice]})
        full = _full_sessions(service, chosen, session, takes_effect, placement.ends_on, exclude=placement)
        if full:
            raise _full_error(service, person, full)
        old, ended = _pattern(placement), placement.ends_on
        if takes_effect == placement.starts_on:
            placement.days, placement.session = ",".join(chosen), session
            placement.save(update_fields=["days", "session"])
            current, successor = placement, None
        else:
            line = placement.plan_line
            placement.ends_on, placement.plan_line = takes_effect - dt.timedelta(days=1), None
            placement.save(update_fields=["ends_on", "plan_line"])
            current = successor = Placement.objects.create(
                person=person,
                service=service,
                days=",".join(chosen),
                session=session,
                starts_on=takes_effect,
                ends_on=ended,
                funding=placement.funding,
                plan_line=line,
                created_by=actor,
            )
            extras = PlacementExtras.objects.filter(placement=placement).first()
            if extras is not None:
                PlacementExtras.objects.create(placement=successor, transport_there=extras.transport_there,
                                               transport_home=extras.transport_home, meal=extras.meal,
                                               updated_by=actor)  # fmt: skip
        change = PlacementChange.objects.create(
            placement=placement,
            successor=successor,
            kind=PlacementChangeKind.CHANGED,
            takes_effect=takes_effect,
            old=old,
            new=_pattern(current),
            reason=reason.strip(),
            changed_by=actor,
        )
        audit_record(actor=actor, action=events.PLACEMENT_CHANGED, subject=change, person=person, old=old,
                     new=_pattern(current))  # fmt: skip
    return current


def placement_set_end(*, actor: User, placement: Placement, ends_on: dt.date | None, reason: str) -> Placement:
    """End a placement on a day (its last), move its end date, or take the end date away, with the reason.

    Refused, with nothing saved: no reason; no change; an end before it starts; a register marked after the new
    last day; a placement changed to another (end that one); a later end when a session it takes has no place
    left for the extra time."""
    _require_place(actor, placement)
    successor = _changed_already(placement)
    if successor is not None:
        changed = f"This placement was changed from {format_date(successor.starts_on)}"
        raise ValidationError({NON_FIELD_ERRORS: [f"{changed}: end that one instead"]})
    person, service = placement.person, placement.service
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = ["Say why the placement is ending or its end date is moving"]
    if ends_on == placement.ends_on:
        errors["ends_on"] = [f"The placement already ends then{'' if ends_on else ': it has no end date'}"]
    elif ends_on is not None and ends_on < placement.starts_on:
        errors["ends_on"] = [f"The last day cannot be before the placement starts, on "
                             f"{format_date(placement.starts_on)}"]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    if ends_on is not None:
        marked = _marked_from(placement, ends_on + dt.timedelta(days=1))
        if marked is not None:
            raise ValidationError({"ends_on": [f"The register is already marked for {format_date(marked)}: the last "
                                               f"day cannot be before that"]})  # fmt: skip
    later = placement.ends_on is not None and (ends_on is None or ends_on > placement.ends_on)
    with transaction.atomic():
        Service.objects.select_for_update().filter(pk=service.pk).first()
        if later:
            assert placement.ends_on is not None
            start = placement.ends_on + dt.timedelta(days=1)
            full = _full_sessions(service, placement.day_codes, placement.session, start, ends_on, exclude=placement)
            if full:
                raise _full_error(service, person, full)
            twice = _twice(person, placement.day_codes, placement.session, start, ends_on, exclude=placement)
            if twice:
                raise ValidationError({"ends_on": [twice]})
        old = _pattern(placement)
        placement.ends_on = ends_on
        placement.save(update_fields=["ends_on"])
        change = PlacementChange.objects.create(
            placement=placement,
            kind=PlacementChangeKind.CHANGED if later else PlacementChangeKind.ENDED,
            takes_effect=(ends_on + dt.timedelta(days=1)) if ends_on else timezone.localdate(),
            old=old,
            new=_pattern(placement),
            reason=reason.strip(),
            changed_by=actor,
        )
        audit_record(actor=actor, action=events.PLACEMENT_ENDED, subject=change, person=person, old=old,
                     new=_pattern(placement))  # fmt: skip
    return placement


# --- places free for the people waiting ----------------------------------------------------------------------


@dataclass
class Offer:
    """A place free for someone on a waiting list: the first in its queue that it fits, from a day."""

    entry: WaitingListEntry
    position: int
    free_from: dt.date


def _fits(taken: dict[tuple[str, str], int], capacity: int, entry: WaitingListEntry) -> bool:
    return all(
        taken.get((day, slot), 0) < capacity for day in entry.days.split(",") if day for slot in SLOTS[entry.session]
    )


def places_free_offers(*, services: QuerySet[Service], today: dt.date | None = None) -> list[Offer]:
    """For each service, the people on its waiting list for whom a place is now free (or will be, once a
    placement ends), in the order they joined: a place goes to the first in the queue it fits, then the next.
    Each is offered from the first day the place is free for good (from when they wanted it, and not before
    today)."""
    today = today or timezone.localdate()
    offers: list[Offer] = []
    entries = list(
        WaitingListEntry.objects.filter(service__in=services, status=WaitingStatus.WAITING, service__capacity__gt=0)
        .select_related("service", "person")
        .order_by("service", "created_at", "id")
    )
    by_service: dict[object, list[WaitingListEntry]] = {}
    for entry in entries:
        by_service.setdefault(entry.service_id, []).append(entry)
    for queue in by_service.values():
        service = queue[0].service
        capacity = service.capacity or 0
        ends: list[dt.date] = sorted(
            {
                end
                for end in Placement.objects.filter(service=service, status=PlacementStatus.ACTIVE, ends_on__gte=today)
                .values_list("ends_on", flat=True)
                .distinct()
                if end is not None
            }
        )
        given: list[WaitingListEntry] = []
        for position, entry in enumerate(queue, start=1):
            start = max(entry.wanted_from, today)
            candidates: list[dt.date] = [start, *(end + dt.timedelta(days=1) for end in ends if end >= start)]
            for day in candidates:
                taken = places_taken(service, starts_on=day, ends_on=None)
                for other in given:
                    for code in other.days.split(","):
                        for slot in SLOTS[other.session]:
                            taken[(code, slot)] = taken.get((code, slot), 0) + 1
                if _fits(taken, capacity, entry):
                    offers.append(Offer(entry, position, day))
                    given.append(entry)
                    break
    return offers


def offers_after(*, service: Service) -> list[Offer]:
    """The places now free at one service for the people waiting (for the message after a change)."""
    return places_free_offers(services=Service.objects.filter(pk=service.pk))


def describe_offer(offer: Offer) -> str:
    days = _and([DAY_NAMES[d] for d in offer.entry.days.split(",") if d in DAY_NAMES])
    return (
        f"A place at {offer.entry.service.name} is free from {format_date(offer.free_from)} for "
        f"{offer.entry.person.full_name}, number {offer.position} on its waiting list "
        f"({days}, {SessionPart(offer.entry.session).label.lower()})"
    )
