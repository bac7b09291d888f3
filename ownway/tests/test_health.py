"""/healthz says the process is up without touching the database; /readyz says whether it can serve."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from config import health
from ownway.jobs.services import worker_beat


@pytest.fixture(autouse=True)
def _look_at_migrations_again(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


def _a_worker_seen(ago: dt.timedelta) -> None:
    worker_beat("test-worker", host=socket.gethostname(), pid=1, started_at=timezone.now() - ago)
    from ownway.jobs.models import WorkerBeat

    WorkerBeat.objects.filter(worker_id="test-worker").update(seen_at=timezone.now() - ago)


def test_healthz_answers_without_a_database_or_a_sign_in(client):
    # No database in this test: any query would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_ready_with_the_database_migrated_and_a_worker_alive(client, db):
    _a_worker_seen(dt.timedelta(seconds=5))
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "checks": {"database": "ok", "migrations": "ok", "worker": "ok"}}


def test_readyz_says_no_worker_has_been_seen_for_a_minute(client, db):
    _a_worker_seen(dt.timedelta(seconds=61))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "worker": "no background worker seen in the last minute (start one: ownway worker)",
    }


def test_readyz_counts_migrations_not_applied(client, db):
    _a_worker_seen(dt.timedelta(seconds=1))
    MigrationRecorder.Migration.objects.filter(app="jobs").delete()  # rolled back with the test
    response = client.get("/readyz")
    assert response.status_code == 503
    migrations = response.json()["checks"]["migrations"]
    assert migrations.endswith("not applied (run: ownway manage migrate)")
    assert int(migrations.split()[0]) >= 1
    assert response.json()["checks"]["worker"] == "not checked: migrations not applied"


def test_readyz_says_the_database_did_not_answer_and_shows_nothing_of_it(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("connection to server at 10.0.0.9 user=ownway password=hunter2 failed")

    from django.db import connection

    with monkeypatch.context() as patch:  # undone before the test's own rollback needs the database
        patch.setattr(connection, "cursor", refuse)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "ready": False,
        "checks": {
            "database": "the database did not answer",
            "migrations": "not checked: the database did not answer",
            "worker": "not checked: the database did not answer",
        },
    }
    assert b"hunter2" not in response.content
    assert b"10.0.0.9" not in response.content


def test_once_migrations_are_applied_the_check_is_one_query_each_time(client, db, django_assert_num_queries):
    _a_worker_seen(dt.timedelta(seconds=1))
    assert client.get("/readyz").status_code == 200
    with django_assert_num_queries(2):  # SELECT 1, and the worker's last beat
        assert client.get("/readyz").status_code == 200


def test_only_reading_is_allowed(client, db):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
