"""Reading day-service charges: the council's prices, and what a person pays for a week, line by line from the
register (the rule is :mod:`ownway.dayops.rules_charging`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.charging.models import AssessmentStatus, FinancialAssessment
from ownway.core.money import ZERO
from ownway.payments.models import AgreementStatus, DirectPaymentAgreement
from ownway.payments.selectors import current_rate
from ownway.people.models import Person

from . import events
from .models import DAY_NAMES, Attendance, DayChargeRates, Placement, PlacementExtras, PlacementStatus
from .permissions import DayopsAction, user_can, user_can_for
from .rules_charging import NO_ASSESSMENT, Mark, Prices, WeekCharge, week_charge


def charge_rates_list(*, user: User) -> QuerySet[DayChargeRates]:
    """Every set of the council's day-service prices, newest first (for who sets them)."""
    if not user_can(user, DayopsAction.SET_PRICES):
        raise PermissionDenied("You cannot see the council's day-service prices")
    return DayChargeRates.objects.select_related("updated_by").order_by("-effective_from")


def rates_on(day: dt.date) -> DayChargeRates | None:
    """The council's day-service prices in force on a day: the set with the latest start by then."""
    return DayChargeRates.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def _prices(record: DayChargeRates | None) -> Prices | None:
    if record is None:
        return None
    return Prices(
        sessions={"morning": record.morning, "afternoon": record.afternoon, "full_day": record.full_day,
                  "evening": record.evening},
        transport_each_way=record.transport_each_way,
        meal=record.meal,
        chargeable_absences=frozenset(record.chargeable),
    )  # fmt: skip


def assessment_for_week(person: Person, week_start: dt.date) -> FinancialAssessment | None:
    """The financial assessment that sets what the person pays in the week from ``week_start``: of those in force
    or replaced (not closed), the one charging from the latest day by then (the latest made, of two)."""
    return (
        FinancialAssessment.objects.filter(
            person=person,
            status__in=[AssessmentStatus.CURRENT, AssessmentStatus.SUPERSEDED],
            charges_from__lte=week_start,
        )
        .order_by("-charges_from", "-assessed_at", "-id")
        .first()
    )


def direct_payment_contribution(person: Person, week_start: dt.date) -> Decimal:
    """What the person pays a week towards their care through their direct payments in that week (taken from the
    payment, or paid into its account); a payment suspended now is not counted."""
    week_end = week_start + dt.timedelta(days=6)
    agreements = DirectPaymentAgreement.objects.filter(person=person, starts_on__lte=week_end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=week_start)
    )
    total = ZERO
    for agreement in agreements.exclude(status=AgreementStatus.SUSPENDED):
        rate = current_rate(agreement, on=week_start)
        if rate is not None:
            total += rate.weekly_contribution
    return total


@dataclass
class WeeklyCharges:
    person: Person
    week_start: dt.date
    charge: WeekCharge
    assessment: FinancialAssessment | None

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)


def weekly_charges(person: Person, week_start: dt.date) -> WeeklyCharges:
    """What the person pays for day services in the week from ``week_start`` (a Monday; another day is taken as
    the Monday of its week), with the register lines that make it up. The caller has checked the reader may see
    it (the staff page through :func:`weekly_charges_for_user`; a citizen's own page may call it for them)."""
    week_start = week_start - dt.timedelta(days=week_start.weekday())
    week_end = week_start + dt.timedelta(days=6)
    placements = list(
        Placement.objects.filter(person=person, status=PlacementStatus.ACTIVE, starts_on__lte=week_end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=week_start))
        .select_related("service")
    )
    extras = {e.placement_id: e for e in PlacementExtras.objects.filter(placement__in=[p.pk for p in placements])}
    marks = {
        (a.placement_id, a.date): ("attended" if a.status == "attended" else a.absence_reason)
        for a in Attendance.objects.filter(placement__in=[p.pk for p in placements], date__range=(week_start, week_end))
    }
    codes = list(DAY_NAMES)
    lines: list[Mark] = []
    for placement in placements:
        extra = extras.get(placement.pk)
        legs = (int(extra.transport_there) + int(extra.transport_home)) if extra else 0
        for n in range(7):
            day = week_start + dt.timedelta(days=n)
            if codes[day.weekday()] not in placement.day_codes or day < placement.starts_on:
                continue
            if placement.ends_on is not None and day > placement.ends_on:
                continue
            lines.append(Mark(day, placement.service.name, placement.session, placement.funding,
                              marks.get((placement.pk, day), ""), legs, bool(extra and extra.meal)))  # fmt: skip
    rate_sets = list(DayChargeRates.objects.filter(effective_from__lte=week_end).order_by("effective_from"))
    prices_on = {}
    for n in range(7):
        day = week_start + dt.timedelta(days=n)
        prices_on[day] = _prices(next((r for r in reversed(rate_sets) if r.effective_from <= day), None))
    assessment = assessment_for_week(person, week_start)
    contribution: Decimal | None = None
    notes: list[str] = []
    why = NO_ASSESSMENT
    if assessment is not None and assessment.warnings:
        why = (
            "Their financial assessment uses a charging figure the finance team has not confirmed yet: nothing is "
            "charged until it is"
        )
    elif assessment is not None:
        contribution = assessment.weekly_contribution
        if assessment.free:
            notes.append("Their financial assessment says they pay nothing towards their care")
    paid_by_dp = direct_payment_contribution(person, week_start) if contribution is not None else ZERO
    charge = week_charge(lines, prices_on, contribution=contribution, paid_through_direct_payment=paid_by_dp,
                         notes=notes, why_no_contribution=why)  # fmt: skip
    return WeeklyCharges(person, week_start, charge, assessment)


def weekly_charges_for_user(*, user: User, person: Person, week_start: dt.date) -> WeeklyCharges:
    """:func:`weekly_charges` for a member of staff who may read them (the finance team, administrators, the
    person's workers); the read is audited."""
    if not user_can_for(user, DayopsAction.CHARGES, person):
        raise PermissionDenied("You cannot see this person's day-service charges")
    charges = weekly_charges(person, week_start)
    with transaction.atomic():
        audit_record(actor=user, action=events.WEEKLY_CHARGES_VIEWED, subject=person, person=person,
                     new={"week_start": charges.week_start.isoformat()})  # fmt: skip
    return charges
