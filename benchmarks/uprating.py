"""Time the yearly uprating of 100,000 open contributions on the database ``DATABASE_URL`` names.

    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/uprating.py [--contributions 100000]

It makes a fresh database beside the configured one (Django's test database), migrates it, makes the
people and a 2025/26 financial assessment for each (varied incomes, capital, ages and households),
adds 2026/27 figures, then times ``contributions_uprate`` recalculating every open contribution. The
last line is ``seconds=<float>``: the time the uprating took (target: under 30 s on 2 cores); the line before,
``cpu_seconds``, is the processor time this process spent on it (without the database server's).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from decimal import Decimal

from benchkit import throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contributions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    with throwaway_database() as test_name:
        from django.db import connection
        from django.utils import timezone

        from ownway.accounts.models import Team
        from ownway.charging import services as charging_services
        from ownway.charging.models import FinancialAssessment
        from ownway.charging.rules.contribution import (
            Circumstances,
            Income,
            IncomeKind,
            assess,
            circumstances_to_data,
            steps_to_data,
        )
        from ownway.charging.rules.rulesets import RULES_2025_26
        from ownway.charging.selectors import rule_set_for, rules_of
        from ownway.charging.services import charging_rule_set_save
        from ownway.people.models import Person

        rng = random.Random(args.seed)  # noqa: S311 (synthetic data)
        n = args.contributions
        setup = time.perf_counter()
        team = Team.objects.create(name="Benchmark", kind="locality")
        Person.objects.bulk_create(
            (
                Person(
                    reference=f"U{i:09d}",
                    first_name="Bench",
                    last_name=f"Mark{i}",
                    date_of_birth=dt.date(rng.randint(1925, 2006), rng.randint(1, 12), rng.randint(1, 28)),
                    team=team,
                )
                for i in range(n)
            ),
            batch_size=5000,
        )
        record = rule_set_for(year="2025/26")
        rules = rules_of(record)
        counted = [IncomeKind.STATE_PENSION, IncomeKind.PRIVATE_PENSION, IncomeKind.ESA, IncomeKind.UNIVERSAL_CREDIT,
                   IncomeKind.ATTENDANCE_ALLOWANCE, IncomeKind.PIP_DAILY_LIVING]  # fmt: skip
        ignored = [IncomeKind.EARNINGS, IncomeKind.PIP_MOBILITY, IncomeKind.DLA_MOBILITY, IncomeKind.HOUSING_BENEFIT]
        now = timezone.now()
        rows = []
        for person_id, born in Person.objects.values_list("id", "date_of_birth").iterator(chunk_size=5000):
            age = max(18, record.starts_on.year - born.year - 1)
            incomes = tuple(
                Income(rng.choice(counted + ignored), Decimal(rng.randint(2000, 30000)) / 100, rng.random() < 0.1)
                for _ in range(rng.randint(1, 4))
            )
            couple = rng.random() < 0.2
            # Premiums for single people only: the couple premiums (reg 7(6)) have no confirmed figure.
            dp = rng.random() < 0.4 and age < 66 and not couple
            c = Circumstances(
                age=age,
                weekly_cost_of_care=Decimal(rng.randint(5000, 120000)) / 100,
                incomes=incomes,
                capital=Decimal(rng.choice([0, 0, 0, rng.randint(0, 3_000_000)])) / 100,
                member_of_couple=couple,
                disability_premium=dp,
                enhanced_disability_premium=dp and rng.random() < 0.3,
                housing_costs=Decimal(rng.choice([0, rng.randint(0, 15000)])) / 100,
                disability_related_expenditure=Decimal(rng.choice([0, rng.randint(0, 4000)])) / 100,
            )
            result = assess(c, rules)
            rows.append(
                FinancialAssessment(
                    person_id=person_id, rule_set=record, charges_from=record.starts_on,
                    circumstances=circumstances_to_data(c),
                    weekly_cost_of_care=c.weekly_cost_of_care, weekly_contribution=result.weekly,
                    full_cost_payer=result.full_cost_payer, free=result.free, steps=steps_to_data(result),
                    warnings=list(result.warnings), assessed_at=now,
                )
            )  # fmt: skip
        FinancialAssessment.objects.bulk_create(rows, batch_size=5000)
        del rows
        figures = RULES_2025_26.to_data() | {
            "year": "2026/27",
            "mig_single_18_to_24": "90.65",
            "mig_single_25_to_pension_age": "114.40",
            "disability_premium": "50.50",
            "enhanced_disability_premium": "24.65",
            "unconfirmed": {"all": "benchmark figures, not real ones"},
        }
        charging_rule_set_save(actor=None, year="2026/27", starts_on=dt.date(2026, 4, 6), figures=figures)
        print(f"database={connection.vendor} {test_name}")
        print(f"setup_seconds={time.perf_counter() - setup:.2f}")
        started, cpu = time.perf_counter(), time.process_time()
        report = charging_services.contributions_uprate(actor=None, year="2026/27")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"recalculated={report.recalculated} changed={report.changed}")
        print(f"not_recalculated={len(report.not_recalculated)}")
        print(f"weekly_total_before={report.total_before} weekly_total_after={report.total_after}")
        print(f"contributions_per_second={report.recalculated / seconds:.0f}")
        # This process's own processor time (not the database server's): steadier than the time taken on a busy machine.
        print(f"cpu_seconds={cpu:.3f}")
        print(f"seconds={seconds:.3f}")


if __name__ == "__main__":
    main()
