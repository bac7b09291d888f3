"""A provider raises a concern from its portal, and other agencies through the API: the public form's checks, the
same reference back, on the safeguarding team's worklist, and on the audit trail."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from ownway.accounts.models import AuditEvent
from ownway.directory.models import Organization, ProviderAccount
from ownway.safeguarding.models import Channel, Concern

pytestmark = pytest.mark.django_db
URL = "/api/v1/safeguarding/concerns"


@pytest.fixture
def provider_account(provider):
    organisation = Organization.objects.create(name="Friendly Day Services")
    ProviderAccount.objects.create(user=provider, organization=organisation)
    return provider


def _post(client: Client, body: dict):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_a_provider_raises_a_concern_from_its_portal(provider_account, safeguarder_client):
    client = Client()
    client.force_login(provider_account)
    portal = client.get(reverse("directory:provider_services")).content.decode()
    assert reverse("safeguarding:provider_raise") in portal
    page = client.get(reverse("safeguarding:provider_raise")).content.decode()
    assert "If someone is in danger now, call 999" in page
    assert client.post(reverse("safeguarding:provider_raise"), {"what_happened": "  "}).status_code == 200
    response = client.post(
        reverse("safeguarding:provider_raise"),
        {"what_happened": "Mr Khan's money for the outing went missing again", "adult_name": "Imran Khan",
         "suspected_types": ["financial"], "raiser_phone": "0121 496 0000"},
        follow=True,
    )  # fmt: skip
    concern = Concern.objects.get()
    assert concern.channel == Channel.PROVIDER
    assert concern.raised_by is not None
    assert concern.raised_by.code == "provider"
    assert concern.raiser_name.endswith(", Friendly Day Services")
    assert f"your reference is {concern.reference}" in response.content.decode()
    assert AuditEvent.objects.filter(actor=provider_account, action="safeguarding.concern_raised_provider").exists()
    worklist = safeguarder_client.get(reverse("safeguarding:worklist")).content.decode()
    assert concern.reference in worklist


def test_a_provider_without_a_directory_entry_cannot(provider):
    client = Client()
    client.force_login(provider)
    assert client.get(reverse("safeguarding:provider_raise")).status_code == 403


def test_another_agency_raises_one_through_the_api(api_client, social_worker, person):
    client = api_client(social_worker)
    response = _post(client, {"what_happened": "Seen with bruises at the surgery", "suspected_types": ["physical"],
                              "raised_by": "health", "raiser_name": "Dr Patel", "person_id": person.pk})  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    concern = Concern.objects.get()
    assert body["reference"] == concern.reference
    assert body["channel"] == "api"
    assert concern.person == person
    assert concern.raised_by is not None
    assert concern.raised_by.code == "health"
    assert AuditEvent.objects.filter(actor=social_worker, action="safeguarding.concern_raised_api").exists()


def test_the_api_checks_as_the_form_does_and_saves_nothing_when_wrong(api_client, social_worker, other_team_person):
    client = api_client(social_worker)
    response = _post(client, {"what_happened": "", "suspected_types": ["not-a-type"], "raiser_phone": "12"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) >= {"what_happened", "suspected_types", "raiser_phone"}
    # A record the caller may not open is refused, and the refusal is on the trail.
    response = _post(client, {"what_happened": "Worried", "person_id": other_team_person.pk})
    assert response.status_code == 422
    assert response.json()["errors"]["person_id"] == ["You do not have access to this person's record"]
    assert _post(client, {"what_happened": "Worried", "unknown": "x"}).status_code == 422
    assert not Concern.objects.exists()


def test_a_provider_may_use_the_api_but_not_name_a_record(api_client, provider_account, person):
    client = api_client(provider_account)
    assert _post(client, {"what_happened": "Worried", "person_id": person.pk}).status_code == 422
    response = _post(client, {"what_happened": "Worried about a resident", "adult_name": "Imran Khan"})
    assert response.status_code == 201
    assert Concern.objects.get().channel == Channel.PROVIDER


def test_citizens_and_commissioners_cannot(api_client, citizen, commissioner):
    for user in (citizen, commissioner):
        assert _post(api_client(user), {"what_happened": "Worried"}).status_code == 403
    assert not Concern.objects.exists()
