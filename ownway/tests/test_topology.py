"""The topology of docs/deployment.md on one machine: two app processes (``ownway serve``, each several web
processes) and two background workers (``ownway worker``) against one PostgreSQL database. Twenty jobs are
started at once, and two payment runs at the same moment; every job runs exactly once, and nothing is paid
twice (the ledger reconciles with the bank files on disk).

The other processes reach the test database itself, so this test commits (``transaction=True``) and is
PostgreSQL only: SQLite's test database lives in this process's memory, and SQLite is for one machine.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from ownway.core.money import pence
from ownway.jobs.models import Job, JobStatus
from ownway.jobs.services import job_start
from ownway.jobs.tasks import jobs_prune
from ownway.payments.models import BacsFileStatus, Payment, PaymentRun, RunStatus
from ownway.payments.selectors import ledger_reconciliation
from ownway.payments.tests.factories import agreement_for
from ownway.people.tests.factories import PersonFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(django_settings.BASE_DIR)
PAY_DAY = dt.date(2026, 5, 4)  # each agreement has two periods due: 6 April (pro rata) and 4 May
JOBS = 20
WORKERS = ("topology-worker-1", "topology-worker-2")


def _database_url() -> str:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Several processes share one database only on PostgreSQL: SQLite's test database lives in this "
            "process's memory (run with DATABASE_URL=postgres://…)"
        )
    database = connection.settings_dict
    credentials = f"{quote(database['USER'], safe='')}:{quote(database['PASSWORD'] or '', safe='')}"
    return f"postgres://{credentials}@{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}/{database['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a local address made here
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


class Processes:
    """The processes this test starts, each stopped with SIGTERM at the end (and killed if it will not stop)."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = env
        self.logs = logs
        self.started: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, *arguments: str) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 - this interpreter, with a fixed command
            [sys.executable, *arguments], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.started.append((name, process))
        return process

    def output(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for _, process in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _, process in self.started:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def processes(tmp_path) -> Iterator[Processes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OWNWAY_", "DATABASE_", "DJANGO_SETTINGS"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DATABASE_URL=_database_url(),
        OWNWAY_VAR_DIR=str(tmp_path / "var"),
        OWNWAY_BACS_DIR=str(tmp_path / "bacs"),
        OWNWAY_SECURE_COOKIES="0",
        OWNWAY_LOG_LEVEL="INFO",
    )
    running = Processes(env, tmp_path)
    try:
        yield running
    finally:
        running.stop()
        connection.close()


@pytest.fixture
def agreements(settings, tmp_path, social_worker, team_manager, person):
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"
    people = [person, *(PersonFactory(team=person.team) for _ in range(3))]
    return [agreement_for(social_worker, team_manager, someone) for someone in people]


def _start_job(number: int) -> str:
    try:
        return str(job_start(jobs_prune, label=f"Housekeeping {number}", arguments={"keep_days": 90}).id)
    finally:
        connection.close()  # this thread's own connection


def _credits_on_disk(folder: Path) -> dict[str, int]:
    credits: dict[str, int] = defaultdict(int)
    for path in folder.glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="ascii"))):
            if row[0] == "D":
                credits[row[6]] += int(row[5])
    return dict(credits)


def test_two_app_processes_and_two_workers_run_every_job_once_and_pay_nothing_twice(processes, agreements, tmp_path):
    apps = [_free_port(), _free_port()]
    for number, port in enumerate(apps, start=1):
        processes.start(f"app-{number}", "-m", "ownway.cli", "serve", "--port", str(port), "--workers", "2",
                        "--threads", "2")  # fmt: skip
    for worker in WORKERS:
        processes.start(worker, "-m", "ownway.cli", "worker", "--worker-id", worker, "--interval", "0.2")

    # Both app processes ready: the database answers, migrations applied, a worker seen.
    deadline = time.monotonic() + 120
    while any(_status(f"http://127.0.0.1:{port}/readyz") != 200 for port in apps):
        for name, process in processes.started:
            assert process.poll() is None, f"{name} stopped:\n{processes.output(name)}"
        assert time.monotonic() < deadline, "the app processes never became ready"
        time.sleep(0.5)

    # Twenty jobs and two payment runs, all at once.
    payment_runs = [
        processes.start(
            f"payments-{n}", str(ROOT / "manage.py"), "run_direct_payments", f"--as-of={PAY_DAY}", "--batch-size=1"
        )
        for n in (1, 2)
    ]
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        job_ids = list(pool.map(_start_job, range(JOBS)))
    assert len(set(job_ids)) == JOBS

    deadline = time.monotonic() + 180
    while Job.objects.filter(id__in=job_ids).exclude(status=JobStatus.DONE).exists():
        assert time.monotonic() < deadline, list(Job.objects.filter(id__in=job_ids).values("status", "error"))
        for number, port in enumerate(apps, start=1):
            answer = _status(f"http://127.0.0.1:{port}/healthz")
            assert answer == 200, f"app-{number} answered {answer}:\n{processes.output(f'app-{number}')}"
        time.sleep(0.5)
    for number, run in enumerate(payment_runs, start=1):
        assert run.wait(timeout=300) == 0, processes.output(f"payments-{number}")

    # Every job ran exactly once: one attempt each, claimed once, by one of the two workers.
    jobs = list(Job.objects.filter(id__in=job_ids))
    assert [(job.status, job.attempts) for job in jobs] == [(JobStatus.DONE, 1)] * JOBS
    results = DBTaskResult.objects.filter(id__in=[job.task_result_id for job in jobs])
    assert sorted(result.status for result in results) == ["SUCCESSFUL"] * JOBS
    assert all(len(result.worker_ids) == 1 and result.worker_ids[0] in WORKERS for result in results)
    by_worker = Counter(job.worker_id for job in jobs)
    assert set(by_worker) <= set(WORKERS)
    assert sum(by_worker.values()) == JOBS
    print(f"Jobs run by each worker: {dict(by_worker)}; payments made by each run: "
          f"{[run.payments_made for run in PaymentRun.objects.order_by('pk')]}")  # fmt: skip

    # Nothing paid twice: two periods for each agreement, once each, in the bank files and the ledger alike.
    runs = list(PaymentRun.objects.all())
    assert sorted(run.status for run in runs) == [RunStatus.COMPLETED] * 2
    assert sum(run.payments_made for run in runs) == len(agreements) * 2
    payments = list(Payment.objects.values_list("agreement__reference", "period_start", "amount"))
    assert len(payments) == len(agreements) * 2
    assert len({(reference, start) for reference, start, _ in payments}) == len(payments)
    assert not Payment.objects.exclude(bacs_file__status=BacsFileStatus.WRITTEN).exists()
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for reference, _, amount in payments:
        paid[reference] += amount
    assert _credits_on_disk(tmp_path / "bacs") == {reference: pence(total) for reference, total in paid.items()}
    check = ledger_reconciliation()
    assert check.reconciles, check.discrepancies
