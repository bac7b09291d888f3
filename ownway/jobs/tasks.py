"""The background work's own housekeeping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Job, JobStatus
from .services import JobContext, job_task

#: Finished background work is kept this long for administrators to look back on, then cleared away.
KEEP_FINISHED_DAYS = 90


@job_task(max_attempts=3)
def jobs_prune(context: JobContext, *, keep_days: int = KEEP_FINISHED_DAYS) -> dict[str, Any]:
    """Clear away the records of background work that finished well over ``keep_days`` ago: jobs that were done
    or cancelled, and the task results behind them. Failed jobs stay until an administrator has dealt with them
    (tried again); what the work itself did (payments, letters, audit events) is kept by each app, not here.
    Safe to run again: a second run finds nothing left to clear."""
    from django_tasks_db.models import DBTaskResult

    if not 1 <= keep_days <= 3650:
        raise ValueError("keep_days must be from 1 to 3650")
    before = timezone.now() - dt.timedelta(days=keep_days)
    with transaction.atomic():
        jobs, _ = Job.objects.filter(status__in=[JobStatus.DONE, JobStatus.CANCELLED], finished_at__lt=before).delete()
        kept = Job.objects.exclude(task_result_id=None).values("task_result_id")
        results, _ = DBTaskResult.objects.filter(finished_at__lt=before).exclude(id__in=kept).delete()
    context.report(jobs=jobs, results=results)
    return {"jobs": jobs, "results": results, "before": before.date().isoformat()}
