"""Surveys' background work, each day at the time the council sets on the schedules page: each person whose
personal budget has run for the council's time is asked how it is going (:func:`~.services.plan_surveys_send`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ownway.jobs.services import JobContext, job_task, time_setting

from .services import plan_surveys_send

#: The key of the daily schedule.
SCHEDULE_KEY = "survey-invitations"


def surveys_at() -> dt.time:
    """When the surveys go each day unless the council changes it on screen (07:30)."""
    return time_setting("OWNWAY_SURVEYS_AT", "07:30")


@job_task(max_attempts=3)
def survey_invitations(context: JobContext, *, as_of: str = "") -> dict[str, Any]:
    """Ask each person whose personal budget has run for the council's time, and who has not been asked about
    that plan, to answer the survey."""
    day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
    asked = plan_surveys_send(today=day)
    context.report(asked=asked)
    return {"as_of": day.isoformat(), "asked": asked}
