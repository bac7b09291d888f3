"""Reading rule sets and financial assessments, only for those who may see them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.people.selectors import person_get_for_user

from . import events
from .models import AssessmentStatus, ChargingRuleSet, CostOfCare, CostOfCareStatus, FinancialAssessment
from .permissions import ChargingAction, user_can, user_can_for_person
from .rules.rulesets import RuleSet


class NoRuleSet(Exception):
    """No charging figures are held for the date or year asked about."""


def rule_set_for(*, on: dt.date | None = None, year: str | None = None) -> ChargingRuleSet:
    """The figures for a year (like "2025/26"), or those in force on a date (the latest that has started)."""
    if year is not None:
        found = ChargingRuleSet.objects.filter(year=year).first()
    else:
        found = ChargingRuleSet.objects.filter(starts_on__lte=on or timezone.localdate()).order_by("-starts_on").first()
    if found is None:
        raise NoRuleSet(f"No charging figures are held for {year or on}: add them for that year")
    return found


def rules_of(record: ChargingRuleSet) -> RuleSet:
    return RuleSet.from_data(record.figures)


def financial_assessment_get_for_user(*, user: User, pk: int, downloaded_as: str = "") -> FinancialAssessment:
    """A financial assessment, for a user who may open the person's record; looking is audited.

    With ``downloaded_as`` (``"plain"`` or ``"easy_read"``), taking the letter away as a file is audited too.
    """
    fa = FinancialAssessment.objects.select_related("rule_set", "assessed_by", "person").filter(pk=pk).first()
    if fa is None:
        raise Http404("No such financial assessment")
    if not user_can(user, ChargingAction.VIEW):
        raise PermissionDenied("You cannot see financial assessments")
    fa.person = person_get_for_user(user=user, pk=fa.person_id)
    with transaction.atomic():
        audit_record(actor=user, action=events.FINANCIAL_ASSESSMENT_VIEWED, subject=fa, person=fa.person)
        if downloaded_as:
            audit_record(
                actor=user,
                action=events.LETTER_DOWNLOADED,
                subject=fa,
                person=fa.person,
                new={"version": downloaded_as},
            )
    return fa


def financial_assessment_current(*, user: User, person: Person) -> FinancialAssessment | None:
    """The person's open contribution (the caller has opened the person's record)."""
    if not user_can_for_person(user, ChargingAction.VIEW, person.pk):
        raise PermissionDenied("You cannot see this person's financial assessment")
    return (
        FinancialAssessment.objects.filter(person=person, status=AssessmentStatus.CURRENT)
        .select_related("rule_set")
        .first()
    )


def financial_assessments_recent_for_user(*, user: User) -> QuerySet[FinancialAssessment]:
    """The latest financial assessments, for the finance team's worklist."""
    if not user_can(user, ChargingAction.ASSESS):
        raise PermissionDenied("Only the finance team sees every financial assessment")
    return (
        FinancialAssessment.objects.filter(status=AssessmentStatus.CURRENT, reason="assessment")
        .select_related("person", "rule_set", "assessed_by")
        .order_by("-assessed_at")[:100]
    )


def financial_assessment_open(*, person: Person) -> FinancialAssessment | None:
    """The person's current financial assessment (their open weekly contribution), or ``None``.

    For services that have already checked their actor may act for the person (a support plan takes its
    contribution from here); it opens nothing for reading, so it is not audited as a viewing.
    """
    return (
        FinancialAssessment.objects.filter(person=person, status=AssessmentStatus.CURRENT)
        .select_related("rule_set")
        .first()
    )


def cost_of_care_latest(*, person: Person) -> CostOfCare | None:
    """The cost of care of the person's latest approved support plan, or ``None`` if no plan has set one.

    For services and pages that have already opened the person's record or checked their actor.
    """
    return CostOfCare.objects.filter(person=person).exclude(status=CostOfCareStatus.REPLACED).first()


#: How the finance team's list of people waiting can be sorted: the default first.
WAITING_SORTS = {
    "oldest": ("set_at", "id"),
    "newest": ("-set_at", "-id"),
    "charges_from": ("charges_from", "set_at", "id"),
    "name": ("person__last_name", "person__first_name", "id"),
}


def costs_of_care_waiting_for_user(*, user: User, sort: str = "oldest") -> QuerySet[CostOfCare]:
    """People waiting for a financial assessment since a plan was approved (or whose new contribution needs a
    figure confirmed before they are told), oldest first unless sorted otherwise: the finance team's worklist."""
    if not user_can(user, ChargingAction.ASSESS):
        raise PermissionDenied("Only the finance team sees who is waiting for a financial assessment")
    return (
        CostOfCare.objects.filter(status__in=[CostOfCareStatus.WAITING, CostOfCareStatus.TO_CHECK])
        .select_related("person", "financial_assessment")
        .order_by(*WAITING_SORTS.get(sort, WAITING_SORTS["oldest"]))
    )


def free_adaptation_limit(*, on: dt.date) -> Decimal:
    """The cost up to which aids and minor adaptations are free (Charging Regulations reg 3), in the rules in
    force on a day; the regulation's own £1,000 when no rules are held for then."""
    try:
        return rules_of(rule_set_for(on=on)).free_adaptation_limit
    except NoRuleSet:
        return Decimal("1000.00")
