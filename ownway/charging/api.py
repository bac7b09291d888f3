"""Charging as a service: a contribution and its step-by-step explanation, and saved assessments.

``POST /charging/calculate`` saves nothing: it applies the year's rules (the Care and Support
(Charging and Assessment of Resources) Regulations 2014 and Annex C) to the circumstances sent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from ownway.accounts.roles import Role
from ownway.api.auth import caller
from ownway.api.errors import FieldErrors
from ownway.api.schemas import AUTH_ERRORS, ErrorOut, FieldErrorsOut, InputSchema, RecordId
from ownway.core.money import format_money

from .rules.contribution import (
    Circumstances,
    CircumstancesError,
    Income,
    IncomeKind,
    RuleSetIncomplete,
    Service,
    assess,
)
from .selectors import (
    LetterNotReady,
    NoRuleSet,
    RuleSetUnreadable,
    financial_assessment_get_for_user,
    rule_set_for_charge,
    rules_of,
)

charging_router = Router(tags=["Charging"])


class IncomeIn(InputSchema):
    kind: IncomeKind = Field(description="What the income is; it decides whether and how much of it is counted.")
    weekly: Decimal = Field(
        description="Pounds a week (the whole amount, even if received jointly).", ge=0, le=10_000_000, decimal_places=2
    )
    joint: bool = Field(False, description="Received with a partner: half is counted as the person's.")


class CircumstancesIn(InputSchema):
    """Everything a financial assessment for care at home is made from; amounts are pounds a week unless named."""

    charges_from: dt.date | None = Field(
        None,
        description="The date the charge applies from; the figures used are those of the financial year it falls "
        "in (years start on 6 April). By default the start of `year` if given, else today.",
    )
    year: str | None = Field(
        None, description="The rules' year, like `2025/26`; if given with `charges_from`, it must be that date's year."
    )
    age: int = Field(ge=18, le=130, description="The person's age on the date the charge applies from, in years.")
    weekly_cost_of_care: Decimal = Field(
        description="What the care costs a week: the most the person could be asked to pay.",
        ge=0,
        le=10_000_000,
        decimal_places=2,
    )
    incomes: list[IncomeIn] = Field(default_factory=list, max_length=40, description="Every weekly income.")
    capital: Decimal = Field(
        Decimal(0),
        description="Savings and other capital in the person's own name, in pounds.",
        ge=0,
        le=10_000_000,
        decimal_places=2,
    )
    joint_capital: Decimal = Field(
        Decimal(0),
        description="Capital held jointly, in pounds: half is counted as the person's.",
        ge=0,
        le=10_000_000,
        decimal_places=2,
    )
    member_of_couple: bool = Field(False, description="The person is a member of a couple (reg 7(4)).")
    lone_parent: bool = Field(False, description="The person is a lone parent (reg 7(3)).")
    dependent_children: int = Field(
        0, ge=0, le=20, description="Children the person is responsible for in their household (reg 7(1)(b))."
    )
    disability_premium: bool = Field(
        False, description="The person gets, or would get on Income Support, the disability premium (reg 7(5)-(6)); "
        "not added at pension credit age.",
    )  # fmt: skip
    enhanced_disability_premium: bool = Field(
        False, description="As the disability premium, the enhanced disability premium too (needs the disability "
        "premium).",
    )  # fmt: skip
    carer_premium: bool = Field(False, description="The person qualifies for the carer premium (reg 7(7)).")
    housing_costs: Decimal = Field(
        Decimal(0),
        description="Rent, mortgage interest, ground rent, council tax and eligible service charges, a week, net of "
        "Housing Benefit and Council Tax Reduction (Sch 1 para 2).",
        ge=0,
        le=10_000_000,
        decimal_places=2,
    )
    disability_related_expenditure: Decimal = Field(
        Decimal(0),
        description="Extra costs a week because of disability or illness (Sch 1 para 4).",
        ge=0,
        le=10_000_000,
        decimal_places=2,
    )
    light_touch_full_cost: bool = Field(
        False, description="Light touch: capital above the upper limit, or the person chooses to pay the full cost."
    )
    service: Service = Field(
        Service.CARE_AND_SUPPORT, description="What is charged for; reablement, intermediate care and minor "
        "adaptations are free within limits (reg 3).",
    )  # fmt: skip
    weeks_of_service_so_far: int = Field(
        0, ge=0, le=520,
        description="For reablement or intermediate care: the weeks of reablement or intermediate care the person has "
        "had so far, before this week (the first 6 are free, or more by the council's choice).",
    )  # fmt: skip
    adaptation_cost: Decimal = Field(
        Decimal(0),
        description="For a minor adaptation: what it costs, in pounds.",
        ge=0,
        le=10_000_000,
        decimal_places=2,
    )
    day_care_only: bool = Field(
        False,
        description="The council arranges care only in the day (none at night): by the council's policy, the "
        "night-time part of Attendance Allowance or the DLA care component is then not counted.",
    )


class StepOut(Schema):
    label: str = Field(description="What this step is.")
    amount: Decimal = Field(description="Pounds (a week, unless the step is capital).")
    why: str = Field(description="Why, in plain English, naming the regulation.")


class ContributionOut(Schema):
    weekly: Decimal = Field(description="What the person pays, pounds a week.")
    full_cost_payer: bool = Field(description="The person pays the full cost of their care.")
    free: bool = Field(description="The service is free (reg 3).")
    rule_set_year: str = Field(description="The year whose figures were used, like `2026/27`.")
    steps: list[StepOut] = Field(description="How it was worked out, step by step.")
    warnings: list[str] = Field(
        description="Figures used that the council has not confirmed for the year (for staff: no letter goes to "
        "the person while there are any). Always empty for a citizen or a provider: they are told nothing of "
        "figures not confirmed."
    )
    explanation: str = Field(description="The steps as plain-English lines.")


class SavedAssessmentOut(ContributionOut):
    id: int = Field(description="The financial assessment.")
    person_id: int = Field(description="The person assessed.")
    status: str = Field(description="`current`, `superseded` (by a newer assessment) or `closed`.")
    weekly_cost_of_care: Decimal = Field(description="The weekly cost of care it was worked out against.")
    charges_from: dt.date = Field(description="The date the charge applies from.")
    assessed_at: dt.datetime = Field(description="When it was recorded.")


@charging_router.post(
    "/calculate",
    response={200: ContributionOut, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="Work out a weekly contribution from circumstances (nothing is saved)",
)
def charging_calculate(request: HttpRequest, body: CircumstancesIn) -> ContributionOut:
    """The contribution is the lesser of the cost of care and what is left after the Minimum Income
    Guarantee and allowances, never negative; each step names its regulation."""
    user = caller(request)
    try:
        record, _charges_from = rule_set_for_charge(charges_from=body.charges_from, year=body.year)
    except NoRuleSet as error:
        raise FieldErrors({"charges_from" if body.charges_from else "year": [str(error)]}) from error
    data = body.model_dump(exclude={"year", "incomes", "charges_from"})
    circumstances = Circumstances(**data, incomes=tuple(Income(i.kind, i.weekly, i.joint) for i in body.incomes))
    try:
        result = assess(circumstances, rules_of(record))
    except CircumstancesError as error:
        raise FieldErrors({k: [v] for k, v in error.problems.items()}) from error
    except (RuleSetIncomplete, RuleSetUnreadable) as error:
        raise FieldErrors({"year": [str(error)]}) from error
    return ContributionOut(
        weekly=result.weekly,
        full_cost_payer=result.full_cost_payer,
        free=result.free,
        rule_set_year=result.rule_set_year,
        steps=[StepOut(label=s.label, amount=s.amount, why=s.why) for s in result.steps],
        warnings=list(result.warnings) if user.is_council_staff else [],
        explanation=result.explanation,
    )


@charging_router.get(
    "/assessments/{assessment_id}",
    response={200: SavedAssessmentOut, **AUTH_ERRORS, 404: ErrorOut, 409: ErrorOut},
    summary="A person's financial assessment, with its steps",
)
def get_assessment(request: HttpRequest, assessment_id: RecordId) -> SavedAssessmentOut:
    """Only for people whose record you may open; the opening is written to the audit trail.

    A person asking for their own assessment is answered 409 while it uses a figure not confirmed for its
    year: what they pay is not told to them until the figures are confirmed (staff see the warnings)."""
    user = caller(request)
    try:
        fa = financial_assessment_get_for_user(user=user, pk=assessment_id, as_letter=user.role == Role.CITIZEN)
    except LetterNotReady as error:
        raise HttpError(409, "Your letter about what you pay is not ready yet: we will send it when it is") from error
    steps = [StepOut(**s) for s in fa.steps]
    return SavedAssessmentOut(
        id=fa.pk,
        person_id=fa.person_id,
        status=fa.status,
        weekly_cost_of_care=fa.weekly_cost_of_care,
        charges_from=fa.charges_from,
        assessed_at=fa.assessed_at,
        weekly=fa.weekly_contribution,
        full_cost_payer=fa.full_cost_payer,
        free=fa.free,
        rule_set_year=fa.rule_set.year,
        steps=steps,
        warnings=fa.warnings,
        explanation="\n".join([*(f"{s.label}: {format_money(s.amount)}. {s.why}" for s in steps),
                               f"You pay {format_money(fa.weekly_contribution)} a week."]),
    )  # fmt: skip
