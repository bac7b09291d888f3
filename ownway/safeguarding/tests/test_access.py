"""Who sees safeguarding records (ownway.safeguarding.permissions), and the audit of every read and refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.safeguarding.permissions import visible_to
from ownway.safeguarding.services import (
    ConcernData,
    DecisionData,
    concern_allocate,
    concern_raise_for_person,
    decision_record,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiry(person, social_worker, safeguarder):
    concern = concern_raise_for_person(actor=social_worker, person=person, data=ConcernData(what_happened="Bruises"))
    data = DecisionData(view_sought="asked", adult_view="Make it stop", has_care_needs=True, has_care_needs_reasons="a",
                        at_risk=True, at_risk_reasons="b", cannot_protect=True, cannot_protect_reasons="c",
                        outcome="s42")  # fmt: skip
    decision_record(actor=safeguarder, concern=concern, data=data)
    return concern.enquiry


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_worker_outside_the_team_opening_an_enquiry_gets_403_and_an_audit_row(enquiry, occupational_therapist):
    response = _client(occupational_therapist).get(reverse("safeguarding:enquiry", kwargs={"pk": enquiry.pk}))
    assert response.status_code == 403
    refused = AuditEvent.objects.get(actor=occupational_therapist, action="safeguarding.read_refused")
    assert refused.subject_type == "safeguarding.enquiry"
    assert refused.subject_id == str(enquiry.pk)
    assert "Bruises" not in response.content.decode()


def test_every_read_is_audited(enquiry, safeguarder):
    client = _client(safeguarder)
    client.get(reverse("safeguarding:enquiry", kwargs={"pk": enquiry.pk}))
    client.get(reverse("safeguarding:concern", kwargs={"pk": enquiry.concern_id}))
    client.get(reverse("safeguarding:worklist"))
    actions = set(AuditEvent.objects.filter(actor=safeguarder).values_list("action", flat=True))
    assert {"safeguarding.enquiry_viewed", "safeguarding.concern_viewed", "safeguarding.concerns_listed"} <= actions
    viewed = AuditEvent.objects.get(actor=safeguarder, action="safeguarding.enquiry_viewed")
    assert viewed.person_id == enquiry.concern.person_id


def test_the_allocated_worker_and_their_manager_see_it_others_do_not(
    enquiry, safeguarder, safeguarding_lead, social_worker, team_manager, administrator, other_team
):
    concern = enquiry.concern
    assert list(visible_to(safeguarder)) == [concern]
    assert list(visible_to(safeguarding_lead)) == [concern]
    # The lead of the enquiry is the safeguarding worker: a locality worker who raised it does not see it...
    assert not visible_to(social_worker).exists()
    assert not visible_to(team_manager).exists()
    # ...until it is given to them; then their team manager sees it too.
    concern_allocate(actor=safeguarding_lead, concern=concern, worker=social_worker)
    assert list(visible_to(social_worker)) == [concern]
    assert list(visible_to(team_manager)) == [concern]
    other_manager = UserFactory(username="other_manager", role=Role.TEAM_MANAGER, team=other_team)
    assert not visible_to(other_manager).exists()
    # Administrators run the system, not safeguarding: they see only the flag.
    assert not visible_to(administrator).exists()
    assert _client(administrator).get(reverse("safeguarding:concern", kwargs={"pk": concern.pk})).status_code == 403


def test_the_adult_sees_nothing_of_it_on_their_own_record(enquiry, person, citizen_client):
    page = citizen_client.get(reverse("people:me"), follow=True).content.decode()
    assert person.full_name in page
    assert "safeguarding" not in page.lower()


def test_the_safeguarding_team_sees_the_links_on_the_record(enquiry, safeguarder, person):
    person.team = safeguarder.team
    person.save()
    page = _client(safeguarder).get(reverse("people:person", kwargs={"pk": person.pk})).content.decode()
    assert enquiry.concern.reference in page


def test_what_the_person_alleged_is_told_is_decided_deliberately(person, social_worker, safeguarder_client):
    concern = concern_raise_for_person(
        actor=social_worker, person=person, data=ConcernData(what_happened="Money missing", alleged="Her nephew, Tom")
    )
    alleged = concern.alleged.get()
    assert alleged.disclosure == "not_decided"
    url = reverse("safeguarding:concern", kwargs={"pk": concern.pk})
    page = safeguarder_client.get(url).content.decode()
    assert "Her nephew, Tom" in page
    assert "Not yet decided" in page
    page = safeguarder_client.post(url, {"action": "disclosure", "disclosure-alleged": alleged.pk,
                                         "disclosure-disclosure": "not_told"}).content.decode()  # fmt: skip
    assert "Give the reasons for the decision" in page
    response = safeguarder_client.post(url, {"action": "disclosure", "disclosure-alleged": alleged.pk,
                                             "disclosure-disclosure": "not_told",
                                             "disclosure-disclosure_reasons": "He lives with her"})  # fmt: skip
    assert response.status_code == 302
    alleged.refresh_from_db()
    assert alleged.disclosure == "not_told"
    assert AuditEvent.objects.filter(action="safeguarding.disclosure_decided").count() == 1


def test_the_decision_says_whether_it_was_made_in_time(enquiry):
    decision = enquiry.concern.decision
    assert decision.in_time
    decision.decided_at = enquiry.concern.decision_due_at + dt.timedelta(minutes=1)
    assert not decision.in_time
