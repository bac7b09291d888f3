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
