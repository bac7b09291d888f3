"""Breaks from caring as the carer's worker and the carer see them, and which services give a break.

A service gives a break when the directory files it under short breaks and respite, support for carers or day
services, or under the need "a break from caring" (the LGA/ESD lists Open Referral UK recommends:
:mod:`ownway.directory.taxonomies`). What a break costs comes from the service's cost options
(:func:`ownway.directory.rules.cost.full_cost`); a service that has not said is shown as "Ask the provider",
never as free. A day placement of the person cared for gives the carer a break too: it is listed with the
bookings (once: not again when a booking names the same service), for the worker, and for the carer only while the
person's consent covers it (:func:`ownway.carers.selectors_consent.consents_standing`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.dayops.models import Placement, PlacementStatus
from ownway.dayops.permissions import DayopsAction
from ownway.dayops.permissions import user_can_for as dayops_can_for
from ownway.directory.models import Attribute, Service, ServiceStatus
from ownway.directory.rules.cost import CostLine, cost_words, full_cost
from ownway.directory.taxonomies import ESD_NEEDS, ESD_SERVICES, term_id
from ownway.people.models import CaringRelationship, Person
from ownway.planning.models import PlanLine, PlanStatus, PlanVersion

from . import events_breaks as events
from .models import BreakBooking, BreakStatus
from .permissions_breaks import BreaksAction, user_can, user_can_for

#: The directory's terms for a service that gives a carer a break.
BREAK_TERMS: frozenset[uuid.UUID] = frozenset(
    {
        term_id(ESD_SERVICES, "short_breaks"),
        term_id(ESD_SERVICES, "carers_support"),
        term_id(ESD_SERVICES, "day_services"),
        term_id(ESD_NEEDS, "carer_break"),
    }
)


def _break_service_ids() -> Q:
    return Q(pk__in=Attribute.objects.filter(link_type="service", taxonomy_term_id__in=BREAK_TERMS).values("link_id"))


def is_break_service(service: Service) -> bool:
    """Whether the service is offered now and gives a carer a break."""
    return (
        service.status == ServiceStatus.ACTIVE
        and Attribute.objects.filter(link_type="service", link_id=service.pk, taxonomy_term_id__in=BREAK_TERMS).exists()
    )


def break_services() -> list[tuple[str, str]]:
    """Every service offered now that gives a break, as (id, name), by name: for the booking form."""
    rows = Service.objects.filter(_break_service_ids(), status=ServiceStatus.ACTIVE).order_by("name", "pk")
    return [(str(pk), name) for pk, name in rows.values_list("pk", "name")]


def break_service(service_id: str) -> Service | None:
    try:
        pk = uuid.UUID(str(service_id))
    except ValueError:
        return None
    return Service.objects.filter(pk=pk).first()


def carer_plan_lines(carer: Person) -> list[PlanLine]:
    """The lines of the carer's current approved plan (their newest plan's newest approved version)."""
    version = (
        PlanVersion.objects.filter(plan__person=carer, status=PlanStatus.APPROVED)
        .order_by("-plan__created_at", "-plan_id", "-number")
        .first()
    )
    if version is None:
        return []
    return list(PlanLine.objects.filter(version=version).order_by("position", "id"))


def cost_text(service: Service) -> str:
    """What the service costs, in a few words: "£12.00 an hour", "Free" or "Ask the provider"."""
    lines = [CostLine(c.option, c.amount, c.kind, c.per) for c in service.cost_options.all()]
    return cost_words(full_cost(lines))


@dataclass
class BreakShown:
    """One break on a list: a booking, or a day placement of the person cared for that gives the carer a break."""

    cared_for: Person
    service: Service
    when: str
    cost: str
    booking: BreakBooking | None = None
    placement: Placement | None = None

    @property
    def paid_from_plan(self) -> str:
        line = self.booking.plan_line if self.booking is not None else None
        return line.description if line is not None else ""


@dataclass
class CarerBreaks:
    carer: Person
    relationships: list[CaringRelationship]
    booked: list[BreakShown] = field(default_factory=list)
    #: Breaks that ended, and cancelled bookings (the last few).
    past: list[BreakShown] = field(default_factory=list)


def _current_placements(people: list[int], today: dt.date) -> list[Placement]:
    return list(
        Placement.objects.filter(person_id__in=people, status=PlacementStatus.ACTIVE)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("service", "person")
        .prefetch_related("service__cost_options")
        .order_by("starts_on", "id")
    )


def _breaks(carer: Person, relationships: list[CaringRelationship], placement_people: set[int]) -> CarerBreaks:
    """The carer's bookings and the day placements of ``placement_people`` that are not already booked."""
    today = timezone.localdate()
    people = {r.cared_for_id: r.cared_for for r in relationships}
    bookings = list(
        BreakBooking.objects.filter(relationship__carer=carer)
        .select_related("service", "plan_line", "relationship__cared_for")
        .prefetch_related("service__cost_options")
        .order_by("starts_on", "start_time", "id")
    )
    result = CarerBreaks(carer=carer, relationships=relationships)
    booked_services = set()
    for booking in bookings:
        shown = BreakShown(booking.relationship.cared_for, booking.service, booking.when_text,
                           cost_text(booking.service), booking=booking)  # fmt: skip
        ended = booking.ends_on is not None and booking.ends_on < today
        if booking.status == BreakStatus.BOOKED and not ended:
            result.booked.append(shown)
            booked_services.add((booking.relationship.cared_for_id, booking.service_id))
        else:
            result.past.append(shown)
    result.past = result.past[-10:][::-1]
    for placement in _current_placements(sorted(placement_people & set(people)), today):
        if (placement.person_id, placement.service_id) in booked_services:
            continue
        when = f"{placement.days_text}, {placement.get_session_display().lower()}, from {placement.starts_on:%-d %B %Y}"
        result.booked.append(BreakShown(people[placement.person_id], placement.service, when,
                                        cost_text(placement.service), placement=placement))  # fmt: skip
    return result


def breaks_of_carer(*, user: User, carer: Person) -> CarerBreaks:
    """A carer's breaks for their worker: every booking, and the day placements of the people they care for that
    the worker may see. The read is audited."""
    if not user_can_for(user, BreaksAction.VIEW_BREAKS, carer):
        raise PermissionDenied("You cannot see this carer's breaks")
    relationships = list(
        CaringRelationship.objects.filter(carer=carer, ended_on__isnull=True).select_related("cared_for")
        .order_by("cared_for__first_name", "id")
    )  # fmt: skip
    seen = {r.cared_for_id for r in relationships if dayops_can_for(user, DayopsAction.VIEW, r.cared_for)}
    result = _breaks(carer, relationships, seen)
    with transaction.atomic():
        audit_record(actor=user, action=events.BREAKS_VIEWED, subject=carer, person=carer)
    return result


def own_breaks_for_user(*, user: User) -> CarerBreaks:
    """The citizen's own breaks from caring: what is booked for them, and the day placements of the people they
    care for whose consent covers them. The read is audited."""
    from .selectors_consent import consents_standing

    if not user_can(user, BreaksAction.OWN) or user.person is None:
        raise PermissionDenied("Only a citizen with a record has breaks of their own")
    carer = user.person
    relationships = list(
        CaringRelationship.objects.filter(carer=carer, ended_on__isnull=True).select_related("cared_for")
        .order_by("cared_for__first_name", "id")
    )  # fmt: skip
    consented = consents_standing([r.pk for r in relationships], covering="day_breaks")
    people = {r.cared_for_id for r in relationships if r.pk in consented}
    result = _breaks(carer, relationships, people)
    with transaction.atomic():
        audit_shown(actor=user, action=events.BREAKS_VIEWED, shown=[(carer, carer.pk)])
    return result


def break_get_for_user(*, user: User, pk: int) -> BreakBooking:
    """One booking, for someone who may book the carer's breaks; not found alike when it does not exist and when
    they may not. The read is audited."""
    booking = (
        BreakBooking.objects.filter(pk=pk)
        .select_related("relationship__carer", "relationship__cared_for", "service", "plan_line")
        .first()
    )
    if booking is None or not user_can_for(user, BreaksAction.BOOK, booking.relationship.carer):
        raise Http404("No such break")
    with transaction.atomic():
        audit_record(actor=user, action=events.BREAKS_VIEWED, subject=booking, person=booking.relationship.carer)
    return booking
