import pytest

from ownway.assessments.services import (
    assessment_record_outcome,
    assessment_start,
    assessment_update,
    eligibility_determine,
)


@pytest.fixture
def completed_assessment(social_worker, person):
    assessment = assessment_start(actor=social_worker, person=person)
    assessment_update(
        actor=social_worker,
        assessment=assessment,
        answers={"arises_from_impairment_or_illness": True, "significant_impact_on_wellbeing": True},
    )
    assessment_record_outcome(
        actor=social_worker, assessment=assessment, outcome="personal_hygiene", unable_without_assistance=True
    )
    assessment_record_outcome(
        actor=social_worker,
        assessment=assessment,
        outcome="nutrition",
        unable_without_assistance=True,
        endangers_health_or_safety=True,
    )
    assessment_record_outcome(
        actor=social_worker,
        assessment=assessment,
        outcome="community_facilities",
        significant_pain_distress_or_anxiety=True,
    )
    eligibility_determine(actor=social_worker, assessment=assessment)
    assessment.refresh_from_db()
    return assessment
