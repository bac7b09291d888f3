"""Linking a plan started before its assessment was finished to the assessment it meets: only a finished
assessment of the same person, and only once; audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ownway.accounts.models import AuditEvent
from ownway.assessments.models import AssessmentStatus
from ownway.assessments.services import assessment_start
from ownway.people.tests.factories import PersonFactory
from ownway.planning import services
from ownway.planning.tests.factories import draft_plan


def test_a_plan_is_linked_to_its_finished_assessment_and_only_that_one(social_worker, person, team):
    plan, _version = draft_plan(social_worker, person)
    assessment = assessment_start(actor=social_worker, person=person)
    with pytest.raises(ValidationError) as refused:
        services.support_plan_assessment_link(actor=social_worker, plan=plan, assessment=assessment)
    assert refused.value.message_dict == {"assessment": ["Finish the assessment before linking the plan to it"]}
    someone_else = assessment_start(actor=social_worker, person=PersonFactory(team=team))
    with pytest.raises(ValidationError) as refused:
        services.support_plan_assessment_link(actor=social_worker, plan=plan, assessment=someone_else)
    assert refused.value.message_dict == {"assessment": ["That assessment is about someone else"]}
    plan.refresh_from_db()
    assert plan.assessment is None
    type(assessment).objects.filter(pk=assessment.pk).update(status=AssessmentStatus.COMPLETED)
    assessment.refresh_from_db()
    services.support_plan_assessment_link(actor=social_worker, plan=plan, assessment=assessment)
    plan.refresh_from_db()
    assert plan.assessment == assessment
    assert AuditEvent.objects.filter(action="planning.assessment_linked", person=person).count() == 1
    another = assessment_start(actor=social_worker, person=person)
    type(another).objects.filter(pk=another.pk).update(status=AssessmentStatus.COMPLETED)
    another.refresh_from_db()
    with pytest.raises(ValidationError, match="This plan already meets another assessment"):
        services.support_plan_assessment_link(actor=social_worker, plan=plan, assessment=another)
