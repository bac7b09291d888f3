import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.frontdoor import events
from ownway.frontdoor.models import Contact, ContactChannel, ContactSource, ContactStatus, RouteOfAccess
from ownway.frontdoor.services import (
    REFERRAL_LIMIT,
    ContactData,
    contact_create,
    contact_create_from_referral,
    referral_allowed,
    referral_attempt_record,
    referral_client_hash,
)


def _data(**overrides):
    values = {
        "first_name": "Mary",
        "last_name": "Seacole",
        "reason": "Mum has had two falls this week and cannot get upstairs.",
        "source": ContactSource.FAMILY_OR_FRIEND,
        "date_of_birth": dt.date(1940, 3, 2),
        "postcode": "b18 7ab",
        "route_of_access": RouteOfAccess.COMMUNITY,
    }
    values.update(overrides)
    return ContactData(**values)


def test_staff_record_a_contact_with_a_reference_and_an_audit_event(social_worker, team):
    contact = contact_create(actor=social_worker, data=_data(team=team))
    assert contact.reference == f"C{contact.pk:07d}"
    assert contact.status == ContactStatus.OPEN
    assert contact.channel == ContactChannel.STAFF
    assert contact.postcode == "B18 7AB"
    assert contact.recorded_by == social_worker
    event = AuditEvent.objects.get(action=events.CONTACT_CREATED)
    assert event.actor == social_worker
    assert event.subject_id == str(contact.pk)
    assert event.new["reference"] == contact.reference


def test_a_contact_may_be_about_someone_with_a_record(social_worker, person):
    contact = contact_create(actor=social_worker, data=_data(person=person))
    assert contact.person == person
    assert AuditEvent.objects.get(action=events.CONTACT_CREATED).person_id == person.pk


def test_a_record_the_worker_cannot_open_is_refused(social_worker, other_team_person):
    with pytest.raises(ValidationError) as error:
        contact_create(actor=social_worker, data=_data(person=other_team_person))
    assert "person" in error.value.message_dict
    assert not Contact.objects.exists()


def test_problems_are_reported_by_field_and_nothing_is_saved(social_worker):
    with pytest.raises(ValidationError) as error:
        contact_create(
            actor=social_worker,
            data=_data(
                first_name=" ", reason="", postcode="nowhere", source="aliens", date_of_birth=dt.date(2999, 1, 1)
            ),
        )
    assert set(error.value.message_dict) == {"first_name", "reason", "postcode", "source", "date_of_birth"}
    assert not Contact.objects.exists()
    assert not AuditEvent.objects.filter(action=events.CONTACT_CREATED).exists()


@pytest.mark.parametrize("role_fixture", ["commissioner", "citizen", "provider", "broker", "finance_officer"])
def test_roles_outside_casework_cannot_record_contacts(request, role_fixture):
    with pytest.raises(PermissionDenied):
        contact_create(actor=request.getfixturevalue(role_fixture), data=_data())
    assert not Contact.objects.exists()


def test_a_public_referral_is_unallocated_and_audited_without_an_actor(db):
    contact = contact_create_from_referral(data=_data(source=ContactSource.SELF))
    assert contact.channel == ContactChannel.ONLINE
    assert contact.team is None
    assert contact.recorded_by is None
    assert contact.reference.startswith("C")
    event = AuditEvent.objects.get(action=events.CONTACT_SELF_REFERRAL)
    assert event.actor is None
    assert event.actor_label == "System"


def test_the_rate_limit_allows_a_few_an_hour_per_address(db):
    one, other = referral_client_hash("203.0.113.7"), referral_client_hash("203.0.113.8")
    assert one != other
    assert "203.0.113.7" not in one
    for _ in range(REFERRAL_LIMIT):
        assert referral_allowed(client_hash=one)
        referral_attempt_record(client_hash=one)
    assert not referral_allowed(client_hash=one)
    assert referral_allowed(client_hash=other)
