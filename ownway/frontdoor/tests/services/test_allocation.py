"""Giving a contact to a worker: only to someone in its team who holds a caseload; audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.frontdoor import events
from ownway.frontdoor.models import ContactSource, EventOutcome
from ownway.frontdoor.services import ContactData, contact_allocate, contact_close, contact_create


def _contact(actor, team=None):
    return contact_create(
        actor=actor,
        data=ContactData(
            first_name="Mary", last_name="Seacole", reason="Two falls", source=ContactSource.GP,
            date_of_birth=dt.date(1940, 3, 2), team=team,
        ),
    )  # fmt: skip


def test_a_manager_gives_a_team_contact_to_a_worker(team_manager, social_worker, team):
    contact = _contact(team_manager, team)
    allocated = contact_allocate(actor=team_manager, contact=contact, worker=social_worker)
    assert allocated.worker == social_worker
    event = AuditEvent.objects.get(action=events.CONTACT_ALLOCATED)
    assert event.old == {"worker": None, "team": team.pk}
    assert event.new == {"worker": social_worker.pk, "team": team.pk}


def test_an_unallocated_contact_joins_the_workers_team(social_worker, team):
    contact = _contact(social_worker)
    assert contact.team is None
    allocated = contact_allocate(actor=social_worker, contact=contact, worker=social_worker)
    assert allocated.team == team


def test_only_to_a_worker_in_the_contacts_team(team_manager, team, other_team):
    contact = _contact(team_manager, team)
    outsider = UserFactory(username="outsider", role=Role.SOCIAL_WORKER, team=other_team)
    with pytest.raises(ValidationError, match="in the team the contact is with"):
        contact_allocate(actor=team_manager, contact=contact, worker=outsider)
    broker = UserFactory(username="b2", role=Role.BROKER, team=team)
    with pytest.raises(ValidationError, match="holds a caseload"):
        contact_allocate(actor=team_manager, contact=contact, worker=broker)
    contact.refresh_from_db()
    assert contact.worker is None


def test_not_a_closed_contact_and_not_by_someone_who_cannot_see_it(team_manager, social_worker, team, broker):
    contact = _contact(team_manager, team)
    with pytest.raises(PermissionDenied):
        contact_allocate(actor=broker, contact=contact, worker=social_worker)
    contact_close(actor=team_manager, contact=contact, outcome=EventOutcome.NFA_INFORMATION)
    with pytest.raises(ValidationError, match="This contact is now 'Closed', so you cannot give it to a worker"):
        contact_allocate(actor=team_manager, contact=contact, worker=social_worker)


def test_two_people_giving_the_same_contact_away_the_second_is_refused(team_manager, social_worker, team):
    from ownway.core.versioning import StaleEdit
    from ownway.frontdoor.models import Contact

    contact = _contact(team_manager, team)
    other_worker = UserFactory(username="second", role=Role.SOCIAL_WORKER, team=team)
    opened = Contact.objects.get(pk=contact.pk).lock_version  # both open the contact at this version
    contact_allocate(actor=team_manager, contact=contact, worker=social_worker, expected_version=opened)
    with pytest.raises(StaleEdit):
        contact_allocate(actor=social_worker, contact=contact, worker=other_worker, expected_version=opened)
    with pytest.raises(StaleEdit):
        contact_close(
            actor=social_worker, contact=contact, outcome=EventOutcome.NFA_INFORMATION, expected_version=opened
        )
    contact.refresh_from_db()
    assert contact.worker == social_worker
    assert contact.status == "open"
    assert AuditEvent.objects.filter(action=events.CONTACT_ALLOCATED).count() == 1
