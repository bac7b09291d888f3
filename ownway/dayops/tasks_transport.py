"""The transport work done in the background: planning a day's council fleet runs (``ownway.jobs``)."""

from __future__ import annotations

from typing import Any

from ownway.jobs.services import JobContext, job_task

from . import services_transport


@job_task(max_attempts=2)
def fleet_plan_day(context: JobContext, **arguments: Any) -> dict[str, Any]:
    """Plan one day's runs of the council fleet: to the day services, then home."""
    return services_transport.fleet_plan_work(context)
