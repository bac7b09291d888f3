"""Sending surveys and recording the answers: once a round, once answered, only answers the scale offers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from ownway.people.models import Letter
from ownway.people.tests.factories import PersonFactory
from ownway.reviews.models import Review
from ownway.reviews.services import ReviewRecord, review_record
from ownway.surveys.models import Answer, Channel, SurveyInvitation, SurveyResponse
from ownway.surveys.services import plan_surveys_send, survey_answer

START = dt.date(2026, 4, 20)


@override_settings(OWNWAY_SURVEY_AFTER_PLAN_DAYS=90)
def test_a_plan_that_has_run_the_council_s_time_brings_one_survey(approved, person):
    assert plan_surveys_send(today=START + dt.timedelta(days=89)) == 0
    assert plan_surveys_send(today=START + dt.timedelta(days=90)) == 1
    invitation = SurveyInvitation.objects.get(person=person)
    assert (invitation.survey.key, invitation.reason, invitation.round) == ("poet", "plan", f"plan:{approved[0].pk}")
    letter = Letter.objects.get(pk=invitation.letter_id)
    assert letter.subject_type == "surveys.SurveyInvitation"
    assert letter.page == f"/my-surveys/{invitation.pk}/"
    # Once a round: the next day's run asks no one again.
    assert plan_surveys_send(today=START + dt.timedelta(days=200)) == 0
    assert SurveyInvitation.objects.count() == 1


def test_a_review_held_brings_the_i_statements(approved, social_worker, person):
    _plan, version = approved
    review = Review.objects.get(plan=approved[0])
    progress = {o.pk: ("partly", "") for o in version.outcomes.all()}
    record = ReviewRecord(held_on=dt.date(2026, 6, 10), method="person", progress=progress, working="Good",
                          not_working="", carer_view="", needs_changed=False, decision="no_change",
                          decision_reasons="Works")  # fmt: skip
    review_record(actor=social_worker, review=review, record=record, today=dt.date(2026, 6, 10))
    invitation = SurveyInvitation.objects.get(person=person)
    assert (invitation.survey.key, invitation.round) == ("i_statements", f"review:{review.pk}")


@pytest.fixture
def invitation(approved, person):
    with override_settings(OWNWAY_SURVEY_AFTER_PLAN_DAYS=1):
        plan_surveys_send(today=dt.date(2026, 11, 1))
    return SurveyInvitation.objects.get(person=person)


def test_the_person_answers_online_once(invitation, citizen):
    response = survey_answer(
        actor=citizen, invitation=invitation, answers={"control": "adequate", "outcome_safe": "better"},
        channel=Channel.ONLINE, easy_read=True,
    )  # fmt: skip
    assert (response.channel, response.easy_read, response.on_behalf) == ("online", True, False)
    assert dict(Answer.objects.values_list("question__code", "value")) == {
        "control": "adequate",
        "outcome_safe": "better",
    }
    with pytest.raises(ValidationError, match="already been answered"):
        survey_answer(actor=citizen, invitation=invitation, answers={"control": "none"}, channel=Channel.ONLINE)
    assert Answer.objects.get(question__code="control").value == "adequate"
    assert SurveyResponse.objects.count() == 1


def test_an_answer_outside_the_scale_is_refused_and_nothing_is_saved(invitation, citizen):
    with pytest.raises(ValidationError) as caught:
        survey_answer(actor=citizen, invitation=invitation, answers={"control": "adequate", "outcome_safe": "11"},
                      channel=Channel.ONLINE)  # fmt: skip
    assert caught.value.message_dict["outcome_safe"] == [
        "Choose one of the answers given for: Since you had your personal budget, how has it changed feeling safe, "
        "at home and when you go out?"
    ]
    with pytest.raises(ValidationError, match="does not ask"):
        survey_answer(
            actor=citizen, invitation=invitation, answers={"favourite_colour": "blue"}, channel=Channel.ONLINE
        )
    with pytest.raises(ValidationError, match="at least one"):
        survey_answer(actor=citizen, invitation=invitation, answers={"control": ""}, channel=Channel.ONLINE)
    assert not SurveyResponse.objects.exists()


def test_a_survey_sent_to_someone_else_is_refused(invitation, team):
    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import UserFactory

    stranger = UserFactory(username="stranger", role=Role.CITIZEN, team=None, person=PersonFactory(team=team))
    with pytest.raises(PermissionDenied, match="sent to you, or to someone you care for"):
        survey_answer(actor=stranger, invitation=invitation, answers={"control": "none"}, channel=Channel.ONLINE)
    assert not SurveyResponse.objects.exists()


def test_a_carer_answers_for_the_person_they_care_for(invitation, carer_user):
    response = survey_answer(
        actor=carer_user, invitation=invitation, answers={"control": "some"}, channel=Channel.ONLINE
    )
    assert response.on_behalf is True


def test_a_worker_keys_in_a_paper_survey_dated_when_it_was_filled_in(invitation, social_worker, other_team_person):
    with pytest.raises(ValidationError, match="before the survey was sent"):
        survey_answer(actor=social_worker, invitation=invitation, answers={"control": "none"}, channel=Channel.PAPER,
                      answered_on=dt.date(2026, 10, 1))  # fmt: skip
    response = survey_answer(actor=social_worker, invitation=invitation, answers={"control": "none"},
                             channel=Channel.PAPER, answered_on=dt.date(2026, 11, 3))  # fmt: skip
    assert (response.channel, response.answered_on, response.recorded_by) == (
        "paper",
        dt.date(2026, 11, 3),
        social_worker,
    )


def test_a_worker_cannot_key_in_for_someone_they_may_not_see(invitation, other_team):
    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import UserFactory

    elsewhere = UserFactory(username="elsewhere", role=Role.SOCIAL_WORKER, team=other_team)
    with pytest.raises(PermissionDenied):
        survey_answer(actor=elsewhere, invitation=invitation, answers={"control": "none"}, channel=Channel.WORKER)


def test_the_survey_is_emailed_with_the_paper_survey_in_easy_read_too(approved, person, mailoutbox):
    from ownway.jobs.worker import run_queued
    from ownway.people.models import LetterChannel

    person.email, person.letters_by, person.needs_easy_read = "ada@example.com", LetterChannel.EMAIL, True
    person.save(update_fields=["email", "letters_by", "needs_easy_read"])
    with override_settings(OWNWAY_SURVEY_AFTER_PLAN_DAYS=1):
        plan_surveys_send(today=dt.date(2026, 11, 1))
    run_queued()
    (email,) = mailoutbox
    assert email.to == ["ada@example.com"]
    names = [name for name, _content, _type in email.attachments]
    assert names == [f"survey-{person.reference}.pdf", f"survey-{person.reference}-easy-read.pdf"]
    assert all(content.startswith(b"%PDF") for _name, content, _type in email.attachments)
