"""The daily payment run, as background work started by the worker at the time the council sets.

It does what ``manage.py run_direct_payments`` does, through the same service
(:func:`~.services.payment_run`), which is safe to run again at any time: a period is never paid twice, and
a bank file a stopped run left unwritten is written by the next. So a run retried after a failure, or run
again after its worker was killed, pays nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ownway.jobs.services import JobContext, job_task, time_setting

from .models import BacsFileStatus
from .services import payment_run

#: The key of the daily payment run's schedule.
SCHEDULE_KEY = "direct-payments-run"


def payment_run_at() -> dt.time:
    """When the daily payment run starts unless the council changes it on screen (``OWNWAY_PAYMENT_RUN_AT``,
    a 24-hour local time like ``06:00``; 06:00 by default, early enough for the bank file to go the same day)."""
    return time_setting("OWNWAY_PAYMENT_RUN_AT", "06:00")


@job_task(max_attempts=3)
def direct_payments_run(context: JobContext, *, as_of: str = "") -> dict[str, Any]:
    """Pay every direct payment due by ``as_of`` (ISO date; today, in the council's time zone, when empty)."""
    day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
    context.report(as_of=day.isoformat())
    run = payment_run(actor=None, as_of=day)
    bacs = getattr(run, "bacs_file", None)
    return {
        "run": run.pk,
        "as_of": day.isoformat(),
        "payments_made": run.payments_made,
        "total": str(run.total),
        "bacs_file": bacs.name if bacs is not None and bacs.status == BacsFileStatus.WRITTEN else "",
        "notes": run.notes.splitlines(),
    }
