"""Eligibility as a service: send the answers, get the decision and its reasons (SI 2015/313).

Nothing is saved: these endpoints only apply :mod:`ownway.assessments.rules.eligibility`, so another
system (or a self-assessment) can see what the regulations say about a set of answers.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from ownway.api.auth import caller
from ownway.api.errors import FieldErrors
from ownway.api.schemas import AUTH_ERRORS, ErrorOut, FieldErrorsOut, InputSchema

from .rules.eligibility import (
    AdultNeeds,
    AdultOutcome,
    CarerNeeds,
    CarerOutcome,
    EligibilityDecision,
    EligibilityInputError,
    OutcomeAnswer,
    decide_adult_eligibility,
    decide_carer_eligibility,
)
from .selectors import assessment_get_for_user

eligibility_router = Router(tags=["Eligibility"])


class OutcomeAnswerIn(InputSchema):
    outcome: str = Field(description="The outcome's code, like `personal_hygiene` (see the decision endpoints).")
    unable_without_assistance: bool = Field(False, description="Cannot do it without help, including prompting.")
    significant_pain_distress_or_anxiety: bool = False
    endangers_health_or_safety: bool = False
    takes_significantly_longer: bool = Field(False, description="Adults only (reg 2(3)(d)); ignored for carers.")
    notes: str = Field("", max_length=2000)


class _NeedsIn(InputSchema):
    outcomes: list[OutcomeAnswerIn] = Field(default_factory=list, max_length=10)
    significant_impact_on_wellbeing: bool
    wellbeing_impact: str = Field("", max_length=2000)
    needs_fluctuate: bool = False
    period_considered: str = Field("", max_length=500)


class AdultEligibilityIn(_NeedsIn):
    arises_from_impairment_or_illness: bool


class CarerEligibilityIn(_NeedsIn):
    arises_from_providing_necessary_care: bool
    health_deteriorating_or_at_risk: bool


class DecisionOut(Schema):
    eligible: bool
    outcomes_not_achieved: list[str] = Field(description="Codes of the outcomes the person cannot achieve.")
    reasons: list[str] = Field(description="One sentence per finding, each naming its regulation.")
    warnings: list[str]
    explanation: str


def _answers(body: _NeedsIn, outcomes: type[StrEnum]) -> tuple[OutcomeAnswer, ...]:
    known = [o.value for o in outcomes]
    errors = [
        f"Outcome {n + 1}: {a.outcome!r} is not an outcome here; use one of {', '.join(known)}"
        for n, a in enumerate(body.outcomes)
        if a.outcome not in known
    ]
    if errors:
        raise FieldErrors({"outcomes": errors})
    return tuple(
        OutcomeAnswer(
            outcomes(a.outcome),  # type: ignore[arg-type]
            a.unable_without_assistance,
            a.significant_pain_distress_or_anxiety,
            a.endangers_health_or_safety,
            a.takes_significantly_longer,
            a.notes,
        )
        for a in body.outcomes
    )


def _out(decision: EligibilityDecision) -> DecisionOut:
    return DecisionOut(
        eligible=decision.eligible,
        outcomes_not_achieved=[o.value for o in decision.outcomes_not_achieved],
        reasons=list(decision.reasons),
        warnings=list(decision.warnings),
        explanation=decision.explanation,
    )


@eligibility_router.post(
    "/adult",
    response={200: DecisionOut, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="Decide an adult's eligibility (reg 2)",
)
def adult_eligibility(request: HttpRequest, body: AdultEligibilityIn) -> DecisionOut:
    """Apply regulation 2 of the Care and Support (Eligibility Criteria) Regulations 2015.

    Outcome codes, in the order of reg 2(2)(a)–(j): `nutrition`, `personal_hygiene`, `toilet_needs`,
    `clothing`, `using_home_safely`, `habitable_home`, `relationships`,
    `work_training_education_volunteering`, `community_facilities`, `caring_for_a_child`.
    """
    caller(request)
    try:
        decision = decide_adult_eligibility(
            AdultNeeds(
                arises_from_impairment_or_illness=body.arises_from_impairment_or_illness,
                outcomes=_answers(body, AdultOutcome),
                significant_impact_on_wellbeing=body.significant_impact_on_wellbeing,
                wellbeing_impact=body.wellbeing_impact,
                needs_fluctuate=body.needs_fluctuate,
                period_considered=body.period_considered,
            )
        )
    except EligibilityInputError as error:
        raise FieldErrors({"outcomes": [str(error)]}) from error
    return _out(decision)


@eligibility_router.post(
    "/carer",
    response={200: DecisionOut, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="Decide a carer's eligibility (reg 3)",
)
def carer_eligibility(request: HttpRequest, body: CarerEligibilityIn) -> DecisionOut:
    """Apply regulation 3 of the Care and Support (Eligibility Criteria) Regulations 2015.

    Outcome codes, in the order of reg 3(2)(b)(i)–(viii): `caring_for_a_child`, `caring_for_others`,
    `habitable_home`, `nutrition`, `relationships`, `work_training_education_volunteering`,
    `community_facilities`, `recreation`.
    """
    caller(request)
    try:
        decision = decide_carer_eligibility(
            CarerNeeds(
                arises_from_providing_necessary_care=body.arises_from_providing_necessary_care,
                health_deteriorating_or_at_risk=body.health_deteriorating_or_at_risk,
                outcomes=_answers(body, CarerOutcome),
                significant_impact_on_wellbeing=body.significant_impact_on_wellbeing,
                wellbeing_impact=body.wellbeing_impact,
                needs_fluctuate=body.needs_fluctuate,
                period_considered=body.period_considered,
            )
        )
    except EligibilityInputError as error:
        raise FieldErrors({"outcomes": [str(error)]}) from error
    return _out(decision)


# --- Assessments ---------------------------------------------------------------------------------

assessments_router = Router(tags=["Assessments"])


class FindingOut(Schema):
    outcome: str
    unable_without_assistance: bool
    significant_pain_distress_or_anxiety: bool
    endangers_health_or_safety: bool
    takes_significantly_longer: bool
    notes: str


class DeterminationOut(Schema):
    eligible: bool
    rule_eligible: bool
    rule_reasons: list[str]
    rule_outcomes_not_achieved: list[str]
    practitioner_differs: bool
    practitioner_reason: str
    decided_at: dt.datetime


class AssessmentOut(Schema):
    id: int
    person_id: int
    contact_id: int | None
    kind: str
    status: str
    started_on: dt.date
    completed_on: dt.date | None
    own_words: str
    strengths: str
    arises_from_impairment_or_illness: bool | None
    arises_from_providing_necessary_care: bool | None
    health_deteriorating_or_at_risk: bool | None
    significant_impact_on_wellbeing: bool | None
    findings: list[FindingOut]
    determinations: list[DeterminationOut] = Field(description="Newest first; never changed once made.")


@assessments_router.get(
    "/{assessment_id}",
    response={200: AssessmentOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="Open an assessment, with its findings and eligibility decisions",
)
def get_assessment(request: HttpRequest, assessment_id: int) -> AssessmentOut:
    """Only for people whose record you may open; the opening is written to the audit trail."""
    assessment = assessment_get_for_user(user=caller(request), pk=assessment_id)
    return AssessmentOut(
        id=assessment.pk,
        person_id=assessment.person_id,
        contact_id=assessment.contact_id,
        kind=assessment.kind,
        status=assessment.status,
        started_on=assessment.started_on,
        completed_on=assessment.completed_on,
        own_words=assessment.own_words,
        strengths=assessment.strengths,
        arises_from_impairment_or_illness=assessment.arises_from_impairment_or_illness,
        arises_from_providing_necessary_care=assessment.arises_from_providing_necessary_care,
        health_deteriorating_or_at_risk=assessment.health_deteriorating_or_at_risk,
        significant_impact_on_wellbeing=assessment.significant_impact_on_wellbeing,
        findings=[FindingOut.model_validate(f, from_attributes=True) for f in assessment.findings.order_by("id")],
        determinations=[
            DeterminationOut.model_validate(d, from_attributes=True) for d in assessment.determinations.all()
        ],
    )
