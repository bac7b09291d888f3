"""The payment run, as background work: started by the worker every day at the time the council sets, and by a
finance officer's "Pay what is due today" (:func:`payment_run_start`), who then follows it on its page.

It does what ``manage.py run_direct_payments`` does, through the same service
(:func:`~.services.payment_run`), which is safe to run again at any time: a period is never paid twice, and
a bank file a stopped run left unwritten is written by the next. So a run retried after a failure, or run
again after its worker was killed, pays nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ownway.accounts.models import User
from ownway.core.money import format_money
from ownway.jobs.models import Job, JobStatus
from ownway.jobs.services import JobContext, job_start, job_task, time_setting
from ownway.ui.jinja2 import govuk_date

from .models import BacsFileStatus, PaymentRun
from .permissions import PaymentAction, user_can
from .selectors import PaymentsOutlook, payments_outlook
from .services import BankFileError, payment_run

#: The key of the daily payment run's schedule.
SCHEDULE_KEY = "direct-payments-run"


def payment_run_at() -> dt.time:
    """When the daily payment run starts unless the council changes it on screen (``OWNWAY_PAYMENT_RUN_AT``,
    a 24-hour local time like ``06:00``; 06:00 by default, early enough for the bank file to go the same day)."""
    return time_setting("OWNWAY_PAYMENT_RUN_AT", "06:00")


@job_task(max_attempts=3)
def direct_payments_run(context: JobContext, *, as_of: str = "", actor_id: int | None = None) -> dict[str, Any]:
    """Pay every direct payment due by ``as_of`` (ISO date; today, in the council's time zone, when empty).

    ``actor_id`` is the finance officer who pressed "Pay what is due today" (checked again and audited as theirs);
    none for the scheduled run. For a finance officer, the result says what was paid (or why nothing was) and when
    payments next fall due, as their page shows it."""
    day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
    actor = User.objects.get(pk=actor_id) if actor_id is not None else None
    context.report(as_of=day.isoformat())
    try:
        run = payment_run(actor=actor, as_of=day)
    except BankFileError as error:
        context.report(problem=f"The payment run stopped before the end. {error} Nothing is paid twice.")
        raise
    bacs = getattr(run, "bacs_file", None)
    result: dict[str, Any] = {
        "run": run.pk,
        "as_of": day.isoformat(),
        "payments_made": run.payments_made,
        "total": format_money(run.total),
        "bacs_file": bacs.name if bacs is not None and bacs.status == BacsFileStatus.WRITTEN else "",
        "notes": run.notes.splitlines(),
    }
    if actor is not None:
        result["outcome"] = payment_run_outcome(run, payments_outlook(user=actor, today=day))
    return result


def payment_run_outcome(run: PaymentRun, outlook: PaymentsOutlook) -> str:
    """What a run paid (or why nothing was) and when payments next fall due, in a sentence or two."""
    if run.payments_made:
        done = (
            f"{run.payments_made} payment{'s' if run.payments_made != 1 else ''} made, {format_money(run.total)} in all"
        )
        bacs_file = getattr(run, "bacs_file", None)
        done += f", in the bank file {bacs_file.name}." if bacs_file is not None else "."
    elif outlook.late:
        done = "No payments were made."
    elif outlook.being_paid:
        done = f"No payments were due today: every payment due by {govuk_date(outlook.today)} had already been made."
    else:
        done = "No payments were made."
    return f"{done} {outlook.explanation}"


def payment_run_start(*, actor: User, as_of: dt.date) -> tuple[Job, bool]:
    """A finance officer's "Pay what is due today": start the payment run in the background, and say whether this
    started it. Pressed again while a run they started is still queued or running, it gives that run back rather
    than start another; and two runs at once (a second finance officer, the scheduled run) still pay nothing twice,
    as :func:`~.services.payment_run` never pays a period twice."""
    if not user_can(actor, PaymentAction.RUN):
        raise PermissionDenied("Only a finance officer can run direct payments")
    with transaction.atomic():
        under_way = (
            Job.objects.select_for_update()
            .filter(task_path=direct_payments_run.module_path, requested_by=actor)
            .filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
            .order_by("created_at")
            .first()
        )
        if under_way is not None:
            return under_way, False
        job = job_start(
            direct_payments_run,
            label=f"Pay what is due by {govuk_date(as_of)}",
            arguments={"as_of": as_of.isoformat(), "actor_id": actor.pk},
            requested_by=actor,
        )
    return job, True
