"""The demo's money: budgets and contributions made through the services, and synthetic plan costs to calibrate."""

import io
import random
from decimal import Decimal

from django.core.management import call_command
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from ownway.accounts.models import AuditEvent, User
from ownway.allocation.demo import SYNTHETIC_SOURCE
from ownway.allocation.models import IndicativeBudget, PlanCostSample
from ownway.allocation.selectors import calibration_for_user
from ownway.assessments.demo import generate_casework
from ownway.charging.demo import synthetic_circumstances
from ownway.charging.models import AssessmentStatus, FinancialAssessment
from ownway.charging.rules.contribution import assess
from ownway.charging.rules.rulesets import RULES_2025_26
from ownway.people.demo.builder import generate_city


def _client(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_demo_city_has_budgets_contributions_and_a_calibration(db):
    generate_city(people=300, seed=5)
    generate_casework(seed=5, per_team=6)
    out = io.StringIO()
    call_command("generate_money", "--seed", "5", stdout=out)
    text = out.getvalue()
    assert "indicative budgets worked out from completed assessments" in text
    assert "financial assessments" in text
    budgets = IndicativeBudget.objects.all()
    assert budgets.count() >= 2
    # Every budget came from an assessment with eligible needs, by its assessor, and is audited.
    for budget in budgets.select_related("assessment"):
        assert budget.assessment is not None
        assert budget.calculated_by_id == budget.assessment.assessor_id
        assert budget.assessment.determinations.filter(eligible=True).exists()
    assert AuditEvent.objects.filter(action="allocation.budget_calculated").count() == budgets.count()
    contributions = FinancialAssessment.objects.filter(status=AssessmentStatus.CURRENT)
    assert contributions.exists()
    for fa in contributions:
        assert fa.weekly_cost_of_care == fa.person.indicative_budgets.first().weekly_amount
        assert Decimal(0) <= fa.weekly_contribution <= fa.weekly_cost_of_care
        assert fa.assessed_by.username == "finance_officer"
    # The plan costs say they are synthetic, and the commissioner's calibration fits them.
    assert PlanCostSample.objects.count() == 800
    assert set(PlanCostSample.objects.values_list("source", flat=True)) == {SYNTHETIC_SOURCE}
    view = calibration_for_user(user=User.objects.get(username="commissioner"))
    assert view.fit is not None, view.fit_problem
    assert 0.5 < view.fit.r_squared < 0.99  # a real fit: close, but with the noise of real plans
    assert view.budgets == budgets.values("person").distinct().count()
    page = _client("commissioner").get("/budgets/calibration/").content.decode()
    assert "Fitted to 800 support plans" in page
    assert f"Where the plan costs came from: {SYNTHETIC_SOURCE}." in page


def test_the_demo_citizen_and_social_worker_see_a_budget_and_a_contribution(db):
    generate_city(people=300, seed=5)
    generate_casework(seed=5, per_team=6)
    call_command("generate_money", "--seed", "5", stdout=io.StringIO())
    person = User.objects.get(username="citizen").person
    budget = person.indicative_budgets.first()
    fa = person.financial_assessments.get(status=AssessmentStatus.CURRENT)
    citizen = _client("citizen")
    home = citizen.get("/").content.decode()
    assert 'href="/budgets/mine/">Your budget: how much money there is for your support, and why</a>' in home
    assert 'href="/money/mine/">What you pay towards your support</a>' in home
    mine = citizen.get("/budgets/mine/")
    assert mine["Location"] == f"/budgets/{budget.pk}/"
    assert f"£{budget.weekly_amount:,} a week" in citizen.get(mine["Location"]).content.decode()
    pay = citizen.get("/money/mine/")
    assert pay["Location"] == f"/money/{fa.pk}/"
    assert "What you pay towards your care" in citizen.get(pay["Location"]).content.decode()
    record = _client("social_worker").get(f"/people/{person.pk}/").content.decode()
    assert f'href="/budgets/{budget.pk}/"' in record
    assert f'href="/money/{fa.pk}/"' in record


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 10**6), age=st.integers(18, 104), cost=st.integers(0, 200_000))
def test_synthetic_circumstances_are_always_ones_the_rules_accept(seed, age, cost):
    circumstances = synthetic_circumstances(age=age, weekly_cost_of_care=Decimal(cost) / 100, rng=random.Random(seed))
    result = assess(circumstances, RULES_2025_26)
    assert Decimal(0) <= result.weekly <= circumstances.weekly_cost_of_care


def test_the_demo_has_one_cost_of_care_for_the_citizen_and_no_carer_is_charged_for_personal_care(
    db, settings, tmp_path
):
    import datetime as dt

    from ownway.planning.demo import generate_plans
    from ownway.planning.models import BudgetStatus, PersonalBudget

    settings.OWNWAY_BACS_DIR = tmp_path
    generate_city(people=300, seed=5)
    generate_casework(seed=5, per_team=6)
    call_command("generate_money", "--seed", "5", stdout=io.StringIO())
    generate_plans(today=dt.date(2026, 6, 10))
    citizen = User.objects.get(username="citizen").person
    budget = PersonalBudget.objects.get(person=citizen, status=BudgetStatus.CURRENT)
    fa = FinancialAssessment.objects.get(person=citizen, status=AssessmentStatus.CURRENT)
    # The contribution letter and the plan say the same cost of care.
    assert fa.weekly_cost_of_care == budget.total_weekly
    assert budget.contribution_weekly == min(fa.weekly_contribution, budget.total_weekly)
    carers = FinancialAssessment.objects.filter(person__primary_support_reason__code="social_support_to_carer")
    assert not carers.exists()
    assert not IndicativeBudget.objects.filter(person__primary_support_reason__code="social_support_to_carer").exists()


def test_the_demo_council_confirms_its_figures_for_the_demonstration_and_the_citizen_reads_their_letter(
    db, settings, tmp_path
):
    """``ownway demo`` builds the city as the screens would: the demonstration council's finance officer confirms
    the figures of the year in force through the figures service, saying they are confirmed for the demonstration
    only, before any contribution is worked out; so the demo citizen's letter about what they pay goes to them."""
    from django.utils import timezone

    from ownway.charging.demo import DEMO_SOURCE
    from ownway.charging.models import ChargingFigureCheck
    from ownway.charging.selectors import rule_set_for
    from ownway.cli import build_city
    from ownway.people.models import Letter

    settings.OWNWAY_BACS_DIR = tmp_path
    lines = build_city(people=300, seed=5, per_team=6)
    record = rule_set_for(on=timezone.localdate())
    assert any(f"confirmed the {record.year} charging figures for the demonstration" in line for line in lines)
    figures = record.figures
    officer = User.objects.get(username="finance_officer")
    for name, source in figures["sources"].items():
        check = ChargingFigureCheck.objects.filter(rule_set=record, figure=name).first()
        if check is not None:
            assert (source, check.checked_by, check.kind) == (DEMO_SOURCE, officer, "confirmed")
    assert "for the demonstration council only" in DEMO_SOURCE
    assert "not checked against the DHSC" in DEMO_SOURCE
    # A figure the software does not hold stays not set and marked: the demo does not make figures up.
    assert figures["carer_premium"] is None
    assert "carer_premium" in figures["unconfirmed"]
    assert all(figures[name] is None for name in figures["unconfirmed"])
    citizen = User.objects.get(username="citizen")
    assert FinancialAssessment.objects.get(person=citizen.person, status="current").warnings == []
    assert Letter.objects.filter(person=citizen.person, about__startswith="What you pay").exists()
    page = _client("citizen").get("/money/mine/", follow=True).content.decode()
    assert "a week" in page
    assert "not ready yet" not in page
    assert "confirm" not in page.lower()
