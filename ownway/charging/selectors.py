"""Reading rule sets and financial assessments, only for those who may see them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.people.selectors import person_get_for_user

from . import events
from .models import AssessmentStatus, ChargingRuleSet, FinancialAssessment
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


def financial_assessments_recent_for_user(*, user: User) -> list[FinancialAssessment]:
    """The latest financial assessments, for the finance team's worklist. Each person shown is audited."""
    if not user_can(user, ChargingAction.ASSESS):
        raise PermissionDenied("Only the finance team sees every financial assessment")
    recent = list(
        FinancialAssessment.objects.filter(status=AssessmentStatus.CURRENT, reason="assessment")
        .select_related("person", "rule_set", "assessed_by")
        .order_by("-assessed_at")[:100]
    )
    with transaction.atomic():
        audit_shown(actor=user, action=events.ASSESSMENTS_LISTED, shown=[(fa, fa.person_id) for fa in recent])
    return recent


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
