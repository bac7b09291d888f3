"""The finance team's list of people waiting for a financial assessment since their plan was approved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from ownway.charging.models import CostOfCare
from ownway.charging.services import cost_of_care_set
from ownway.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _waiting(worker, team, name, days_ago, charges_from, weekly="120.00"):
    person = PersonFactory(first_name=name, last_name="Waiting", team=team)
    cost = cost_of_care_set(
        actor=worker, person=person, weekly=Decimal(weekly), charges_from=charges_from,
        source="support plan version 1, approved", explanation="",
    )  # fmt: skip
    CostOfCare.objects.filter(pk=cost.pk).update(set_at=timezone.now() - dt.timedelta(days=days_ago))
    return person


def test_the_list_shows_who_is_waiting_oldest_first_with_days_waiting_and_when_charging_starts(
    finance_officer, social_worker, team
):
    _waiting(social_worker, team, "Bea", 3, dt.date(2026, 11, 1))
    _waiting(social_worker, team, "Abe", 10, dt.date(2026, 12, 1))
    client = _client(finance_officer)
    page = client.get("/money/waiting/").content.decode()
    assert page.index("Abe Waiting") < page.index("Bea Waiting")  # oldest first
    assert "10 days" in page
    assert "1 December 2026" in page  # the day charging starts
    assert "£120.00" in page
    by_start = client.get("/money/waiting/?sort=charges_from").content.decode()
    assert by_start.index("Bea Waiting") < by_start.index("Abe Waiting")
    assert client.get("/money/waiting/?sort=nonsense").status_code == 200  # an unknown sort is the default
    home = client.get("/").content.decode()
    assert 'href="/money/waiting/"' in home
    assert "2 people waiting for a financial assessment" in home


def test_the_list_is_paged(finance_officer, social_worker, team):
    for n in range(27):
        _waiting(social_worker, team, f"P{n:02d}", 30 - n, dt.date(2026, 11, 1))
    client = _client(finance_officer)
    first = client.get("/money/waiting/").content.decode()
    assert "P00 Waiting" in first
    assert "P26 Waiting" not in first
    second = client.get("/money/waiting/?page=2").content.decode()
    assert "P26 Waiting" in second
    assert client.get("/money/waiting/?page=99").status_code == 200


def test_nothing_to_charge_for_is_not_on_the_list(finance_officer, social_worker, team):
    _waiting(social_worker, team, "Free", 2, dt.date(2026, 11, 1), weekly="0.00")
    assert "Free Waiting" not in _client(finance_officer).get("/money/waiting/").content.decode()


def test_only_the_finance_team_sees_the_list(social_worker_client, citizen_client):
    assert social_worker_client.get("/money/waiting/").status_code == 403
    assert citizen_client.get("/money/waiting/").status_code == 403


def test_the_assessment_takes_the_cost_of_care_from_the_plan_and_does_not_ask_for_it(
    finance_officer, social_worker, team
):
    from ownway.charging.models import FinancialAssessment
    from ownway.charging.selectors import rule_set_for
    from ownway.charging.services import charging_rule_set_save

    person = _waiting(social_worker, team, "Cara", 1, dt.date(2026, 11, 1), weekly="310.21")
    person.date_of_birth = dt.date(1986, 1, 15)
    person.save()
    record = rule_set_for(on=timezone.localdate())  # confirmed, so the letter goes and she leaves the list
    charging_rule_set_save(
        actor=finance_officer, year=record.year, starts_on=record.starts_on,
        figures={"mig_single_25_to_pension_age": record.figures["mig_single_25_to_pension_age"]},
    )  # fmt: skip
    client = _client(finance_officer)
    page = client.get(f"/money/person/{person.pk}/").content.decode()
    assert "The weekly cost of care is £310.21, from the personal budget of support plan version 1" in page
    assert "Charging starts on 1 November 2026" in page
    assert 'name="weekly_cost_of_care"' not in page
    response = client.post(
        f"/money/person/{person.pk}/", {"service": "care_and_support", "income_universal_credit": "230.25"}
    )
    assert response.status_code == 302, response.content.decode()
    assert FinancialAssessment.objects.get(person=person).weekly_cost_of_care == Decimal("310.21")
    assert "Cara Waiting" not in client.get("/money/waiting/").content.decode()


def test_the_waiting_list_writes_each_person_shown(finance_officer, social_worker, team_manager, person):
    from ownway.accounts.tests.trail import people_shown
    from ownway.charging import events

    cost_of_care_set(
        actor=finance_officer, person=person, weekly=Decimal("120.00"), charges_from=dt.date(2026, 5, 4), source="test"
    )
    client = Client()
    client.force_login(finance_officer)
    client.get("/money/waiting/")
    assert people_shown(events.WAITING_LISTED, finance_officer) == [person.pk]
