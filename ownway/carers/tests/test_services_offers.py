"""Offering carers' assessments (Care Act 2014 ss.10-11) and writing contingency plans, from worked examples."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.assessments.models import Assessment, AssessmentKind
from ownway.carers.models import CarerAssessmentOffer, ContingencyPlanVersion, OfferAnswer
from ownway.carers.services_offers import (
    ContingencyData,
    carer_assessment_offer_answer,
    carer_assessment_offer_make,
    contingency_plan_write,
)
from ownway.core.workflow import TransitionRefused
from ownway.people.services import caring_relationship_end

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _offer(worker, caring, **options):
    return carer_assessment_offer_make(
        actor=worker, relationship=caring, offered_on=options.get("offered_on", TODAY), method="phone"
    )


def test_an_offer_waits_for_the_carers_answer_and_is_audited(social_worker, caring, carer):
    offer = _offer(social_worker, caring)
    assert (offer.carer, offer.answer, offer.offered_by) == (carer, OfferAnswer.WAITING, social_worker)
    assert AuditEvent.objects.filter(action="carers.offer_made", person_id=carer.pk).count() == 1


def test_accepting_starts_the_carers_assessment_on_the_carers_record(social_worker, caring, carer):
    offer = carer_assessment_offer_answer(
        actor=social_worker, offer=_offer(social_worker, caring), answer="accepted", answered_on=TODAY
    )
    assessment = Assessment.objects.get(person=carer)
    assert (offer.answer, offer.assessment, assessment.kind) == (OfferAnswer.ACCEPTED, assessment, AssessmentKind.CARER)
    assert assessment.started_on == TODAY


def test_declining_needs_the_carers_reason_and_they_may_be_offered_again(social_worker, caring, carer):
    """s.11(5): a carer may refuse; s.11(6)-(7): offered again later, the first offer stays with its reason."""
    offer = _offer(social_worker, caring, offered_on=TODAY - dt.timedelta(days=30))
    with pytest.raises(ValidationError) as error:
        carer_assessment_offer_answer(actor=social_worker, offer=offer, answer="declined", answered_on=TODAY)
    assert error.value.message_dict == {
        "declined_reason": ["Enter the reason the carer gave for declining the assessment"]
    }
    offer.refresh_from_db()
    assert offer.answer == OfferAnswer.WAITING
    carer_assessment_offer_answer(
        actor=social_worker, offer=offer, answer="declined", answered_on=TODAY - dt.timedelta(days=29),
        declined_reason="Managing for now; my sister helps at weekends",
    )  # fmt: skip
    again = _offer(social_worker, caring)
    assert list(CarerAssessmentOffer.objects.filter(carer=carer).values_list("answer", flat=True)) == [
        OfferAnswer.WAITING,
        OfferAnswer.DECLINED,
    ]
    assert again.pk != offer.pk
    assert not Assessment.objects.filter(person=carer).exists()


def test_a_second_offer_while_one_waits_is_refused(social_worker, caring):
    first = _offer(social_worker, caring)
    with pytest.raises(ValidationError) as error:
        _offer(social_worker, caring)
    assert error.value.message_dict["relationship"] == [
        f"Mary Somerville was offered an assessment on {first.offered_on:%-d %B %Y} and has not answered yet: "
        "record their answer first"
    ]
    assert CarerAssessmentOffer.objects.count() == 1


def test_an_offer_is_answered_once(social_worker, caring):
    offer = _offer(social_worker, caring)
    stale = CarerAssessmentOffer.objects.get(pk=offer.pk)
    carer_assessment_offer_answer(actor=social_worker, offer=offer, answer="accepted", answered_on=TODAY)
    with pytest.raises(TransitionRefused):
        carer_assessment_offer_answer(
            actor=social_worker, offer=stale, answer="declined", answered_on=TODAY, declined_reason="Changed my mind"
        )
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize(
    ("offered_on", "answered_on", "field", "message"),
    [
        (TODAY + dt.timedelta(days=1), None, "offered_on", "The date it was offered must be today or in the past"),
        (TODAY - dt.timedelta(days=3), TODAY - dt.timedelta(days=4), "answered_on",
         "The date they answered must be on or after the day it was offered"),
        (TODAY, TODAY + dt.timedelta(days=1), "answered_on", "The date they answered must be today or in the past"),
    ],
)  # fmt: skip
def test_dates_that_cannot_be_are_refused(social_worker, caring, offered_on, answered_on, field, message):
    def make_and_answer():
        offer = _offer(social_worker, caring, offered_on=offered_on)
        carer_assessment_offer_answer(actor=social_worker, offer=offer, answer="accepted", answered_on=answered_on)

    with pytest.raises(ValidationError) as error:
        make_and_answer()
    assert error.value.message_dict[field][0].startswith(message)
    assert not Assessment.objects.exists()


def test_an_offer_through_a_caring_relationship_that_ended_is_refused(social_worker, caring):
    caring_relationship_end(actor=social_worker, relationship=caring, ended_on=TODAY)
    with pytest.raises(ValidationError) as error:
        _offer(social_worker, caring)
    assert "stopped caring for Ada Lovelace" in error.value.message_dict["relationship"][0]


def test_only_who_may_change_the_carers_record_offers(other_team, caring):
    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import UserFactory

    elsewhere = UserFactory(username="sw_south", role=Role.SOCIAL_WORKER, team=other_team)
    with pytest.raises(PermissionDenied):
        _offer(elsewhere, caring)
    assert not CarerAssessmentOffer.objects.exists()


def _plan(**changes):
    data = {
        "who_steps_in": "Her brother Tom, 07700 900123; he has a key",
        "daily_needs": "Help to wash and dress in the morning; meals ready at 12 and 6",
        "medicines_and_routines": "Tablets at 8 and 8 from the blister pack in the kitchen",
        "emergency_contacts": "Dr Patel's surgery 0121 496 0000; the council's out-of-hours line 0121 496 0999",
        "written_on": TODAY,
        "look_again_on": TODAY + dt.timedelta(days=365),
    }
    return ContingencyData(**(data | changes))


def test_changing_a_contingency_plan_keeps_the_history(social_worker, caring):
    first = contingency_plan_write(actor=social_worker, relationship=caring, data=_plan(), expected_number=0)
    second = contingency_plan_write(
        actor=social_worker, relationship=caring, data=_plan(who_steps_in="Tom, or his wife Sue"), expected_number=1
    )
    assert (first.number, second.number, second.plan_id) == (1, 2, first.plan_id)
    assert list(ContingencyPlanVersion.objects.values_list("who_steps_in", flat=True)) == [
        "Tom, or his wife Sue",
        "Her brother Tom, 07700 900123; he has a key",
    ]


def test_a_change_made_meanwhile_by_someone_else_is_not_overwritten(social_worker, team_manager, caring):
    contingency_plan_write(actor=social_worker, relationship=caring, data=_plan(), expected_number=0)
    contingency_plan_write(actor=team_manager, relationship=caring, data=_plan(daily_needs="More"), expected_number=1)
    with pytest.raises(ValidationError, match="Someone else has changed this contingency plan"):
        contingency_plan_write(actor=social_worker, relationship=caring, data=_plan(), expected_number=1)
    assert ContingencyPlanVersion.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"who_steps_in": "  "}, "who_steps_in", "Enter who steps in if the carer cannot carry on"),
        ({"emergency_contacts": ""}, "emergency_contacts", "Enter who to call in an emergency"),
        ({"daily_needs": "x" * 4001}, "daily_needs", "This must be 4,000 characters or fewer"),
        ({"look_again_on": TODAY}, "look_again_on", "The date to look at it again must be after the date it was"),
        ({"look_again_on": TODAY + dt.timedelta(days=800)}, "look_again_on",
         "The date to look at it again must be within 2"),
        ({"written_on": TODAY + dt.timedelta(days=1), "look_again_on": TODAY + dt.timedelta(days=9)}, "written_on",
         "The date it was written must be today or in the past"),
    ],
)  # fmt: skip
def test_a_contingency_plan_that_cannot_be_is_refused_and_nothing_is_saved(
    social_worker, caring, changes, field, message
):
    with pytest.raises(ValidationError) as error:
        contingency_plan_write(actor=social_worker, relationship=caring, data=_plan(**changes))
    assert error.value.message_dict[field][0].startswith(message)
    assert not ContingencyPlanVersion.objects.exists()
