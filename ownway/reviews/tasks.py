"""Reviews' background work, each day at the time the council sets on the schedules page: every plan in force is
given its planned review if it has none (:func:`~.services.planned_reviews_refresh`), then the people whose
review has reached the worklists are told it is coming (:func:`~.letters.review_reminders_send`), and so are the
people whose direct payment review or day services review is near (:func:`~.reminders.other_reminders_send`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ownway.jobs.services import JobContext, job_task, time_setting

from .letters import review_reminders_send
from .reminders import other_reminders_send
from .services import planned_reviews_refresh

#: The key of the daily reminders' schedule.
SCHEDULE_KEY = "review-reminders"


def reminders_at() -> dt.time:
    """When the reminders go each day unless the council changes it on screen (07:00)."""
    return time_setting("OWNWAY_REVIEW_REMINDERS_AT", "07:00")


@job_task(max_attempts=3)
def review_reminders(context: JobContext, *, as_of: str = "") -> dict[str, Any]:
    """Give every plan in force its planned review, then tell everyone whose review is now on the worklists,
    and who has not been told, that it is coming; then the same for direct payment and day services reviews."""
    day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
    scheduled = planned_reviews_refresh()
    context.report(scheduled=scheduled)
    told = review_reminders_send(today=day)
    context.report(told=told)
    others = other_reminders_send(today=day)
    context.report(others_told=others)
    return {"as_of": day.isoformat(), "scheduled": scheduled, "told": told, "others_told": others}
