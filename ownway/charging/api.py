"""Charging as a service: a contribution and its step-by-step explanation, and saved assessments.

``POST /charging/calculate`` saves nothing: it applies the year's rules (the Care and Support
(Charging and Assessment of Resources) Regulations 2014 and Annex C) to the circumstances sent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from ownway.api.auth import caller
from ownway.api.errors import FieldErrors
from ownway.api.schemas import AUTH_ERRORS, ErrorOut, FieldErrorsOut, InputSchema, RecordId

from .rules.contribution import (
    Circumstances,
    CircumstancesError,
    Income,
    IncomeKind,
    RuleSetIncomplete,
    Service,
    assess,
)
from .selectors import NoRuleSet, financial_assessment_get_for_user, rule_set_for, rules_of

charging_router = Router(tags=["Charging"])


class IncomeIn(InputSchema):
    kind: IncomeKind = Field(description="What the income is; it decides whether it is counted.")
    weekly: Decimal = Field(ge=0, le=10_000_000, decimal_places=2)
    joint: bool = Field(False, description="Received with a partner: half is counted as the person's.")


class CircumstancesIn(InputSchema):
    year: str | None = Field(None, description="The rules' year, like `2025/26`; by default those in force today.")
    age: int = Field(ge=18, le=130)
    weekly_cost_of_care: Decimal = Field(ge=0, le=10_000_000, decimal_places=2)
    incomes: list[IncomeIn] = Field(default_factory=list, max_length=40)
    capital: Decimal = Field(Decimal(0), ge=0, le=10_000_000, decimal_places=2)
    joint_capital: Decimal = Field(Decimal(0), ge=0, le=10_000_000, decimal_places=2)
    member_of_couple: bool = False
    lone_parent: bool = False
    dependent_children: int = Field(0, ge=0, le=20)
    disability_premium: bool = False
    enhanced_disability_premium: bool = False
    carer_premium: bool = False
    housing_costs: Decimal = Field(Decimal(0), ge=0, le=10_000_000, decimal_places=2)
    disability_related_expenditure: Decimal = Field(Decimal(0), ge=0, le=10_000_000, decimal_places=2)
    light_touch_full_cost: bool = False
    service: Service = Service.CARE_AND_SUPPORT
    weeks_of_service_so_far: int = Field(0, ge=0, le=520)
    adaptation_cost: Decimal = Field(Decimal(0), ge=0, le=10_000_000, decimal_places=2)


class StepOut(Schema):
    label: str
    amount: Decimal
    why: str


class ContributionOut(Schema):
    weekly: Decimal = Field(description="What the person pays, pounds a week.")
    full_cost_payer: bool
    free: bool
    rule_set_year: str
    steps: list[StepOut]
    warnings: list[str] = Field(description="Figures used that the council has not confirmed for the year.")
    explanation: str


class SavedAssessmentOut(ContributionOut):
    id: int
    person_id: int
    status: str
    weekly_cost_of_care: Decimal
    assessed_at: dt.datetime


@charging_router.post(
    "/calculate",
    response={200: ContributionOut, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="Work out a weekly contribution from circumstances (nothing is saved)",
)
def charging_calculate(request: HttpRequest, body: CircumstancesIn) -> ContributionOut:
    """The contribution is the lesser of the cost of care and what is left after the Minimum Income
    Guarantee and allowances, never negative; each step names its regulation."""
    caller(request)
    try:
        record = rule_set_for(year=body.year) if body.year else rule_set_for(on=timezone.localdate())
    except NoRuleSet as error:
        raise FieldErrors({"year": [str(error)]}) from error
    data = body.model_dump(exclude={"year", "incomes"})
    circumstances = Circumstances(**data, incomes=tuple(Income(i.kind, i.weekly, i.joint) for i in body.incomes))
    try:
        result = assess(circumstances, rules_of(record))
    except CircumstancesError as error:
        raise FieldErrors({k: [v] for k, v in error.problems.items()}) from error
    except RuleSetIncomplete as error:
        raise FieldErrors({"year": [str(error)]}) from error
    return ContributionOut(
        weekly=result.weekly,
        full_cost_payer=result.full_cost_payer,
        free=result.free,
        rule_set_year=result.rule_set_year,
        steps=[StepOut(label=s.label, amount=s.amount, why=s.why) for s in result.steps],
        warnings=list(result.warnings),
        explanation=result.explanation,
    )


@charging_router.get(
    "/assessments/{assessment_id}",
    response={200: SavedAssessmentOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="A person's financial assessment, with its steps",
)
def get_assessment(request: HttpRequest, assessment_id: RecordId) -> SavedAssessmentOut:
    """Only for people whose record you may open; the opening is written to the audit trail."""
    fa = financial_assessment_get_for_user(user=caller(request), pk=assessment_id)
    steps = [StepOut(**s) for s in fa.steps]
    return SavedAssessmentOut(
        id=fa.pk,
        person_id=fa.person_id,
        status=fa.status,
        weekly_cost_of_care=fa.weekly_cost_of_care,
        assessed_at=fa.assessed_at,
        weekly=fa.weekly_contribution,
        full_cost_payer=fa.full_cost_payer,
        free=fa.free,
        rule_set_year=fa.rule_set.year,
        steps=steps,
        warnings=fa.warnings,
        explanation="\n".join([*(f"{s.label}: £{s.amount}. {s.why}" for s in steps),
                               f"You pay £{fa.weekly_contribution} a week."]),
    )  # fmt: skip
