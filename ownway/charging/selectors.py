"""Reading rule sets and financial assessments, only for those who may see them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.core.dates import TAX_YEAR_START, add_years, financial_year, format_date
from ownway.people.models import Person
from ownway.people.selectors import person_get_for_user

from . import events
from .models import (
    AssessmentReason,
    AssessmentStatus,
    ChargingFigureCheck,
    ChargingRuleSet,
    CostOfCare,
    CostOfCareStatus,
    FinancialAssessment,
)
from .permissions import ChargingAction, user_can, user_can_for
from .rules.rulesets import RuleSet, RuleSetError


class NoRuleSet(Exception):
    """No charging figures are held for the date or year asked about."""


class RuleSetUnreadable(Exception):
    """A year's stored figures cannot be read (the message names each figure and what is wrong)."""


def rule_set_for(*, on: dt.date | None = None, year: str | None = None) -> ChargingRuleSet:
    """The figures for a year (like "2025/26"), or those for the year a date falls in.

    A year's figures apply from its ``starts_on`` until the next year held starts, and never beyond a year
    after their own start: a date later than that is in a year whose figures are not held, and is refused
    rather than worked out with an older year's figures.
    """
    if year is not None:
        found = ChargingRuleSet.objects.filter(year=year).first()
        if found is None:
            raise NoRuleSet(f"No charging figures are held for {year}: add them for that year")
        return found
    day = on or timezone.localdate()
    found = ChargingRuleSet.objects.filter(starts_on__lte=day).order_by("-starts_on").first()
    if found is None or day >= add_years(found.starts_on, 1):
        raise NoRuleSet(
            f"No charging figures are held for {financial_year(day, start=TAX_YEAR_START)}, "
            f"the year {format_date(day)} falls in: "
            "add that year's figures on the charging figures page before working out a charge from then"
        )
    return found


def rule_set_for_charge(*, charges_from: dt.date | None, year: str | None = None) -> tuple[ChargingRuleSet, dt.date]:
    """The year's figures for a charge, chosen by the date it applies from, and that date.

    Without a date the charge applies from the start of the ``year`` asked for, or else from today. A
    ``year`` asked for must be the one the date falls in. :class:`NoRuleSet` says why when there are no
    figures for that date's year, or the year asked for is not the date's.
    """
    if charges_from is None:
        charges_from = rule_set_for(year=year).starts_on if year else timezone.localdate()
    record = rule_set_for(on=charges_from)
    if year and record.year != year:
        raise NoRuleSet(f"A charge from {format_date(charges_from)} falls in {record.year}, not {year}")
    return record, charges_from


def rules_of(record: ChargingRuleSet) -> RuleSet:
    """The year's figures, each read by its kind; figures that cannot be read raise :class:`RuleSetUnreadable`."""
    try:
        return RuleSet.from_data(record.figures)
    except RuleSetError as error:
        raise RuleSetUnreadable(
            f"The {record.year} charging figures cannot be used until they are corrected: {error}"
        ) from error


class LetterNotReady(Exception):
    """The assessment used figures not confirmed for its year: no letter about it may go out."""

    def __init__(self, fa: FinancialAssessment) -> None:
        self.fa = fa
        super().__init__(
            f"The letter cannot be sent: the assessment used {len(fa.warnings)} figure(s) not confirmed for "
            f"{fa.rule_set.year}"
        )


def financial_assessment_get_for_user(
    *, user: User, pk: int, downloaded_as: str = "", as_letter: bool = False
) -> FinancialAssessment:
    """A financial assessment, for a user who may open the person's record; looking is audited.

    With ``as_letter`` (the letter to the person, as a page) or ``downloaded_as`` (``"plain"`` or
    ``"easy_read"``, the letter as a file, whose taking is audited too), an assessment that used a figure
    not confirmed for its year raises :class:`LetterNotReady`: a letter never goes out with such a figure.
    """
    fa = FinancialAssessment.objects.select_related("rule_set", "assessed_by", "person").filter(pk=pk).first()
    if fa is None:
        raise Http404("No such financial assessment")
    if not user_can(user, ChargingAction.VIEW):
        raise PermissionDenied("You cannot see financial assessments")
    fa.person = person_get_for_user(user=user, pk=fa.person_id)
    with transaction.atomic():
        audit_record(actor=user, action=events.FINANCIAL_ASSESSMENT_VIEWED, subject=fa, person=fa.person)
    if (as_letter or downloaded_as) and fa.warnings:
        raise LetterNotReady(fa)
    if downloaded_as:
        with transaction.atomic():
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
    if not user_can_for(user, ChargingAction.VIEW, person):
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
        .select_related("person", "financial_assessment__rule_set")
        .order_by(*WAITING_SORTS.get(sort, WAITING_SORTS["oldest"]))
    )


#: People on a page of the waiting list.
WAITING_PAGE_SIZE = 25


def costs_of_care_waiting_page_for_user(
    *, user: User, sort: str = "oldest", page: str | int | None = 1
) -> Page[CostOfCare]:
    """One page of :func:`costs_of_care_waiting_for_user`; each person on it is written to the audit trail."""
    shown = Paginator(costs_of_care_waiting_for_user(user=user, sort=sort), WAITING_PAGE_SIZE).get_page(page)
    with transaction.atomic():
        audit_shown(
            actor=user,
            action=events.WAITING_LISTED,
            shown=[(cost, cost.person_id) for cost in shown.object_list],
            new={"sort": sort, "page": shown.number},
        )
    return shown


def free_adaptation_limit(*, on: dt.date) -> Decimal:
    """The cost up to which aids and minor adaptations are free (Charging Regulations reg 3), in the rules in
    force on a day; the regulation's own £1,000 when no rules are held for then."""
    try:
        return rules_of(rule_set_for(on=on)).free_adaptation_limit
    except NoRuleSet:
        return Decimal("1000.00")


# --- The finance team's figures pages -------------------------------------------------------------------


def _check_manage_rules(user: User) -> None:
    if not user_can(user, ChargingAction.MANAGE_RULES):
        raise PermissionDenied("Only the finance team sets the charging figures")


def rule_sets_for_user(*, user: User) -> list[tuple[ChargingRuleSet, int]]:
    """Every year's figures held, newest first, each with how many of its figures are not confirmed."""
    _check_manage_rules(user)
    return [(record, len(record.figures.get("unconfirmed") or {})) for record in ChargingRuleSet.objects.all()]


def rule_set_get_for_user(*, user: User, year: str) -> ChargingRuleSet:
    """One year's figures (like "2026/27"), for those who set them; 404 if none are held for that year."""
    _check_manage_rules(user)
    record = ChargingRuleSet.objects.filter(year=year).first()
    if record is None:
        raise Http404(f"No charging figures are held for {year}")
    return record


def figure_checks_latest(*, record: ChargingRuleSet) -> dict[str, ChargingFigureCheck]:
    """The latest check of each figure of a year (who confirmed or set it, when, and against what)."""
    latest: dict[str, ChargingFigureCheck] = {}
    for check in record.checks.select_related("checked_by").order_by("-checked_at", "-id"):
        latest.setdefault(check.figure, check)
    return latest


def figures_not_confirmed_today(*, user: User) -> tuple[str, int] | None:
    """The year whose figures apply today and how many of them are not confirmed, for the finance team's home
    page; ``None`` when no figures are held for today."""
    _check_manage_rules(user)
    try:
        record = rule_set_for(on=timezone.localdate())
    except NoRuleSet:
        return None
    return record.year, len(record.figures.get("unconfirmed") or {})


def letters_held_count(*, record: ChargingRuleSet) -> int:
    """How many people's letters about what they pay are held back because their current contribution under a
    year's figures uses a figure not confirmed (the yearly uprating sends no letter, so it is not counted).
    Counts only: no one is named."""
    return sum(
        1
        for warnings in FinancialAssessment.objects.filter(rule_set=record, status=AssessmentStatus.CURRENT)
        .exclude(reason=AssessmentReason.UPRATING)
        .values_list("warnings", flat=True)
        .iterator(chunk_size=2000)
        if warnings
    )
