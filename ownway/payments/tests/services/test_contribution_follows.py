"""A contribution worked out after the plan was approved reaches the personal budget and the direct payment.

The usual order: the plan is approved with no financial assessment (the person waits on the finance team's
list), the direct payment starts and is paid, then the finance team assesses. The budget gets a new split
from the day the charge applies, the direct payment a new rate from that day, and the days already paid
without the contribution are put in the ledger as contribution to collect: nothing is paid twice. The
yearly uprating flows through the same way, part way through a payment period.
"""

import datetime as dt
from decimal import Decimal

import pytest

from ownway.accounts.models import AuditEvent
from ownway.charging.models import CostOfCare, CostOfCareStatus
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
from ownway.charging.selectors import rule_set_for
from ownway.charging.services import charging_rule_set_save, contributions_uprate, financial_assessment_record
from ownway.core.money import pounds
from ownway.payments import services
from ownway.payments.models import LedgerEntry, LedgerKind, Payment
from ownway.payments.selectors import ledger_reconciliation
from ownway.payments.tests.factories import agreement_for
from ownway.planning.models import BudgetSplit
from ownway.ui.jinja2 import govuk_date

pytestmark = pytest.mark.django_db
D = Decimal
PLAN_STARTS = dt.date(2026, 4, 20)
#: Working age: £300 a week counted, less the 2026/27 Minimum Income Guarantee for a single person aged 25 to
#: pension age (£112.50), leaves £187.50 the person could pay: below the plan's chargeable £310.21.
WORKING_AGE = Circumstances(age=40, weekly_cost_of_care=D("120.00"), incomes=(Income(IncomeKind.OTHER, D("300")),))
CAN_PAY = D("187.50")
PLAN_COST = D("310.21")  # 20 PA hours £301.71 and the choir £8.50, both paid by direct payment


@pytest.fixture
def person(person):
    person.date_of_birth = dt.date(1986, 1, 15)  # 40 when the plan starts: the working-age figures apply
    person.email, person.letters_by = "ada@example.com", "email"
    person.save()
    return person


@pytest.fixture
def confirmed(finance_officer):
    """The one figure the assessment uses, confirmed by the council (a letter never goes with one unconfirmed)."""
    record = rule_set_for(on=PLAN_STARTS)
    charging_rule_set_save(
        actor=finance_officer, year=record.year, starts_on=record.starts_on,
        figures={"mig_single_25_to_pension_age": record.figures["mig_single_25_to_pension_age"]},
    )  # fmt: skip
    return record


@pytest.fixture
def agreement(social_worker, team_manager, person, confirmed):
    """A plan approved with no financial assessment (a contribution of £0 until there is one), paid by direct
    payment net of the contribution from the day it starts."""
    return agreement_for(social_worker, team_manager, person, contribution="0.00", basis="net")


def test_an_assessment_after_the_plan_changes_the_budget_and_the_payment_from_the_day_the_charge_applies(
    agreement, person, finance_officer
):
    budget = agreement.budget
    assert (budget.total_weekly, budget.contribution_weekly) == (PLAN_COST, D("0.00"))
    assert CostOfCare.objects.get(person=person).status == CostOfCareStatus.WAITING
    services.payment_run(actor=finance_officer, as_of=PLAN_STARTS)
    assert Payment.objects.get().amount == D("620.42")  # 14 days at £310.21 a week: no contribution yet

    fa = financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE)

    assert (fa.charges_from, fa.weekly_cost_of_care, fa.weekly_contribution) == (PLAN_STARTS, PLAN_COST, CAN_PAY)
    # The budget: a new split from the day the charge applies, linked to the assessment; the one it was made with
    # is kept as it was.
    split = BudgetSplit.objects.get(budget=budget)
    assert (split.starts_on, split.contribution_weekly, split.council_weekly) == (
        PLAN_STARTS,
        CAN_PAY,
        PLAN_COST - CAN_PAY,
    )
    assert split.financial_assessment == fa
    assert split.source == f"financial assessment of {govuk_date(fa.assessed_at)}"
    budget.refresh_from_db()
    assert (budget.contribution_weekly, budget.council_weekly) == (D("0.00"), PLAN_COST)
    # The direct payment: a new rate from the same day; the first is kept.
    first, new = agreement.rates.order_by("id")
    assert (first.weekly_budget, first.weekly_contribution) == (PLAN_COST, D("0.00"))
    assert (new.effective_from, new.weekly_budget, new.weekly_contribution) == (PLAN_STARTS, PLAN_COST, CAN_PAY)
    assert "financial assessment" in new.reason
    # The 14 days already paid without the contribution: two weeks of it to collect, not a payment.
    owed = LedgerEntry.objects.get(agreement=agreement, kind=LedgerKind.CONTRIBUTION_DUE)
    assert owed.payment is None
    assert owed.amount == 2 * CAN_PAY
    assert "20 April 2026 to 3 May 2026" in owed.description
    assert AuditEvent.objects.filter(action="planning.budget_split_added", person=person).count() == 1
    assert AuditEvent.objects.filter(action="payments.rate_changed", person=person).count() == 1

    # The next run pays the budget less the contribution; a second run pays nothing; every period once.
    run = services.payment_run(actor=finance_officer, as_of=dt.date(2026, 5, 4))
    assert run.total == 4 * (PLAN_COST - CAN_PAY) == D("490.84")
    assert services.payment_run(actor=finance_officer, as_of=dt.date(2026, 5, 4)).payments_made == 0
    assert [p.period_start for p in Payment.objects.order_by("period_start")] == [
        dt.date(2026, 4, 6),
        dt.date(2026, 5, 4),
    ]
    assert ledger_reconciliation().reconciles


def test_recording_the_same_contribution_again_adds_nothing_to_the_payment(agreement, person, finance_officer):
    financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE)
    again = financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE)
    assert agreement.rates.count() == 2  # the first and the one the contribution changed
    assert LedgerEntry.objects.filter(agreement=agreement).count() == 0  # nothing paid yet, nothing owed
    # The budget says where its contribution now comes from: the latest assessment.
    assert BudgetSplit.objects.filter(budget=agreement.budget).latest("id").financial_assessment == again


def test_a_direct_payment_set_up_after_the_assessment_starts_with_the_new_split(
    social_worker, team_manager, person, finance_officer, confirmed
):
    from ownway.payments.tests.factories import approved_budget

    budget = approved_budget(social_worker, team_manager, person, contribution="0.00")
    financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE)
    agreement = services.direct_payment_agreement_create(
        actor=social_worker, budget=budget, recipient_name="Ada Lovelace", account_name="A LOVELACE DP",
        sort_code="30-94-57", account_number="12345678", starts_on=PLAN_STARTS, basis="net", agreed_on=PLAN_STARTS,
    )  # fmt: skip
    rate = agreement.rates.get()
    assert (rate.weekly_budget, rate.weekly_contribution) == (PLAN_COST, CAN_PAY)
    assert f"You pay your contribution of £{CAN_PAY} a week" in agreement.conditions


def test_the_yearly_uprating_changes_the_budget_and_the_payment_part_way_through_a_period(
    social_worker, team_manager, person, finance_officer, confirmed
):
    # Assessed first, then the plan: the contribution is worked out again against the plan's cost.
    financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE, year=confirmed.year)
    agreement = agreement_for(social_worker, team_manager, person, basis="net")
    assert agreement.rates.get().weekly_contribution == CAN_PAY
    services.payment_run(actor=finance_officer, as_of=dt.date(2027, 3, 8))  # every period to 4 April 2027
    paid_before = Payment.objects.count()
    # The council's figures for 2027/28: a guarantee £10 higher, so the person pays £10 a week less.
    figures = dict(confirmed.figures) | {"year": "2027/28", "mig_single_25_to_pension_age": "122.50"}
    charging_rule_set_save(actor=finance_officer, year="2027/28", starts_on=dt.date(2027, 4, 6), figures=figures)

    report = contributions_uprate(actor=finance_officer, year="2027/28")

    assert report.changes == [(person.pk, CAN_PAY, CAN_PAY - 10)]
    split = BudgetSplit.objects.get(budget=agreement.budget)
    assert (split.starts_on, split.contribution_weekly, split.council_weekly) == (
        dt.date(2027, 4, 6),
        CAN_PAY - 10,
        PLAN_COST - CAN_PAY + 10,
    )
    assert "2027/28" in split.source
    rate = agreement.rates.latest("id")
    assert (rate.effective_from, rate.weekly_contribution) == (dt.date(2027, 4, 6), CAN_PAY - 10)
    assert not LedgerEntry.objects.filter(kind=LedgerKind.CONTRIBUTION_DUE).exists()  # nothing paid from then yet
    # The period from 5 April 2027 pays one day at the old rate and 27 at the new, a seventh of a week a day.
    services.payment_run(actor=finance_officer, as_of=dt.date(2027, 4, 5))
    payment = Payment.objects.get(period_start=dt.date(2027, 4, 5))
    assert payment.amount == pounds(((PLAN_COST - CAN_PAY) * 1 + (PLAN_COST - CAN_PAY + 10) * 27) / 7)
    assert Payment.objects.count() == paid_before + 1
    assert ledger_reconciliation().reconciles


def test_gross_payments_collect_the_contribution_for_days_already_paid(
    social_worker, team_manager, person, finance_officer, confirmed
):
    agreement = agreement_for(social_worker, team_manager, person, contribution="0.00", basis="gross")
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 5, 4))  # two periods, nothing to collect
    assert not LedgerEntry.objects.filter(kind=LedgerKind.CONTRIBUTION_DUE).exists()
    financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE)
    owed = LedgerEntry.objects.get(agreement=agreement, kind=LedgerKind.CONTRIBUTION_DUE)
    assert owed.amount == 6 * CAN_PAY  # 14 days and 28 days
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 6, 1))
    latest = Payment.objects.get(period_start=dt.date(2026, 6, 1))
    assert (latest.amount, latest.contribution_to_collect) == (4 * PLAN_COST, 4 * CAN_PAY)


def test_the_person_and_the_worker_see_the_new_contribution_and_payment(
    agreement, person, finance_officer, citizen_client, social_worker_client
):
    services.payment_run(actor=finance_officer, as_of=PLAN_STARTS)
    fa = financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE)
    when = govuk_date(fa.assessed_at)
    council = PLAN_COST - CAN_PAY

    plan = citizen_client.get("/my-plan/").content.decode()
    assert f"The council pays £{council} a week." in plan
    assert f"I pay £{CAN_PAY} a week (worked out in my financial assessment of {when})." in plan
    assert "The council pays £310.21 a week." not in plan
    easy = citizen_client.get("/my-plan/easy-read/").content.decode()
    assert f"I pay £{CAN_PAY}." in easy

    money = citizen_client.get("/my-money/").content.decode()
    assert f"£{council} a week, every four weeks in advance" in money
    assert f"You pay £{CAN_PAY} a week into this account" in money
    assert f"From 20 April 2026 the council pays £{council} a week" in money
    assert f"£{2 * CAN_PAY}" in money  # the contribution for the two weeks already paid, owed

    page = social_worker_client.get(f"/plans/{agreement.budget.version.plan_id}/").content.decode()
    assert f'href="/money/{fa.pk}/"' in page
    assert f"financial assessment of {when}" in page
    assert f"Ada contributes £{CAN_PAY} (from the" in page
    # The split the plan was approved with stays on the page, above the one that replaced it.
    approved, assessed = page.index("When the plan was approved"), page.index(f"Financial assessment of {when}")
    assert approved < assessed


def test_a_held_contribution_worked_out_again_when_the_council_sets_its_figure_reaches_the_budget(
    social_worker, team_manager, person, finance_officer
):
    """The figure the assessment uses is not confirmed, so its letter is held; when the council sets the figure
    on its figures page, the contribution is worked out again, and the budget and the payment follow it."""
    agreement = agreement_for(social_worker, team_manager, person, contribution="0.00", basis="net")
    record = rule_set_for(on=PLAN_STARTS)
    held = financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE)
    assert held.warnings
    assert BudgetSplit.objects.get(budget=agreement.budget).contribution_weekly == CAN_PAY
    guarantee = pounds(D(record.figures["mig_single_25_to_pension_age"]) + D("7.50"))

    charging_rule_set_save(
        actor=finance_officer, year=record.year, starts_on=record.starts_on,
        figures={"mig_single_25_to_pension_age": str(guarantee)},
    )  # fmt: skip

    split = BudgetSplit.objects.filter(budget=agreement.budget).latest("pk")
    assert split.contribution_weekly == CAN_PAY - D("7.50")
    assert split.financial_assessment.supersedes == held
    assert agreement.rates.latest("effective_from", "pk").weekly_contribution == CAN_PAY - D("7.50")
