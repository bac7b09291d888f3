"""Writing assessments and eligibility determinations: one transaction each, validated, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.frontdoor.models import Contact
from ownway.people.models import Person
from ownway.people.permissions import PersonAction, user_can_for

from . import events
from .models import Assessment, AssessmentKind, AssessmentStatus, EligibilityDetermination, OutcomeFinding
from .rules.eligibility import (
    AdultNeeds,
    AdultOutcome,
    CarerNeeds,
    CarerOutcome,
    EligibilityDecision,
    OutcomeAnswer,
    decide_adult_eligibility,
    decide_carer_eligibility,
)

#: Answers a worker records on the assessment itself (the findings about outcomes are separate).
ANSWER_FIELDS = frozenset(
    {
        "own_words", "strengths", "personal_resources", "networks", "community_resources",
        "health_and_wellbeing", "choice_and_control", "economic_and_educational", "social_and_community",
        "arises_from_impairment_or_illness", "arises_from_providing_necessary_care",
        "health_deteriorating_or_at_risk", "significant_impact_on_wellbeing", "wellbeing_impact",
        "needs_fluctuate", "period_considered", "capacity", "advocacy", "carers_involvement",
    }
)  # fmt: skip


def _check_may_assess(actor: User, person: Person) -> None:
    if actor.role == "citizen" or not user_can_for(actor, PersonAction.EDIT, person):
        raise PermissionDenied("You cannot assess this person")


def _check_in_progress(assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        raise ValidationError({"status": ["This assessment is completed: start a new one to change it"]})


def assessment_start(
    *,
    actor: User,
    person: Person,
    kind: str = AssessmentKind.NEEDS,
    started_on: dt.date | None = None,
    contact: Contact | None = None,
) -> Assessment:
    _check_may_assess(actor, person)
    if kind not in AssessmentKind.values:
        raise ValidationError({"kind": ["Choose a needs assessment or a carer's assessment"]})
    if contact is not None and contact.person_id != person.pk:
        raise ValidationError({"contact": ["The contact is about someone else: link it to this person first"]})
    started_on = started_on or timezone.localdate()
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": ["The date the assessment started must be today or in the past"]})
    with transaction.atomic():
        assessment = Assessment.objects.create(
            person=person, kind=kind, assessor=actor, started_on=started_on, contact=contact
        )
        audit_record(
            actor=actor, action=events.ASSESSMENT_STARTED, subject=assessment, person=person, new={"kind": kind}
        )
    return assessment


def assessment_update(*, actor: User, assessment: Assessment, answers: dict[str, Any]) -> Assessment:
    """Record answers (own words, strengths, the conditions of the regulations…) on an open assessment."""
    _check_may_assess(actor, assessment.person)
    unknown = sorted(set(answers) - ANSWER_FIELDS)
    if unknown:
        raise ValidationError({name: ["This is not a question in the assessment"] for name in unknown})
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        _check_in_progress(locked)
        old = {name: getattr(locked, name) for name in answers}
        for name, value in answers.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        audit_record(
            actor=actor,
            action=events.ASSESSMENT_UPDATED,
            subject=locked,
            person=locked.person,
            old={k: str(v) for k, v in old.items()},
            new={k: str(v) for k, v in answers.items()},
        )
    return locked


def assessment_record_outcome(
    *,
    actor: User,
    assessment: Assessment,
    outcome: str,
    unable_without_assistance: bool = False,
    significant_pain_distress_or_anxiety: bool = False,
    endangers_health_or_safety: bool = False,
    takes_significantly_longer: bool = False,
    notes: str = "",
) -> OutcomeFinding:
    """Record (or replace) what the assessment found about one outcome of reg 2(2) or 3(2)(b)."""
    _check_may_assess(actor, assessment.person)
    outcomes = CarerOutcome if assessment.is_carers else AdultOutcome
    if outcome not in {o.value for o in outcomes}:
        raise ValidationError({"outcome": [f"Choose one of the outcomes of the regulations, not {outcome!r}"]})
    if assessment.is_carers and takes_significantly_longer:
        raise ValidationError(
            {"takes_significantly_longer": ["Taking significantly longer is not a test for carers (reg 3(3))"]}
        )
    values = {
        "unable_without_assistance": unable_without_assistance,
        "significant_pain_distress_or_anxiety": significant_pain_distress_or_anxiety,
        "endangers_health_or_safety": endangers_health_or_safety,
        "takes_significantly_longer": takes_significantly_longer,
        "notes": notes.strip(),
    }
    with transaction.atomic():
        _check_in_progress(Assessment.objects.select_for_update().get(pk=assessment.pk))
        finding, _ = OutcomeFinding.objects.update_or_create(assessment=assessment, outcome=outcome, defaults=values)
        audit_record(
            actor=actor,
            action=events.OUTCOME_RECORDED,
            subject=finding,
            person=assessment.person,
            new={"outcome": outcome, **{k: v for k, v in values.items() if k != "notes"}},
        )
    return finding


def _required(assessment: Assessment) -> dict[str, str]:
    if assessment.is_carers:
        return {
            "arises_from_providing_necessary_care": "whether the needs arise from providing necessary care",
            "health_deteriorating_or_at_risk": "whether the carer's health is deteriorating or at risk",
            "significant_impact_on_wellbeing": "whether there is a significant impact on well-being",
        }
    return {
        "arises_from_impairment_or_illness": "whether the needs arise from an impairment or illness",
        "significant_impact_on_wellbeing": "whether there is a significant impact on well-being",
    }


def assessment_eligibility(assessment: Assessment) -> EligibilityDecision:
    """What the regulations say about the answers recorded so far (nothing is saved)."""
    missing = {
        name: [f"Answer {words}"] for name, words in _required(assessment).items() if getattr(assessment, name) is None
    }
    if missing:
        raise ValidationError(missing)
    findings = list(assessment.findings.all())
    outcomes = CarerOutcome if assessment.is_carers else AdultOutcome
    answers = tuple(
        OutcomeAnswer(
            outcomes(f.outcome),
            f.unable_without_assistance,
            f.significant_pain_distress_or_anxiety,
            f.endangers_health_or_safety,
            f.takes_significantly_longer,
            f.notes,
        )
        for f in findings
    )
    if assessment.is_carers:
        return decide_carer_eligibility(
            CarerNeeds(
                arises_from_providing_necessary_care=bool(assessment.arises_from_providing_necessary_care),
                health_deteriorating_or_at_risk=bool(assessment.health_deteriorating_or_at_risk),
                outcomes=answers,
                significant_impact_on_wellbeing=bool(assessment.significant_impact_on_wellbeing),
                wellbeing_impact=assessment.wellbeing_impact,
                needs_fluctuate=assessment.needs_fluctuate,
                period_considered=assessment.period_considered,
            )
        )
    return decide_adult_eligibility(
        AdultNeeds(
            arises_from_impairment_or_illness=bool(assessment.arises_from_impairment_or_illness),
            outcomes=answers,
            significant_impact_on_wellbeing=bool(assessment.significant_impact_on_wellbeing),
            wellbeing_impact=assessment.wellbeing_impact,
            needs_fluctuate=assessment.needs_fluctuate,
            period_considered=assessment.period_considered,
        )
    )


def eligibility_determine(
    *, actor: User, assessment: Assessment, practitioner_differs: bool = False, reason: str = ""
) -> EligibilityDetermination:
    """Decide eligibility: the rule decides from the answers; the practitioner confirms it, or records
    why they differ (and the decision follows the practitioner). Completes the assessment."""
    _check_may_assess(actor, assessment.person)
    if practitioner_differs and not reason.strip():
        raise ValidationError({"reason": ["Explain why your decision differs from what the answers show"]})
    with transaction.atomic():
        # Decide on the answers as saved, and hold the assessment while deciding.
        locked = Assessment.objects.select_for_update().select_related("person").get(pk=assessment.pk)
        _check_in_progress(locked)
        decision = assessment_eligibility(locked)
        if decision.warnings:
            raise ValidationError({"period_considered": list(decision.warnings)})
        determination = EligibilityDetermination.objects.create(
            assessment=locked,
            rule_eligible=decision.eligible,
            rule_reasons=list(decision.reasons),
            rule_outcomes_not_achieved=[o.value for o in decision.outcomes_not_achieved],
            rule_warnings=list(decision.warnings),
            eligible=(not decision.eligible) if practitioner_differs else decision.eligible,
            practitioner_differs=practitioner_differs,
            practitioner_reason=reason.strip(),
            decided_by=actor,
        )
        locked.status = AssessmentStatus.COMPLETED
        locked.completed_on = timezone.localdate()
        locked.save(update_fields=["status", "completed_on", "updated_at"])
        audit_record(
            actor=actor,
            action=events.ELIGIBILITY_DETERMINED,
            subject=determination,
            person=locked.person,
            new={
                "eligible": determination.eligible,
                "rule_eligible": decision.eligible,
                "differs": practitioner_differs,
            },
        )
    assessment.refresh_from_db()
    return determination


def assessment_record_outcomes(*, actor: User, assessment: Assessment, findings: list[dict[str, Any]]) -> None:
    """Record the findings about several outcomes at once: all of them, or none."""
    with transaction.atomic():
        for finding in findings:
            assessment_record_outcome(actor=actor, assessment=assessment, **finding)
