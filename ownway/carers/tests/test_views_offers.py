"""The carers' pages as a worker uses them: a carer never offered an assessment on the list and the home page,
offered one from the person's record, their answer recorded; a contingency plan written, changed and shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ownway.assessments.models import Assessment, AssessmentKind
from ownway.carers.models import CarerAssessmentOffer, ContingencyPlanVersion, OfferAnswer
from ownway.carers.selectors_offers import carers_not_offered_counts, carers_not_offered_for_user
from ownway.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_a_carer_never_offered_an_assessment_is_listed_and_counted(social_worker, social_worker_client, caring):
    page = social_worker_client.get(reverse("carers:not_offered")).content.decode()
    assert "Mary Somerville" in page
    assert "1 carer never offered an assessment" in page
    assert "Ada Lovelace" in page  # whom she cares for
    home = social_worker_client.get("/").content.decode()
    assert "Carers never offered an assessment" in home
    assert "(0 yours, 1 for your team)" in home
    record = social_worker_client.get(reverse("people:person", kwargs={"pk": caring.cared_for_id})).content.decode()
    assert "Never offered a carer&#39;s assessment" in record
    assert reverse("carers:offer", kwargs={"pk": caring.pk}) in record


def test_the_workers_own_list_has_the_carers_of_the_people_they_are_named_worker_for(social_worker, caring, person):
    assert carers_not_offered_counts(user=social_worker).mine == 0
    person.named_worker = social_worker
    person.save(update_fields=["named_worker"])
    assert list(carers_not_offered_for_user(user=social_worker, mine=True)) == [caring.carer]
    assert carers_not_offered_counts(user=social_worker) == type(carers_not_offered_counts(user=social_worker))(
        mine=1, team=1
    )


def test_a_carer_with_a_carers_assessment_but_no_offer_recorded_is_not_listed(social_worker, caring, carer):
    from ownway.assessments.services import assessment_start

    assessment_start(actor=social_worker, person=carer, kind=AssessmentKind.CARER)
    assert not carers_not_offered_for_user(user=social_worker).exists()


def test_the_list_is_paged(social_worker, social_worker_client, person, team):
    from ownway.people.services import caring_relationship_create

    for n in range(52):
        carer = PersonFactory(first_name=f"Carer{n:02d}", last_name="Smith", team=team)
        caring_relationship_create(
            actor=social_worker, carer=carer, cared_for=person, relationship="friend_or_neighbour"
        )
    first = social_worker_client.get(reverse("carers:not_offered")).content.decode()
    assert "52 carers never offered an assessment" in first
    assert first.count("Carer") >= 50
    second = social_worker_client.get(reverse("carers:not_offered") + "?page=2").content.decode()
    assert "Carer51" in second or "Carer50" in second


def test_offered_from_the_record_then_accepted(social_worker_client, caring, carer):
    url = reverse("carers:offer", kwargs={"pk": caring.pk})
    response = social_worker_client.post(url, {**_date("offered_on", TODAY), "method": "letter"})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person", kwargs={"pk": caring.cared_for_id})
    offer = CarerAssessmentOffer.objects.get()
    record = social_worker_client.get(response["Location"]).content.decode()
    assert "waiting for an answer" in record
    assert reverse("carers:offer_answer", kwargs={"pk": offer.pk}) in record
    # The carer's own record shows the same.
    own = social_worker_client.get(reverse("people:person", kwargs={"pk": carer.pk})).content.decode()
    assert "as carer of Ada Lovelace" in own
    assert "waiting for an answer" in own
    answered = social_worker_client.post(
        reverse("carers:offer_answer", kwargs={"pk": offer.pk}),
        {"answer": "accepted", **_date("answered_on", TODAY), "declined_reason": ""},
    )
    assessment = Assessment.objects.get(person=carer, kind=AssessmentKind.CARER)
    assert answered["Location"] == reverse("assessments:tasks", kwargs={"pk": assessment.pk})
    record = social_worker_client.get(reverse("people:person", kwargs={"pk": caring.cared_for_id})).content.decode()
    assert "Carer&#39;s assessment in progress" in record


def test_declined_without_a_reason_says_what_to_do_and_saves_nothing(social_worker, social_worker_client, caring):
    from ownway.carers.services_offers import carer_assessment_offer_make

    offer = carer_assessment_offer_make(actor=social_worker, relationship=caring, offered_on=TODAY, method="phone")
    page = social_worker_client.post(
        reverse("carers:offer_answer", kwargs={"pk": offer.pk}),
        {"answer": "declined", **_date("answered_on", TODAY), "declined_reason": ""},
    ).content.decode()
    assert "Enter the reason the carer gave for declining the assessment" in page
    offer.refresh_from_db()
    assert offer.answer == OfferAnswer.WAITING


def test_a_contingency_plan_is_written_changed_and_shown_on_the_plan_page(
    social_worker, social_worker_client, team_manager, caring, person
):
    from ownway.planning.tests.factories import draft_plan

    url = reverse("carers:contingency_write", kwargs={"pk": caring.pk})
    form = {
        "who_steps_in": "Her brother Tom, 07700 900123",
        "daily_needs": "Help to wash and dress",
        "medicines_and_routines": "",
        "emergency_contacts": "Out-of-hours line 0121 496 0999",
        **_date("written_on", TODAY),
        **_date("look_again_on", TODAY + dt.timedelta(days=180)),
        "expected_number": "0",
    }
    response = social_worker_client.post(url, form)
    assert response["Location"] == reverse("carers:contingency", kwargs={"pk": caring.pk})
    social_worker_client.post(url, form | {"who_steps_in": "Tom, or his wife Sue", "expected_number": "1"})
    page = social_worker_client.get(response["Location"]).content.decode()
    assert "Tom, or his wife Sue" in page
    assert "Earlier versions" in page
    assert "Her brother Tom, 07700 900123" in page
    assert ContingencyPlanVersion.objects.count() == 2
    # A second save from the form as it was first opened is refused, not written over the newer version.
    stale = social_worker_client.post(url, form).content.decode()
    assert "Someone else has changed this contingency plan" in stale
    plan, _version = draft_plan(social_worker, person)
    plan_page = social_worker_client.get(reverse("planning:plan", kwargs={"pk": plan.pk})).content.decode()
    assert reverse("carers:contingency", kwargs={"pk": caring.pk}) in plan_page
    assert "If Mary Somerville cannot carry on caring" in plan_page


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_list_asks_the_same_number_of_queries_however_many_carers(social_worker, team_manager_client, person, team):
    from ownway.people.services import caring_relationship_create

    def add(count):
        for _ in range(count):
            caring_relationship_create(
                actor=social_worker, carer=PersonFactory(team=team), cared_for=person, relationship="parent"
            )

    url = reverse("carers:not_offered")
    add(2)
    few = _queries(team_manager_client, url)
    add(30)
    assert _queries(team_manager_client, url) == few
    assert "32 carers never offered an assessment" in team_manager_client.get(url).content.decode()
