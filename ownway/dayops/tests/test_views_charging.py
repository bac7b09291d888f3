"""The council's day-service prices page and a person's weekly charges statement, as the finance team uses them."""

import datetime as dt
from decimal import Decimal as D

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.charging.models import ChargingRuleSet, FinancialAssessment
from ownway.dayops import services
from ownway.dayops.models import DayChargeRates, Placement

TODAY = timezone.localdate()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 7)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


PRICES = {"morning": "15", "afternoon": "15", "full_day": "30.00", "evening": "12.50", "transport_each_way": "2.50",
          "meal": "4.20"}  # fmt: skip


def test_finance_sets_the_prices_and_reads_a_weeks_charges(worker, person, centre):
    finance = UserFactory(role=Role.FINANCE_OFFICER, team=None)
    client = _client(finance)
    url = reverse("dayops:charge_rates")
    assert "No prices are set yet" in client.get(url).content.decode()
    response = client.post(url, PRICES | {"meal": "lots", "decided": ""} | _date("effective_from", MONDAY))
    page = response.content.decode()
    assert "Say where the council decided these prices" in page
    assert not DayChargeRates.objects.exists()
    response = client.post(url, PRICES | {"decided": "Cabinet, 12 March 2026", "chargeable_absences": ["unexplained"]}
                           | _date("effective_from", MONDAY - dt.timedelta(days=60)))  # fmt: skip
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "£30.00" in page
    assert "No reason given" in page
    placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO", "TU"],
                                        session="full_day", starts_on=MONDAY - dt.timedelta(days=7))  # fmt: skip
    Placement.objects.filter(pk=placement.pk).update(funding="council_arranged")
    services.register_mark(actor=worker, service=centre, date=MONDAY, session="full_day",
                           marks={placement.pk: "attended"})  # fmt: skip
    services.register_mark(actor=worker, service=centre, date=MONDAY + dt.timedelta(days=1), session="full_day",
                           marks={placement.pk: "unexplained"})  # fmt: skip
    FinancialAssessment.objects.create(
        person=person, rule_set=ChargingRuleSet.objects.order_by("-starts_on").first(),
        charges_from=MONDAY - dt.timedelta(days=30), circumstances={}, weekly_cost_of_care=D("300.00"),
        weekly_contribution=D("45.00"), steps=[], assessed_at=timezone.now(),
    )  # fmt: skip
    statement = reverse("dayops:charges", kwargs={"person_pk": person.pk})
    page = client.get(f"{statement}?week={MONDAY + dt.timedelta(days=2)}").content.decode()
    assert "Day-service charges for the week of" in page
    assert "£60.00" in page  # the cost: £30.00 came + £30.00 absent with no reason
    assert "£45.00" in page  # what they pay: their assessed contribution
    assert "the most their financial assessment allows" in page
    assert "Absent, and the council charges for this reason" in page
    # Nonsense in the address gives this week's statement.
    assert client.get(f"{statement}?week=x").status_code == 200


def test_a_worker_reads_charges_but_cannot_set_prices(worker, person):
    client = _client(worker)
    assert client.get(reverse("dayops:charges", kwargs={"person_pk": person.pk})).status_code == 200
    assert client.get(reverse("dayops:charge_rates")).status_code == 403
