"""Triage through the API: link a contact to a person record or make one, and give it to a worker."""

import datetime as dt
import json

from ownway.frontdoor.models import ContactSource
from ownway.frontdoor.services import ContactData, contact_create_from_referral
from ownway.people.models import Person


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def _referral(**overrides):
    values = {
        "first_name": "Mary",
        "last_name": "Seacole",
        "reason": "Falls",
        "source": ContactSource.SELF,
        "date_of_birth": dt.date(1940, 3, 2),
    }
    values.update(overrides)
    return contact_create_from_referral(data=ContactData(**values))


def test_link_a_referral_to_a_record(api_client, social_worker, person):
    contact = _referral()
    response = _post(api_client(social_worker), f"/api/v1/contacts/{contact.pk}/person", {"person_id": person.pk})
    assert response.status_code == 200, response.content
    assert response.json()["person_id"] == person.pk


def test_make_a_record_from_a_referral(api_client, social_worker, team):
    contact = _referral()
    response = _post(api_client(social_worker), f"/api/v1/contacts/{contact.pk}/person", {"create": True})
    assert response.status_code == 200, response.content
    person = Person.objects.get(last_name="Seacole")
    assert response.json()["person_id"] == person.pk
    assert person.team == team


def test_triage_errors_are_specific_and_save_nothing(api_client, social_worker, person, other_team_person):
    client = api_client(social_worker)
    contact = _referral(date_of_birth=None)
    both = _post(client, f"/api/v1/contacts/{contact.pk}/person", {"person_id": person.pk, "create": True})
    assert both.status_code == 422
    assert both.json()["errors"]["person_id"] == ["Send either a person_id, or create: true, but not both"]
    no_birth = _post(client, f"/api/v1/contacts/{contact.pk}/person", {"create": True})
    assert no_birth.status_code == 422
    assert "no date of birth" in no_birth.json()["errors"]["person_id"][0]
    hidden = _post(client, f"/api/v1/contacts/{contact.pk}/person", {"person_id": other_team_person.pk})
    assert hidden.json()["errors"]["person_id"] == ["You do not have access to this person's record"]
    contact.refresh_from_db()
    assert contact.person is None
    assert Person.objects.count() == 2


def test_give_a_contact_to_a_worker(api_client, team_manager, social_worker, broker):
    contact = _referral()
    client = api_client(team_manager)
    response = _post(client, f"/api/v1/contacts/{contact.pk}/worker", {"worker_id": social_worker.pk})
    assert response.status_code == 200, response.content
    assert response.json()["worker_id"] == social_worker.pk
    assert response.json()["team_id"] == social_worker.team_id
    not_a_caseholder = _post(client, f"/api/v1/contacts/{contact.pk}/worker", {"worker_id": broker.pk})
    assert not_a_caseholder.json()["errors"]["worker_id"] == ["Choose a worker who holds a caseload in a team"]
    unknown = _post(client, f"/api/v1/contacts/{contact.pk}/worker", {"worker_id": 999999})
    assert unknown.json()["errors"]["worker_id"] == ["There is no user with ID 999999"]


def test_a_broker_cannot_triage(api_client, broker, person):
    contact = _referral()
    response = _post(api_client(broker), f"/api/v1/contacts/{contact.pk}/person", {"person_id": person.pk})
    assert response.status_code == 403
