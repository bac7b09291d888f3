"""Ownway's PostgreSQL connections are set for many short queries at once (config.settings.base)."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own settings")
def test_connections_run_without_jit_or_parallel_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


def test_an_address_that_sets_its_own_value_keeps_it():
    from config.settings.base import _short_query_session

    database = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c jit=on"}}
    _short_query_session(database)
    assert database["OPTIONS"]["options"] == "-c jit=on -c max_parallel_workers_per_gather=0"
    sqlite = {"ENGINE": "django.db.backends.sqlite3"}
    _short_query_session(sqlite)
    assert "OPTIONS" not in sqlite
