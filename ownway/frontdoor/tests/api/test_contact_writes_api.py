"""Recording contacts, conversations and closings through the API, by role."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from ownway.accounts import events as account_events
from ownway.accounts.models import AuditEvent
from ownway.frontdoor import events
from ownway.frontdoor.models import Contact, ContactStatus, Conversation
from ownway.frontdoor.services import contact_create
from ownway.frontdoor.tests.services.test_contact_services import _data


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


CONTACT = {
    "first_name": "Mary",
    "last_name": "Seacole",
    "reason": "Mum has had two falls this week and cannot get upstairs.",
    "source": "family_or_friend",
    "date_of_birth": "1940-03-02",
    "postcode": "b18 7ab",
    "referrer_name": "Jane Seacole",
    "referrer_email": "jane@example.com",
}


# --- POST /contacts ----------------------------------------------------------------------------------


def test_a_worker_records_a_contact_for_their_team(api_client, social_worker, team):
    response = _post(api_client(social_worker), "/api/v1/contacts", CONTACT)
    assert response.status_code == 201
    body = response.json()
    contact = Contact.objects.get()
    assert body["id"] == contact.pk
    assert body["reference"] == f"C{contact.pk:07d}"
    assert body["status"] == "open"
    assert body["team_id"] == team.pk
    assert body["conversations"] == []
    assert contact.postcode == "B18 7AB"
    assert contact.channel == "staff"
    assert contact.recorded_by == social_worker
    event = AuditEvent.objects.get(action=events.CONTACT_CREATED)
    assert event.actor == social_worker
    assert event.subject_id == str(contact.pk)


def test_a_contact_about_someone_with_a_record(api_client, social_worker, person):
    response = _post(api_client(social_worker), "/api/v1/contacts", {**CONTACT, "person_id": person.pk})
    assert response.status_code == 201
    assert response.json()["person_id"] == person.pk
    assert AuditEvent.objects.get(action=events.CONTACT_CREATED).person_id == person.pk


def test_a_record_the_worker_may_not_open_is_refused_and_audited(api_client, social_worker, other_team_person):
    response = _post(api_client(social_worker), "/api/v1/contacts", {**CONTACT, "person_id": other_team_person.pk})
    assert response.status_code == 422
    assert response.json()["errors"] == {"person_id": ["You do not have access to this person's record"]}
    assert not Contact.objects.exists()
    assert AuditEvent.objects.filter(action=account_events.ACCESS_REFUSED, person=other_team_person).exists()


def test_an_unknown_person_is_a_field_error(api_client, social_worker):
    response = _post(api_client(social_worker), "/api/v1/contacts", {**CONTACT, "person_id": 999999})
    assert response.status_code == 422
    assert response.json()["errors"] == {"person_id": ["There is no person with ID 999999"]}
    assert not Contact.objects.exists()


def test_a_time_without_an_offset_is_uk_time(api_client, social_worker, settings):
    response = _post(api_client(social_worker), "/api/v1/contacts", {**CONTACT, "received_at": "2026-07-01T09:30:00"})
    assert response.status_code == 201
    received = Contact.objects.get().received_at
    assert timezone.localtime(received).hour == 9
    assert received == dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)  # British Summer Time


def test_missing_and_bad_details_are_reported_by_field_and_nothing_is_saved(api_client, social_worker):
    client = api_client(social_worker)
    response = _post(client, "/api/v1/contacts", {"source": "neighbour", "date_of_birth": "2 March 1940"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["first_name"] == ["Enter a first name"]
    assert errors["last_name"] == ["Enter a last name"]
    assert errors["reason"] == ["Enter a reason"]
    assert errors["source"][0].startswith("Source must be one of 'self', 'family_or_friend'")
    assert errors["date_of_birth"] == [
        "Enter the date of birth as a real date in the format YYYY-MM-DD, like 1957-03-27"
    ]
    tomorrow = (timezone.now() + dt.timedelta(days=1)).isoformat()
    response = _post(
        client,
        "/api/v1/contacts",
        {**CONTACT, "postcode": "NOT A CODE", "email": "mary at home", "received_at": tomorrow, "reason": "  "},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "email": ["Enter an email address in the correct format, like name@example.com"],
    }
    response = _post(client, "/api/v1/contacts", {**CONTACT, "postcode": "NOT A CODE", "received_at": tomorrow})
    assert response.json()["errors"] == {
        "postcode": ["Enter a real postcode, like B1 1BB"],
        "received_at": ["The date the contact was received must be today or in the past"],
    }
    response = _post(client, "/api/v1/contacts", {**CONTACT, "frist_name": "Mary"})
    assert response.json()["errors"] == {"frist_name": ["Remove frist_name: it is not a field you can send here"]}
    assert not Contact.objects.exists()
    assert not AuditEvent.objects.filter(action=events.CONTACT_CREATED).exists()


@pytest.mark.parametrize("role", ["commissioner", "citizen", "provider", "finance_officer"])
def test_roles_outside_casework_cannot_record_contacts(request, api_client, role):
    response = _post(api_client(request.getfixturevalue(role)), "/api/v1/contacts", CONTACT)
    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot record contacts"}
    assert not Contact.objects.exists()


def test_an_administrator_records_an_unallocated_contact(api_client, administrator):
    response = _post(api_client(administrator), "/api/v1/contacts", CONTACT)
    assert response.status_code == 201
    assert response.json()["team_id"] is None


# --- POST /contacts/{id}/conversations -------------------------------------------------------------


@pytest.fixture
def contact(social_worker, team):
    return contact_create(actor=social_worker, data=_data(team=team))


def test_a_worker_records_conversation_one(api_client, social_worker, contact):
    response = _post(
        api_client(social_worker),
        f"/api/v1/contacts/{contact.pk}/conversations",
        {"kind": "listen_and_connect", "what_matters": "Her garden.", "connected_to": "The Tuesday lunch club"},
    )
    assert response.status_code == 201
    body = response.json()
    conversation = Conversation.objects.get()
    assert body["id"] == conversation.pk
    assert body["held_on"] == timezone.localdate().isoformat()
    assert body["connected_to"] == "The Tuesday lunch club"
    event = AuditEvent.objects.get(action=events.CONVERSATION_RECORDED)
    assert event.actor == social_worker
    assert event.new == {"contact": contact.pk, "kind": "listen_and_connect"}
    # The contact with its conversations, as anyone reading it through the API sees it.
    detail = api_client(social_worker).get(f"/api/v1/contacts/{contact.pk}").json()
    assert [c["what_matters"] for c in detail["conversations"]] == ["Her garden."]


def test_a_crisis_conversation_needs_its_plan_and_a_date_to_come_back(api_client, social_worker, contact):
    client = api_client(social_worker)
    path = f"/api/v1/contacts/{contact.pk}/conversations"
    response = _post(client, path, {"kind": "crisis", "what_matters": "Staying at home."})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "safe_now": ["Enter what is needed to keep the person safe now"],
        "short_term_plan": ["Enter the short-term plan"],
        "revisit_on": ["Enter the date to come back to the plan"],
    }
    today = timezone.localdate()
    response = _post(
        client,
        path,
        {
            "kind": "crisis",
            "held_on": today.isoformat(),
            "safe_now": "Daily visits",
            "short_term_plan": "Key safe fitted; meals delivered",
            "revisit_on": (today - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.json()["errors"] == {
        "revisit_on": ["The date to come back to the plan must be on or after the conversation"]
    }
    assert not Conversation.objects.exists()
    response = _post(
        client,
        path,
        {
            "kind": "crisis",
            "safe_now": "Daily visits",
            "short_term_plan": "Key safe fitted; meals delivered",
            "revisit_on": (today + dt.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 201
    assert response.json()["revisit_on"] == (today + dt.timedelta(days=7)).isoformat()


def test_bad_conversation_details(api_client, social_worker, contact):
    client = api_client(social_worker)
    path = f"/api/v1/contacts/{contact.pk}/conversations"
    response = _post(client, path, {"kind": "chat"})
    assert response.status_code == 422
    assert response.json()["errors"]["kind"][0].startswith("Kind must be one of 'listen_and_connect', 'crisis'")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = _post(client, path, {"kind": "good_life", "held_on": tomorrow.isoformat(), "what_matters": "Work"})
    assert response.json()["errors"] == {"held_on": ["The date of the conversation must be today or in the past"]}
    assert not Conversation.objects.exists()


def test_conversations_on_unknown_other_teams_and_closed_contacts(
    api_client, social_worker, team_manager, other_team, contact
):
    client = api_client(social_worker)
    body = {"kind": "good_life", "what_matters": "Work"}
    response = _post(client, "/api/v1/contacts/999999/conversations", body)
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no contact with that ID"}

    team_manager.team = other_team
    team_manager.save()
    theirs = contact_create(actor=team_manager, data=_data(team=other_team))
    response = _post(client, f"/api/v1/contacts/{theirs.pk}/conversations", body)
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action=account_events.ACCESS_REFUSED, subject_id=str(theirs.pk)).exists()

    assert _post(client, f"/api/v1/contacts/{contact.pk}/close", {"outcome": "nfa_declined"}).status_code == 200
    response = _post(client, f"/api/v1/contacts/{contact.pk}/conversations", body)
    assert response.status_code == 422
    assert response.json()["errors"]["record"][0].startswith(
        "This contact is now 'Closed', so you cannot record a conversation on it."
    )
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("role", ["commissioner", "citizen", "provider"])
def test_other_roles_cannot_record_conversations(request, api_client, role, contact):
    body = {"kind": "good_life", "what_matters": "Work"}
    response = _post(api_client(request.getfixturevalue(role)), f"/api/v1/contacts/{contact.pk}/conversations", body)
    assert response.status_code == 403
    assert not Conversation.objects.exists()


# --- POST /contacts/{id}/close -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "sequel"),
    [
        ("nfa_information", "Universal Services / Signposted to other services"),
        ("reablement", "Short Term Support to Maximise Independence"),
        ("nfa_nhs", "100% NHS Funded Care"),
        ("assessment", None),
    ],
)
def test_closing_gives_the_sts001_sequel(api_client, social_worker, contact, outcome, sequel):
    response = _post(api_client(social_worker), f"/api/v1/contacts/{contact.pk}/close", {"outcome": outcome})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "closed"
    assert body["outcome"] == outcome
    assert body["sts001_sequel"] == sequel
    assert body["closed_at"] is not None
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED
    event = AuditEvent.objects.get(action=events.CONTACT_CLOSED)
    assert event.new == {"outcome": outcome, "sts001_sequel": sequel}


def test_closing_twice_or_without_a_known_outcome(api_client, social_worker, contact):
    client = api_client(social_worker)
    path = f"/api/v1/contacts/{contact.pk}/close"
    response = _post(client, path, {"outcome": "done"})
    assert response.status_code == 422
    assert response.json()["errors"]["outcome"][0].startswith("Outcome must be one of 'reablement'")
    response = _post(client, path, {})
    assert response.json()["errors"] == {"outcome": ["Enter an outcome"]}
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPEN
    assert _post(client, path, {"outcome": "nfa_information"}).status_code == 200
    response = _post(client, path, {"outcome": "nfa_declined"})
    assert response.status_code == 422
    assert response.json()["errors"]["record"][0].startswith("This contact is now 'Closed', so you cannot close it.")
    contact.refresh_from_db()
    assert contact.outcome == "nfa_information"
    assert AuditEvent.objects.filter(action=events.CONTACT_CLOSED).count() == 1


@pytest.mark.parametrize("role", ["commissioner", "citizen", "broker"])
def test_other_roles_cannot_close_contacts(request, api_client, role, contact):
    response = _post(api_client(request.getfixturevalue(role)), f"/api/v1/contacts/{contact.pk}/close",
                     {"outcome": "nfa_information"})  # fmt: skip
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPEN
