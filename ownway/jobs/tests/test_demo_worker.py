"""``ownway demo`` starts a background worker beside its web server, the worker runs what is queued, and
stopping the demo stops the worker too. The demo, with a small city, in a process of its own (slow: it
builds the city)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(condition, *, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Waited {seconds} seconds for {what}:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _query(database: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(database, timeout=20) as db:
        return db.execute(sql).fetchall()


def test_the_demo_runs_a_worker_that_does_queued_work_and_stops_with_it(tmp_path):
    database = tmp_path / "demo.sqlite3"
    log = tmp_path / "demo.log"
    env = os.environ | {"DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    port = _free_port()
    command = [sys.executable, "-m", "ownway.cli", "demo", "--people", "500", "--fresh", f"--port={port}"]
    with log.open("w") as out:
        demo = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        _wait_for(lambda: "Ownway is running at" in log.read_text(), seconds=900, what="the demo to start", log=log)
        _wait_for(
            lambda: bool(_query(database, "SELECT pid FROM jobs_workerbeat")), seconds=60, what="its worker", log=log
        )
        ((worker_pid,),) = _query(database, "SELECT pid FROM jobs_workerbeat")
        assert _alive(worker_pid)
        queue = (
            "from ownway.jobs.services import job_start; from ownway.jobs.tests import sample_tasks; "
            "job_start(sample_tasks.add_up, label='Queued beside the demo', arguments={'numbers': [1, 2, 3]})"
        )
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "ownway.cli", "manage", "shell", "-c", queue], cwd=settings.BASE_DIR, env=env,
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        done = "SELECT status, result FROM jobs_job WHERE label = 'Queued beside the demo'"
        _wait_for(lambda: _query(database, done)[0][0] == "done", seconds=60, what="the job to be done", log=log)
        assert _query(database, done) == [("done", '{"total": 6}')]
        demo.send_signal(signal.SIGTERM)
        assert demo.wait(timeout=60) == 0
        _wait_for(lambda: not _alive(worker_pid), seconds=30, what="the worker to stop", log=log)
        assert _query(database, "SELECT count(*) FROM jobs_workerbeat") == [(0,)]  # it said it was going
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
