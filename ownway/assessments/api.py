"""Eligibility as a service, and assessments: starting one, recording its answers and findings, deciding.

The ``/eligibility`` endpoints save nothing: they only apply :mod:`ownway.assessments.rules.eligibility`,
so another system (or a self-assessment) can see what the regulations say about a set of answers.

The ``/assessments`` endpoints write through :mod:`ownway.assessments.services`, which check that the
caller may assess the person, validate, save in one transaction and audit, as the screens do.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Header, Router, Schema, Status
from pydantic import Field

from ownway.accounts.models import User
from ownway.api.auth import caller
from ownway.api.errors import IF_MATCH, FieldErrors, expected_version, service_errors
from ownway.api.schemas import AUTH_ERRORS, ErrorOut, FieldErrorsOut, InputSchema, RecordId, all_optional
from ownway.frontdoor.models import Contact
from ownway.frontdoor.selectors import ContactNotFound, contact_get_for_user
from ownway.people.models import Person
from ownway.people.selectors import PersonNotFound, person_get_for_user

from .models import Advocacy, Assessment, AssessmentKind, Capacity, EligibilityDetermination
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
from .services import (
    assessment_record_outcomes,
    assessment_start,
    assessment_update,
    eligibility_determine,
)

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
    personal_resources: str
    networks: str
    community_resources: str
    health_and_wellbeing: str
    choice_and_control: str
    economic_and_educational: str
    social_and_community: str
    arises_from_impairment_or_illness: bool | None
    arises_from_providing_necessary_care: bool | None
    health_deteriorating_or_at_risk: bool | None
    significant_impact_on_wellbeing: bool | None
    wellbeing_impact: str
    needs_fluctuate: bool
    period_considered: str
    capacity: str
    advocacy: str
    carers_involvement: str
    findings: list[FindingOut]
    determinations: list[DeterminationOut] = Field(description="Newest first; never changed once made.")
    version: int = Field(
        description="Moves on by one with every change. Send it back in If-Match when you change the assessment."
    )


def _assessment_out(assessment: Assessment) -> AssessmentOut:
    data = {name: getattr(assessment, name) for name in AssessmentOut.model_fields if name != "version"}
    data["version"] = assessment.lock_version
    data["findings"] = [FindingOut.model_validate(f, from_attributes=True) for f in assessment.findings.order_by("id")]
    data["determinations"] = [
        DeterminationOut.model_validate(d, from_attributes=True) for d in assessment.determinations.all()
    ]
    return AssessmentOut(**data)


@assessments_router.get(
    "/{assessment_id}",
    response={200: AssessmentOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="Open an assessment, with its findings and eligibility decisions",
)
def get_assessment(request: HttpRequest, assessment_id: RecordId) -> AssessmentOut:
    """Only for people whose record you may open; the opening is written to the audit trail."""
    return _assessment_out(assessment_get_for_user(user=caller(request), pk=assessment_id))


# --- Writing assessments -------------------------------------------------------------------------


def _codes(choices: type[AssessmentKind] | type[Capacity] | type[Advocacy]) -> str:
    return ", ".join(f"`{value}` ({label})" for value, label in choices.choices)


class AssessmentIn(InputSchema):
    """A new assessment of a person whose record you may change."""

    person_id: RecordId = Field(description="The person being assessed (for a carer's assessment, the carer).")
    kind: AssessmentKind = Field(AssessmentKind.NEEDS, description=f"Which assessment: {_codes(AssessmentKind)}.")
    started_on: dt.date | None = Field(None, description="The day it started, like 2026-11-25. Left out: today.")
    contact_id: RecordId | None = Field(
        None,
        description="The contact that led to it, if any: the contact must be about this person. The 28-day "
        "clock then runs from the day the contact came in.",
    )


class AssessmentAnswers(InputSchema):
    """Every answer an assessment records (the findings about outcomes are sent separately).

    The conditions of the regulations (`arises_from_…`, `health_deteriorating_or_at_risk`,
    `significant_impact_on_wellbeing`) take true, false, or null for not yet answered.
    """

    own_words: str = Field(max_length=10000, description="What matters to the person, in their own words.")
    strengths: str = Field(max_length=10000)
    personal_resources: str = Field(max_length=10000)
    networks: str = Field(max_length=10000, description="Family, friends and other networks.")
    community_resources: str = Field(max_length=10000)
    health_and_wellbeing: str = Field(max_length=10000)
    choice_and_control: str = Field(max_length=10000)
    economic_and_educational: str = Field(max_length=10000, description="Economic and educational participation.")
    social_and_community: str = Field(max_length=10000, description="Social and community participation.")
    arises_from_impairment_or_illness: bool | None = Field(
        description="Adults: the needs arise from a physical or mental impairment or illness (reg 2(1)(a))."
    )
    arises_from_providing_necessary_care: bool | None = Field(
        description="Carers: the needs arise from providing necessary care (reg 3(1)(a))."
    )
    health_deteriorating_or_at_risk: bool | None = Field(
        description="Carers: the carer's physical or mental health is deteriorating or at risk (reg 3(2)(a))."
    )
    significant_impact_on_wellbeing: bool | None = Field(
        description="There is, or is likely to be, a significant impact on well-being (reg 2(1)(c), 3(1)(c))."
    )
    wellbeing_impact: str = Field(max_length=10000, description="How well-being is affected.")
    needs_fluctuate: bool = Field(description="The needs fluctuate (reg 2(4), 3(4)).")
    period_considered: str = Field(
        max_length=500, description="When needs fluctuate: the period over which they were considered."
    )
    capacity: Capacity = Field(description=f"Mental capacity: {_codes(Capacity)}.")
    advocacy: Advocacy = Field(description=f"Support to take part: {_codes(Advocacy)}.")
    carers_involvement: str = Field(max_length=10000, description="How carers were involved.")


if TYPE_CHECKING:
    # The same fields, as far as a type checker is concerned.
    AssessmentChanges = AssessmentAnswers
else:
    AssessmentChanges = all_optional(
        AssessmentAnswers,
        "AssessmentChanges",
        "Answers to record on an assessment in progress: send only those to change; the rest stay as they "
        "are. The conditions of the regulations (`arises_from_…`, `health_deteriorating_or_at_risk`, "
        "`significant_impact_on_wellbeing`) take true, false, or null for not yet answered.",
    )


class FindingIn(InputSchema):
    outcome: str = Field(
        description="The outcome's code: for adults `nutrition`, `personal_hygiene`, `toilet_needs`, `clothing`, "
        "`using_home_safely`, `habitable_home`, `relationships`, `work_training_education_volunteering`, "
        "`community_facilities`, `caring_for_a_child` (reg 2(2)); for carers `caring_for_a_child`, "
        "`caring_for_others`, `habitable_home`, `nutrition`, `relationships`, "
        "`work_training_education_volunteering`, `community_facilities`, `recreation` (reg 3(2)(b))."
    )
    unable_without_assistance: bool = Field(False, description="Cannot do it without help, including prompting.")
    significant_pain_distress_or_anxiety: bool = False
    endangers_health_or_safety: bool = False
    takes_significantly_longer: bool = Field(False, description="Adults only (reg 2(3)(d)); carers cannot send true.")
    notes: str = Field("", max_length=5000)


class FindingsIn(InputSchema):
    findings: list[FindingIn] = Field(
        max_length=10,
        description="What the assessment found about each outcome, at most once each. An outcome left out is "
        "recorded as achieved without difficulty, as on the screen.",
    )


class DeterminationIn(InputSchema):
    practitioner_differs: bool = Field(
        description="false to confirm what the regulations give from the recorded answers; true when your "
        "decision is the other way, with the reason."
    )
    reason: str = Field(
        "", max_length=5000, description="Why your decision differs (needed when it does). The person sees it."
    )


def _assessment_for_writing(user: User, assessment_id: int) -> Assessment:
    """The assessment, opened through the selector (which checks access and audits the read)."""
    return assessment_get_for_user(user=user, pk=assessment_id)


@assessments_router.post(
    "",
    response={201: AssessmentOut, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="Start an assessment",
    operation_id="assessment_start",
)
def start_assessment(request: HttpRequest, body: AssessmentIn) -> Status[Any]:
    """Start a needs or carer's assessment for a person, optionally from the contact that led to it.

    For staff who may change the person's record. Starting it is written to the audit trail.
    """
    user = caller(request)
    try:
        person: Person = person_get_for_user(user=user, pk=body.person_id)
    except PersonNotFound:
        raise FieldErrors({"person_id": [f"There is no person with ID {body.person_id}"]}) from None
    contact: Contact | None = None
    if body.contact_id is not None:
        try:
            contact = contact_get_for_user(user=user, pk=body.contact_id)
        except ContactNotFound:
            raise FieldErrors({"contact_id": [f"There is no contact with ID {body.contact_id}"]}) from None
    try:
        assessment = assessment_start(
            actor=user, person=person, kind=body.kind.value, started_on=body.started_on, contact=contact
        )
    except ValidationError as error:
        raise service_errors(error, {"contact": "contact_id"}) from error
    return Status(201, _assessment_out(assessment))


@assessments_router.patch(
    "/{assessment_id}",
    response={200: AssessmentOut, 400: ErrorOut, **AUTH_ERRORS, 404: ErrorOut, 412: ErrorOut, 422: FieldErrorsOut},
    summary="Record answers in an assessment",
    operation_id="assessment_update",
)
def update_assessment(
    request: HttpRequest,
    assessment_id: RecordId,
    changes: AssessmentChanges,
    if_match: str | None = Header(None, alias="If-Match", description=IF_MATCH),
) -> AssessmentOut:
    """Change the answers sent and leave the rest as they are; answers with the whole assessment.

    Only while the assessment is in progress: once eligibility is decided, start a new one to change it.
    Send the `version` you read in `If-Match` so that a change someone else made since is not written over:
    if there is one, nothing is saved and the answer is 412.
    """
    user = caller(request)
    assessment = _assessment_for_writing(user, assessment_id)
    answers: dict[str, Any] = changes.model_dump(exclude_unset=True)
    if not answers:
        raise FieldErrors({"body": ['Send at least one answer to record, like {"own_words": "…"}']})
    answers = {name: value.value if isinstance(value, Enum) else value for name, value in answers.items()}
    try:
        updated = assessment_update(
            actor=user, assessment=assessment, answers=answers, expected_version=expected_version(if_match)
        )
    except ValidationError as error:
        raise service_errors(error) from error
    return _assessment_out(updated)


@assessments_router.put(
    "/{assessment_id}/outcomes",
    response={200: AssessmentOut, **AUTH_ERRORS, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Record what the assessment found about each outcome",
    operation_id="assessment_outcomes_record",
)
def record_outcomes(request: HttpRequest, assessment_id: RecordId, body: FindingsIn) -> AssessmentOut:
    """Record the findings about the outcomes of reg 2(2) (adults) or reg 3(2)(b) (carers): all of them, or
    none if any is wrong. Outcomes left out are recorded as achieved without difficulty, so after the call
    the findings are exactly what was sent."""
    user = caller(request)
    assessment = _assessment_for_writing(user, assessment_id)
    outcomes: type[StrEnum] = CarerOutcome if assessment.is_carers else AdultOutcome
    known = [o.value for o in outcomes]
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for n, finding in enumerate(body.findings):
        if finding.outcome not in known:
            kind = "a carer's" if assessment.is_carers else "an adult's"
            errors[f"findings.{n}.outcome"] = [
                f"{finding.outcome!r} is not an outcome in {kind} assessment; use one of {', '.join(known)}"
            ]
        elif finding.outcome in seen:
            errors[f"findings.{n}.outcome"] = [f"{finding.outcome!r} is sent twice: send each outcome once"]
        seen.add(finding.outcome)
        if assessment.is_carers and finding.takes_significantly_longer:
            errors[f"findings.{n}.takes_significantly_longer"] = [
                "Taking significantly longer is not a test for carers (reg 3(3))"
            ]
    if errors:
        raise FieldErrors(errors)
    sent = {finding.outcome: finding.model_dump() for finding in body.findings}
    findings = [sent.get(code, {"outcome": code}) for code in known]
    try:
        assessment_record_outcomes(actor=user, assessment=assessment, findings=findings)
    except ValidationError as error:
        raise service_errors(error) from error
    return _assessment_out(assessment)


@assessments_router.post(
    "/{assessment_id}/determination",
    response={201: DeterminationOut, **AUTH_ERRORS, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Decide eligibility, completing the assessment",
    operation_id="eligibility_determine",
)
def determine_eligibility(request: HttpRequest, assessment_id: RecordId, body: DeterminationIn) -> Status[Any]:
    """Apply the regulations to the answers and findings recorded, and record the decision: the rule's,
    confirmed, or the other way with your reason (the decision then follows you). Completes the assessment;
    the decision is never changed afterwards. The decision letter is at `/assessments/{id}/letter/`."""
    user = caller(request)
    assessment = _assessment_for_writing(user, assessment_id)
    try:
        determination: EligibilityDetermination = eligibility_determine(
            actor=user, assessment=assessment, practitioner_differs=body.practitioner_differs, reason=body.reason
        )
    except ValidationError as error:
        raise service_errors(error) from error
    return Status(201, DeterminationOut.model_validate(determination, from_attributes=True))
