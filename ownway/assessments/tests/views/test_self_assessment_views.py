"""The self-assessment pages: one question a page, save and come back, check and send, worker review."""

from __future__ import annotations

import pytest

from ownway.assessments.models import Assessment, SelfAssessment, SelfAssessmentStatus
from ownway.assessments.rules.eligibility import AdultOutcome


def _start(client):
    response = client.post("/self-assessment/", {"kind": "needs"})
    assert response.status_code == 302
    return SelfAssessment.objects.get(), response["Location"]


def test_the_citizen_sees_how_it_works_and_starts(citizen_client):
    page = citizen_client.get("/self-assessment/").content.decode()
    assert "Your answers are saved as you go" in page
    assert "Start a self-assessment about me" in page
    self_assessment, location = _start(citizen_client)
    assert location == f"/self-assessment/{self_assessment.pk}/who/"
    page = citizen_client.get(location).content.decode()
    assert "Question 1 of" in page
    assert "Who is filling in this form?" in page
    assert "Save and come back later" in page


def test_continue_saves_and_goes_to_the_next_question_that_applies(citizen_client):
    self_assessment, _ = _start(citizen_client)
    base = f"/self-assessment/{self_assessment.pk}"
    response = citizen_client.post(f"{base}/who/", {"answer": "helper", "continue": "1"})
    assert response["Location"] == f"{base}/helper/"
    response = citizen_client.post(f"{base}/helper/", {"answer": "Sam, her son", "continue": "1"})
    assert response["Location"] == f"{base}/own_words/"
    self_assessment.refresh_from_db()
    assert self_assessment.answers == {"who": "helper", "helper": "Sam, her son"}


def test_a_missing_answer_gets_a_specific_message_and_keeps_the_page(citizen_client):
    self_assessment, _ = _start(citizen_client)
    response = citizen_client.post(
        f"/self-assessment/{self_assessment.pk}/own_words/", {"answer": " ", "continue": "1"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Answer &#39;What matters to you, and what would you like to be different?&#39;" in page
    assert page.count('href="#id_answer"') == 1


def test_what_was_typed_stays_when_an_outcome_answer_is_wrong(citizen_client):
    self_assessment, _ = _start(citizen_client)
    response = citizen_client.post(
        f"/self-assessment/{self_assessment.pk}/outcome_nutrition/",
        {"tests": ["none", "unable_without_assistance"], "details": "I burn things", "continue": "1"},
    )
    page = response.content.decode()
    assert "choose one or the other" in page
    assert "I burn things" in page
    assert 'data-behaviour="exclusive"' in page
    assert SelfAssessment.objects.get().answers == {}


def test_save_and_come_back_later_then_carry_on_where_they_stopped(citizen_client):
    self_assessment, _ = _start(citizen_client)
    base = f"/self-assessment/{self_assessment.pk}"
    citizen_client.post(f"{base}/who/", {"answer": "self", "continue": "1"})
    response = citizen_client.post(f"{base}/own_words/", {"answer": "My allotment", "save_later": "1"})
    assert response["Location"] == "/self-assessment/"
    page = citizen_client.get("/self-assessment/").content.decode()
    assert "Your answers are saved" in page
    assert "Carry on with your self-assessment" in page
    response = citizen_client.get(f"{base}/")
    assert response["Location"] == f"{base}/strengths/"
    # Starting again carries on the same draft.
    assert citizen_client.post("/self-assessment/", {"kind": "needs"})["Location"] == f"{base}/strengths/"
    assert SelfAssessment.objects.count() == 1


def _answer_everything(client, self_assessment):
    base = f"/self-assessment/{self_assessment.pk}"
    for key, answer in (
        ("who", "self"),
        ("own_words", "My allotment"),
        ("strengths", ""),
        ("networks", ""),
        ("community", ""),
        ("fluctuates", "no"),
        ("impact", "I am stuck indoors"),
        ("has_carer", "no"),
    ):
        response = client.post(f"{base}/{key}/", {"answer": answer, "continue": "1"})
        assert response.status_code == 302, key
    for outcome in AdultOutcome:
        tests = (
            ["unable_without_assistance"] if outcome in (AdultOutcome.NUTRITION, AdultOutcome.CLOTHING) else ["none"]
        )
        response = client.post(f"{base}/outcome_{outcome.value}/", {"tests": tests, "details": "", "continue": "1"})
        assert response.status_code == 302, outcome


def test_check_your_answers_then_send(citizen_client):
    self_assessment, _ = _start(citizen_client)
    _answer_everything(citizen_client, self_assessment)
    base = f"/self-assessment/{self_assessment.pk}"
    page = citizen_client.get(f"{base}/check/").content.decode()
    assert "Check your answers before sending them" in page
    assert "My allotment" in page
    assert "I need someone to help me, or to remind me" in page
    assert f'href="{base}/own_words/?return=check"' in page
    # Changing an answer from the check page comes back to it.
    response = citizen_client.post(f"{base}/own_words/?return=check", {"answer": "My garden", "continue": "1"})
    assert response["Location"] == f"{base}/check/"
    response = citizen_client.post(f"{base}/check/")
    assert response["Location"] == f"{base}/sent/"
    assert SelfAssessment.objects.get().status == SelfAssessmentStatus.SUBMITTED
    assert "Your answers have been sent" in citizen_client.get(f"{base}/sent/").content.decode()
    # A sent self-assessment's questions lead to the sent page.
    assert citizen_client.get(f"{base}/own_words/")["Location"] == f"{base}/sent/"


def test_sending_with_answers_missing_links_to_each_question(citizen_client):
    self_assessment, _ = _start(citizen_client)
    base = f"/self-assessment/{self_assessment.pk}"
    citizen_client.post(f"{base}/who/", {"answer": "self", "continue": "1"})
    page = citizen_client.post(f"{base}/check/").content.decode()
    assert "There is a problem" in page
    assert f'href="{base}/own_words/"' in page
    assert SelfAssessment.objects.get().status == SelfAssessmentStatus.DRAFT


def test_another_citizen_or_a_worker_cannot_open_the_pages(citizen_client, social_worker_client, citizen):
    self_assessment, _ = _start(citizen_client)
    assert social_worker_client.get(f"/self-assessment/{self_assessment.pk}/who/").status_code == 403
    assert social_worker_client.post("/self-assessment/", {"kind": "needs"}).status_code == 403


def test_an_unknown_question_is_not_found(citizen_client):
    self_assessment, _ = _start(citizen_client)
    assert citizen_client.get(f"/self-assessment/{self_assessment.pk}/shoe_size/").status_code == 404


def test_a_worker_sees_it_waiting_and_turns_it_into_an_assessment(citizen_client, social_worker_client, citizen):
    self_assessment, _ = _start(citizen_client)
    _answer_everything(citizen_client, self_assessment)
    citizen_client.post(f"/self-assessment/{self_assessment.pk}/check/")
    worklist = social_worker_client.get("/assessments/").content.decode()
    assert "Self-assessments waiting for a worker" in worklist
    review_url = f"/assessments/self-assessments/{self_assessment.pk}/"
    assert review_url in worklist
    page = social_worker_client.get(review_url).content.decode()
    assert "My allotment" in page
    assert "Start an assessment from these answers" in page
    response = social_worker_client.post(review_url)
    assessment = Assessment.objects.get()
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    assert assessment.findings.filter(unable_without_assistance=True).count() == 2
    assert "Self-assessments waiting" not in social_worker_client.get("/assessments/").content.decode()


def test_a_citizen_cannot_review(citizen_client):
    self_assessment, _ = _start(citizen_client)
    assert citizen_client.get(f"/assessments/self-assessments/{self_assessment.pk}/").status_code == 403


@pytest.mark.parametrize("kind", ["abc", "-1", "x" * 10_000, "\x00"])
def test_a_tampered_kind_of_self_assessment_says_what_to_choose_and_starts_nothing(citizen_client, kind):
    response = citizen_client.post("/self-assessment/", {"kind": kind})
    assert response.status_code == 302
    assert response["Location"] == "/self-assessment/"
    page = citizen_client.get("/self-assessment/").content.decode()
    assert "Choose a self-assessment for yourself or one as a carer" in page
    assert not SelfAssessment.objects.exists()
