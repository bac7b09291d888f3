"""The survey pages: the citizen answers in easy read; a second answer, an answer outside the scale and someone
else's survey get clear messages; a worker keys in a paper survey; the results and their CSV file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from ownway.surveys.models import Answer, SurveyInvitation, SurveyResponse
from ownway.surveys.services import plan_surveys_send


@pytest.fixture
def invitation(approved, person):
    with override_settings(OWNWAY_SURVEY_AFTER_PLAN_DAYS=1):
        plan_surveys_send(today=dt.date(2026, 11, 1))
    return SurveyInvitation.objects.get(person=person)


def test_the_citizen_answers_in_easy_read(invitation, citizen_client):
    listed = citizen_client.get("/my-surveys/")
    assert "Your support and your budget" in listed.text
    page = citizen_client.get(f"/my-surveys/{invitation.pk}/easy-read/")
    assert "Do you choose what you do each day?" in page.text
    assert "Read this page in standard English" in page.text
    plain = citizen_client.get(f"/my-surveys/{invitation.pk}/")
    assert "Which of these best describes how much control you have over your daily life?" in plain.text
    assert "Read this page in easy read" in plain.text
    sent = citizen_client.post(
        f"/my-surveys/{invitation.pk}/easy-read/", {"control": "adequate", "outcome_safe": "better"}, follow=True
    )
    assert "Thank you. We have your answers." in sent.text
    response = SurveyResponse.objects.get()
    assert (response.channel, response.easy_read) == ("online", True)
    again = citizen_client.post(f"/my-surveys/{invitation.pk}/", {"control": "none"}, follow=True)
    assert "This survey has already been answered. Thank you: we keep the first answers." in again.text
    assert Answer.objects.get(question__code="control").value == "adequate"


def test_an_answer_outside_the_scale_says_which_question(invitation, citizen_client):
    page = citizen_client.post(f"/my-surveys/{invitation.pk}/", {"control": "11"})
    assert page.status_code == 200
    assert "Choose one of the answers given for: Which of these best describes" in page.text
    empty = citizen_client.post(f"/my-surveys/{invitation.pk}/", {})
    assert "Answer at least one question before you send the survey" in empty.text
    assert not SurveyResponse.objects.exists()


def test_someone_else_s_survey_is_not_found(invitation, team):
    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import UserFactory
    from ownway.people.tests.factories import PersonFactory

    client = Client()
    client.force_login(UserFactory(username="other", role=Role.CITIZEN, team=None, person=PersonFactory(team=team)))
    assert client.get(f"/my-surveys/{invitation.pk}/").status_code == 404
    assert client.post(f"/my-surveys/{invitation.pk}/", {"control": "none"}).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_a_worker_keys_in_a_paper_survey(invitation, social_worker_client, person):
    today = timezone.localdate()
    form = {"channel": "paper", "answered_on-day": str(today.day), "answered_on-month": str(today.month),
            "answered_on-year": str(today.year), "control": "some", "process_advice": "fairly_easy"}  # fmt: skip
    record = social_worker_client.get(f"/people/{person.pk}/")
    assert f"/surveys/{invitation.pk}/answers/" in record.text
    done = social_worker_client.post(f"/surveys/{invitation.pk}/answers/", form)
    assert done.status_code == 302
    response = SurveyResponse.objects.get()
    assert (response.channel, response.answered_on) == ("paper", today)


def test_the_survey_prints_as_a_pdf(invitation, citizen_client):
    pdf = citizen_client.get(f"/my-surveys/{invitation.pk}/survey-easy-read.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_the_results_and_their_csv(invitation, citizen, team_manager_client, commissioner_client, citizen_client):
    from ownway.surveys.services import survey_answer

    survey_answer(actor=citizen, invitation=invitation, answers={"control": "adequate"}, channel="online")
    page = commissioner_client.get("/surveys/results/")
    assert page.status_code == 200
    assert "77% of budget holders said they were told" in page.text
    assert "Fewer than 5" in page.text
    csv = team_manager_client.get("/surveys/results.csv?survey=poet")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.text.splitlines()[1].startswith("Everyone,Everyone,Fewer than 5,fewer than 5")
    assert citizen_client.get("/surveys/results/").status_code == 403


def test_the_results_take_the_same_queries_however_many_answered(approved, commissioner_client, social_worker, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ownway.people.tests.factories import PersonFactory
    from ownway.surveys.services import survey_answer, survey_invite

    def answer_one(n):
        person = PersonFactory(team=team)
        invitation = survey_invite(actor=None, person=person, survey_key="i_statements", round=f"t{n}", reason="round")
        survey_answer(actor=social_worker, invitation=invitation, answers={"control": "some", "i_safe": "always"},
                      channel="worker")  # fmt: skip

    answer_one(1)
    with CaptureQueriesContext(connection) as one:
        assert commissioner_client.get("/surveys/results/").status_code == 200
    for n in range(2, 8):
        answer_one(n)
    with CaptureQueriesContext(connection) as seven:
        page = commissioner_client.get("/surveys/results/")
    assert "0% (0 of 7)" in page.text  # control: "some" is not enough control
    assert "100% (7 of 7)" in page.text  # I feel safe: always
    assert len(seven) == len(one)
