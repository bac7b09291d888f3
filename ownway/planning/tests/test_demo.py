"""The demo plan: made through the services, paid, with a statement, so the citizen has a balance to see."""

import datetime as dt
from decimal import Decimal

from django.test import Client

from ownway.accounts.models import User
from ownway.payments.models import DirectPaymentAgreement
from ownway.payments.selectors import account_balance, ledger_reconciliation
from ownway.people.demo.builder import generate_city
from ownway.planning.demo import generate_plans
from ownway.planning.models import PlanStatus, PlanVersion


def test_the_demo_citizen_has_a_paid_plan_and_the_manager_has_plans_to_approve(db, settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path
    generate_city(people=300, seed=5)
    summary = generate_plans(today=dt.date(2026, 6, 10))
    assert "for the demo citizen" in summary.lines()[0]
    agreement = DirectPaymentAgreement.objects.get()
    assert agreement.person == User.objects.get(username="citizen").person
    assert agreement.payments.count() == 2  # a pro-rata first period and a full one
    # The council's payments in, less the PA's wages and the choir in each period, less a shop.
    paid = sum(p.amount for p in agreement.payments.all())
    assert account_balance(agreement) == paid - 2 * Decimal("260.00") - 2 * Decimal("8.50") - Decimal("12.40")
    assert agreement.transactions.filter(category="to_check").count() == 1
    assert ledger_reconciliation().reconciles
    waiting = PlanVersion.objects.filter(status=PlanStatus.AWAITING_APPROVAL)
    assert waiting.count() == 3
    client = Client()
    client.force_login(User.objects.get(username="citizen"))
    page = client.get("/my-money/").content.decode()
    assert "Money in my account" in page


def _hours_in(text):
    import re

    return {Decimal(n) for n in re.findall(r"(\d+(?:\.\d+)?) hours", text)}


def test_demo_plans_fit_their_people_differ_and_say_what_their_lines_say(db, settings, tmp_path):
    from ownway.planning.models import SupportPlan

    settings.OWNWAY_BACS_DIR = tmp_path
    generate_city(people=300, seed=5)
    generate_plans(today=dt.date(2026, 6, 10))
    carer = User.objects.get(username="carer").person
    plans = list(SupportPlan.objects.select_related("person__primary_support_reason"))
    for plan in plans:
        version = plan.versions.first()
        lines = list(version.lines.all())
        is_carer = plan.person.primary_support_reason is not None and (
            plan.person.primary_support_reason.code == "social_support_to_carer"
        )
        carer_lines = [line for line in lines if line.service_type.startswith("Carer Support")]
        # A carer's plan is a carer's support; no one else's plan is.
        assert bool(carer_lines) == is_carer, plan.person
        if is_carer:
            assert all(line.kind == "unpaid" or line.service_type.startswith("Carer Support") for line in lines)
        # The reason names the hours the lines give, and no others.
        pa_hours = {line.units for line in lines if line.kind == "pa_hours"}
        assert _hours_in(version.reason_for_difference) <= pa_hours
    assert any(plan.person == carer for plan in plans)
    # No two plans are the same: different outcomes and different lines.
    shapes = [
        (
            tuple(plan.versions.first().outcomes.values_list("own_words", flat=True)),
            tuple(plan.versions.first().lines.values_list("description", "weekly_cost")),
        )
        for plan in plans
    ]
    assert len(set(shapes)) == len(shapes)
