"""A carer's contingency plan, in plain English, for the two people it is about: the carer sees theirs on
/carers/me/, and the person they care for sees it on their own plan page (/my-plan/). Each reading is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.carers import events_offers as events
from ownway.carers.services_offers import ContingencyData, contingency_plan_write
from ownway.carers.tests.breaks_fixtures import carer_of_ada
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()
_carer = pytest.fixture(name="carer")(carer_of_ada)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _write(worker, relationship):
    data = ContingencyData(
        who_steps_in="Her brother Tom, 07700 900123; he has a key",
        daily_needs="Help to wash and dress in the morning; meals ready at 12 and 6",
        emergency_contacts="Dr Patel's surgery 0121 496 0000",
        written_on=dt.date(2026, 11, 2),
        look_again_on=dt.date(2027, 11, 2),
    )
    return contingency_plan_write(actor=worker, relationship=relationship, data=data, expected_number=0)


def test_the_carer_and_the_person_cared_for_each_see_the_plan_in_their_own_words(carer, citizen, social_worker):
    before_carer = _client(carer).get(reverse("carers:mine")).content.decode()
    assert "You do not have a plan yet for what happens if you are ill or cannot carry on caring" in before_carer
    assert "cannot look after you" not in _client(citizen).get(reverse("my_plan:plan")).content.decode()
    plan = _write(social_worker, carer.relationship).plan

    mine = _client(carer).get(reverse("carers:mine")).content.decode()
    assert "If you cannot look after Ada" in mine
    assert "if you are ill, or cannot carry on caring for Ada Lovelace" in mine
    assert "Her brother Tom, 07700 900123; he has a key" in mine
    assert "What Ada needs" in mine
    assert "None written down" in mine
    assert "Written on 2 November 2026. We will look at it again with you by 2 November 2027." in mine

    hers = _client(citizen).get(reverse("my_plan:plan")).content.decode()
    assert "You do not have an approved support plan yet" in hers  # the plan is there with or without a budget
    assert "If Mary cannot look after you" in hers
    assert "what Mary Somerville agreed with us should happen" in hers
    assert "What you need" in hers
    assert "Help to wash and dress in the morning" in hers
    easy = _client(citizen).get(reverse("my_plan:easy_read")).content.decode()
    assert "If Mary cannot look after you" in easy
    assert "It says what happens if Mary is ill, or cannot look after you." in easy
    assert "Who will help you" in easy
    assert "Her brother Tom, 07700 900123; he has a key" in easy

    readings = AuditEvent.objects.filter(action=events.CONTINGENCY_VIEWED, subject_id=str(plan.pk))
    assert set(readings.values_list("actor__username", flat=True)) == {carer.username, citizen.username}
    assert set(readings.values_list("person_id", flat=True)) == {carer.person_id}


def test_another_citizen_sees_no_one_elses_plan(carer, social_worker, team):
    _write(social_worker, carer.relationship)
    stranger = UserFactory(username="zoe", role=Role.CITIZEN, team=None, person=PersonFactory(team=team))
    assert "Her brother Tom" not in _client(stranger).get(reverse("my_plan:plan")).content.decode()
    assert "Her brother Tom" not in _client(stranger).get(reverse("my_plan:easy_read")).content.decode()
    assert "Her brother Tom" not in _client(stranger).get(reverse("carers:mine")).content.decode()
