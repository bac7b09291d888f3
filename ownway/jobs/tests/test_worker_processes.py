"""Real workers, in processes of their own (``ownway worker``), against the test's database
(``shared_database``, :mod:`ownway.core.testing`: the SQLite file or the PostgreSQL database they share).

A worker killed with SIGKILL in the middle of a task loses nothing: once it has not been heard from for
``OWNWAY_WORKER_STALE_SECONDS``, another worker puts its task back in the queue and runs it, and the task
completes once. Two workers taking from one queue run every task exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

from ownway.core.testing import SharedDatabase
from ownway.jobs.models import Job, JobStatus
from ownway.jobs.services import job_start
from ownway.jobs.tests import sample_tasks

STALE_SECONDS = 2


def _worker(database: SharedDatabase, *options: str) -> subprocess.Popen[str]:
    env = os.environ | {"DATABASE_URL": database.url, "OWNWAY_WORKER_STALE_SECONDS": str(STALE_SECONDS)}
    command = [sys.executable, "-m", "ownway.cli", "worker", "--interval=0.2", *options]
    return subprocess.Popen(  # noqa: S603
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _wait_for(condition: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Waited {seconds} seconds for {what}")
        time.sleep(0.1)


def _finish(worker: subprocess.Popen[str], *, seconds: float = 180) -> str:
    try:
        output, _ = worker.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
        pytest.fail(f"The worker did not finish in {seconds} seconds:\n{output}")
    return output


def _notes(path: Path) -> list[tuple[str, str, int]]:
    """(job id, "started" or "finished", process id) for each line the task wrote."""
    lines = path.read_text(encoding="ascii").splitlines() if path.exists() else []
    return [(job, what, int(pid)) for job, what, pid in (line.split() for line in lines)]


def test_a_task_whose_worker_is_killed_is_recovered_by_another_worker_and_completes_once(shared_database, tmp_path):
    notes = tmp_path / "notes.txt"
    job = job_start(
        sample_tasks.note_runs, label="Slow the first time", arguments={"path": str(notes), "slow_first_time": 120}
    )
    shared_database.hand_over()
    first = _worker(shared_database)
    try:
        _wait_for(lambda: any(what == "started" for _, what, _ in _notes(notes)), seconds=120, what="the task to start")
        first.send_signal(signal.SIGKILL)
    finally:
        output = _finish(first, seconds=30)
    assert first.returncode == -signal.SIGKILL, output
    # The killed worker says nothing more; once it has been silent long enough, a second worker takes over.
    time.sleep(STALE_SECONDS + 1)
    second = _worker(shared_database, "--batch")
    output = _finish(second)
    assert second.returncode == 0, output
    shared_database.take_back()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (JobStatus.DONE, 2, second.pid)
    assert "stopped before it finished" not in job.error  # the attempt that finished cleared the lost one's error
    assert _notes(notes) == [
        (str(job.id), "started", first.pid),  # killed part way
        (str(job.id), "started", second.pid),
        (str(job.id), "finished", second.pid),  # completed once
    ]


def test_two_workers_run_twenty_queued_jobs_each_exactly_once(shared_database, tmp_path):
    notes = tmp_path / "notes.txt"
    jobs = [
        job_start(sample_tasks.note_runs, label=f"Job {n}", arguments={"path": str(notes), "seconds": 0.3})
        for n in range(20)
    ]
    shared_database.hand_over()
    workers = [_worker(shared_database, "--batch", f"--worker-id=worker-{n}") for n in (1, 2)]
    outputs = [_finish(worker) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], "\n".join(outputs)
    shared_database.take_back()
    done = Job.objects.filter(pk__in=[job.pk for job in jobs])
    assert set(done.values_list("status", "attempts")) == {(JobStatus.DONE, 1)}
    written = _notes(notes)
    assert Counter((job, what) for job, what, _ in written) == {
        (str(job.id), what): 1 for job in jobs for what in ("started", "finished")
    }
    # Both workers took part (each task ran in one of them, and in the one that claimed it).
    assert {pid for _, _, pid in written} == {worker.pid for worker in workers}
    assert {job.worker_id for job in done} == {"worker-1", "worker-2"}
