"""Direct payments in the JSON API: an account at a glance, and the PA employer-cost calculator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from ownway.api.auth import caller
from ownway.api.errors import FieldErrors
from ownway.api.schemas import AUTH_ERRORS, ErrorOut, FieldErrorsOut, InputSchema, RecordId
from ownway.planning.rules.pa_costs import PAYROLL_YEARS, PAEmployment, pa_employer_cost

from .selectors import account_summary, agreement_get_for_user

payments_router = Router(tags=["Direct payments"])


class AccountOut(Schema):
    id: int
    reference: str
    person_id: int
    status: str
    basis: str
    starts_on: dt.date
    ends_on: dt.date | None
    weekly_payment: Decimal
    balance: Decimal
    paid_in_total: Decimal
    surplus: Decimal
    surplus_flagged: bool
    surplus_explanation: str
    review_due_by: dt.date | None
    review_overdue: bool
    review_explanation: str
    transactions_to_check: int


class PACostIn(InputSchema):
    hourly_rate: Decimal = Field(gt=0, max_digits=7, decimal_places=2)
    hours_per_week: Decimal = Field(gt=0, le=100, max_digits=5, decimal_places=2)
    year: str = "2025/26"
    worker_age: int | None = Field(default=None, ge=16, le=100)
    pension_opted_in: bool = False
    employment_allowance_available: Decimal | None = Field(default=None, ge=0, le=100_000, decimal_places=2)
    insurance_annual: Decimal = Field(default=Decimal(0), ge=0, le=100_000, decimal_places=2)
    payroll_fee_annual: Decimal = Field(default=Decimal(0), ge=0, le=100_000, decimal_places=2)


class CostItemOut(Schema):
    name: str
    weekly: Decimal
    explanation: str


class PACostOut(Schema):
    year: str
    weekly_total: Decimal
    cost_per_hour: Decimal
    items: list[CostItemOut]
    explanation: str
    sources: dict[str, str]


@payments_router.post(
    "/pa-costs",
    response={200: PACostOut, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="What a personal assistant costs their employer a week, item by item",
)
def pa_costs(request: HttpRequest, body: PACostIn) -> PACostOut:
    """Pay, holiday pay (12.07%), employer's National Insurance less the Employment Allowance, workplace
    pension, insurance and payroll, from the year's figures (each with its source). Council staff only."""
    if not caller(request).is_council_staff:
        raise PermissionDenied("Only council staff can use the PA cost calculator")
    if body.year not in PAYROLL_YEARS:
        raise FieldErrors({"year": [f"Choose a year from {', '.join(PAYROLL_YEARS)}"]})
    try:
        cost = pa_employer_cost(PAEmployment(**body.model_dump()))
    except ValueError as error:
        raise FieldErrors({"hourly_rate": [str(error)]}) from error
    return PACostOut(
        year=cost.year,
        weekly_total=cost.weekly_total,
        cost_per_hour=cost.cost_per_hour,
        items=[CostItemOut(name=i.name, weekly=i.weekly, explanation=i.explanation) for i in cost.items],
        explanation=cost.explanation,
        sources=PAYROLL_YEARS[cost.year].sources,
    )


@payments_router.get(
    "/{agreement_id}",
    response={200: AccountOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="A direct payment account: balance, weekly payment, surplus and the next review",
)
def get_account(request: HttpRequest, agreement_id: RecordId) -> AccountOut:
    agreement = agreement_get_for_user(user=caller(request), pk=agreement_id)
    summary = account_summary(agreement, timezone.localdate())
    return AccountOut(
        id=agreement.pk,
        reference=agreement.reference,
        person_id=agreement.person_id,
        status=agreement.status,
        basis=agreement.basis,
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        weekly_payment=summary.weekly_payment,
        balance=summary.balance,
        paid_in_total=summary.paid_in_total,
        surplus=summary.surplus.surplus,
        surplus_flagged=summary.surplus.flagged,
        surplus_explanation=summary.surplus.explanation,
        review_due_by=summary.review.due_by,
        review_overdue=summary.review.overdue,
        review_explanation=summary.review.explanation,
        transactions_to_check=summary.to_check,
    )
