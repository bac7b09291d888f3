"""Day-service charges worked by hand: the session and its extras from the register, at the council's prices, never
more than the assessed weekly contribution left after what a direct payment takes."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.charging.models import ChargingRuleSet, FinancialAssessment
from ownway.core.versioning import StaleEdit
from ownway.dayops import services, services_charging
from ownway.dayops.models import DayChargeRates, Placement
from ownway.dayops.rules_charging import Mark, Prices, week_charge
from ownway.dayops.selectors_charging import weekly_charges, weekly_charges_for_user
from ownway.payments.models import AgreementRate
from ownway.payments.tests.factories import agreement_for

MONDAY = dt.date(2026, 6, 1)
WEDNESDAY, FRIDAY = MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=4)
PRICES = {"morning": D("15.00"), "afternoon": D("15.00"), "full_day": D("30.00"), "evening": D("12.50"),
          "transport_each_way": D("2.50"), "meal": D("4.20")}  # fmt: skip


@pytest.fixture
def finance(db):
    return UserFactory(username="finance", role=Role.FINANCE_OFFICER, team=None)


@pytest.fixture
def prices(finance):
    return services_charging.day_charge_rates_save(
        actor=finance,
        effective_from=dt.date(2026, 4, 6),
        prices=PRICES,
        chargeable_absences=["unexplained", "chose_not_to"],
        decided="Cabinet, 12 March 2026, day services charging policy",
    )


def _funded(placement, funding="council_arranged"):
    Placement.objects.filter(pk=placement.pk).update(funding=funding)
    placement.refresh_from_db()
    return placement


@pytest.fixture
def placement(worker, person, centre):
    placed = services.placement_make(actor=worker, person=person, service=centre, days=["MO", "WE", "FR"],
                                     session="full_day", starts_on=dt.date(2026, 5, 4))  # fmt: skip
    services_charging.placement_extras_set(actor=worker, placement=placed, transport_there=True, transport_home=True,
                                           meal=True)  # fmt: skip
    return _funded(placed)


def _assessed(person, weekly, *, charges_from=dt.date(2026, 4, 6), **extra):
    return FinancialAssessment.objects.create(
        person=person, rule_set=ChargingRuleSet.objects.get(year="2026/27"), charges_from=charges_from,
        circumstances={}, weekly_cost_of_care=D("300.00"), weekly_contribution=weekly, steps=[],
        assessed_at=timezone.now(), **extra,
    )  # fmt: skip


def _mark_week(worker, placement):
    for day, mark in ((MONDAY, "attended"), (WEDNESDAY, "ill"), (FRIDAY, "unexplained")):
        services.register_mark(actor=worker, service=placement.service, date=day, session="full_day",
                               marks={placement.pk: mark})  # fmt: skip


# Monday, came: £30.00 full day + 2 x £2.50 transport + £4.20 meal = £39.20
# Wednesday, ill (not a chargeable absence): £0
# Friday, absent with no reason (chargeable): £30.00, no transport or meal (not provided)
# Cost of the week: £69.20


def test_the_cost_of_the_week_from_the_register(worker, person, prices, placement):
    _mark_week(worker, placement)
    _assessed(person, D("100.00"))
    week = weekly_charges(person, MONDAY).charge
    assert [(line.mark.date, line.session_cost, line.extras_cost) for line in week.lines] == [
        (MONDAY, D("30.00"), D("9.20")),
        (WEDNESDAY, D("0"), D("0")),
        (FRIDAY, D("30.00"), D("0")),
    ]
    assert [line.cost for line in week.lines] == [D("39.20"), D("0"), D("30.00")]
    assert week.cost == D("69.20")
    assert week.charge == D("69.20")  # under the £100 contribution: they pay the cost
    assert not week.capped


def test_the_charge_never_exceeds_the_assessed_contribution(worker, person, prices, placement):
    _mark_week(worker, placement)
    _assessed(person, D("50.00"))
    week = weekly_charges(person, MONDAY).charge
    assert (week.cost, week.contribution, week.charge, week.capped) == (D("69.20"), D("50.00"), D("50.00"), True)


def test_what_a_direct_payment_takes_comes_off_the_contribution(worker, manager, person, prices, placement):
    _mark_week(worker, placement)
    agreement = agreement_for(worker, manager, person)
    FinancialAssessment.objects.filter(person=person).update(status="closed")  # the plan's own, worked out again
    _assessed(person, D("50.00"))
    AgreementRate.objects.create(agreement=agreement, effective_from=dt.date(2026, 5, 25), weekly_budget=D("120.00"),
                                 weekly_contribution=D("30.00"), reason="Contribution from the assessment")  # fmt: skip
    week = weekly_charges(person, WEDNESDAY).charge  # any day names its week
    # £50.00 assessed - £30.00 through the direct payment = £20.00 left: min(£69.20, £20.00)
    assert (week.paid_through_direct_payment, week.remaining, week.charge) == (D("30.00"), D("20.00"), D("20.00"))


def test_nothing_is_charged_without_a_financial_assessment_or_when_it_is_free(worker, person, prices, placement):
    _mark_week(worker, placement)
    week = weekly_charges(person, MONDAY).charge
    assert (week.cost, week.charge) == (D("69.20"), D("0.00"))
    assert "No financial assessment" in week.notes[0]
    _assessed(person, D("0.00"), free=True)
    week = weekly_charges(person, MONDAY).charge
    assert week.charge == D("0.00")
    assert "pay nothing" in week.notes[0]


def test_an_assessment_held_back_for_a_figure_not_confirmed_charges_nothing(worker, person, prices, placement):
    _mark_week(worker, placement)
    _assessed(person, D("50.00"), warnings=["uses a figure not confirmed"])
    week = weekly_charges(person, MONDAY).charge
    assert week.charge == D("0.00")
    assert "not confirmed" in week.notes[0]


def test_the_assessment_in_force_that_week_is_used(worker, person, prices, placement):
    _mark_week(worker, placement)
    older = _assessed(person, D("10.00"), charges_from=dt.date(2026, 4, 6), status="superseded")
    _assessed(person, D("60.00"), charges_from=dt.date(2026, 6, 8))  # from the week after
    charges = weekly_charges(person, MONDAY)
    assert (charges.assessment, charges.charge.charge) == (older, D("10.00"))


def test_prices_that_change_mid_week_price_each_day_by_its_own(worker, finance, person, prices, placement):
    _mark_week(worker, placement)
    _assessed(person, D("200.00"))
    services_charging.day_charge_rates_save(
        actor=finance,
        effective_from=WEDNESDAY,
        prices=PRICES | {"full_day": D("32.00")},
        chargeable_absences=["unexplained"],
        decided="Cabinet, 20 May 2026",
    )
    week = weekly_charges(person, MONDAY).charge
    # Monday at the old prices (£39.20); Friday's absence at the new full day (£32.00).
    assert [line.cost for line in week.lines] == [D("39.20"), D("0"), D("32.00")]
    assert week.charge == D("71.20")


def test_unmarked_days_and_other_funding_are_not_charged(worker, manager, person, prices, placement):
    _assessed(person, D("200.00"))
    services.register_mark(actor=worker, service=placement.service, date=MONDAY, session="full_day",
                           marks={placement.pk: "attended"})  # fmt: skip
    week = weekly_charges(person, MONDAY).charge
    assert [line.why for line in week.lines][1:] == ["Not marked on the register yet: not charged"] * 2
    assert week.charge == D("39.20")
    _funded(placement, "direct_payment")
    week = weekly_charges(person, MONDAY).charge
    assert (week.cost, week.lines[0].why) == (D("0.00"), "Paid from their direct payment")
    _funded(placement, "self_funded")
    assert weekly_charges(person, MONDAY).charge.lines[0].why == "They pay the service"


def test_with_no_prices_set_nothing_is_charged(worker, person, placement):
    _assessed(person, D("200.00"))
    _mark_week(worker, placement)
    week = weekly_charges(person, MONDAY).charge
    assert week.charge == D("0.00")
    assert week.lines[0].why.startswith("No council prices are set")


def test_the_pure_rule_rounds_only_the_total():
    prices = Prices({"morning": D("10.005"), "afternoon": D(0), "full_day": D(0), "evening": D(0)}, D("0.333"), D(0),
                    frozenset())  # fmt: skip
    marks = [
        Mark(MONDAY + dt.timedelta(days=n), "Centre", "morning", "council_arranged", "attended", 2) for n in range(3)
    ]
    week = week_charge(marks, dict.fromkeys((m.date for m in marks), prices), contribution=D("100"))
    # 3 x (10.005 + 2 x 0.333) = 3 x 10.671 = 32.013 -> £32.01
    assert week.charge == D("32.01")


def test_the_prices_are_set_by_finance_with_a_source_and_bounds(finance, worker, prices):
    with pytest.raises(PermissionDenied):
        services_charging.day_charge_rates_save(actor=worker, effective_from=MONDAY, prices=PRICES,
                                                chargeable_absences=[], decided="x")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services_charging.day_charge_rates_save(actor=finance, effective_from=MONDAY,
                                                prices=PRICES | {"meal": D("-1"), "evening": D("5000")},
                                                chargeable_absences=["asleep"], decided=" ")  # fmt: skip
    assert set(refused.value.message_dict) == {"meal", "evening", "chargeable_absences", "decided"}
    assert DayChargeRates.objects.count() == 1
    # A correction of a set is refused if someone else changed it since it was opened.
    services_charging.day_charge_rates_save(actor=finance, effective_from=prices.effective_from,
                                            prices=PRICES | {"meal": D("4.50")}, chargeable_absences=[],
                                            decided="Corrected", expected_version=prices.lock_version)  # fmt: skip
    with pytest.raises(StaleEdit):
        services_charging.day_charge_rates_save(actor=finance, effective_from=prices.effective_from, prices=PRICES,
                                                chargeable_absences=[], decided="Stale",
                                                expected_version=prices.lock_version)  # fmt: skip
    prices.refresh_from_db()
    assert (prices.meal, prices.chargeable_absences, prices.decided) == (D("4.50"), "", "Corrected")
    assert AuditEvent.objects.filter(action="dayops.charge_rates_set").count() == 2


def test_who_may_read_a_persons_charges(finance, worker, person, prices, placement):
    assert weekly_charges_for_user(user=finance, person=person, week_start=MONDAY).week_start == MONDAY
    assert AuditEvent.objects.filter(action="dayops.weekly_charges_viewed", person=person).count() == 1
    for role in (Role.BROKER, Role.PROVIDER, Role.COMMISSIONER):
        with pytest.raises(PermissionDenied):
            weekly_charges_for_user(user=UserFactory(role=role, team=None), person=person, week_start=MONDAY)


def test_the_person_sees_what_they_pay_for_last_week_in_plain_english(worker, person, prices, placement):
    from django.test import Client
    from django.urls import reverse

    from ownway.core.dates import format_date

    citizen = UserFactory(username="ada", role=Role.CITIZEN, person=person, team=None)
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    for day, mark in ((monday, "attended"), (monday + dt.timedelta(days=2), "ill"),
                      (monday + dt.timedelta(days=4), "unexplained")):  # fmt: skip
        services.register_mark(actor=worker, service=placement.service, date=day, session="full_day",
                               marks={placement.pk: mark})  # fmt: skip
    _assessed(person, D("50.00"))
    client = Client()
    client.force_login(citizen)
    page = client.get(reverse("dayops:my_days")).content.decode()
    assert f"What you pay for last week, from {format_date(monday)}" in page
    assert "You pay <strong>£50.00</strong> for your day services that week." in page
    assert (
        "Your sessions cost £69.20, but you never pay more than your financial assessment says you can afford" in page
    )
