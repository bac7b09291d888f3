import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.assessments import events
from ownway.assessments.models import AssessmentStatus, EligibilityDetermination
from ownway.assessments.services import (
    assessment_eligibility,
    assessment_record_outcome,
    assessment_start,
    assessment_update,
    eligibility_determine,
)


@pytest.fixture
def assessment(social_worker, person):
    return assessment_start(actor=social_worker, person=person)


def _eligible_answers(actor, assessment):
    assessment_update(
        actor=actor,
        assessment=assessment,
        answers={
            "own_words": "I want to get back to the allotment.",
            "arises_from_impairment_or_illness": True,
            "significant_impact_on_wellbeing": True,
            "wellbeing_impact": "He is isolated and losing weight.",
        },
    )
    assessment_record_outcome(actor=actor, assessment=assessment, outcome="nutrition", unable_without_assistance=True)
    assessment_record_outcome(
        actor=actor, assessment=assessment, outcome="community_facilities", significant_pain_distress_or_anxiety=True
    )


def test_a_full_assessment_is_decided_by_the_regulations(social_worker, assessment):
    _eligible_answers(social_worker, assessment)
    determination = eligibility_determine(actor=social_worker, assessment=assessment)
    assert determination.eligible
    assert determination.rule_outcomes_not_achieved == ["nutrition", "community_facilities"]
    assert any("reg 2(1)(b)" in r for r in determination.rule_reasons)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    assert AuditEvent.objects.filter(action=events.ELIGIBILITY_DETERMINED, person=assessment.person).exists()


def test_practitioner_may_differ_with_a_reason(social_worker, assessment):
    _eligible_answers(social_worker, assessment)
    with pytest.raises(ValidationError, match="Explain why"):
        eligibility_determine(actor=social_worker, assessment=assessment, practitioner_differs=True)
    assert not EligibilityDetermination.objects.exists()
    determination = eligibility_determine(
        actor=social_worker,
        assessment=assessment,
        practitioner_differs=True,
        reason="His son now cooks every day and takes him to the allotment; the needs are met.",
    )
    assert determination.rule_eligible
    assert not determination.eligible


def test_cannot_decide_before_the_conditions_are_answered(social_worker, assessment):
    with pytest.raises(ValidationError) as error:
        assessment_eligibility(assessment)
    assert "arises_from_impairment_or_illness" in error.value.message_dict


def test_fluctuating_needs_must_say_over_what_period(social_worker, assessment):
    _eligible_answers(social_worker, assessment)
    assessment_update(actor=social_worker, assessment=assessment, answers={"needs_fluctuate": True})
    with pytest.raises(ValidationError) as error:
        eligibility_determine(actor=social_worker, assessment=assessment)
    assert "reg 2(4)" in error.value.message_dict["period_considered"][0]


def test_a_completed_assessment_cannot_be_changed(social_worker, assessment):
    _eligible_answers(social_worker, assessment)
    eligibility_determine(actor=social_worker, assessment=assessment)
    assessment.refresh_from_db()
    with pytest.raises(ValidationError, match="is now 'Completed', so you cannot change its answers"):
        assessment_update(actor=social_worker, assessment=assessment, answers={"strengths": "x"})


def test_unknown_questions_and_outcomes_are_refused(social_worker, assessment):
    with pytest.raises(ValidationError) as error:
        assessment_update(actor=social_worker, assessment=assessment, answers={"shoe_size": 9})
    assert "shoe_size" in error.value.message_dict
    with pytest.raises(ValidationError, match="outcomes of the regulations"):
        assessment_record_outcome(actor=social_worker, assessment=assessment, outcome="recreation")


def test_recording_an_outcome_again_replaces_it(social_worker, assessment):
    assessment_record_outcome(
        actor=social_worker, assessment=assessment, outcome="clothing", unable_without_assistance=True
    )
    assessment_record_outcome(actor=social_worker, assessment=assessment, outcome="clothing")
    assert assessment.findings.get().unable_without_assistance is False


def test_carers_assessment(social_worker, person):
    assessment = assessment_start(actor=social_worker, person=person, kind="carer")
    assessment_update(
        actor=social_worker,
        assessment=assessment,
        answers={
            "arises_from_providing_necessary_care": True,
            "health_deteriorating_or_at_risk": False,
            "significant_impact_on_wellbeing": True,
        },
    )
    with pytest.raises(ValidationError, match="not a test for carers"):
        assessment_record_outcome(
            actor=social_worker, assessment=assessment, outcome="recreation", takes_significantly_longer=True
        )
    assessment_record_outcome(
        actor=social_worker, assessment=assessment, outcome="recreation", unable_without_assistance=True
    )
    assert eligibility_determine(actor=social_worker, assessment=assessment).eligible


@pytest.mark.parametrize("role_fixture", ["commissioner", "citizen", "provider"])
def test_who_cannot_assess(request, role_fixture, person):
    with pytest.raises(PermissionDenied):
        assessment_start(actor=request.getfixturevalue(role_fixture), person=person)


def test_another_teams_worker_cannot_assess(social_worker, other_team_person):
    with pytest.raises(PermissionDenied):
        assessment_start(actor=social_worker, person=other_team_person)


def test_no_findings_after_the_decision(social_worker, assessment):
    _eligible_answers(social_worker, assessment)
    eligibility_determine(actor=social_worker, assessment=assessment)
    with pytest.raises(ValidationError, match="is now 'Completed', so you cannot change its findings"):
        assessment_record_outcome(actor=social_worker, assessment=assessment, outcome="clothing")


def _contact_about(person, team, worker):
    from ownway.frontdoor.services import ContactData, contact_create

    return contact_create(
        actor=worker,
        data=ContactData(
            first_name=person.first_name, last_name=person.last_name, reason="Falls at home", source="self",
            person=person, team=team,
        ),
    )  # fmt: skip


def test_the_decision_closes_the_contact_it_came_from_with_its_sequel(social_worker, team, person):
    from ownway.frontdoor.models import STS001_SEQUEL, ContactStatus, EventOutcome

    contact = _contact_about(person, team, social_worker)
    assessment = assessment_start(actor=social_worker, person=person, contact=contact)
    _eligible_answers(social_worker, assessment)
    eligibility_determine(actor=social_worker, assessment=assessment)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED
    assert contact.outcome == EventOutcome.SUPPORT_PLANNING
    assert contact.closed_by == social_worker
    closed = AuditEvent.objects.get(action="frontdoor.contact_closed", subject_id=str(contact.pk))
    assert closed.new == {"outcome": "support_planning", "sts001_sequel": STS001_SEQUEL["support_planning"]}


def test_a_decision_of_no_eligible_needs_closes_the_contact_with_information_and_advice(social_worker, team, person):
    from ownway.frontdoor.models import ContactStatus, EventOutcome

    contact = _contact_about(person, team, social_worker)
    assessment = assessment_start(actor=social_worker, person=person, contact=contact)
    assessment_update(
        actor=social_worker, assessment=assessment,
        answers={"arises_from_impairment_or_illness": True, "significant_impact_on_wellbeing": False},
    )  # fmt: skip
    determination = eligibility_determine(actor=social_worker, assessment=assessment)
    assert not determination.eligible
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED
    assert contact.outcome == EventOutcome.NFA_INFORMATION


def test_a_contact_already_closed_is_left_as_it_was(social_worker, team, person):
    from ownway.frontdoor.models import ContactStatus, EventOutcome
    from ownway.frontdoor.services import contact_close

    contact = _contact_about(person, team, social_worker)
    assessment = assessment_start(actor=social_worker, person=person, contact=contact)
    contact_close(actor=social_worker, contact=contact, outcome=EventOutcome.ASSESSMENT)
    _eligible_answers(social_worker, assessment)
    eligibility_determine(actor=social_worker, assessment=assessment)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED
    assert contact.outcome == EventOutcome.ASSESSMENT


def test_two_workers_saving_the_same_assessment_the_second_is_refused_and_the_first_kept(
    social_worker, team_manager, assessment
):
    from ownway.assessments.models import Assessment
    from ownway.core.versioning import StaleEdit

    opened = Assessment.objects.get(pk=assessment.pk).lock_version  # both open it at this version
    assessment_update(
        actor=social_worker, assessment=assessment, answers={"own_words": "The allotment"}, expected_version=opened
    )
    with pytest.raises(StaleEdit):
        assessment_update(
            actor=team_manager, assessment=assessment, answers={"own_words": "Church"}, expected_version=opened
        )
    with pytest.raises(StaleEdit):
        eligibility_determine(actor=team_manager, assessment=assessment, expected_version=opened)
    assessment.refresh_from_db()
    assert assessment.own_words == "The allotment"
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert not AuditEvent.objects.filter(action=events.ASSESSMENT_UPDATED, new__own_words="Church").exists()


def test_findings_recorded_after_someone_else_saved_are_refused_whole(social_worker, assessment):
    from ownway.assessments.services import assessment_record_outcomes
    from ownway.core.versioning import StaleEdit

    opened = assessment.lock_version
    assessment_update(actor=social_worker, assessment=assessment, answers={"strengths": "Gardening"})
    with pytest.raises(StaleEdit):
        assessment_record_outcomes(
            actor=social_worker, assessment=assessment, expected_version=opened,
            findings=[{"outcome": "nutrition", "unable_without_assistance": True}],
        )  # fmt: skip
    assert not assessment.findings.exists()
