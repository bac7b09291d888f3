"""What the benchmarks share: Django set up from the repository, a throwaway database, percentiles.

A benchmark runs as ``uv run python benchmarks/NAME.py``, so this folder is first on ``sys.path`` and
``from benchkit import throwaway_database`` finds this module.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    """Django with the project's settings (``DATABASE_URL`` chooses the database, SQLite by default)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


@contextlib.contextmanager
def throwaway_database(*, keep: bool = False) -> Iterator[str]:
    """A fresh, migrated database beside the configured one, dropped afterwards unless ``keep``.

    Django's test database: ``test_<name>`` on PostgreSQL; for SQLite a file ``var/benchmark.sqlite3``, not
    an in-memory one, so the figures include real disk work. Yields the database's name.
    """
    setup_django()
    from django.conf import settings
    from django.db import connection

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(Path(database["NAME"]).with_name("benchmark.sqlite3"))
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield name
    finally:
        if not keep:
            connection.creation.destroy_test_db(name, verbosity=0)


def percentile(sorted_values: Sequence[float], share: float) -> float:
    """The value below which ``share`` (0.95 for p95) of the sorted values lie (nearest rank)."""
    return sorted_values[max(0, round(share * len(sorted_values)) - 1)]
