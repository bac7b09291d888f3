"""Support plans in the JSON API: one plan's version with its lines, costs, week and approval."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from ownway.api.auth import caller
from ownway.api.schemas import AUTH_ERRORS, ErrorOut, RecordId, VersionNumber

from .selectors import plan_get_for_user, version_summary

plans_router = Router(tags=["Support plans"])


class LineOut(Schema):
    id: int
    outcome_id: int
    kind: str
    description: str
    provider_name: str
    directory_service_id: str | None
    unit: str
    unit_cost: Decimal
    units: Decimal
    frequency: str
    weekly_cost: Decimal
    cost_explanation: str
    management: str
    recipient_name: str
    service_type: str
    service_component: str
    delivery_mechanism: str
    timetable: list[str]


class OutcomeOut(Schema):
    id: int
    own_words: str


class PlanOut(Schema):
    id: int
    person_id: int
    version: int
    status: str
    starts_on: dt.date | None
    indicative_budget_weekly: Decimal | None
    #: Where the indicative budget came from; the RAS budget's id when it came from the RAS.
    indicative_budget_source: str
    indicative_budget_id: int | None
    contribution_weekly: Decimal
    #: Where the contribution came from; the financial assessment's id when it came from one.
    contribution_source: str
    financial_assessment_id: int | None
    total_weekly: Decimal
    budget_explanation: str
    management: str
    approver: str
    risks: str
    contingency: str
    outcomes: list[OutcomeOut]
    lines: list[LineOut]


@plans_router.get(
    "/{plan_id}",
    response={200: PlanOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="A support plan: its latest version, or the version asked for, with its lines and weekly costs",
)
def get_plan(request: HttpRequest, plan_id: RecordId, version: VersionNumber | None = None) -> PlanOut:
    plan = plan_get_for_user(user=caller(request), pk=plan_id)
    versions = plan.versions.all()
    chosen = versions.filter(number=version).first() if version is not None else versions.first()
    if chosen is None:
        raise Http404("The plan has no such version")
    summary = version_summary(chosen)
    lines = [
        LineOut(
            **{name: getattr(line, name) for name in LineOut.model_fields if name not in {"directory_service_id"}},
            directory_service_id=str(line.directory_service_id) if line.directory_service_id else None,
        )
        for line in chosen.lines.all()
    ]
    return PlanOut(
        id=plan.pk,
        person_id=plan.person_id,
        version=chosen.number,
        status=chosen.status,
        starts_on=chosen.starts_on,
        indicative_budget_weekly=chosen.indicative_budget_weekly,
        indicative_budget_source=chosen.indicative_budget_source,
        indicative_budget_id=chosen.indicative_budget_id,
        contribution_weekly=chosen.contribution_weekly,
        contribution_source=chosen.contribution_source,
        financial_assessment_id=chosen.financial_assessment_id,
        total_weekly=summary.comparison.total_weekly,
        budget_explanation=summary.comparison.explanation,
        management=summary.management,
        approver=chosen.approver,
        risks=chosen.risks,
        contingency=chosen.contingency,
        outcomes=[OutcomeOut(id=o.pk, own_words=o.own_words) for o in chosen.outcomes.all()],
        lines=lines,
    )
