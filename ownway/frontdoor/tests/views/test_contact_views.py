import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ownway.accounts import events as account_events
from ownway.accounts.models import AuditEvent
from ownway.frontdoor import events
from ownway.frontdoor.models import Contact, ContactChannel, ContactSource
from ownway.frontdoor.services import ContactData, contact_create_from_referral


def _contact(team=None, first_name="Mary"):
    contact = contact_create_from_referral(
        data=ContactData(first_name=first_name, last_name="Seacole", reason="Needs help", source=ContactSource.SELF)
    )
    if team is not None:
        Contact.objects.filter(pk=contact.pk).update(team=team)
        contact.refresh_from_db()
    return contact


def _valid_form(**overrides):
    data = {
        "source": "gp",
        "referrer_name": "Dr Patel",
        "route_of_access": "community",
        "first_name": "Mary",
        "last_name": "Seacole",
        "date_of_birth-day": "2",
        "date_of_birth-month": "3",
        "date_of_birth-year": "1940",
        "postcode": "B18 7AB",
        "reason": "Two falls this week.",
    }
    data.update(overrides)
    return data


def test_staff_record_a_contact_through_the_form(social_worker_client, social_worker, team):
    response = social_worker_client.post("/front-door/contacts/new/", _valid_form())
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/front-door/contacts/{contact.pk}/"
    assert contact.team == team
    assert contact.source == "gp"
    assert contact.channel == ContactChannel.STAFF
    page = social_worker_client.get(response["Location"]).content.decode()
    assert contact.reference in page
    assert "Two falls this week." in page
    assert AuditEvent.objects.filter(action=events.CONTACT_VIEWED, actor=social_worker).exists()


def test_the_staff_form_shows_errors_field_by_field(social_worker_client):
    response = social_worker_client.post("/front-door/contacts/new/", _valid_form(first_name="", reason="", source=""))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    for message in ("Enter a first name", "Enter what is happening", "Choose who made the contact"):
        assert message in body
    assert not Contact.objects.exists()


def test_the_worklist_shows_open_contacts_for_the_team_and_unallocated(social_worker_client, team, other_team):
    mine, unallocated, theirs = _contact(team, "Mine"), _contact(None, "Unallocated"), _contact(other_team, "Theirs")
    body = social_worker_client.get("/front-door/").content.decode()
    assert mine.reference in body
    assert unallocated.reference in body
    assert theirs.reference not in body
    assert "Mine Seacole" in body


def test_another_teams_contact_is_refused_and_audited(social_worker_client, social_worker, other_team):
    contact = _contact(other_team)
    assert social_worker_client.get(f"/front-door/contacts/{contact.pk}/").status_code == 403
    assert AuditEvent.objects.filter(action=account_events.ACCESS_REFUSED, actor=social_worker).exists()


def test_administrators_see_every_contact(administrator_client, other_team):
    contact = _contact(other_team)
    assert administrator_client.get(f"/front-door/contacts/{contact.pk}/").status_code == 200


@pytest.mark.parametrize(
    "client_fixture", ["commissioner_client", "citizen_client", "provider_client", "broker_client"]
)
def test_roles_without_front_door_work_are_refused(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    contact = _contact()
    assert client.get("/front-door/").status_code == 403
    assert client.get("/front-door/contacts/new/").status_code == 403
    assert client.post("/front-door/contacts/new/", _valid_form()).status_code == 403
    assert client.get(f"/front-door/contacts/{contact.pk}/").status_code == 403
    assert Contact.objects.count() == 1


def test_anonymous_staff_pages_send_to_sign_in(client):
    response = client.get("/front-door/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_the_front_door_link_is_in_the_navigation_for_casework(social_worker_client, commissioner_client):
    assert 'href="/front-door/"' in social_worker_client.get("/").content.decode()
    assert 'href="/front-door/"' not in commissioner_client.get("/").content.decode()


def test_the_worklist_costs_the_same_queries_however_long_it_is(social_worker_client, team):
    _contact(team)
    with CaptureQueriesContext(connection) as few:
        social_worker_client.get("/front-door/")
    for n in range(10):
        _contact(team, f"Extra{n}")
    with CaptureQueriesContext(connection) as many:
        social_worker_client.get("/front-door/")
    assert len(many) == len(few)


def test_a_contact_can_be_linked_to_a_record_the_worker_can_open(social_worker_client, person, other_team_person):
    response = social_worker_client.post(
        "/front-door/contacts/new/", _valid_form(person_reference=other_team_person.reference)
    )
    assert "There is no record you can open with the reference" in response.content.decode()
    assert not Contact.objects.exists()
    response = social_worker_client.post(
        "/front-door/contacts/new/", _valid_form(person_reference=person.reference.lower())
    )
    contact = Contact.objects.get()
    assert contact.person == person
    assert person.reference in social_worker_client.get(response["Location"]).content.decode()


def test_triage_a_referral_from_its_page(social_worker_client, person):

    from ownway.frontdoor.models import Contact, ContactSource
    from ownway.frontdoor.services import ContactData, contact_create_from_referral

    contact = contact_create_from_referral(
        data=ContactData(
            first_name=person.first_name,
            last_name=person.last_name,
            date_of_birth=person.date_of_birth,
            reason="Falls",
            source=ContactSource.SELF,
        )
    )
    page = social_worker_client.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "Whose record is this?" in page
    assert person.reference in page
    response = social_worker_client.post(
        f"/front-door/contacts/{contact.pk}/", {"action": "link", "link-person_reference": "P9999999"}
    )
    assert "There is no record you can open with the reference P9999999" in response.content.decode()
    response = social_worker_client.post(
        f"/front-door/contacts/{contact.pk}/", {"action": "link_match", "person": person.pk}
    )
    assert response.status_code == 302
    assert Contact.objects.get(pk=contact.pk).person == person


@pytest.mark.parametrize("tampered", ["abc", "²", "9" * 5000, "-1"])
def test_a_tampered_person_id_is_not_a_server_error(social_worker_client, team, tampered):
    contact = _contact(team)
    response = social_worker_client.post(
        f"/front-door/contacts/{contact.pk}/", {"action": "link_match", "person": tampered}
    )
    assert response.status_code == 200
    assert "That record no longer exists" in response.content.decode()
    assert Contact.objects.get(pk=contact.pk).person is None


def test_two_people_giving_a_contact_to_different_workers_the_second_sees_both(team_manager, social_worker, team):
    from django.test import Client

    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import UserFactory
    from ownway.ui.tests.stale import refused_stale_save, version_on_page

    contact = _contact(team)
    other_worker = UserFactory(username="second", role=Role.SOCIAL_WORKER, team=team, first_name="Olu", last_name="Ade")
    url = f"/front-door/contacts/{contact.pk}/"
    manager, worker = Client(), Client()
    manager.force_login(team_manager)
    worker.force_login(social_worker)
    manager_version = version_on_page(manager.get(url).content.decode(), "allocate")
    worker_version = version_on_page(worker.get(url).content.decode(), "allocate")
    first = manager.post(
        url, {"action": "allocate", "allocate-worker": social_worker.pk, "allocate-lock_version": manager_version}
    )
    assert first.status_code == 302
    refused = worker.post(
        url, {"action": "allocate", "allocate-worker": other_worker.pk, "allocate-lock_version": worker_version}
    )
    _page, table = refused_stale_save(refused, "contact")
    assert "Sam Social" in table
    assert "Olu Ade" in table
    assert Contact.objects.get(pk=contact.pk).worker == social_worker


def test_open_contacts_are_found_by_name_whatever_the_accents_and_sorted(social_worker_client, team):
    zoe = contact_create_from_referral(
        data=ContactData(first_name="Zoë", last_name="Ní Bhriain-Øster", reason="Needs help", source=ContactSource.SELF)
    )
    Contact.objects.filter(pk=zoe.pk).update(team=team)
    other = _contact(team, first_name="Ada")
    for query in ("zoe", "Bhriain", "oster zo"):
        page = social_worker_client.get("/front-door/", {"q": query}).text
        assert zoe.reference in page, query
        assert other.reference not in page, query
    newest_first = social_worker_client.get("/front-door/", {"sort": "received", "order": "desc"}).text
    assert 'aria-sort="descending"' in newest_first
    assert newest_first.index(other.reference) < newest_first.index(zoe.reference)
