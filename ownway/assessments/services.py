"""Writing assessments and eligibility determinations: one transaction each, validated, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.versioning import version_claim
from ownway.core.workflow import transition
from ownway.frontdoor.models import Contact, EventOutcome
from ownway.frontdoor.services import contact_close_by_sequel
from ownway.jobs.services import job_start
from ownway.people.models import Person

from . import events
from .models import (
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    EligibilityDetermination,
    LetterMethod,
    LetterSending,
    OutcomeFinding,
    SelfAssessment,
    SelfAssessmentStatus,
)
from .permissions import AssessmentAction, user_can_for
from .rules import self_assessment as self_questions
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
from .rules.self_assessment import SelfAssessmentKind
from .tasks import decision_letter_email

#: Answers a worker records on the assessment itself (the findings about outcomes are separate).
ANSWER_FIELDS = frozenset(
    {
        "own_words", "strengths", "personal_resources", "networks", "community_resources",
        "health_and_wellbeing", "choice_and_control", "economic_and_educational", "social_and_community",
        "arises_from_impairment_or_illness", "arises_from_providing_necessary_care",
        "health_deteriorating_or_at_risk", "significant_impact_on_wellbeing", "wellbeing_impact",
        "needs_fluctuate", "period_considered", "capacity", "advocacy", "carers_involvement", "method",
    }
)  # fmt: skip


def _check_may_assess(actor: User, person: Person) -> None:
    if not user_can_for(actor, AssessmentAction.ASSESS, person):
        raise PermissionDenied("You cannot assess this person")


#: How an assessment is named when someone else's change is found (``ownway.core.versioning``).
ASSESSMENT = "assessment"
SELF_ASSESSMENT = "self-assessment"
#: The states a self-assessment may be answered and sent in.
DRAFT = (SelfAssessmentStatus.DRAFT,)


#: The states an assessment may be answered and decided in.
IN_PROGRESS = (AssessmentStatus.IN_PROGRESS,)


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


def assessment_update(
    *, actor: User, assessment: Assessment, answers: dict[str, Any], expected_version: int | None = None
) -> Assessment:
    """Record answers (own words, strengths, the conditions of the regulations…) on an open assessment.

    ``expected_version`` is the version the person saw: if someone else has saved the assessment since, nothing
    is saved and :class:`~ownway.core.versioning.StaleEdit` is raised.
    """
    _check_may_assess(actor, assessment.person)
    unknown = sorted(set(answers) - ANSWER_FIELDS)
    if unknown:
        raise ValidationError({name: ["This is not a question in the assessment"] for name in unknown})
    with transaction.atomic():
        locked = transition(assessment, allowed_from=IN_PROGRESS, action="change its answers", what=ASSESSMENT)
        version_claim(locked, expected_version=expected_version, what=ASSESSMENT)
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
        locked = transition(assessment, allowed_from=IN_PROGRESS, action="change its findings", what=ASSESSMENT)
        version_claim(locked, expected_version=None, what=ASSESSMENT)
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


def contact_outcome_of_decision(*, eligible: bool) -> str:
    """How the front-door contact an assessment came from ends, once eligibility is decided.

    The contact's outcome is a CLD Event Outcome (standards.md §1.5). Eligible needs go on to support
    planning ("Progress to support planning or services"); with none, the council gives written advice and
    information about what can be done to meet or reduce the needs and prevent or delay others (Care Act
    2014 s.13(5)), so the contact ends as "NFA: Information and advice or signposting", which SALT STS001
    reports as "Universal Services / Signposted to other services".
    """
    return EventOutcome.SUPPORT_PLANNING if eligible else EventOutcome.NFA_INFORMATION


def eligibility_determine(
    *,
    actor: User,
    assessment: Assessment,
    practitioner_differs: bool = False,
    reason: str = "",
    expected_version: int | None = None,
) -> EligibilityDetermination:
    """Decide eligibility: the rule decides from the answers; the practitioner confirms it, or records
    why they differ (and the decision follows the practitioner). Completes the assessment, and closes the
    front-door contact it came from with its outcome (:func:`contact_outcome_of_decision`).

    Refused (:class:`~ownway.core.versioning.StaleEdit`) if the answers changed after ``expected_version``, the
    version the practitioner read before deciding.
    """
    _check_may_assess(actor, assessment.person)
    if practitioner_differs and not reason.strip():
        raise ValidationError({"reason": ["Explain why your decision differs from what the answers show"]})
    with transaction.atomic():
        # Decide on the answers as saved, and hold the assessment while deciding.
        locked = transition(
            assessment,
            allowed_from=IN_PROGRESS,
            action="decide on eligibility again",
            what=ASSESSMENT,
            queryset=Assessment.objects.select_related("person"),
        )
        version_claim(locked, expected_version=expected_version, what=ASSESSMENT)
        decision = assessment_eligibility(locked)
        if decision.warnings:
            raise ValidationError({"period_considered": list(decision.warnings)})
        determination = EligibilityDetermination.objects.create(
            assessment=locked,
            rule_eligible=decision.eligible,
            rule_reasons=list(decision.reasons),
            letter_reasons=list(decision.reasons_to_person),
            rule_outcomes_not_achieved=[o.value for o in decision.outcomes_not_achieved],
            rule_warnings=list(decision.warnings),
            eligible=(not decision.eligible) if practitioner_differs else decision.eligible,
            practitioner_differs=practitioner_differs,
            practitioner_reason=reason.strip(),
            decided_by=actor,
        )
        locked.status = AssessmentStatus.COMPLETED  # held since the check above
        locked.completed_on = timezone.localdate()
        locked.save(update_fields=["status", "completed_on", "updated_at"])
        if locked.contact is not None:
            outcome = contact_outcome_of_decision(eligible=determination.eligible)
            contact_close_by_sequel(actor=actor, contact=locked.contact, outcome=outcome)
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


def assessment_record_outcomes(
    *, actor: User, assessment: Assessment, findings: list[dict[str, Any]], expected_version: int | None = None
) -> None:
    """Record the findings about several outcomes at once: all of them, or none (nothing if someone else has
    saved the assessment since ``expected_version``)."""
    _check_may_assess(actor, assessment.person)
    with transaction.atomic():
        version_claim(
            Assessment.objects.select_for_update().get(pk=assessment.pk),
            expected_version=expected_version,
            what=ASSESSMENT,
        )
        for finding in findings:
            assessment_record_outcome(actor=actor, assessment=assessment, **finding)


# --------------------------------------------------------------------------------------------------
# The online self-assessment: a citizen answers page by page, sends it, and a worker turns it into an
# assessment. The questions and what the answers mean are in rules/self_assessment.py.
# --------------------------------------------------------------------------------------------------


def _check_own_self_assessment(actor: User, self_assessment: SelfAssessment) -> None:
    if actor.role != Role.CITIZEN or actor.person_id is None or actor.person_id != self_assessment.person_id:
        raise PermissionDenied("You can only fill in your own self-assessment")


def self_assessment_start(*, actor: User, kind: str = AssessmentKind.NEEDS) -> SelfAssessment:
    """Start a self-assessment for the signed-in citizen, or carry on the one they have not sent yet."""
    if actor.role != Role.CITIZEN or actor.person_id is None:
        raise PermissionDenied("Only a citizen with a record can fill in a self-assessment")
    if kind not in AssessmentKind.values:
        raise ValidationError({"kind": ["Choose a self-assessment for yourself or one as a carer"]})
    with transaction.atomic():
        existing = (
            SelfAssessment.objects.select_for_update()
            .filter(person_id=actor.person_id, kind=kind, status=SelfAssessmentStatus.DRAFT)
            .first()
        )
        if existing is not None:
            return existing
        self_assessment = SelfAssessment.objects.create(person_id=actor.person_id, kind=kind, started_by=actor)
        audit_record(
            actor=actor,
            action=events.SELF_ASSESSMENT_STARTED,
            subject=self_assessment,
            person=self_assessment.person,
            new={"kind": kind},
        )
    return self_assessment


def self_assessment_answer(*, actor: User, self_assessment: SelfAssessment, key: str, value: Any) -> SelfAssessment:
    """Save the answer to one question straight away, so nothing typed is lost.

    Answers to questions that no longer apply (say, a helper's name after choosing "I am, about myself")
    are removed, so that what is sent is what the person sees on "check your answers".
    """
    _check_own_self_assessment(actor, self_assessment)
    kind = SelfAssessmentKind(self_assessment.kind)
    try:
        q = self_questions.question(kind, key)
    except KeyError:
        raise ValidationError({"key": [f"There is no question {key!r} in this self-assessment"]}) from None
    try:
        cleaned = self_questions.clean_answer(q, value)
    except self_questions.AnswerError as error:
        raise ValidationError({"answer": [str(error)]}) from None
    with transaction.atomic():
        locked = transition(self_assessment, allowed_from=DRAFT, action="change its answers", what=SELF_ASSESSMENT)
        answers = dict(locked.answers)
        old = answers.get(key)
        answers[key] = cleaned
        keep = {q.key for q in self_questions.applicable(kind, answers)}
        locked.answers = {k: v for k, v in answers.items() if k in keep}
        locked.save(update_fields=["answers", "updated_at"])
        audit_record(
            actor=actor,
            action=events.SELF_ASSESSMENT_ANSWERED,
            subject=locked,
            person=locked.person,
            old={"question": key, "answered": old is not None},
            new={"question": key},
        )
    return locked


def self_assessment_submit(*, actor: User, self_assessment: SelfAssessment) -> SelfAssessment:
    """Send the answers to the council; every question that needs an answer must have one."""
    _check_own_self_assessment(actor, self_assessment)
    with transaction.atomic():
        locked = transition(self_assessment, allowed_from=DRAFT, action="send it", what=SELF_ASSESSMENT)
        missing = self_questions.missing_answers(SelfAssessmentKind(locked.kind), locked.answers)
        if missing:
            raise ValidationError({q.key: [f"Answer '{q.title}'"] for q in missing})
        transition(
            locked, allowed_from=DRAFT, to=SelfAssessmentStatus.SUBMITTED, action="send it", what=SELF_ASSESSMENT
        )
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        audit_record(actor=actor, action=events.SELF_ASSESSMENT_SUBMITTED, subject=locked, person=locked.person)
    return locked


def self_assessment_review(*, actor: User, self_assessment: SelfAssessment) -> Assessment:
    """Turn a sent self-assessment into an assessment in progress, filled from the person's answers.

    The worker then checks every answer with the person (Care and Support (Assessment) Regulations
    2014, reg 2(4): the authority must assure itself that a supported self-assessment reflects the
    person's needs) and completes the assessment as usual. All of it happens, or none.
    """
    _check_may_assess(actor, self_assessment.person)
    with transaction.atomic():
        locked = transition(
            self_assessment,
            allowed_from=[SelfAssessmentStatus.SUBMITTED],
            action="turn it into an assessment",
            what=SELF_ASSESSMENT,
            queryset=SelfAssessment.objects.select_related("person"),
        )
        kind = SelfAssessmentKind(locked.kind)
        started_on = timezone.localdate(locked.submitted_at) if locked.submitted_at else None
        assessment = assessment_start(actor=actor, person=locked.person, kind=locked.kind, started_on=started_on)
        answers = self_questions.assessment_answers(kind, locked.answers)
        if answers:
            assessment = assessment_update(actor=actor, assessment=assessment, answers=answers)
        for finding in self_questions.outcome_findings(kind, locked.answers):
            assessment_record_outcome(
                actor=actor,
                assessment=assessment,
                outcome=finding.outcome,
                unable_without_assistance=finding.unable_without_assistance,
                significant_pain_distress_or_anxiety=finding.significant_pain_distress_or_anxiety,
                endangers_health_or_safety=finding.endangers_health_or_safety,
                takes_significantly_longer=finding.takes_significantly_longer,
                notes=finding.notes,
            )
        transition(
            locked,
            allowed_from=[SelfAssessmentStatus.SUBMITTED],
            to=SelfAssessmentStatus.REVIEWED,
            action="turn it into an assessment",
            what=SELF_ASSESSMENT,
        )
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.assessment = assessment
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "assessment", "updated_at"])
        audit_record(
            actor=actor,
            action=events.SELF_ASSESSMENT_REVIEWED,
            subject=locked,
            person=locked.person,
            new={"assessment": assessment.pk},
        )
    return assessment


def decision_letter_send(*, actor: User, assessment: Assessment, method: str, easy_read: bool = False) -> LetterSending:
    """Send the decision letter (Care Act 2014 s.13(1): the local authority must give the person a
    written record of its determination and the reasons for it), and record that it went.

    By email, a background job (:func:`~.tasks.decision_letter_email`, queued in the same transaction) sends
    the PDF (and the easy read one, if asked for) to the person's email address, retried if it fails, and the
    sending records when it went or that it could not be sent; by post or by hand, the worker prints the PDF
    and this records the date and the address.
    """
    _check_may_assess(actor, assessment.person)
    if method not in LetterMethod.values:
        raise ValidationError({"method": ["Choose how the letter is sent: by post, by email or by hand"]})
    person = assessment.person
    determination = assessment.determinations.first()
    if determination is None:
        raise ValidationError({"method": ["Decide eligibility before sending the letter"]})
    if method == LetterMethod.EMAIL:
        if not person.email:
            raise ValidationError({"method": [f"{person.full_name} has no email address on their record"]})
        sent_to = person.email
    elif method == LetterMethod.POST:
        if not person.address_lines:
            raise ValidationError({"method": [f"{person.full_name} has no postal address on their record"]})
        sent_to = ", ".join(person.address_lines)
    else:
        sent_to = "Given by hand"
    easy_read = easy_read or person.needs_easy_read
    with transaction.atomic():
        sending = LetterSending.objects.create(
            determination=determination, method=method, easy_read=easy_read, sent_to=sent_to, sent_by=actor
        )
        audit_record(
            actor=actor,
            action=events.LETTER_SENT,
            subject=sending,
            person=person,
            new={"method": method, "easy_read": easy_read, "determination": determination.pk},
        )
        if method == LetterMethod.EMAIL:
            sending.email_job = job_start(
                decision_letter_email,
                label=f"Email the decision letter to {person.reference}",
                arguments={"sending_id": sending.pk},
            )
            sending.save(update_fields=["email_job"])
    return sending
