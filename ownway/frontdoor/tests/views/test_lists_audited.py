"""The open contacts list, on the page and in the API, writes each contact it shows to the audit trail."""

from __future__ import annotations

from ownway.accounts.tests.trail import people_shown
from ownway.frontdoor import events
from ownway.frontdoor.models import Contact
from ownway.frontdoor.tests.views.test_contact_views import _contact
from ownway.people.tests.factories import PersonFactory


def test_the_contacts_page_writes_each_contact_and_person_shown(social_worker_client, social_worker, team):
    linked = _contact(team, "Ann")
    person = PersonFactory(team=team)
    Contact.objects.filter(pk=linked.pk).update(person=person)
    unlinked = _contact(team, "Bob")
    social_worker_client.get("/front-door/")
    assert people_shown(events.CONTACTS_LISTED, social_worker) == [None, person.pk]
    from ownway.accounts.models import AuditEvent

    subjects = set(AuditEvent.objects.filter(action=events.CONTACTS_LISTED).values_list("subject_id", flat=True))
    assert subjects == {str(linked.pk), str(unlinked.pk)}


def test_the_contacts_page_audits_only_the_page_shown(social_worker_client, social_worker, team):
    from ownway.accounts.models import AuditEvent

    contacts = [_contact(team, f"Name{n}") for n in range(55)]
    social_worker_client.get("/front-door/?page=2")
    shown = set(AuditEvent.objects.filter(action=events.CONTACTS_LISTED).values_list("subject_id", flat=True))
    assert shown == {str(c.pk) for c in contacts[50:]}


def test_the_api_list_of_contacts_writes_each_one(api_client, social_worker, team):
    person = PersonFactory(team=team)
    contact = _contact(team, "Ann")
    Contact.objects.filter(pk=contact.pk).update(person=person)
    assert api_client(social_worker).get("/api/v1/contacts").status_code == 200
    assert people_shown(events.CONTACTS_LISTED, social_worker) == [person.pk]
