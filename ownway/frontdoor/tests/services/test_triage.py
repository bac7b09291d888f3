"""Triage of a referral: say whose record it is, or make one from the referral's details."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.frontdoor import events
from ownway.frontdoor.models import ContactSource, EventOutcome
from ownway.frontdoor.services import (
    ContactData,
    contact_close,
    contact_create_from_referral,
    contact_create_person,
    contact_link_person,
)
from ownway.people.models import Person


def _referral(**overrides):
    values = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "reason": "I keep falling",
        "source": ContactSource.SELF,
        "date_of_birth": dt.date(1945, 12, 10),
        "postcode": "B18 7AB",
        "phone": "07700 900982",
    }
    values.update(overrides)
    return contact_create_from_referral(data=ContactData(**values))


def test_a_worker_links_a_referral_to_the_persons_record(social_worker, person):
    contact = _referral()
    linked = contact_link_person(actor=social_worker, contact=contact, person=person)
    assert linked.person == person
    event = AuditEvent.objects.get(action=events.CONTACT_PERSON_LINKED)
    assert event.person == person
    assert event.new["reference"] == person.reference


def test_not_to_a_record_the_worker_cannot_open(social_worker, other_team_person):
    contact = _referral()
    with pytest.raises(ValidationError, match="cannot open that person's record"):
        contact_link_person(actor=social_worker, contact=contact, person=other_team_person)
    contact.refresh_from_db()
    assert contact.person is None


def test_not_by_someone_who_cannot_work_on_contacts(broker, person):
    with pytest.raises(PermissionDenied):
        contact_link_person(actor=broker, contact=_referral(), person=person)


def test_not_a_closed_contact(social_worker, person):
    contact = _referral()
    contact_close(actor=social_worker, contact=contact, outcome=EventOutcome.NFA_INFORMATION)
    with pytest.raises(ValidationError, match="This contact is now 'Closed', so you cannot link it to a person"):
        contact_link_person(actor=social_worker, contact=contact, person=person)


def test_a_new_record_is_made_from_the_referral(social_worker, team):
    contact = _referral()
    person = contact_create_person(actor=social_worker, contact=contact)
    assert (person.first_name, person.last_name, person.date_of_birth) == ("Ada", "Lovelace", dt.date(1945, 12, 10))
    assert person.postcode == "B18 7AB"
    assert person.team == team  # the worker's team, as the referral had none
    contact.refresh_from_db()
    assert contact.person == person
    with pytest.raises(ValidationError, match="already linked"):
        contact_create_person(actor=social_worker, contact=contact)


def test_a_record_needs_a_date_of_birth_and_nothing_is_half_made(social_worker):
    contact = _referral(date_of_birth=None)
    with pytest.raises(ValidationError, match="no date of birth"):
        contact_create_person(actor=social_worker, contact=contact)
    assert not Person.objects.exists()
