"""Tasks that exist only for the jobs tests: each does something observable and nothing else."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from ownway.jobs.services import JobContext, job_task

#: How many times each sample task body ran, in this process.
RUNS: dict[str, int] = {}


@job_task(max_attempts=3)
def add_up(context: JobContext, *, numbers: list[int]) -> dict[str, Any]:
    RUNS["add_up"] = RUNS.get("add_up", 0) + 1
    context.report(seen=len(numbers))
    return {"total": sum(numbers)}


@job_task(max_attempts=2)
def always_fails(context: JobContext) -> None:
    RUNS["always_fails"] = RUNS.get("always_fails", 0) + 1
    raise RuntimeError("the sample failure")


@job_task(max_attempts=3)
def fails_once(context: JobContext) -> str:
    RUNS["fails_once"] = RUNS.get("fails_once", 0) + 1
    if context.attempt == 1:
        raise RuntimeError("first attempt fails")
    return "second attempt worked"


@job_task(max_attempts=1)
def where_from(context: JobContext) -> dict[str, str]:
    from ownway.accounts.context import current_origin

    origin = current_origin()
    return {"request_id": origin.request_id, "via": origin.via}


@job_task(max_attempts=3)
def note_runs(context: JobContext, *, path: str, seconds: float = 0.0, slow_first_time: float = 0.0) -> int:
    """Write a line to ``path`` when it starts and when it ends (a file every process can append to), taking
    ``seconds`` (and ``slow_first_time`` more on its first attempt, long enough to kill the worker)."""
    with Path(path).open("a", encoding="ascii") as notes:
        notes.write(f"{context.job.id} started {os.getpid()}\n")
    time.sleep(seconds + (slow_first_time if context.attempt == 1 else 0))
    with Path(path).open("a", encoding="ascii") as notes:
        notes.write(f"{context.job.id} finished {os.getpid()}\n")
    return os.getpid()
