"""The safeguarding team opens the record of an adult a concern or enquiry is about (ownway.safeguarding.access),
while it is open and for the council-set period after it closed; every opening is audited; nobody else gains."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.people.permissions import visible_to as people_visible_to
from ownway.safeguarding.access import access_until, record_access_after_closing
from ownway.safeguarding.models import Concern, ConcernStatus, Timescale, TimescaleStage
from ownway.safeguarding.services import ConcernData, concern_raise_for_person

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def concern(person, social_worker):
    return concern_raise_for_person(actor=social_worker, person=person, data=ConcernData(what_happened="Bruises"))


def _close(concern: Concern, on: dt.datetime) -> None:
    Concern.objects.filter(pk=concern.pk).update(status=ConcernStatus.CLOSED, closed_at=on)
    record_access_after_closing(concern.pk, on)


def test_the_default_period_after_closing_in_working_days():
    # 40 working days: closed Friday 4 December 2026, the record stays open to the team to the end of Wednesday
    # 3 February 2027 (Christmas Day, Monday 28 December and New Year's Day are bank holidays).
    assert access_until(dt.date(2026, 12, 4)) == dt.date(2027, 2, 3)


def test_the_council_sets_the_period():
    Timescale.objects.update_or_create(stage=TimescaleStage.RECORD_ACCESS, defaults={"working_days": 5})
    # 5 working days after Monday 7 December 2026 is Monday 14 December.
    assert access_until(dt.date(2026, 12, 7)) == dt.date(2026, 12, 14)


def test_the_team_opens_the_record_of_an_adult_with_an_open_concern(concern, person, safeguarder):
    assert person.team_id != safeguarder.team_id
    response = _client(safeguarder).get(reverse("people:person", kwargs={"pk": person.pk}))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(actor=safeguarder, action="people.person_viewed", person=person).exists()


def test_not_the_records_of_other_people(concern, other_team_person, safeguarder):
    response = _client(safeguarder).get(reverse("people:person", kwargs={"pk": other_team_person.pk}))
    assert response.status_code in (403, 404)
    refused = AuditEvent.objects.filter(actor=safeguarder, action="accounts.access_refused", person=other_team_person)
    assert refused.exists()


def test_for_the_period_after_closing_and_not_after(concern, person, safeguarder):
    _close(concern, timezone.now() - dt.timedelta(days=7))
    assert people_visible_to(safeguarder).filter(pk=person.pk).exists()
    _close(concern, timezone.now() - dt.timedelta(days=120))
    assert not people_visible_to(safeguarder).filter(pk=person.pk).exists()


def test_closing_a_concern_keeps_the_record_open_for_the_period(person, social_worker, safeguarder):
    from ownway.safeguarding.services import DecisionData, decision_record

    concern = concern_raise_for_person(actor=social_worker, person=person, data=ConcernData(what_happened="Shouting"))
    data = DecisionData(view_sought="asked", adult_view="I am fine", has_care_needs=True, has_care_needs_reasons="a",
                        at_risk=False, at_risk_reasons="b", cannot_protect=False, cannot_protect_reasons="c",
                        outcome="none", disposal="advice", advice_given="Told about the carers' centre")  # fmt: skip
    decision_record(actor=safeguarder, concern=concern, data=data)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED
    assert concern.record_access.until == access_until(timezone.localdate())
    assert people_visible_to(safeguarder).filter(pk=person.pk).exists()


def test_nobody_outside_the_team_gains(concern, person, other_team, safeguarding_team):
    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import UserFactory

    for role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.OCCUPATIONAL_THERAPIST):
        outsider = UserFactory(role=role, team=other_team)
        assert not people_visible_to(outsider).filter(pk=person.pk).exists()
    # Outside casework (a provider, a commissioner) nothing changes even when placed in the team.
    for role in (Role.COMMISSIONER, Role.PROVIDER):
        odd = UserFactory(role=role)
        assert not people_visible_to(odd).filter(pk=person.pk).exists()


def test_the_team_can_ask_for_a_review_from_the_concern(person, social_worker, team_manager, safeguarder):
    from ownway.planning import services as planning
    from ownway.planning.tests.factories import draft_plan
    from ownway.reviews.models import Review

    plan, version = draft_plan(social_worker, person)
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets Ada's outcomes")
    concern = concern_raise_for_person(actor=social_worker, person=person, data=ConcernData(what_happened="Money"))
    due = timezone.localdate() + dt.timedelta(days=14)
    response = _client(safeguarder).post(
        reverse("safeguarding:concern", kwargs={"pk": concern.pk}),
        {"action": "review", "review-note": "Money worries", "review-due_on-day": str(due.day),
         "review-due_on-month": str(due.month), "review-due_on-year": str(due.year)},
    )  # fmt: skip
    assert response.status_code == 302
    assert Review.objects.get(reason="safeguarding").plan == plan
