"""Reviews' background work: each day, telling the people whose review has reached the worklists that it is
coming (:func:`~.letters.review_reminders_send`), at the time the council sets on the schedules page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ownway.jobs.services import JobContext, job_task, time_setting

from .letters import review_reminders_send

#: The key of the daily reminders' schedule.
SCHEDULE_KEY = "review-reminders"


def reminders_at() -> dt.time:
    """When the reminders go each day unless the council changes it on screen (07:00)."""
    return time_setting("OWNWAY_REVIEW_REMINDERS_AT", "07:00")


@job_task(max_attempts=3)
def review_reminders(context: JobContext, *, as_of: str = "") -> dict[str, Any]:
    """Tell everyone whose review is now on the worklists, and who has not been told, that it is coming."""
    day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
    told = review_reminders_send(today=day)
    context.report(told=told)
    return {"as_of": day.isoformat(), "told": told}
