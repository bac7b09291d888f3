"""Test fixtures shared by the apps: the test database, as another process reaches it.

Tests that start Ownway in processes of their own (a payment run killed with SIGKILL, background workers
killed or run side by side) need the test's database from those processes. On PostgreSQL that is the test
database itself (these tests commit, so the other process sees the data). SQLite's test database lives in
this process's memory, so it is copied to a file for the other processes (:meth:`SharedDatabase.hand_over`)
and copied back when they have ended (:meth:`SharedDatabase.take_back`), with SQLite's own backup, which
copies exactly what was committed. Registered for every test in the project's ``conftest.py``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection


@dataclass
class SharedDatabase:
    """The test database as another process reaches it (``DATABASE_URL``)."""

    url: str
    copy: Path | None = None  # SQLite: the file the other processes use

    def hand_over(self) -> None:
        """Before starting other processes: what this test has committed, where they will find it."""
        if self.copy is not None:
            connection.ensure_connection()
            target = sqlite3.connect(self.copy)
            connection.connection.backup(target)
            target.close()

    def take_back(self) -> None:
        """Once the other processes have ended: what they committed, where this test reads it."""
        if self.copy is not None:
            source = sqlite3.connect(self.copy)
            source.backup(connection.connection)
            source.close()


@pytest.fixture
def shared_database(transactional_db: None, django_db_serialized_rollback: None, tmp_path: Path) -> SharedDatabase:
    # Serialized rollback, like every other test that commits: the flush after a test without it makes the
    # content types again, and the next test that restores the serialized database would then add them twice.
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = f"{quote(database['USER'], safe='')}:{quote(database['PASSWORD'] or '', safe='')}"
        return SharedDatabase(
            url=f"postgres://{credentials}@{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}/"
            f"{database['NAME']}"
        )
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db():  # type: ignore[attr-defined]  # SQLite's own wrapper has it
            copy = tmp_path / "shared.sqlite3"
            return SharedDatabase(url=f"sqlite:///{copy}", copy=copy)
        return SharedDatabase(url=f"sqlite:///{database['NAME']}")
    pytest.skip(f"No way to share a {connection.vendor} test database with another process")
