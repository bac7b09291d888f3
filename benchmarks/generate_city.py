"""Time the demo city generator on the database ``DATABASE_URL`` names (SQLite by default).

    uv run python benchmarks/generate_city.py [--people 100000] [--seed 1]
    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/generate_city.py

It makes a fresh database beside the configured one (Django's test database: ``test_<name>``; for
SQLite a file in ``var/``, not an in-memory one), migrates it, generates the city, prints the figures
and drops the database again. The last line is ``seconds=<float>``: the time the generation took.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django
    from django.conf import settings

    django.setup()
    from django.db import connection

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
        print(f"seconds={summary.seconds:.3f}")
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()
