"""Re-planning the rest of a published day in the background (``services_replan.replan_start`` starts it)."""

from __future__ import annotations

from typing import Any

from ownway.jobs.services import JobContext, job_task

from . import services_replan


@job_task(max_attempts=2)
def replan_day(context: JobContext, **arguments: Any) -> dict[str, Any]:
    """Re-plan the rest of a team's published day after a change."""
    return services_replan.replan_work(context)
