"""Self-assessment services: saved page by page, sent once, turned into an assessment by a worker."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.assessments import events
from ownway.assessments.models import Assessment, AssessmentStatus, SelfAssessment, SelfAssessmentStatus
from ownway.assessments.rules.eligibility import AdultOutcome
from ownway.assessments.services import (
    assessment_update,
    eligibility_determine,
    self_assessment_answer,
    self_assessment_review,
    self_assessment_start,
    self_assessment_submit,
)
from ownway.people.tests.factories import PersonFactory


def _answer_all(citizen, draft):
    for key, value in {
        "who": "self",
        "own_words": "I want to get back to the allotment",
        "fluctuates": "no",
        "impact": "I am stuck indoors and lonely",
        "has_carer": "no",
    }.items():
        draft = self_assessment_answer(actor=citizen, self_assessment=draft, key=key, value=value)
    for outcome in AdultOutcome:
        draft = self_assessment_answer(
            actor=citizen, self_assessment=draft, key=f"outcome_{outcome.value}", value={"tests": ["none"]}
        )
    draft = self_assessment_answer(
        actor=citizen,
        self_assessment=draft,
        key="outcome_nutrition",
        value={"tests": ["unable_without_assistance"], "details": "I cannot stand at the cooker"},
    )
    return self_assessment_answer(
        actor=citizen,
        self_assessment=draft,
        key="outcome_community_facilities",
        value={"tests": ["significant_pain_distress_or_anxiety"], "details": "Buses frighten me"},
    )


def test_starting_twice_carries_on_the_same_draft(citizen):
    first = self_assessment_start(actor=citizen)
    assert self_assessment_start(actor=citizen) == first
    assert self_assessment_start(actor=citizen, kind="carer") != first
    assert AuditEvent.objects.filter(action=events.SELF_ASSESSMENT_STARTED).count() == 2


def test_only_a_citizen_with_a_record_starts_one(social_worker, db):
    with pytest.raises(PermissionDenied):
        self_assessment_start(actor=social_worker)
    no_record = UserFactory(username="nobody", role=Role.CITIZEN, person=None, team=None)
    with pytest.raises(PermissionDenied):
        self_assessment_start(actor=no_record)


def test_an_unknown_kind_is_refused(citizen):
    with pytest.raises(ValidationError, match="Choose a self-assessment"):
        self_assessment_start(actor=citizen, kind="tea")


def test_each_answer_is_saved_at_once_and_audited(citizen):
    draft = self_assessment_start(actor=citizen)
    self_assessment_answer(actor=citizen, self_assessment=draft, key="own_words", value="  My garden  ")
    assert SelfAssessment.objects.get().answers == {"own_words": "My garden"}
    event = AuditEvent.objects.get(action=events.SELF_ASSESSMENT_ANSWERED)
    assert event.person == citizen.person
    assert "My garden" not in str(event.new)  # the trail names the question, not what was said


def test_a_bad_answer_says_what_to_change_and_keeps_what_was_saved(citizen):
    draft = self_assessment_start(actor=citizen)
    self_assessment_answer(actor=citizen, self_assessment=draft, key="own_words", value="My garden")
    with pytest.raises(ValidationError) as error:
        self_assessment_answer(actor=citizen, self_assessment=draft, key="own_words", value="")
    assert error.value.message_dict == {
        "answer": ["Answer 'What matters to you, and what would you like to be different?', or ask someone to help you"]
    }
    with pytest.raises(ValidationError, match="no question 'shoe_size'"):
        self_assessment_answer(actor=citizen, self_assessment=draft, key="shoe_size", value="9")
    assert SelfAssessment.objects.get().answers == {"own_words": "My garden"}


def test_answers_to_questions_that_no_longer_apply_are_dropped(citizen):
    draft = self_assessment_start(actor=citizen)
    draft = self_assessment_answer(actor=citizen, self_assessment=draft, key="who", value="helper")
    draft = self_assessment_answer(actor=citizen, self_assessment=draft, key="helper", value="Sam, my son")
    draft = self_assessment_answer(actor=citizen, self_assessment=draft, key="who", value="self")
    assert draft.answers == {"who": "self"}


def test_nobody_else_can_answer_a_citizens_self_assessment(citizen, social_worker, db):
    draft = self_assessment_start(actor=citizen)
    other_person = PersonFactory(first_name="Grace", last_name="Hopper")
    other_citizen = UserFactory(username="grace", role=Role.CITIZEN, person=other_person, team=None)
    for actor in (social_worker, other_citizen):
        with pytest.raises(PermissionDenied):
            self_assessment_answer(actor=actor, self_assessment=draft, key="own_words", value="x")
    assert SelfAssessment.objects.get().answers == {}


def test_sending_needs_every_required_answer(citizen):
    draft = self_assessment_start(actor=citizen)
    self_assessment_answer(actor=citizen, self_assessment=draft, key="who", value="self")
    with pytest.raises(ValidationError) as error:
        self_assessment_submit(actor=citizen, self_assessment=draft)
    missing = error.value.message_dict
    assert "own_words" in missing
    assert "outcome_nutrition" in missing
    assert "who" not in missing
    assert SelfAssessment.objects.get().status == SelfAssessmentStatus.DRAFT


def test_once_sent_it_cannot_be_changed_or_sent_again(citizen):
    draft = _answer_all(citizen, self_assessment_start(actor=citizen))
    sent = self_assessment_submit(actor=citizen, self_assessment=draft)
    assert sent.status == SelfAssessmentStatus.SUBMITTED
    assert sent.submitted_at
    with pytest.raises(ValidationError, match="is now 'Sent, waiting for a worker', so you cannot change its answers"):
        self_assessment_answer(actor=citizen, self_assessment=sent, key="own_words", value="changed")
    with pytest.raises(ValidationError, match="is now 'Sent, waiting for a worker', so you cannot send it"):
        self_assessment_submit(actor=citizen, self_assessment=sent)
    # Starting again makes a new draft rather than reopening the sent one.
    assert self_assessment_start(actor=citizen) != sent


def test_a_worker_turns_it_into_an_assessment_that_decides_as_the_answers_show(citizen, social_worker):
    sent = self_assessment_submit(
        actor=citizen, self_assessment=_answer_all(citizen, self_assessment_start(actor=citizen))
    )
    assessment = self_assessment_review(actor=social_worker, self_assessment=sent)
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert assessment.assessor == social_worker
    assert assessment.own_words == "I want to get back to the allotment"
    assert assessment.wellbeing_impact == "I am stuck indoors and lonely"
    assert assessment.needs_fluctuate is False
    findings = {f.outcome: f for f in assessment.findings.all()}
    assert len(findings) == 10
    assert findings["nutrition"].unable_without_assistance
    assert "I cannot stand at the cooker" in findings["nutrition"].notes
    assert findings["community_facilities"].significant_pain_distress_or_anxiety
    sent.refresh_from_db()
    assert sent.status == SelfAssessmentStatus.REVIEWED
    assert sent.assessment == assessment
    assert sent.reviewed_by == social_worker
    assert AuditEvent.objects.filter(action=events.SELF_ASSESSMENT_REVIEWED, person=citizen.person).exists()
    # The worker completes the conditions the person could not answer, and the rule decides.
    assessment_update(
        actor=social_worker,
        assessment=assessment,
        answers={"arises_from_impairment_or_illness": True, "significant_impact_on_wellbeing": True},
    )
    assert eligibility_determine(actor=social_worker, assessment=assessment).eligible


def test_review_happens_once_and_only_after_sending(citizen, social_worker):
    draft = _answer_all(citizen, self_assessment_start(actor=citizen))
    with pytest.raises(ValidationError, match="is now 'Not sent yet', so you cannot turn it into an assessment"):
        self_assessment_review(actor=social_worker, self_assessment=draft)
    sent = self_assessment_submit(actor=citizen, self_assessment=draft)
    self_assessment_review(actor=social_worker, self_assessment=sent)
    with pytest.raises(ValidationError, match="is now 'Turned into an assessment', so you cannot turn it into an"):
        self_assessment_review(actor=social_worker, self_assessment=sent)
    assert Assessment.objects.count() == 1


def test_a_worker_outside_the_team_cannot_review(citizen, db):
    from ownway.accounts.tests.factories import TeamFactory

    outsider = UserFactory(username="outsider", role=Role.SOCIAL_WORKER, team=TeamFactory(name="Elsewhere"))
    sent = self_assessment_submit(
        actor=citizen, self_assessment=_answer_all(citizen, self_assessment_start(actor=citizen))
    )
    with pytest.raises(PermissionDenied):
        self_assessment_review(actor=outsider, self_assessment=sent)
    assert Assessment.objects.count() == 0
    assert SelfAssessment.objects.get().status == SelfAssessmentStatus.SUBMITTED
