"""Time the demo city generator on the database ``DATABASE_URL`` names (SQLite by default).

    uv run python benchmarks/generate_city.py [--people 100000 | --size council5] [--seed 1] [--whole] [--keep]
    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/generate_city.py

``--whole`` makes the rest of the demo too, each part timed: casework (in proportion to each team's caseload),
the year's charging figures, budgets and contributions, plans, the day-care cohort's placements, the directory
of support and enablement.

It makes a fresh database beside the configured one (Django's test database: ``test_<name>``; for
SQLite a file in ``var/``, not an in-memory one), migrates it, generates the city, prints the figures
and drops the database again. The last line is ``seconds=<float>``: the time the generation took.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--people", type=int, default=100_000)
    size.add_argument("--size", help="a named size of ownway.people.demo.generator.SIZES, such as council5")
    parser.add_argument("--whole", action="store_true", help="make the casework, money, plans, directory too")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    # The demo's payment run writes a bank file: into a folder of the benchmark's own, never the council's.
    os.environ["OWNWAY_BACS_DIR"] = tempfile.mkdtemp(prefix="ownway-benchmark-bacs-")
    import django
    from django.conf import settings

    django.setup()
    from django.db import connection

    if args.size:
        from ownway.people.demo.generator import SIZES

        args.people = SIZES[args.size]
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(Path(database["NAME"]).with_name("benchmark.sqlite3"))
    started = time.perf_counter()
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    migrated = time.perf_counter() - started
    try:
        from ownway.people.demo.builder import generate_city
        from ownway.people.models import Person

        summary = generate_city(people=args.people, seed=args.seed)
        print(f"database={connection.vendor} {test_name}")
        print(f"migrate_seconds={migrated:.2f}")
        for line in summary.lines():
            print(line)
        print(f"person_rows={Person.objects.count()}")
        print(f"rows_per_second={(args.people + summary.carers) / summary.seconds:.0f}")
        seconds = summary.seconds
        if args.whole:
            seconds += _the_rest(args.seed, summary)
        print(f"seconds={seconds:.3f}")
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(test_name, verbosity=0)


def _the_rest(seed: int, city: Any) -> float:
    """Everything else ``ownway demo`` makes, each part timed as it is made; the seconds they took in all."""
    from django.core.management import call_command

    from ownway.accounts.context import Origin, origin_scope
    from ownway.assessments.demo import generate_casework
    from ownway.charging.demo import confirm_demo_figures, generate_money
    from ownway.dayops.demo import generate_day_opportunities
    from ownway.enablement.demo import demo_city_enablement
    from ownway.planning.demo import generate_plans

    parts = {
        "figures": confirm_demo_figures,
        "casework": lambda: generate_casework(seed=seed).lines(),
        "money": lambda: generate_money(seed=seed),
        "plans": lambda: generate_plans().lines(),
        "day_opportunities": lambda: generate_day_opportunities(
            cohort=city.day_care, seed=seed, as_of=city.as_of
        ).lines(),
        "directory": lambda: call_command("generate_directory", "--services", "400", "--seed", str(seed)),
        "enablement": lambda: [demo_city_enablement(seed=seed)],
    }
    total = 0.0
    with origin_scope(Origin(request_id=f"benchmark-{seed}", via="command")):
        for name, make in parts.items():
            started = time.perf_counter()
            lines = make() or []
            took = time.perf_counter() - started
            total += took
            for line in lines:
                print(f"  {line}")
            print(f"{name}_seconds={took:.2f}", flush=True)
    return total


if __name__ == "__main__":
    main()
