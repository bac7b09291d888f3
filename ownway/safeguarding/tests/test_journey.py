"""The journey the issue is done by: a neighbour reports suspected financial abuse of an older person anonymously;
the safeguarding team decides on a s.42 enquiry in time, asks the person what they want, records the enquiry and
closes it with outcomes partly achieved and the risk reduced; another worker sees only the flag."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.safeguarding.models import Concern, ConcernStatus, Enquiry, EnquiryStatus
from ownway.safeguarding.services import ConcernData, concern_raise_for_person

pytestmark = pytest.mark.django_db


def concern_raise_for_person_by(user, person) -> Concern:
    return concern_raise_for_person(actor=user, person=person, data=ConcernData(what_happened="Money missing"))


def _report(client: Client, **extra) -> object:
    data = {"what_happened": "My neighbour Mrs Patel (84) says her nephew takes her bank card and her fridge is empty.",
            "suspected_types": ["financial"], "adult_name": "Mrs Patel", "adult_postcode": "cv1 2aa",
            "adult_knows": "yes", **extra}  # fmt: skip
    return client.post(reverse("report_abuse:start"), data)


def test_the_public_page_explains_and_takes_an_anonymous_concern():
    client = Client()
    page = client.get(reverse("report_abuse:start")).content.decode()
    for words in ("call 999", "You can stay anonymous", "What is financial abuse?", "What is a hate crime?",
                  "What happens next", "easy read"):  # fmt: skip
        assert words in page
    assert "999" in client.get(reverse("report_abuse:easy_read")).content.decode()
    response = _report(client)
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.raiser_name == concern.raiser_phone == concern.raiser_email == ""
    assert concern.channel == "public"
    assert not concern.held_back
    assert [v.code for v in concern.suspected_types.all()] == ["financial"]
    sent = client.get(response["Location"]).content.decode()
    assert concern.reference in sent


def test_a_flood_from_one_address_is_held_back_not_lost_then_bounded():
    from ownway.safeguarding import services

    client = Client()
    for _ in range(services.FLOOD_LIMIT):
        assert _report(client).status_code == 302
    assert not Concern.objects.filter(held_back=True).exists()
    # The next is kept, but held back for a look: a genuine concern in a flood is never lost.
    assert _report(client, what_happened="A genuine one among many").status_code == 302
    held = Concern.objects.get(held_back=True)
    assert held.what_happened == "A genuine one among many"
    # Beyond the daily bound the page asks them to phone (and to call 999 in danger); nothing is stored.
    from ownway.safeguarding.models import ConcernAttempt

    ConcernAttempt.objects.bulk_create(
        [ConcernAttempt(client_hash=ConcernAttempt.objects.first().client_hash, at=held.received_at)] * 60
    )
    response = _report(client)
    assert response.status_code == 429
    assert "999" in response.content.decode()
    assert Concern.objects.count() == services.FLOOD_LIMIT + 1


def test_the_journey_from_anonymous_concern_to_closed_enquiry(safeguarder_client, safeguarder, person, social_worker):
    _report(Client())
    concern = Concern.objects.get()
    url = reverse("safeguarding:concern", kwargs={"pk": concern.pk})
    page = safeguarder_client.post(url, {"action": "link", "link-reference": "NOPE"}).content.decode()
    assert "There is no record with the reference NOPE" in page
    response = safeguarder_client.post(url, {"action": "link", "link-reference": person.reference.lower()})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.person == person
    worklist = safeguarder_client.get(reverse("safeguarding:worklist")).content.decode()
    assert concern.reference in worklist
    assert "left" in worklist
    url = reverse("safeguarding:concern", kwargs={"pk": concern.pk})
    assert "Decide: is a section 42 enquiry needed?" in safeguarder_client.get(url).content.decode()
    response = safeguarder_client.post(url, {
        "action": "decide", "decision-lock_version": concern.lock_version, "decision-view_sought": "asked",
        "decision-adult_view": "I want my money safe and to keep seeing my nephew",
        "decision-has_care_needs": "yes", "decision-has_care_needs_reasons": "Dementia, home care",
        "decision-at_risk": "yes", "decision-at_risk_reasons": "Withdrawals she did not make",
        "decision-cannot_protect": "yes", "decision-cannot_protect_reasons": "Cannot manage her account",
        "decision-outcome": "s42",
    })  # fmt: skip
    enquiry = Enquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("safeguarding:enquiry", kwargs={"pk": enquiry.pk})
    assert enquiry.kind == "s42"
    assert enquiry.lead == safeguarder
    url = reverse("safeguarding:enquiry", kwargs={"pk": enquiry.pk})
    # Closing before anything is recorded is refused, with clear messages.
    page = safeguarder_client.post(
        url, {"action": "close", "close-lock_version": enquiry.lock_version}
    ).content.decode()
    assert "Record whether the adult was asked what they wanted before closing the enquiry" in page
    assert "Select whether the risk was removed, reduced or remains before closing the enquiry" in page
    safeguarder_client.post(url, {"action": "personal", "personal-msp_asked": "asked_expressed",
                                  "personal-asked_who": "adult", "personal-desired_outcomes": "My money safe",
                                  "personal-capacity": "did_not_lack", "personal-advocacy": "not_needed"})  # fmt: skip
    safeguarder_client.post(url, {"action": "risks", "risks-risk_types": ["financial"], "risks-location": "own_home",
                                  "risks-sources": ["known_relative"],
                                  "risks-protection_plan": "Bank told"})  # fmt: skip
    safeguarder_client.post(url, {"action": "add_action", "action-what": "Ask the bank for statements",
                                  "action-organisation": "The bank", "action-due_on-day": "1",
                                  "action-due_on-month": "2", "action-due_on-year": "2027"})  # fmt: skip
    enquiry.refresh_from_db()
    assert enquiry.actions.count() == 1
    assert enquiry.location.code == "own_home"
    # Without whether her outcomes were achieved, it is still refused.
    page = safeguarder_client.post(url, {"action": "close", "close-lock_version": enquiry.lock_version,
                                         "close-risk_assessment_outcome": "identified_action",
                                         "close-risk_outcome": "reduced"}).content.decode()  # fmt: skip
    assert "Say whether the outcomes the adult wanted were fully, partly or not achieved" in page
    response = safeguarder_client.post(url, {"action": "close", "close-lock_version": enquiry.lock_version,
                                             "close-risk_assessment_outcome": "identified_action",
                                             "close-risk_outcome": "reduced",
                                             "close-msp_achieved": "partly"})  # fmt: skip
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.CLOSED
    assert enquiry.msp_achieved.code == "partly"
    assert enquiry.concern.status == ConcernStatus.CLOSED


def test_another_worker_sees_only_the_flag_and_is_refused_with_an_audit_row(safeguarder, person, social_worker):
    _report(Client())
    concern = Concern.objects.get()
    concern.person = person
    concern.save()
    client = Client()
    client.force_login(social_worker)
    page = client.get(reverse("people:person", kwargs={"pk": person.pk})).content.decode()
    assert "A safeguarding matter is open" in page
    assert concern.reference not in page
    assert "nephew" not in page
    response = client.get(reverse("safeguarding:concern", kwargs={"pk": concern.pk}))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(actor=social_worker, action="safeguarding.read_refused",
                                     subject_id=str(concern.pk)).exists()  # fmt: skip
    assert concern.reference not in client.get(reverse("safeguarding:worklist")).content.decode()


def test_staff_raise_a_concern_from_the_record(person, social_worker, safeguarder_client):
    client = Client()
    client.force_login(social_worker)
    url = reverse("safeguarding:raise", kwargs={"pk": person.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"what_happened": "Bruises on her arms", "suspected_types": ["physical"]})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.person == person
    assert concern.channel == "staff"
    assert concern.raised_by.code == "council"
    # Raising it does not let the worker read it: that is the safeguarding team's, until it is given to them.
    assert client.get(reverse("safeguarding:concern", kwargs={"pk": concern.pk})).status_code == 403
    assert safeguarder_client.get(reverse("safeguarding:concern", kwargs={"pk": concern.pk})).status_code == 200


def test_a_concern_can_lead_to_an_unplanned_review(person, social_worker, team_manager):
    from ownway.planning import services as planning
    from ownway.planning.tests.factories import draft_plan
    from ownway.reviews.models import Review

    plan, version = draft_plan(social_worker, person)
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets Ada's outcomes")
    concern = concern_raise_for_person_by(social_worker, person)
    concern.worker = social_worker
    concern.save()
    client = Client()
    client.force_login(social_worker)
    url = reverse("safeguarding:concern", kwargs={"pk": concern.pk})
    response = client.post(url, {"action": "review", "review-note": "Money worries: check the plan still works",
                                 "review-due_on-day": "1", "review-due_on-month": "1",
                                 "review-due_on-year": "1990"})  # fmt: skip
    assert "The review must be due between today and" in response.content.decode()
    due = timezone.localdate() + dt.timedelta(days=14)
    response = client.post(url, {"action": "review", "review-note": "Money worries: check the plan still works",
                                 "review-due_on-day": str(due.day), "review-due_on-month": str(due.month),
                                 "review-due_on-year": str(due.year)})  # fmt: skip
    assert response.status_code == 302
    review = Review.objects.get(reason="safeguarding")
    assert review.plan == plan
    assert review.due_on == due
