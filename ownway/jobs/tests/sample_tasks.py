"""Tasks that exist only for the jobs tests: each does something observable and nothing else."""

from __future__ import annotations

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
