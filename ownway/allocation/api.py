"""The RAS as a service: the questionnaire in use, a calculation with its explanation, a saved budget.

``POST /ras/calculate`` saves nothing: it applies the RAS version in use to a set of answers, so
another system (or a self-assessment) can show a person their indicative budget and why.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from ownway.api.auth import caller
from ownway.api.errors import FieldErrors
from ownway.api.schemas import AUTH_ERRORS, ErrorOut, FieldErrorsOut, InputSchema, RecordId

from .rules.ras import AnswersError, calculate
from .selectors import budget_get_for_user, ras_model_active

ras_router = Router(tags=["Resource Allocation System"])


class OptionOut(Schema):
    code: str
    text: str
    points: int


class QuestionOut(Schema):
    code: str
    domain: str
    text: str
    from_outcome: str = Field(description="The assessment outcome this is answered from, if any.")
    options: list[OptionOut]


class DomainOut(Schema):
    code: str
    name: str


class PriceRowOut(Schema):
    from_points: int
    pounds_per_point: Decimal


class BandOut(Schema):
    name: str
    lower: Decimal
    upper: Decimal | None


class ModelOut(Schema):
    version: int
    name: str
    domains: list[DomainOut]
    questions: list[QuestionOut]
    price_table: list[PriceRowOut]
    bands: list[BandOut]


class AreaOut(Schema):
    domain: str
    name: str
    points: int
    amount: Decimal = Field(description="This area's share of the weekly budget, in pounds.")
    sentence: str = Field(description='"£… for … because …"')


class BudgetOut(Schema):
    version: int = Field(description="The RAS version that produced the figure.")
    points: int
    weekly: Decimal = Field(description="The indicative personal budget, pounds a week.")
    band: str
    areas: list[AreaOut]
    explanation: str


class SavedBudgetOut(BudgetOut):
    id: int
    person_id: int
    assessment_id: int | None
    calculated_at: dt.datetime
    revised_by_appeal: bool


class CalculateIn(InputSchema):
    answers: dict[str, str] = Field(description="Question code → answer code, for every question of the model.")


@ras_router.get("/model", response={200: ModelOut, **AUTH_ERRORS}, summary="The RAS questionnaire in use")
def ras_model(request: HttpRequest) -> ModelOut:
    """Domains, questions with points per answer, the price table and the bands of the version in use."""
    caller(request)
    version, model = ras_model_active()
    return ModelOut(
        version=version.number,
        name=version.name,
        domains=[DomainOut(code=d.code, name=d.name) for d in model.domains],
        questions=[
            QuestionOut(
                code=q.code,
                domain=q.domain,
                text=q.text,
                from_outcome=q.from_outcome,
                options=[OptionOut(code=o.code, text=o.text, points=o.points) for o in q.options],
            )
            for q in model.questions
        ],
        price_table=[
            PriceRowOut(from_points=r.from_points, pounds_per_point=r.pounds_per_point) for r in model.price_table
        ],
        bands=[BandOut(name=b.name, lower=b.lower, upper=b.upper) for b in model.bands],
    )


@ras_router.post(
    "/calculate",
    response={200: BudgetOut, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="Work out an indicative budget from answers (nothing is saved)",
)
def ras_calculate(request: HttpRequest, body: CalculateIn) -> BudgetOut:
    """The weekly indicative budget, its band and "£… because …" by area, from the RAS version in use."""
    caller(request)
    version, model = ras_model_active()
    try:
        result = calculate(model, body.answers)
    except AnswersError as error:
        raise FieldErrors({f"answers.{k}": [v] for k, v in error.problems.items()}) from error
    return BudgetOut(
        version=version.number,
        points=result.points,
        weekly=result.weekly,
        band=result.band,
        areas=[
            AreaOut(domain=a.domain, name=a.name, points=a.points, amount=a.amount, sentence=a.sentence)
            for a in result.areas
        ],
        explanation=result.explanation,
    )


@ras_router.get(
    "/budgets/{budget_id}",
    response={200: SavedBudgetOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="A person's saved indicative budget, with its explanation",
)
def get_budget(request: HttpRequest, budget_id: RecordId) -> SavedBudgetOut:
    """Only for people whose record you may open; the opening is written to the audit trail."""
    b = budget_get_for_user(user=caller(request), pk=budget_id)
    return SavedBudgetOut(
        id=b.pk,
        person_id=b.person_id,
        assessment_id=b.assessment_id,
        calculated_at=b.calculated_at,
        revised_by_appeal=b.revised_by_appeal_id is not None,
        version=b.ras_version.number,
        points=b.points,
        weekly=b.weekly_amount,
        band=b.band,
        areas=[AreaOut(**a) for a in b.areas],
        explanation=b.explanation,
    )
