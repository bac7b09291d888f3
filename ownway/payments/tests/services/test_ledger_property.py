"""Whatever happens to a direct payment, in whatever order, the ledger reconciles and nothing is paid twice."""

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownway.payments import services
from ownway.payments.models import AgreementStatus, Payment
from ownway.payments.selectors import ledger_reconciliation
from ownway.payments.tests.factories import agreement_for

pytestmark = pytest.mark.django_db
START = dt.date(2026, 4, 20)
WEEKLY_NET = Decimal("265.21")

steps = st.lists(
    st.tuples(st.sampled_from(["run", "run", "suspend", "resume", "end"]), st.integers(min_value=0, max_value=120)),
    min_size=1,
    max_size=8,
)


@pytest.fixture
def agreement(social_worker, team_manager, person):
    return agreement_for(social_worker, team_manager, person)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_the_ledger_reconciles_and_nothing_is_overpaid(agreement, finance_officer, steps, tmp_path):
    # Each example's database is rolled back, so its run numbers (and file names) come round again: each
    # writes its files into a folder of its own.
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    with override_settings(OWNWAY_BACS_DIR=folder), transaction.atomic():
        day = START
        last_run = None
        for action, gap in steps:
            day += dt.timedelta(days=gap)
            agreement.refresh_from_db()
            if action == "run":
                services.payment_run(actor=finance_officer, as_of=day)
                last_run = day
            elif action == "suspend" and agreement.status == AgreementStatus.ACTIVE:
                services.direct_payment_suspend(actor=finance_officer, agreement=agreement, starts_on=day, reason="x")
            elif action == "resume" and agreement.status == AgreementStatus.SUSPENDED:
                suspended_from = agreement.suspensions.get(ends_on__isnull=True).starts_on
                if day > suspended_from:
                    services.direct_payment_resume(actor=finance_officer, agreement=agreement, resumes_on=day)
            elif action == "end" and agreement.status != AgreementStatus.ENDED:
                services.direct_payment_end(actor=finance_officer, agreement=agreement, ends_on=day, reason="x")
            check = ledger_reconciliation()
            assert check.reconciles, check
            assert check.payments_not_in_a_file == 0
        paid = sum((p.amount for p in Payment.objects.all()), Decimal(0))
        if last_run is None:
            assert paid == 0
        else:
            # In advance, at most to the end of the period the last run fell in: never more than four weeks ahead.
            days_due = (last_run - START).days + 28
            assert paid <= WEEKLY_NET * days_due / 7 + Decimal("0.01") * Payment.objects.count()
        transaction.set_rollback(True)
