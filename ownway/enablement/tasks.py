"""The enablement work done in the background: the rota optimiser, for a day and for a week.

Each is a job (``ownway.jobs``) started from the rota page by ``services.rota_run_start``; the work is
``services.rota_run_work``, which solves each day, reports how far it has got, and saves its answers once.
"""

from __future__ import annotations

from typing import Any

from ownway.jobs.services import JobContext, job_task

from . import services


@job_task(max_attempts=2)
def rota_optimise_day(context: JobContext, **arguments: Any) -> dict[str, Any]:
    """Optimise one day's rota for a team."""
    return services.rota_run_work(context)


@job_task(max_attempts=2)
def rota_optimise_week(context: JobContext, **arguments: Any) -> dict[str, Any]:
    """Optimise seven days' rotas for a team, one day after another, each reported as it goes."""
    return services.rota_run_work(context)
