"""Time a direct-payment run for 10,000 direct payments.

    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/payment_run.py [--agreements 10000]

It makes a fresh database beside the configured one, then ``--agreements`` people, each with an
approved plan, a personal budget and a direct-payment agreement (made in bulk: the services are timed
elsewhere by the tests), starting on different days so that first payments are pro rata. It times one
payment run (``payments.services.payment_run``: batches, locks, the ledger and the BACS file), runs it
again to show that nothing is paid twice, and checks that payments, ledger and file agree. The last line
is ``seconds=<float>``, the time of the first run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from benchkit import throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()

    with throwaway_database():
        from django.conf import settings

        settings.OWNWAY_BACS_DIR = Path(tempfile.mkdtemp(prefix="ownway-bacs-"))
        from django.db import connection

        from ownway.accounts.models import Team, User
        from ownway.accounts.roles import Role, TeamKind
        from ownway.payments.models import AgreementRate, DirectPaymentAgreement, Payment
        from ownway.payments.selectors import ledger_reconciliation
        from ownway.payments.services import payment_run
        from ownway.people.models import Person
        from ownway.planning.models import PersonalBudget, PlanStatus, PlanVersion, SupportPlan

        n = args.agreements
        team = Team.objects.create(name="Bench locality", kind=TeamKind.LOCALITY)
        worker = User.objects.create_user(username="bench_worker", role=Role.SOCIAL_WORKER, team=team)
        people = Person.objects.bulk_create(
            Person(reference=f"P{i:08d}", first_name=f"Bench{i}", last_name="Person",
                   date_of_birth=dt.date(1960, 1, 1), postcode="B1 1BB", team=team)
            for i in range(n)
        )  # fmt: skip
        plans = SupportPlan.objects.bulk_create(SupportPlan(person=p, worker=worker) for p in people)
        versions = PlanVersion.objects.bulk_create(
            PlanVersion(plan=plan, number=1, status=PlanStatus.APPROVED, total_weekly=Decimal("300.00"),
                        contribution_weekly=Decimal("25.00"), created_by=worker)
            for plan in plans
        )  # fmt: skip
        cycle_start = dt.date.fromisoformat(str(settings.OWNWAY_DP_CYCLE_START))
        budgets = PersonalBudget.objects.bulk_create(
            PersonalBudget(person=p, version=v, total_weekly=Decimal("300.00"), contribution_weekly=Decimal("25.00"),
                           council_weekly=Decimal("275.00"), starts_on=cycle_start)
            for p, v in zip(people, versions, strict=True)
        )  # fmt: skip
        agreements = DirectPaymentAgreement.objects.bulk_create(
            DirectPaymentAgreement(
                reference=f"DP{i:07d}", person=b.person, budget=b, recipient_name=f"Bench{i} Person",
                account_name=f"BENCH {i}", sort_code="309457", account_number=f"{i:08d}",
                starts_on=cycle_start + dt.timedelta(days=i % 28), may_spend_on="Support in the plan",
                conditions="As agreed", created_by=worker,
            )
            for i, b in enumerate(budgets)
        )  # fmt: skip
        AgreementRate.objects.bulk_create(
            AgreementRate(agreement=a, effective_from=a.starts_on, weekly_budget=Decimal("300.00") + (i % 50),
                          weekly_contribution=Decimal("25.00"), reason="Benchmark")
            for i, a in enumerate(agreements)
        )  # fmt: skip
        # Every agreement has started by the second period: one pro-rata and one full period each.
        as_of = cycle_start + dt.timedelta(days=28)
        started = time.perf_counter()
        run = payment_run(actor=None, as_of=as_of, batch_size=args.batch_size)
        elapsed = time.perf_counter() - started
        again_started = time.perf_counter()
        again = payment_run(actor=None, as_of=as_of, batch_size=args.batch_size)
        again_elapsed = time.perf_counter() - again_started
        check = ledger_reconciliation()
        assert run.payments_made == Payment.objects.count() == 2 * n, run.payments_made
        assert again.payments_made == 0
        assert check.reconciles, check
        bacs = run.bacs_file
        print(f"database={connection.vendor} agreements={n} batch_size={args.batch_size} as_of={as_of}")
        print(f"payments={run.payments_made} total=£{run.total:,.2f} bacs_credits={bacs.content.count(chr(10)) - 2}")
        print(f"repeat_run_payments={again.payments_made} repeat_run_seconds={again_elapsed:.2f}")
        print(f"ledger_reconciles={check.reconciles}")
        print(f"seconds={elapsed:.2f}")


if __name__ == "__main__":
    main()
