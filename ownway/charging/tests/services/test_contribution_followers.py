"""When a person's contribution changes, the apps that carry it follow, in the same transaction.

Charging never imports the apps further down the journey: they register followers (``charging.followers``).
"""

import datetime as dt
from decimal import Decimal

import pytest

from ownway.charging import followers
from ownway.charging.models import FinancialAssessment
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
from ownway.charging.services import financial_assessment_record
from ownway.payments.models import AgreementRate, LedgerEntry
from ownway.planning import services as planning
from ownway.planning.models import BudgetSplit, PersonalBudget
from ownway.planning.tests.factories import draft_plan

pytestmark = pytest.mark.django_db
D = Decimal
WORKING_AGE = Circumstances(age=40, weekly_cost_of_care=D("120.00"), incomes=(Income(IncomeKind.OTHER, D("300")),))


@pytest.fixture
def person(person):
    person.date_of_birth = dt.date(1986, 1, 15)
    person.save()
    return person


def test_planning_and_then_payments_follow_the_contribution():
    """The budget's split is made before the direct payment's rate, which carries it."""
    names = [follower.name for follower in followers.contribution_followers()]
    assert names.index("planning.budget_split") < names.index("payments.agreement_rate")


def test_an_assessment_for_someone_with_no_approved_plan_changes_nothing_in_planning_or_payments(
    social_worker, person, other_team_person, finance_officer
):
    # One person has no plan at all; the other a plan waiting for approval (no budget yet).
    _plan, version = draft_plan(social_worker, person, contribution="0.00")
    planning.plan_submit(actor=social_worker, version=version)
    for someone in (person, other_team_person):
        financial_assessment_record(actor=finance_officer, person=someone, circumstances=WORKING_AGE, year="2026/27")
    assert FinancialAssessment.objects.count() == 2
    assert not PersonalBudget.objects.exists()
    assert not BudgetSplit.objects.exists()
    assert not AgreementRate.objects.exists()
    assert not LedgerEntry.objects.exists()
    version.refresh_from_db()
    assert (version.status, version.contribution_weekly) == ("awaiting_approval", D("0.00"))


def test_an_ended_budget_does_not_follow(social_worker, team_manager, person, finance_officer):
    """A budget replaced by a later version of the plan keeps its figures; the new one carries the contribution."""
    plan, version = draft_plan(social_worker, person, contribution="0.00")
    planning.plan_submit(actor=social_worker, version=version)
    first = planning.plan_approve(actor=team_manager, version=version, reasons="Meets the outcomes")
    second = planning.plan_version_start(actor=social_worker, plan=plan)
    planning.plan_version_update(actor=social_worker, version=second, starts_on=dt.date(2026, 6, 1), confirm_start=True)
    planning.plan_submit(actor=social_worker, version=second)
    current = planning.plan_approve(actor=team_manager, version=second, reasons="Still right")
    fa = financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE)
    assert fa.charges_from == dt.date(2026, 6, 1)
    assert not BudgetSplit.objects.filter(budget=first).exists()
    assert BudgetSplit.objects.get(budget=current).contribution_weekly == fa.weekly_contribution


def test_a_follower_that_fails_leaves_the_assessment_unrecorded(social_worker, team_manager, person, finance_officer):
    _plan, version = draft_plan(social_worker, person, contribution="0.00")
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets the outcomes")

    class Refused(Exception):
        pass

    def refuse(actor, changes):
        raise Refused(f"{len(changes)} change(s) refused")

    follower = followers.ContributionFollower(name="tests.refuse", follow=refuse, order=1000)
    followers.contribution_follower_register(follower)
    try:
        with pytest.raises(Refused):
            financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE)
    finally:
        followers.contribution_follower_unregister(follower.name)
    # Nothing of it is kept: no assessment, no split of the budget.
    assert not FinancialAssessment.objects.exists()
    assert not BudgetSplit.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_followers_are_told_only_inside_a_transaction(person):
    """Outside a transaction, a follower's change could be kept while the assessment that caused it is not."""
    change = followers.ContributionChange(
        person_id=person.pk, financial_assessment_id=1, weekly=D("1.00"), charges_from=dt.date(2026, 4, 20),
        source="financial assessment of 20 April 2026",
    )  # fmt: skip
    with pytest.raises(RuntimeError, match="transaction"):
        followers.contribution_changed(actor=None, changes=[change])
