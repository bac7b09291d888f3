"""Writing support plans, their approval and the personal budgets they make: one transaction each, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.allocation.selectors import indicative_budget_latest
from ownway.assessments.models import Assessment, AssessmentStatus
from ownway.charging.followers import ContributionChange, assessment_source
from ownway.charging.selectors import financial_assessment_open, free_adaptation_limit
from ownway.charging.services import cost_of_care_set
from ownway.core.money import format_money, pounds
from ownway.core.numbers import HOURS_IN_A_WEEK, NumberError, parse_money, parse_number
from ownway.core.text import too_long_for
from ownway.core.versioning import version_claim
from ownway.core.workflow import transition
from ownway.directory.models import Service, ServiceStatus
from ownway.directory.services import MAX_PA_HOURLY_RATE
from ownway.people.models import Person
from ownway.people.selectors import not_a_carer, person_is_carer
from ownway.ui.jinja2 import govuk_date

from . import events
from .followers import PLAN_APPROVED, PlanApproved
from .models import (
    BudgetLine,
    BudgetSplit,
    BudgetStatus,
    LineKind,
    ManagementChange,
    PersonalBudget,
    PlanDecision,
    PlanLine,
    PlanOutcome,
    PlanStatus,
    PlanVersion,
    SupportPlan,
)
from .permissions import PlanAction, user_can_for
from .rules.approval import Approver, approval_route
from .rules.charging import CostedLine, chargeable_cost
from .rules.costs import (
    MAX_UNIT_COST,
    MAX_UNITS,
    MAX_WEEKLY,
    MIN_UNITS,
    compare_with_indicative,
    line_weekly_cost,
)
from .rules.dates import check_start_date
from .rules.management import DELIVERY_MECHANISM, DIRECT_PAYMENT_KINDS, SERVICE_COMPONENTS, SERVICE_TYPES, Management
from .rules.pa_costs import PAEmployment, pa_employer_cost
from .rules.splits import split_of, split_on
from .rules.timetable import check_slots
from .selectors import budget_splits_of


def manager_threshold() -> Decimal:
    """The weekly cost above which a team manager must approve a plan (``OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE``)."""
    return Decimal(str(settings.OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE))


def _check_may_write(actor: User, person: Person) -> None:
    if not user_can_for(actor, PlanAction.WRITE, person):
        raise PermissionDenied("You cannot write a support plan for this person")


#: How a support plan is named when someone else's change is found (``ownway.core.versioning``).
PLAN = "support plan"


def _claim(version: PlanVersion, expected_version: int | None) -> None:
    """Move the draft's version on in this transaction; refuse if someone else changed it since ``expected_version``."""
    version_claim(version, expected_version=expected_version, what=PLAN)


def _check_draft(version: PlanVersion) -> None:
    if version.status != PlanStatus.DRAFT:
        raise ValidationError({"status": ["This version has been sent for approval: start a new version to change it"]})


def _money(
    value: Any, field: str, *, subject: str, high: Decimal = MAX_WEEKLY, allow_none: bool = False
) -> Decimal | None:
    """An amount in pounds and pence from 0 to ``high``, read by the shared parser; a ValidationError on ``field``."""
    if value is None or value == "":
        if allow_none:
            return None
        raise ValidationError({field: [f"Enter {subject[0].lower()}{subject[1:]}"]})
    try:
        return parse_money(value, high=high, subject=subject)
    except NumberError as error:
        raise ValidationError({field: [str(error)]}) from None


def _units(value: Any, field: str, *, subject: str, high: Decimal) -> Decimal:
    try:
        return parse_number(value, low=MIN_UNITS, high=high, places=2, subject=subject)
    except NumberError as error:
        raise ValidationError({field: [str(error)]}) from None


def _from_sources(
    person: Person,
    *,
    indicative: Decimal | None,
    indicative_source: str,
    contribution: Decimal,
    contribution_source: str,
) -> dict[str, Any]:
    """The indicative budget and contribution of a new version, with where each came from.

    The person's latest indicative budget (from the Resource Allocation System) and their current financial
    assessment are used, and linked, whenever they exist; the figures given (with their notes) are used only
    for what has no source yet.
    """
    fields: dict[str, Any] = {
        "indicative_budget": None,
        "indicative_budget_weekly": indicative,
        "indicative_budget_source": indicative_source.strip(),
        "financial_assessment": None,
        "contribution_weekly": contribution,
        "contribution_source": contribution_source.strip(),
    }
    budget = indicative_budget_latest(person=person)
    if budget is not None:
        fields.update(
            indicative_budget=budget,
            indicative_budget_weekly=budget.weekly_amount,
            indicative_budget_source=(
                f"indicative budget of {govuk_date(budget.calculated_at)} (RAS version {budget.ras_version.number})"
            ),
        )
    assessment = financial_assessment_open(person=person)
    if assessment is not None:
        fields.update(
            financial_assessment=assessment,
            contribution_weekly=assessment.weekly_contribution,
            contribution_source=assessment_source(assessment),
        )
    return fields


#: The Client Level Data service types of support for a carer (``Carer Support: …``).
CARER_SUPPORT = "Carer Support:"


def support_plan_start(
    *,
    actor: User,
    person: Person,
    assessment: Assessment | None = None,
    indicative_budget_weekly: Decimal | None = None,
    indicative_budget_source: str = "",
    contribution_weekly: Decimal = Decimal("0.00"),
    contribution_source: str = "",
) -> SupportPlan:
    """Start a plan with its first version, a draft, from the assessment, the indicative budget and contribution.

    The indicative budget and the contribution come from the person's latest indicative budget and current
    financial assessment when they have them; the figures passed here are only for a person who has neither.
    """
    _check_may_write(actor, person)
    if assessment is not None and assessment.person_id != person.pk:
        raise ValidationError({"assessment": ["That assessment is about someone else"]})
    if assessment is not None and assessment.is_carers and not person_is_carer(person):
        raise ValidationError({"assessment": [not_a_carer(person, "A carer's plan")]})
    indicative = _money(
        indicative_budget_weekly, "indicative_budget_weekly", subject="The indicative budget a week", allow_none=True
    )
    contribution = _money(contribution_weekly, "contribution_weekly", subject="The contribution a week") or Decimal(
        "0.00"
    )
    with transaction.atomic():
        plan = SupportPlan.objects.create(person=person, assessment=assessment, worker=actor)
        sources = _from_sources(
            person,
            indicative=indicative,
            indicative_source=indicative_budget_source,
            contribution=contribution,
            contribution_source=contribution_source,
        )
        version = PlanVersion.objects.create(plan=plan, number=1, created_by=actor, **sources)
        if assessment is not None and assessment.own_words.strip():
            PlanOutcome.objects.create(version=version, own_words=assessment.own_words.strip(), position=1)
        audit_record(
            actor=actor,
            action=events.PLAN_STARTED,
            subject=plan,
            person=person,
            new={
                "indicative_budget_weekly": str(version.indicative_budget_weekly),
                "indicative_budget_id": version.indicative_budget_id,
                "contribution_weekly": str(version.contribution_weekly),
                "financial_assessment_id": version.financial_assessment_id,
            },
        )
    return plan


_VERSION_FIELDS = frozenset(
    {"written_with", "reason_for_difference", "risks", "contingency", "starts_on", "indicative_budget_source",
     "contribution_source", "indicative_budget_weekly", "contribution_weekly"}
)  # fmt: skip


def _replaces_budget_from(version: PlanVersion) -> dt.date | None:
    """The day the plan's current personal budget started, which a new version may not start before."""
    return (
        PersonalBudget.objects.filter(version__plan_id=version.plan_id, status=BudgetStatus.CURRENT)
        .exclude(version=version)
        .values_list("starts_on", flat=True)
        .first()
    )


def plan_version_update(
    *,
    actor: User,
    version: PlanVersion,
    confirm_start: bool = False,
    expected_version: int | None = None,
    **changes: Any,
) -> PlanVersion:
    """Change the plan's own fields (risks, contingency, the reason for any difference, ...) while it is a draft.

    A start date is checked by :func:`~.rules.dates.check_start_date`: one more than four weeks back is used
    only with ``confirm_start`` (the worker confirming that support really started then).

    ``expected_version`` is the version the person saw: if someone else has changed the draft since, nothing is
    saved and :class:`~ownway.core.versioning.StaleEdit` is raised.
    """
    _check_may_write(actor, version.plan.person)
    _check_draft(version)
    unknown = set(changes) - _VERSION_FIELDS
    if unknown:
        raise ValidationError({field: ["This cannot be changed here"] for field in sorted(unknown)})
    if "indicative_budget_weekly" in changes:
        changes["indicative_budget_weekly"] = _money(
            changes["indicative_budget_weekly"],
            "indicative_budget_weekly",
            subject="The indicative budget a week",
            allow_none=True,
        )
    if "contribution_weekly" in changes:
        changes["contribution_weekly"] = _money(
            changes["contribution_weekly"], "contribution_weekly", subject="The contribution a week"
        )
    sourced = {
        "indicative_budget_weekly": version.indicative_budget_id,
        "indicative_budget_source": version.indicative_budget_id,
        "contribution_weekly": version.financial_assessment_id,
        "contribution_source": version.financial_assessment_id,
    }
    fixed = sorted(
        key for key, value in changes.items() if sourced.get(key) is not None and value != getattr(version, key)
    )
    if fixed:
        raise ValidationError(
            {key: [f"This comes from the {getattr(version, key.rsplit('_', 1)[0] + '_source')}: change it there"]
             for key in fixed}
        )  # fmt: skip
    starts_on = changes.get("starts_on")
    if starts_on is not None:
        if not isinstance(starts_on, dt.date):
            raise ValidationError({"starts_on": ["Enter the date the plan starts"]})
        check = check_start_date(
            starts_on, today=timezone.localdate(), replaces_budget_from=_replaces_budget_from(version)
        )
        if check.refused or (check.to_confirm and not confirm_start):
            raise ValidationError({"starts_on": [check.refused or check.to_confirm]})
    with transaction.atomic():
        _claim(version, expected_version)
        before = {key: str(getattr(version, key)) for key in changes}
        for key, value in changes.items():
            setattr(version, key, value.strip() if isinstance(value, str) else value)
        version.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action=events.PLAN_UPDATED,
            subject=version,
            person=version.plan.person,
            old=before,
            new={key: str(getattr(version, key)) for key in changes},
        )
    return version


def plan_outcome_add(
    *, actor: User, version: PlanVersion, own_words: str, expected_version: int | None = None
) -> PlanOutcome:
    """Add an outcome the person wants, in their own words."""
    _check_may_write(actor, version.plan.person)
    _check_draft(version)
    own_words = own_words.strip()
    if not own_words:
        raise ValidationError({"own_words": ["Write the outcome in the person's own words"]})
    with transaction.atomic():
        _claim(version, expected_version)
        position = version.outcomes.count() + 1
        outcome = PlanOutcome.objects.create(version=version, own_words=own_words, position=position)
        audit_record(
            actor=actor, action=events.PLAN_OUTCOME_ADDED, subject=outcome, person=version.plan.person,
            new={"own_words": own_words},
        )  # fmt: skip
    return outcome


def _line_fields(
    *,
    version: PlanVersion,
    outcome: PlanOutcome,
    kind: str,
    description: str,
    provider_name: str,
    directory_service: Service | None,
    unit: str,
    unit_cost: Decimal | None,
    units: Decimal | None,
    frequency: str,
    pa_hourly_rate: Decimal | None,
    pa_year: str,
    management: str,
    recipient_name: str,
    service_type: str,
    service_component: str,
    timetable: Iterable[str],
) -> dict[str, Any]:
    """A line's fields, checked and costed: paid lines a week, PA hours as the employer's cost.

    Raises ``ValidationError`` naming each field that is wrong; nothing is saved here.
    """
    errors: dict[str, list[str]] = {}
    if outcome.version_id != version.pk:
        errors["outcome"] = ["Choose an outcome of this plan"]
    if kind not in LineKind.values:
        errors["kind"] = ["Choose how this outcome will be met"]
    if not description.strip():
        errors["description"] = ["Describe the support"]
    if management not in Management.__members__.values():
        errors["management"] = ["Choose how this part of the budget will be managed"]
    if directory_service is not None and directory_service.status != ServiceStatus.ACTIVE:
        errors["directory_service"] = ["That service is not offered in the directory now: choose another"]
    if service_type and service_type not in SERVICE_TYPES:
        errors["service_type"] = ["Choose a service type from the Client Level Data list"]
    elif service_type.startswith(CARER_SUPPORT) and not person_is_carer(version.plan.person):
        errors["service_type"] = [not_a_carer(version.plan.person, "Carer support")]
    if service_component and service_component not in SERVICE_COMPONENTS:
        errors["service_component"] = ["Choose a service component from the Client Level Data list"]
    for field, text, subject in (
        ("provider_name", provider_name.strip(), "Who gives it"),
        ("recipient_name", recipient_name.strip(), "The name of the person who receives the payment"),
        ("unit", unit, "The unit"),
    ):
        if problem := too_long_for(PlanLine, field, text, subject):
            errors[field] = [problem]
    try:
        slots = check_slots(timetable)
    except ValueError as error:
        errors["timetable"] = [str(error)]
    if errors:
        raise ValidationError(errors)
    weekly = Decimal("0.00")
    explanation = "Unpaid: no cost to the budget"
    hourly: Decimal | None = None
    if kind == LineKind.UNPAID:
        management, unit_cost, units = Management.NOT_PAID, Decimal(0), units or Decimal(0)
    else:
        if management == Management.NOT_PAID:
            raise ValidationError({"management": ["Choose how this paid support will be managed"]})
        if kind == LineKind.PA_HOURS:
            hourly = _money(pa_hourly_rate, "pa_hourly_rate", subject="The PA's hourly pay", high=MAX_PA_HOURLY_RATE)
            assert hourly is not None
            if units is None or units == "" or units == 0:
                raise ValidationError({"units": ["Enter the PA's hours a week, more than 0"]})
            hours = _units(units, "units", subject="The PA's hours a week", high=HOURS_IN_A_WEEK)
            try:
                cost = pa_employer_cost(
                    PAEmployment(
                        hourly_rate=hourly,
                        hours_per_week=hours,
                        year=pa_year,
                        insurance_annual=Decimal(str(settings.OWNWAY_PA_INSURANCE_ANNUAL)),
                        payroll_fee_annual=Decimal(str(settings.OWNWAY_PA_PAYROLL_FEE_ANNUAL)),
                    )
                )
            except ValueError as error:
                raise ValidationError({"pa_hourly_rate": [str(error)]}) from None
            unit, units, frequency = "hour", hours, "weekly"
            unit_cost, weekly, explanation = cost.cost_per_hour, cost.weekly_total, cost.explanation
        else:
            unit_cost = _money(unit_cost, "unit_cost", subject="The cost of one unit", high=MAX_UNIT_COST)
            assert unit_cost is not None
            if units is None or units == "" or units == 0:
                raise ValidationError({"units": ["Enter how many, as a number more than 0"]})
            units = _units(units, "units", subject="How many", high=MAX_UNITS)
            try:
                line_cost = line_weekly_cost(unit_cost=unit_cost, units=units, frequency=frequency, unit=unit)
            except ValueError as error:
                raise ValidationError({"units": [str(error)]}) from None
            weekly, explanation = line_cost.weekly_cost, line_cost.explanation
        if weekly > MAX_WEEKLY:
            raise ValidationError(
                {
                    "unit_cost": [
                        f"This line would cost {format_money(weekly)} a week: a line can cost at most "
                        f"{format_money(MAX_WEEKLY)} a week. Check the cost of one unit and how many"
                    ]
                }
            )
    if management in DIRECT_PAYMENT_KINDS - {Management.DIRECT_PAYMENT} and not recipient_name.strip():
        raise ValidationError({"recipient_name": ["Enter the name of the person who will receive the payment"]})
    return {
        "outcome": outcome,
        "kind": kind,
        "description": description.strip(),
        "provider_name": provider_name.strip(),
        "directory_service": directory_service,
        "unit": unit,
        "unit_cost": unit_cost or Decimal(0),
        "units": units or Decimal(0),
        "frequency": frequency,
        "pa_hourly_rate": hourly,
        "pa_year": pa_year if kind == LineKind.PA_HOURS else "",
        "weekly_cost": weekly,
        "cost_explanation": explanation,
        "management": management,
        "recipient_name": recipient_name.strip(),
        "service_type": service_type,
        "service_component": service_component,
        "delivery_mechanism": DELIVERY_MECHANISM[Management(management)],
        "timetable": slots,
    }


def plan_line_add(
    *,
    actor: User,
    outcome: PlanOutcome,
    kind: str,
    description: str,
    provider_name: str = "",
    directory_service: Service | None = None,
    unit: str = "",
    unit_cost: Decimal | None = None,
    units: Decimal | None = None,
    frequency: str = "weekly",
    pa_hourly_rate: Decimal | None = None,
    pa_year: str = "2025/26",
    management: str = Management.NOT_PAID,
    recipient_name: str = "",
    service_type: str = "",
    service_component: str = "",
    timetable: Iterable[str] = (),
    expected_version: int | None = None,
) -> PlanLine:
    """Add how an outcome will be met. Paid lines are costed a week; PA hours are priced as the employer's cost."""
    version = outcome.version
    _check_may_write(actor, version.plan.person)
    _check_draft(version)
    fields = _line_fields(
        version=version, outcome=outcome, kind=kind, description=description, provider_name=provider_name,
        directory_service=directory_service, unit=unit, unit_cost=unit_cost, units=units, frequency=frequency,
        pa_hourly_rate=pa_hourly_rate, pa_year=pa_year, management=management, recipient_name=recipient_name,
        service_type=service_type, service_component=service_component, timetable=timetable,
    )  # fmt: skip
    with transaction.atomic():
        _claim(version, expected_version)
        line = PlanLine.objects.create(version=version, position=version.lines.count() + 1, **fields)
        audit_record(
            actor=actor, action=events.PLAN_LINE_ADDED, subject=line, person=version.plan.person,
            new={
                "description": line.description,
                "weekly_cost": str(line.weekly_cost),
                "management": line.management,
                "directory_service": str(line.directory_service_id or ""),
            },
        )  # fmt: skip
    return line


#: What the audit trail keeps of a line before and after a change.
_LINE_AUDITED = ("outcome_id", "kind", "description", "provider_name", "directory_service_id", "unit", "unit_cost",
                 "units", "frequency", "pa_hourly_rate", "weekly_cost", "management", "recipient_name",
                 "service_type", "service_component", "timetable")  # fmt: skip


def _line_audit(line: PlanLine) -> dict[str, Any]:
    return {
        name: value if isinstance(value := getattr(line, name), list) else ("" if value is None else str(value))
        for name in _LINE_AUDITED
    }


def plan_line_update(
    *,
    actor: User,
    line: PlanLine,
    outcome: PlanOutcome,
    kind: str,
    description: str,
    provider_name: str = "",
    directory_service: Service | None = None,
    unit: str = "",
    unit_cost: Decimal | None = None,
    units: Decimal | None = None,
    frequency: str = "weekly",
    pa_hourly_rate: Decimal | None = None,
    pa_year: str = "2025/26",
    management: str = Management.NOT_PAID,
    recipient_name: str = "",
    service_type: str = "",
    service_component: str = "",
    timetable: Iterable[str] = (),
    expected_version: int | None = None,
) -> PlanLine:
    """Change a line of a draft, checked and costed as when it was added; the change is audited before and after.

    A version sent for approval is never changed: an approved plan is changed by starting a new version.
    """
    version = line.version
    _check_may_write(actor, version.plan.person)
    _check_draft(version)
    fields = _line_fields(
        version=version, outcome=outcome, kind=kind, description=description, provider_name=provider_name,
        directory_service=directory_service, unit=unit, unit_cost=unit_cost, units=units, frequency=frequency,
        pa_hourly_rate=pa_hourly_rate, pa_year=pa_year, management=management, recipient_name=recipient_name,
        service_type=service_type, service_component=service_component, timetable=timetable,
    )  # fmt: skip
    with transaction.atomic():
        locked = PlanLine.objects.select_for_update().select_related("version").get(pk=line.pk)
        _check_draft(locked.version)
        _claim(locked.version, expected_version)
        before = _line_audit(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        audit_record(
            actor=actor, action=events.PLAN_LINE_CHANGED, subject=locked, person=version.plan.person,
            old=before, new=_line_audit(locked),
        )  # fmt: skip
    line.refresh_from_db()
    return line


def plan_line_remove(*, actor: User, line: PlanLine, expected_version: int | None = None) -> None:
    """Take a line out of a draft (audited with what it was); a version sent for approval keeps its lines."""
    version = line.version
    _check_may_write(actor, version.plan.person)
    _check_draft(version)
    with transaction.atomic():
        _check_draft(PlanVersion.objects.select_for_update().get(pk=version.pk))
        _claim(version, expected_version)
        audit_record(
            actor=actor, action=events.PLAN_LINE_REMOVED, subject=line, person=version.plan.person,
            old={"description": line.description, "weekly_cost": str(line.weekly_cost)},
        )  # fmt: skip
        line.delete()


def plan_problems(version: PlanVersion) -> list[str]:
    """What is missing before a version can be sent for approval, in plain English."""
    problems = []
    outcomes = list(version.outcomes.prefetch_related("lines"))
    if not outcomes:
        problems.append("Add at least one outcome, in the person's own words")
    for outcome in outcomes:
        if not outcome.lines.all():
            problems.append(f"Say how this outcome will be met: “{outcome.own_words[:60]}”")
    if not version.risks.strip():
        problems.append("Write down the risks and how they are managed")
    if not version.contingency.strip():
        problems.append("Write the contingency plan: what happens if support does not turn up")
    comparison = compare_with_indicative(
        line_costs=[line.weekly_cost for line in version.lines.all()],
        indicative_weekly=version.indicative_budget_weekly,
        reason_for_difference=version.reason_for_difference,
    )
    if comparison.needs_explanation:
        problems.append(f"{comparison.explanation.removesuffix(': say why')}: explain the difference")
    if version.starts_on is None:
        problems.append("Enter the date the plan starts")
    else:
        refused = check_start_date(
            version.starts_on, today=timezone.localdate(), replaces_budget_from=_replaces_budget_from(version)
        ).refused
        if refused:
            problems.append(refused)
    return problems


def plan_submit(*, actor: User, version: PlanVersion, expected_version: int | None = None) -> PlanVersion:
    """Send a complete draft for approval; the approval rule fixes who must approve it.

    Refused (:class:`~ownway.core.versioning.StaleEdit`) if the draft changed after ``expected_version``, the
    version the person looked at before sending it.
    """
    _check_may_write(actor, version.plan.person)
    _check_draft(version)
    with transaction.atomic():
        transition(version, allowed_from=[PlanStatus.DRAFT], action="send it for approval", what=PLAN)
        _claim(version, expected_version)
        problems = plan_problems(version)
        if problems:
            raise ValidationError({"__all__": problems})
        total = pounds(sum((line.weekly_cost for line in version.lines.all()), Decimal(0)))
        route = approval_route(weekly_total=total, manager_threshold_weekly=manager_threshold())
        version.total_weekly = total
        version.approver = route.approver.value
        version.approval_route_explanation = route.explanation
        version.status = PlanStatus.AWAITING_APPROVAL  # held since the check above
        version.submitted_at = timezone.now()
        version.submitted_by = actor
        version.save()
        audit_record(
            actor=actor, action=events.PLAN_SUBMITTED, subject=version, person=version.plan.person,
            new={"total_weekly": str(total), "approver": route.approver.value},
        )  # fmt: skip
    return version


def _check_may_decide(actor: User, version: PlanVersion) -> None:
    person = version.plan.person
    if version.approver == Approver.MANAGER:
        if not user_can_for(actor, PlanAction.APPROVE_ANY, person):
            raise PermissionDenied(f"A team manager must approve this plan. {version.approval_route_explanation}")
    elif not user_can_for(actor, PlanAction.APPROVE_SMALL, person):
        raise PermissionDenied("You cannot approve plans for this person")


def plan_approve(*, actor: User, version: PlanVersion, reasons: str) -> PersonalBudget:
    """Approve a version with reasons: it becomes the plan, and makes the personal budget.

    What follows an approved plan is told of it in the same transaction (:data:`~.followers.PLAN_APPROVED`:
    its first review is scheduled). The plan's chargeable cost (:func:`~.rules.charging.chargeable_cost`)
    becomes the person's cost of care from the day the plan starts
    (:func:`ownway.charging.services.cost_of_care_set`): their contribution is worked out again against it and
    they are told, or, with no financial assessment yet, they join the finance team's list; the budget's
    contribution is the one worked out against this plan.
    """
    _check_may_decide(actor, version)
    if not reasons.strip():
        raise ValidationError({"reasons": ["Give the reasons for approving the plan"]})
    person = version.plan.person
    with transaction.atomic():
        transition(version, allowed_from=[PlanStatus.AWAITING_APPROVAL], action="approve it", what=PLAN)
        starts_on = version.starts_on or timezone.localdate()
        refused = check_start_date(
            starts_on, today=timezone.localdate(), replaces_budget_from=_replaces_budget_from(version)
        ).refused
        if refused:
            raise ValidationError({"__all__": [f"{refused}: send it back to be changed"]})
        PlanDecision.objects.create(version=version, approved=True, reasons=reasons.strip(), decided_by=actor)
        for old in PlanVersion.objects.filter(plan=version.plan, status=PlanStatus.APPROVED).exclude(pk=version.pk):
            transition(
                old, allowed_from=[PlanStatus.APPROVED], to=PlanStatus.SUPERSEDED, action="replace it", what=PLAN
            )
        PersonalBudget.objects.filter(version__plan=version.plan, status=BudgetStatus.CURRENT).update(
            status=BudgetStatus.ENDED, ends_on=starts_on - dt.timedelta(days=1)
        )
        _claim(version, None)
        version.status = PlanStatus.APPROVED  # held since the check above
        version.save(update_fields=["status"])
        total = version.total_weekly
        chargeable = chargeable_cost(
            (
                CostedLine(
                    description=line.description,
                    kind=line.kind,
                    weekly_cost=line.weekly_cost,
                    total_cost=line.unit_cost * line.units,
                    service_type=line.service_type,
                    service_component=line.service_component,
                )
                for line in version.lines.all()
            ),
            adaptation_limit=free_adaptation_limit(on=starts_on),
        )
        cost = cost_of_care_set(
            actor=actor,
            person=person,
            weekly=chargeable.weekly,
            charges_from=starts_on,
            source=f"support plan version {version.number}, approved {govuk_date(timezone.localdate())}",
            explanation=chargeable.explanation,
        )
        # The contribution is the one worked out against this plan's cost, when there is a financial assessment.
        fa = cost.financial_assessment
        contribution, council = split_of(
            total, fa.weekly_contribution if fa is not None else version.contribution_weekly
        )
        source = assessment_source(fa) if fa is not None else ""
        budget = PersonalBudget.objects.create(
            person=person,
            version=version,
            total_weekly=total,
            contribution_weekly=contribution,
            council_weekly=council,
            contribution_source=source or version.contribution_source,
            starts_on=starts_on,
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(
                budget=budget,
                plan_line=line,
                weekly_cost=line.weekly_cost,
                management=line.management,
                recipient_name=line.recipient_name,
                delivery_mechanism=line.delivery_mechanism,
            )
            for line in version.lines.exclude(kind=LineKind.UNPAID)
        )
        audit_record(
            actor=actor, action=events.PLAN_APPROVED, subject=version, person=person,
            new={"reasons": reasons.strip(), "total_weekly": str(total), "contribution_weekly": str(contribution)},
        )  # fmt: skip
        PLAN_APPROVED.tell(
            actor=actor,
            changes=[
                PlanApproved(person_id=person.pk, plan_id=version.plan_id, version_id=version.pk, starts_on=starts_on)
            ],
        )
    return budget


def support_plan_assessment_link(*, actor: User, plan: SupportPlan, assessment: Assessment) -> SupportPlan:
    """Link a plan started before its assessment was finished (a carer's plan written alongside the carer's
    assessment, say) to the assessment whose outcomes it meets. Refused: the assessment is about someone else,
    is not finished, or the plan is already linked to another."""
    _check_may_write(actor, plan.person)
    if assessment.person_id != plan.person_id:
        raise ValidationError({"assessment": ["That assessment is about someone else"]})
    if assessment.status != AssessmentStatus.COMPLETED:
        raise ValidationError({"assessment": ["Finish the assessment before linking the plan to it"]})
    if plan.assessment_id not in (None, assessment.pk):
        raise ValidationError({"assessment": ["This plan already meets another assessment"]})
    with transaction.atomic():
        plan.assessment = assessment
        plan.save(update_fields=["assessment"])
        audit_record(
            actor=actor, action=events.PLAN_ASSESSMENT_LINKED, subject=plan, person=plan.person,
            new={"assessment": assessment.pk},
        )  # fmt: skip
    return plan


def support_plan_end(*, actor: User, plan: SupportPlan, ends_on: dt.date, reason: str) -> list[PersonalBudget]:
    """End a person's support plan on ``ends_on`` (its last day), as a review decided (Care Act 2014 s.27(4):
    a review may end the plan): the plan's current personal budget ends then, and the cost of care stops being
    charged from the next day (a cost of £0, :func:`~ownway.charging.services.cost_of_care_set`, which works
    the contribution out again and tells the person). In the caller's transaction; returns the budgets ended.

    Refused with nothing saved: no reason, or an end before the budget in force started."""
    _check_may_write(actor, plan.person)
    if not reason.strip():
        raise ValidationError({"end_reason": ["Say why the support is ending"]})
    with transaction.atomic():
        budgets = list(
            PersonalBudget.objects.select_for_update().filter(version__plan=plan, status=BudgetStatus.CURRENT)
        )
        for budget in budgets:
            if ends_on < budget.starts_on:
                raise ValidationError(
                    {"ends_on": [f"The support cannot end before its budget starts, on {govuk_date(budget.starts_on)}"]}
                )
            budget.status, budget.ends_on, budget.end_reason = BudgetStatus.ENDED, ends_on, reason.strip()
            budget.save(update_fields=["status", "ends_on", "end_reason"])
        if budgets:
            cost_of_care_set(
                actor=actor, person=plan.person, weekly=Decimal(0), charges_from=ends_on + dt.timedelta(days=1),
                source=f"support plan ended on {govuk_date(ends_on)}", explanation=reason.strip(),
            )  # fmt: skip
        audit_record(
            actor=actor, action=events.PLAN_ENDED, subject=plan, person=plan.person,
            new={"ends_on": ends_on.isoformat(), "reason": reason.strip(), "budgets": [b.pk for b in budgets]},
        )  # fmt: skip
    return budgets


def plan_send_back(*, actor: User, version: PlanVersion, reasons: str) -> PlanVersion:
    """Send a version back as a draft, with reasons, so the worker and the person can change it."""
    _check_may_decide(actor, version)
    if not reasons.strip():
        raise ValidationError({"reasons": ["Say what needs to change"]})
    with transaction.atomic():
        transition(
            version,
            allowed_from=[PlanStatus.AWAITING_APPROVAL],
            to=PlanStatus.DRAFT,
            action="send it back",
            what=PLAN,
        )
        _claim(version, None)
        PlanDecision.objects.create(version=version, approved=False, reasons=reasons.strip(), decided_by=actor)
        audit_record(
            actor=actor, action=events.PLAN_SENT_BACK, subject=version, person=version.plan.person,
            new={"reasons": reasons.strip()},
        )  # fmt: skip
    return version


def plan_version_start(*, actor: User, plan: SupportPlan) -> PlanVersion:
    """A new draft copied from the latest version; the versions before it are kept as they were.

    The indicative budget and contribution are taken afresh from the person's latest indicative budget and
    current financial assessment, so a new version follows a reassessment or an appeal.
    """
    _check_may_write(actor, plan.person)
    latest = plan.versions.order_by("-number").first()
    assert latest is not None
    if plan.versions.filter(status__in=[PlanStatus.DRAFT, PlanStatus.AWAITING_APPROVAL]).exists():
        raise ValidationError({"__all__": ["This plan already has a version being written or waiting for approval"]})
    with transaction.atomic():
        sources = _from_sources(
            plan.person,
            indicative=latest.indicative_budget_weekly,
            indicative_source="" if latest.indicative_budget_id else latest.indicative_budget_source,
            contribution=latest.contribution_weekly,
            contribution_source="" if latest.financial_assessment_id else latest.contribution_source,
        )
        version = PlanVersion.objects.create(
            plan=plan,
            number=latest.number + 1,
            **sources,
            written_with=latest.written_with,
            reason_for_difference=latest.reason_for_difference,
            risks=latest.risks,
            contingency=latest.contingency,
            created_by=actor,
        )
        for outcome in latest.outcomes.prefetch_related("lines"):
            copy = PlanOutcome.objects.create(version=version, own_words=outcome.own_words, position=outcome.position)
            for line in outcome.lines.all():
                line.pk = None
                line.id = None
                line.version = version
                line.outcome = copy
                line._state.adding = True
                line.save()
        audit_record(
            actor=actor, action=events.PLAN_VERSION_STARTED, subject=version, person=plan.person,
            new={"number": version.number, "copied_from": latest.number},
        )  # fmt: skip
    return version


#: How many people's budgets are read at once when contributions change (the uprating changes them all).
FOLLOW_BATCH = 2000


def budget_splits_follow(*, actor: User | None, changes: Sequence[ContributionChange]) -> list[BudgetSplit]:
    """Give each person's current personal budget a new split from the day their new contribution applies (no
    earlier than the budget starts), linked to the financial assessment, in the caller's transaction: the
    follower of :mod:`ownway.charging.followers` that planning registers.

    The split the budget was made with, and every one since, is kept (:mod:`.rules.splits`). A budget already
    split that way, by that assessment, is left alone; so are people with no approved plan, whose contribution
    is taken from their assessment when a plan is approved. A person with more than one current budget has the
    contribution on the latest, the one whose plan set their cost of care. Each new split is audited.
    """
    latest = {change.person_id: change for change in changes}
    people = list(latest)
    made: list[BudgetSplit] = []
    for start in range(0, len(people), FOLLOW_BATCH):
        budgets: dict[int, PersonalBudget] = {}
        for budget in (
            PersonalBudget.objects.select_for_update(of=("self",))
            .filter(person_id__in=people[start : start + FOLLOW_BATCH], status=BudgetStatus.CURRENT)
            .select_related("person")
            .order_by("person_id", "-created_at", "-id")
        ):
            budgets.setdefault(budget.person_id, budget)
        timelines = budget_splits_of(budgets.values())
        new = []
        for person_id, budget in budgets.items():
            change = latest[person_id]
            starts_on = max(change.charges_from, budget.starts_on)
            now = split_on(timelines[budget.pk], starts_on)
            contribution, council = split_of(budget.total_weekly, change.weekly)
            if (now.contribution, now.financial_assessment_id) == (contribution, change.financial_assessment_id):
                continue
            new.append(
                BudgetSplit(
                    budget=budget, starts_on=starts_on, contribution_weekly=contribution, council_weekly=council,
                    financial_assessment_id=change.financial_assessment_id, source=change.source[:200],
                    created_by=actor,
                )
            )  # fmt: skip
        for split in BudgetSplit.objects.bulk_create(new):
            budget = split.budget
            audit_record(
                actor=actor,
                action=events.BUDGET_SPLIT_ADDED,
                subject=split,
                person=budget.person,
                old={"contribution_weekly": str(split_on(timelines[budget.pk], split.starts_on).contribution)},
                new={
                    "starts_on": split.starts_on.isoformat(),
                    "contribution_weekly": str(split.contribution_weekly),
                    "council_weekly": str(split.council_weekly),
                    "financial_assessment": split.financial_assessment_id,
                },
            )
        made += new
    return made


def budget_line_management_change(
    *, actor: User, line: BudgetLine, to_management: str, effective_on: dt.date, reason: str
) -> BudgetLine:
    """Change how a budget line is managed from a date (for example, back to the council at any time), kept."""
    person = line.budget.person
    if not (user_can_for(actor, PlanAction.WRITE, person) or actor.role == "finance_officer"):
        raise PermissionDenied("You cannot change how this budget is managed")
    if to_management not in Management.__members__.values() or to_management == Management.NOT_PAID:
        raise ValidationError({"to_management": ["Choose how this part of the budget will be managed"]})
    if to_management == line.management:
        raise ValidationError({"to_management": ["It is already managed that way"]})
    if not reason.strip():
        raise ValidationError({"reason": ["Say why it is changing"]})
    if line.budget.status != BudgetStatus.CURRENT:
        raise ValidationError({"__all__": ["This budget has ended"]})
    with transaction.atomic():
        ManagementChange.objects.create(
            line=line, from_management=line.management, to_management=to_management,
            effective_on=effective_on, reason=reason.strip(), changed_by=actor,
        )  # fmt: skip
        before = line.management
        line.management = to_management
        line.delivery_mechanism = DELIVERY_MECHANISM[Management(to_management)]
        line.save(update_fields=["management", "delivery_mechanism"])
        audit_record(
            actor=actor, action=events.BUDGET_MANAGEMENT_CHANGED, subject=line, person=person,
            old={"management": before}, new={"management": to_management, "effective_on": effective_on.isoformat()},
        )  # fmt: skip
    return line
