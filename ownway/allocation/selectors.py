"""Reading the RAS, indicative budgets and appeals, only for those who may see them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.assessments.models import Assessment, AssessmentKind, AssessmentStatus
from ownway.core.reporting import reporting_read
from ownway.people.models import Person
from ownway.people.permissions import visible_to
from ownway.people.selectors import person_get_for_user

from . import events
from .models import AppealStatus, BudgetAppeal, IndicativeBudget, PlanCostSample, RasModelVersion, RasVersionStatus
from .permissions import BudgetAction, assessors_of, user_can, user_can_for
from .rules.calibration import (
    BudgetRecord,
    FairnessReport,
    Fit,
    Sample,
    age_band,
    fairness_report,
    fit_price_table,
)
from .rules.default_model import answer_from_finding
from .rules.ras import RasModel, model_from_data


class NoActiveRas(Exception):
    """No version of the RAS is in use: an administrator must put one into use."""


def ras_version_active() -> RasModelVersion:
    version = RasModelVersion.objects.filter(status=RasVersionStatus.ACTIVE).first()
    if version is None:
        raise NoActiveRas("No version of the Resource Allocation System is in use")
    return version


def ras_model_active() -> tuple[RasModelVersion, RasModel]:
    version = ras_version_active()
    return version, model_from_data(version.definition)


def answers_from_assessment(*, model: RasModel, assessment: Assessment) -> dict[str, str]:
    """Answers the assessment's findings suggest, for the questions drawn from an outcome."""
    findings = {f.outcome: f for f in assessment.findings.all()}
    answers: dict[str, str] = {}
    for q in model.questions:
        if not q.from_outcome:
            continue
        finding = findings.get(q.from_outcome)
        answers[q.code] = (
            answer_from_finding(
                unable_without_assistance=finding.unable_without_assistance,
                significant_pain_distress_or_anxiety=finding.significant_pain_distress_or_anxiety,
                endangers_health_or_safety=finding.endangers_health_or_safety,
                takes_significantly_longer=finding.takes_significantly_longer,
            )
            if finding is not None
            else "none"
        )
    return answers


def assessments_awaiting_budget_for_user(*, user: User) -> list[Assessment]:
    """Completed needs assessments that found eligible needs, on this user's caseload, with no budget yet
    (at most 500, oldest first). Each person shown is written to the audit trail."""
    if not user_can(user, BudgetAction.CALCULATE):
        raise PermissionDenied("You do not work out budgets")
    assessments = list(
        Assessment.objects.filter(
            status=AssessmentStatus.COMPLETED,
            kind=AssessmentKind.NEEDS,
            person__in=visible_to(user),
            determinations__eligible=True,
        )
        .exclude(Exists(IndicativeBudget.objects.filter(assessment=OuterRef("pk"))))
        .select_related("person", "assessor")
        .distinct()
        .order_by("completed_on", "id")[:500]
    )
    with transaction.atomic():
        audit_shown(actor=user, action=events.BUDGETS_TO_WORK_OUT_LISTED, shown=[(a, a.person_id) for a in assessments])
    return assessments


def budget_get_for_user(*, user: User, pk: int) -> IndicativeBudget:
    """A budget, if the user may see the person's record (the opening is audited there and here)."""
    budget = (
        IndicativeBudget.objects.select_related("ras_version", "calculated_by", "assessment", "person")
        .filter(pk=pk)
        .first()
    )
    if budget is None:
        raise Http404("No such budget")
    if not user_can(user, BudgetAction.VIEW):
        raise PermissionDenied("You cannot see indicative budgets")
    budget.person = person_get_for_user(user=user, pk=budget.person_id)
    audit_record(actor=user, action=events.BUDGET_VIEWED, subject=budget, person=budget.person)
    return budget


def budgets_for_person(*, user: User, person: Person) -> QuerySet[IndicativeBudget]:
    """Every budget worked out for a person, newest first (the person has been opened by the caller)."""
    if not user_can_for(user, BudgetAction.VIEW, person):
        raise PermissionDenied("You cannot see this person's budget")
    return IndicativeBudget.objects.filter(person=person).select_related("ras_version", "calculated_by")


def budget_latest_for_citizen(*, user: User) -> IndicativeBudget | None:
    if user.person_id is None:
        return None
    latest = IndicativeBudget.objects.filter(person_id=user.person_id).only("pk").first()
    return budget_get_for_user(user=user, pk=latest.pk) if latest else None


def appeals_for_budget(*, budget: IndicativeBudget) -> QuerySet[BudgetAppeal]:
    """The appeals about a budget the caller has already opened with :func:`budget_get_for_user`."""
    return budget.appeals.select_related("decided_by", "raised_by").order_by("-raised_at")


def appeals_to_decide_for_user(*, user: User) -> list[BudgetAppeal]:
    """Open appeals about people this user may see, that they may decide (not their own budgets), due first.

    Each person shown is written to the audit trail."""
    if not user_can(user, BudgetAction.DECIDE_APPEAL):
        raise PermissionDenied("You cannot decide appeals")
    appeals = (
        BudgetAppeal.objects.filter(status=AppealStatus.OPEN, person__in=visible_to(user))
        .select_related("person", "budget", "budget__assessment", "raised_by")
        .order_by("due_on", "id")[:500]
    )
    # Visibility is in the query; only the "not the assessor" rule is left to apply, without more queries.
    to_decide = [a for a in appeals if user.pk not in assessors_of(a.budget)]
    with transaction.atomic():
        audit_shown(actor=user, action=events.APPEALS_LISTED, shown=[(a, a.person_id) for a in to_decide])
    return to_decide


def appeal_get_for_user(*, user: User, pk: int) -> BudgetAppeal:
    appeal = BudgetAppeal.objects.select_related("budget", "budget__assessment", "budget__ras_version").filter(pk=pk)
    found = appeal.first()
    if found is None:
        raise Http404("No such appeal")
    found.budget = budget_get_for_user(user=user, pk=found.budget_id)
    found.person = found.budget.person
    return found


# --- Calibration and fairness (figures only) ------------------------------------------------------


@dataclass(frozen=True)
class CalibrationView:
    version: RasModelVersion
    fit: Fit | None
    fit_problem: str
    fairness: FairnessReport
    #: The same comparison for the support plans' actual costs (how unequal things were before the RAS).
    plan_costs_fairness: FairnessReport
    samples: int
    budgets: int
    #: Where the loaded plan costs came from (file names, or a note that they are synthetic).
    sources: tuple[str, ...] = ()


@reporting_read
def calibration_for_user(*, user: User, thresholds: list[int] | None = None) -> CalibrationView:
    """The fit of the price table to loaded plan costs, and the fairness of current budgets."""

    if not user_can(user, BudgetAction.CALIBRATE):
        raise PermissionDenied("Only commissioners and administrators see the calibration")
    version, model = ras_model_active()
    loaded = list(PlanCostSample.objects.values_list("points", "weekly_cost", "age_band", "client_group"))
    rows = [Sample(p, c) for p, c, _a, _g in loaded]
    plan_costs = fairness_report(BudgetRecord(p, c, a or "Not recorded", g or "Not recorded") for p, c, a, g in loaded)
    fit: Fit | None = None
    problem = ""
    if not rows:
        problem = "No support-plan costs have been loaded yet: load them with manage.py calibrate_ras --costs FILE"
    else:
        try:
            fit = fit_price_table(rows, thresholds or [r.from_points for r in model.price_table])
        except ValueError as error:
            problem = str(error)
    records = current_budget_records()
    sources = tuple(sorted(set(PlanCostSample.objects.values_list("source", flat=True))))
    return CalibrationView(
        version, fit, problem, fairness_report(records), plan_costs, len(rows), len(records), sources
    )


def current_budget_records(on: dt.date | None = None) -> list[BudgetRecord]:
    """Each person's latest indicative budget, with age band and client group (no names)."""
    on = on or dt.datetime.now(tz=dt.UTC).date()
    latest: dict[int, BudgetRecord] = {}
    rows = IndicativeBudget.objects.order_by("person_id", "-calculated_at", "-id").values_list(
        "person_id", "points", "weekly_amount", "person__date_of_birth", "person__primary_support_reason__label"
    )
    for person_id, points, weekly, born, group in rows.iterator(chunk_size=2000):
        if person_id in latest:
            continue
        years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        latest[person_id] = BudgetRecord(points, weekly, age_band(years), group or "Not recorded")
    return list(latest.values())


def indicative_budget_latest(*, person: Person) -> IndicativeBudget | None:
    """The person's most recent indicative budget (a reconsidered one after an appeal included), or ``None``.

    For services that have already checked their actor may act for the person (a support plan takes its
    indicative budget from here); it opens nothing for reading, so it is not audited as a viewing.
    """
    return IndicativeBudget.objects.filter(person=person).select_related("ras_version").first()
