"""The topology of docs/deployment.md on one machine: two app processes (``ownway serve``, each several web
processes) and two background workers (``ownway worker``) against one PostgreSQL database. Over real HTTP to both
app processes, as a browser would (signing in, with the forms' CSRF tokens), an enablement manager starts twenty
rota optimiser runs (a day each, a second's search each) while a finance officer presses "Pay what is due today"
on both at the same moment. Every job runs exactly once, by one of the two workers, and nothing is paid twice
(the ledger reconciles with the bank files on disk).

The other processes reach the test database itself, so this test commits (``transaction=True``) and is
PostgreSQL only: SQLite's test database lives in this process's memory, and SQLite is for one machine. It is
marked ``topology`` as well as ``slow``, so CI's PostgreSQL stage runs it.
"""

from __future__ import annotations

import csv
import datetime as dt
import http.client
import io
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.core.money import pence
from ownway.enablement import demo
from ownway.enablement.models import EnablementWorker, Rota, RotaRun, Shift
from ownway.enablement.services import shift_set
from ownway.jobs.models import Job, JobStatus
from ownway.payments.models import BacsFileStatus, Payment, PaymentRun, RunStatus
from ownway.payments.selectors import ledger_reconciliation, payments_outlook
from ownway.payments.tests.factories import agreement_for
from ownway.people.tests.factories import PersonFactory

pytestmark = [pytest.mark.slow, pytest.mark.topology, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(django_settings.BASE_DIR)
RUNS = 20
WORKERS = ("topology-worker-1", "topology-worker-2")
PASSWORD = "correct-horse-battery"  # the user factory's
FIRST_DAY = timezone.localdate() + dt.timedelta(days=1)
DAYS = [FIRST_DAY + dt.timedelta(days=n) for n in range(RUNS)]


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


class Browser:
    """One person's browser: its cookies (one session, whichever app process answers), no redirects followed."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()

    def request(self, port: int, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """The status, the address redirected to (if any) and the page."""
        with self.lock:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        with self.lock:
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(header)
                self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return response.status, response.getheader("Location", ""), text

    def form_token(self, port: int, path: str) -> str:
        """The CSRF token of the form on a page, as a browser sends it back."""
        status, _, page = self.request(port, "GET", path)
        assert status == 200, f"GET {path} answered {status}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None, f"{path} has no form with a CSRF token"
        return token.group(1)

    def sign_in(self, port: int, username: str) -> None:
        token = self.form_token(port, "/sign-in/")
        status, _, _ = self.request(
            port, "POST", "/sign-in/", {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        )
        assert status == 302, f"signing in as {username} answered {status}"

    def post_form(self, port: int, page: str, action: str, form: dict[str, str]) -> str:
        """Submit a form from ``page`` to ``action``; the address it redirects to."""
        token = self.form_token(port, page)
        status, location, text = self.request(port, "POST", action, {"csrfmiddlewaretoken": token, **form})
        assert status == 302, f"POST {action} answered {status}: {text[:500]}"
        return location


def _status(port: int, path: str) -> int:
    try:
        return Browser().request(port, "GET", path)[0]
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
    env["OWNWAY_ENABLEMENT_ROTA_SECONDS"] = "1"  # each optimiser run searches for a second
    running = Processes(env, tmp_path)
    try:
        yield running
    finally:
        running.stop()
        connection.close()


@pytest.fixture
def agreements(settings, tmp_path, social_worker, team_manager, person):
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"  # where the app processes write the bank files
    people = [person, *(PersonFactory(team=person.team) for _ in range(3))]
    return [agreement_for(social_worker, team_manager, someone) for someone in people]


@pytest.fixture
def rostering(db):
    """An enablement team with four workers on shift on each of twenty days, and ten people's visits; its manager."""
    team = demo.enablement_team()
    manager = UserFactory(username="topology-manager", role=Role.ENABLEMENT_MANAGER, team=team)
    demo.make_team(manager=manager, team=team, day=FIRST_DAY, workers=4, people=10)
    for shift in Shift.objects.filter(date=FIRST_DAY).select_related("worker"):
        for day in DAYS[1:]:
            shift_set(actor=manager, worker=shift.worker, date=day, starts=shift.starts, ends=shift.ends)
    assert Shift.objects.count() == RUNS * EnablementWorker.objects.count()
    return manager


def _credits_on_disk(folder: Path) -> dict[str, int]:
    credits: dict[str, int] = defaultdict(int)
    for path in folder.glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="ascii"))):
            if row[0] == "D":
                credits[row[6]] += int(row[5])
    return dict(credits)


def test_two_app_processes_and_two_workers_run_every_job_once_and_pay_nothing_twice(
    processes, agreements, rostering, finance_officer, tmp_path
):
    due = payments_outlook(user=finance_officer, today=timezone.localdate()).late
    assert due >= len(agreements)
    apps = [_free_port(), _free_port()]
    for number, port in enumerate(apps, start=1):
        processes.start(f"app-{number}", "-m", "ownway.cli", "serve", "--port", str(port), "--workers", "2",
                        "--threads", "2")  # fmt: skip
    for worker in WORKERS:
        processes.start(worker, "-m", "ownway.cli", "worker", "--worker-id", worker, "--interval", "0.2")

    # Both app processes ready: the database answers, migrations applied, a worker seen.
    began = time.monotonic()
    deadline = time.monotonic() + 90
    while any(_status(port, "/readyz") != 200 for port in apps):
        for name, process in processes.started:
            assert process.poll() is None, f"{name} stopped:\n{processes.output(name)}"
        assert time.monotonic() < deadline, "the app processes never became ready"
        time.sleep(0.5)

    ready = time.monotonic() - began
    # The manager and the finance officer sign in, each once: their sessions work on either app process.
    for user in (rostering, finance_officer):  # with a hasher the app processes' own settings know
        user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user.save(update_fields=["password"])
    manager, finance = Browser(), Browser()
    manager.sign_in(apps[0], rostering.username)
    finance.sign_in(apps[1], finance_officer.username)

    # All at once: twenty optimiser runs, a day each, asked of both app processes in turn, and "Pay what is due
    # today" pressed on both app processes at the same moment.
    def optimise(day: dt.date) -> str:
        rota = f"/enablement/rota/{day.isoformat()}/"
        return manager.post_form(apps[DAYS.index(day) % 2], rota, rota, {"action": "optimise"})

    def pay(port: int) -> str:
        return finance.post_form(port, "/direct-payments/", "/direct-payments/run/", {})

    with ThreadPoolExecutor(max_workers=8) as pool:
        paying = [pool.submit(pay, port) for port in apps]
        run_pages = list(pool.map(optimise, DAYS))
        pay_pages = [future.result() for future in paying]
    job_ids = [page.rstrip("/").rsplit("/", 1)[-1] for page in run_pages]
    assert all(page.startswith("/enablement/rota/runs/") for page in run_pages)
    assert len(set(job_ids)) == RUNS
    assert all(page.startswith("/background-work/") for page in pay_pages)
    job_ids += list(dict.fromkeys(page.rstrip("/").rsplit("/", 1)[-1] for page in pay_pages))

    deadline = time.monotonic() + 90
    while Job.objects.filter(id__in=job_ids).exclude(status=JobStatus.DONE).exists():
        unfinished = Job.objects.filter(id__in=job_ids).exclude(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        assert not unfinished.exclude(status=JobStatus.DONE).exists(), list(unfinished.values("label", "error"))
        assert time.monotonic() < deadline, list(Job.objects.filter(id__in=job_ids).values("label", "status"))
        for number, port in enumerate(apps, start=1):
            answer = _status(port, "/healthz")
            assert answer == 200, f"app-{number} answered {answer}:\n{processes.output(f'app-{number}')}"
        time.sleep(0.5)
    # The pages the browsers were sent to show each job's outcome.
    assert "A new draft rota" in manager.request(apps[1], "GET", run_pages[0])[2]
    for page in pay_pages:
        assert re.search(r"\d+ payments? made|No payments were due today", finance.request(apps[0], "GET", page)[2])

    # Every job ran exactly once: one attempt each, claimed once, by one of the two workers.
    jobs = list(Job.objects.filter(id__in=job_ids))
    assert len(jobs) == len(job_ids) >= RUNS + 1
    assert [(job.status, job.attempts) for job in jobs] == [(JobStatus.DONE, 1)] * len(jobs)
    results = DBTaskResult.objects.filter(id__in=[job.task_result_id for job in jobs])
    assert sorted(result.status for result in results) == ["SUCCESSFUL"] * len(jobs)
    assert all(len(result.worker_ids) == 1 and result.worker_ids[0] in WORKERS for result in results)
    by_worker = Counter(job.worker_id for job in jobs)
    assert set(by_worker) <= set(WORKERS)
    assert sum(by_worker.values()) == len(jobs)
    # One result each: each run saved one draft rota, for its own day, and no day has two.
    runs = list(RotaRun.objects.filter(job_id__in=job_ids[:RUNS]))
    assert sorted(run.first_day for run in runs) == DAYS
    rotas = list(Rota.objects.filter(made_by_run__in=runs).values_list("made_by_run", "date"))
    assert len(rotas) == RUNS
    assert len({run for run, _ in rotas}) == len({day for _, day in rotas}) == RUNS
    print(f"Ready in {ready:.0f}s; jobs run by each worker: {dict(by_worker)}; payments made by each run: "
          f"{[run.payments_made for run in PaymentRun.objects.order_by('pk')]}")  # fmt: skip

    # Nothing paid twice: each period due once, in the bank files and the ledger alike.
    pay_runs = list(PaymentRun.objects.all())
    assert {run.status for run in pay_runs} == {RunStatus.COMPLETED}
    assert sum(run.payments_made for run in pay_runs) == due
    payments = list(Payment.objects.values_list("agreement__reference", "period_start", "amount"))
    assert len(payments) == due
    assert len({(reference, start) for reference, start, _ in payments}) == len(payments)
    assert not Payment.objects.exclude(bacs_file__status=BacsFileStatus.WRITTEN).exists()
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for reference, _, amount in payments:
        paid[reference] += amount
    assert _credits_on_disk(tmp_path / "bacs") == {reference: pence(total) for reference, total in paid.items()}
    check = ledger_reconciliation()
    assert check.reconciles, check.discrepancies
