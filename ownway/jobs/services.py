"""Starting, running, retrying, cancelling and scheduling background work.

Each piece of Ownway's background work is a Django task (``django.tasks``) made with :func:`job_task`. It is
started with :func:`job_start`, which writes a :class:`~ownway.jobs.models.Job` and queues the task in the
same transaction: if the request that asked for it fails, neither is kept. A worker (``ownway worker``) runs
it. The job records each attempt; a failure is retried, later each time, until ``max_attempts`` is reached,
and then shown to administrators with its error. A worker that stops mid-task (killed, machine lost) stops
saying it is alive; another worker notices within a minute and puts its task back in the queue, counting the
attempt. Work run this way must therefore be safe to run again: every Ownway task is.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import IntegrityError, transaction
from django.tasks import Task, task
from django.utils import timezone
from django.utils.module_loading import import_string

from ownway.accounts.audit import audit_record
from ownway.accounts.context import Origin, origin_scope
from ownway.accounts.models import User
from ownway.core.versioning import version_claim

from . import events
from .models import Cadence, Job, JobStatus, Schedule, WorkerBeat
from .permissions import JobAction, user_can
from .rules import next_daily, next_yearly

logger = logging.getLogger("ownway.jobs")

P = ParamSpec("P")
R = TypeVar("R")

#: A worker that has not said it is alive for this long has stopped; its running task goes back in the queue
#: (``OWNWAY_WORKER_STALE_SECONDS``, 60 unless set: several beats, so a busy machine is not taken for dead).
WORKER_STALE_AFTER = dt.timedelta(seconds=60)


def worker_stale_after() -> dt.timedelta:
    seconds = getattr(settings, "OWNWAY_WORKER_STALE_SECONDS", None)
    return dt.timedelta(seconds=int(seconds)) if seconds else WORKER_STALE_AFTER


#: How long before each retry: the n-th retry waits ``RETRY_BACKOFF * 2**(n-1)``.
RETRY_BACKOFF = dt.timedelta(seconds=10)
#: How often a running job reads whether it has been cancelled (a database read each time).
CANCEL_CHECK_SECONDS = 1.0

#: The worker running in this process, if any (set by the worker; recorded on each job it runs).
CURRENT_WORKER_ID: str = ""

_MAX_ATTEMPTS: dict[str, int] = {}


class JobCancelled(Exception):
    """Raised inside a job when the person who started it asked for it to stop."""


class JobNotCancellable(Exception):
    """The job has already finished, so there is nothing to cancel."""


@dataclass
class JobContext:
    """What a running job may do besides its work: say how far it has got, and find out whether to stop."""

    job: Job
    _last_cancel_check: float = field(default=0.0, repr=False)
    _cancelled: bool = field(default=False, repr=False)

    @property
    def attempt(self) -> int:
        return self.job.attempts

    def report(self, **progress: Any) -> None:
        """Record progress for the page that shows the job (numbers and short strings; JSON)."""
        self.job.progress = {**self.job.progress, **progress}
        Job.objects.filter(id=self.job.id).update(progress=self.job.progress, updated_at=timezone.now())

    def cancelled(self) -> bool:
        """Whether someone asked this job to stop (read from the database at most once a second)."""
        now = time.monotonic()
        if not self._cancelled and now - self._last_cancel_check >= CANCEL_CHECK_SECONDS:
            self._last_cancel_check = now
            self._cancelled = Job.objects.filter(id=self.job.id, cancel_requested=True).exists()
        return self._cancelled

    def stop_if_cancelled(self) -> None:
        if self.cancelled():
            raise JobCancelled


def job_task(
    *, max_attempts: int = 3, priority: int = 0, queue_name: str = "default"
) -> Callable[[Callable[..., Any]], Task[..., Any]]:
    """Make ``function(context, **arguments)`` a Django task run as a job (see the module's docstring).

    Use it as a decorator on a module-level function; the task keeps the function's name and module, so the
    worker finds it by the same dotted path.
    """
    if not 1 <= max_attempts <= 20:
        raise ValueError("max_attempts must be from 1 to 20")

    def decorate(function: Callable[..., Any]) -> Task[..., Any]:
        def run(job_id: str) -> Any:
            # Log lines and audit events written by the work carry the job's id, as a request's carry its own.
            origin = Origin(request_id=str(job_id)[:36], path=f"job {made.module_path}"[:300], via="job")
            with origin_scope(origin):
                return _job_run(function, job_id)

        run.__module__ = function.__module__
        run.__name__ = function.__name__
        run.__qualname__ = function.__qualname__
        run.__doc__ = function.__doc__
        made = task(priority=priority, queue_name=queue_name)(run)
        _MAX_ATTEMPTS[made.module_path] = max_attempts
        return made

    return decorate


def job_start(
    work: Task[..., Any],
    *,
    label: str,
    arguments: dict[str, Any] | None = None,
    requested_by: Any = None,
    run_after: dt.datetime | None = None,
) -> Job:
    """Record a job and queue its first attempt, in one transaction."""
    if work.module_path not in _MAX_ATTEMPTS:
        raise ValueError(f"{work.module_path} is not a job task (make it with @job_task)")
    with transaction.atomic():
        job = Job.objects.create(
            task_path=work.module_path,
            label=label[:200],
            arguments=arguments or {},
            requested_by=requested_by if getattr(requested_by, "pk", None) else None,
            max_attempts=_MAX_ATTEMPTS[work.module_path],
        )
        _queue_attempt(job, work, run_after=run_after)
    return job


def _queue_attempt(job: Job, work: Task[..., Any], *, run_after: dt.datetime | None) -> None:
    queued = work.using(run_after=run_after) if run_after else work
    job_id = str(job.id)
    # The immediate backend (used by a few tests) runs the task inside enqueue: record first what it reads.
    Job.objects.filter(id=job.id).update(status=JobStatus.QUEUED)
    result = queued.enqueue(job_id)
    job.task_result_id = _as_uuid(result.id)
    Job.objects.filter(id=job.id, status=JobStatus.QUEUED).update(task_result_id=job.task_result_id)


def _as_uuid(value: str) -> str | None:
    import uuid

    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def _job_run(function: Callable[..., Any], job_id: str) -> Any:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(id=job_id)
        if job.is_finished:
            logger.info("Job %s had already finished (%s); nothing to do", job.id, job.status)
            return None
        if job.cancel_requested:
            _finish(job, JobStatus.CANCELLED)
            return None
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.worker_id = CURRENT_WORKER_ID
        job.started_at = job.started_at or timezone.now()
        job.save(update_fields=["status", "attempts", "worker_id", "started_at", "updated_at"])
    context = JobContext(job)
    try:
        result = function(context, **job.arguments)
    except JobCancelled:
        _finish(job, JobStatus.CANCELLED)
        return None
    except Exception as error:
        text = "".join(traceback.format_exception(error))
        if job.attempts < job.max_attempts:
            wait = RETRY_BACKOFF * 2 ** (job.attempts - 1)
            logger.warning("Job %s failed on attempt %s; trying again in %s", job.id, job.attempts, wait)
            Job.objects.filter(id=job.id).update(error=text, updated_at=timezone.now())
            _queue_attempt(job, import_string(job.task_path), run_after=timezone.now() + wait)
        else:
            logger.error("Job %s failed on its last attempt (%s)", job.id, job.attempts)
            _finish(job, JobStatus.FAILED, error=text)
        raise
    _finish(job, JobStatus.DONE, result=result)
    return result


def _finish(job: Job, status: JobStatus, *, result: Any = None, error: str | None = None) -> None:
    changes: dict[str, Any] = {"status": status, "finished_at": timezone.now(), "updated_at": timezone.now()}
    if status == JobStatus.DONE:
        changes["result"] = result
        changes["error"] = ""
    if error is not None:
        changes["error"] = error
    Job.objects.filter(id=job.id).update(**changes)
    for name, value in changes.items():
        setattr(job, name, value)


def job_cancel(job: Job) -> Job:
    """Ask a job to stop: one not yet started never starts; a running one stops at its next check."""
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(id=job.id)
        if locked.is_finished:
            raise JobNotCancellable(f"{locked.label} has already finished")
        locked.cancel_requested = True
        locked.save(update_fields=["cancel_requested", "updated_at"])
        if locked.status == JobStatus.QUEUED:
            _finish(locked, JobStatus.CANCELLED)
    return locked


class JobNotRetryable(ValueError):
    """Only a failed job can be tried again (one queued, running, finished or cancelled cannot)."""


def job_retry(job: Job, *, actor: User | None = None) -> Job:
    """An administrator's second chance for a failed job: a fresh set of attempts. ``actor`` is the
    administrator (checked and audited); ``None`` for the system itself."""
    if actor is not None and not user_can(actor, JobAction.ADMINISTER):
        raise PermissionDenied("Only an administrator can try a failed job again")
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(id=job.id)
        if locked.status != JobStatus.FAILED:
            raise JobNotRetryable(
                f"Only a failed job can be tried again: this one is {locked.get_status_display().lower()}"
            )
        locked.attempts = 0
        locked.finished_at = None
        locked.save(update_fields=["attempts", "finished_at", "updated_at"])
        _queue_attempt(locked, import_string(locked.task_path), run_after=None)
        if actor is not None:
            audit_record(actor=actor, action=events.JOB_RETRIED, subject=locked, new={"label": locked.label})
    locked.refresh_from_db()
    return locked


# --- workers -------------------------------------------------------------------------------------------


def worker_beat(worker_id: str, *, host: str, pid: int, started_at: dt.datetime) -> None:
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": host[:255], "pid": pid, "started_at": started_at, "seen_at": timezone.now()},
    )


def worker_gone(worker_id: str) -> None:
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


def jobs_recover_abandoned(*, now: dt.datetime | None = None) -> list[Job]:
    """Put back in the queue the work of workers that stopped mid-task (or fail it, when out of attempts).

    A task is abandoned when it is marked running by a worker that has not said it is alive for
    :func:`worker_stale_after`. Each one found is locked first, so two workers looking at once recover it once.
    """
    from django_tasks_db.models import DBTaskResult, get_date_max
    from django_tasks_db.utils import exclusive_transaction

    now = now or timezone.now()
    stale_after = worker_stale_after()
    alive = set(WorkerBeat.objects.filter(seen_at__gte=now - stale_after).values_list("worker_id", flat=True))
    recovered: list[Job] = []
    with exclusive_transaction(DBTaskResult.objects.db):
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for result in running:
            worker = result.worker_ids[-1] if result.worker_ids else ""
            if worker in alive or (result.started_at and result.started_at > now - stale_after):
                continue
            job = Job.objects.select_for_update().filter(task_result_id=result.id).first()
            message = f"The worker running this ({worker or 'unknown'}) stopped before it finished."
            if job is not None and job.attempts < job.max_attempts and not job.cancel_requested:
                result.status = "READY"
                result.run_after = get_date_max()  # the backend's mark for "as soon as a worker is free"
                result.save(update_fields=["status", "run_after"])
                Job.objects.filter(id=job.id).update(status=JobStatus.QUEUED, error=message, updated_at=now)
            else:
                result.status = "FAILED"
                result.finished_at = now
                result.exception_class_path = "ownway.jobs.services.WorkerStopped"
                result.traceback = message
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                if job is not None:
                    final = JobStatus.CANCELLED if job.cancel_requested else JobStatus.FAILED
                    Job.objects.filter(id=job.id).update(status=final, error=message, finished_at=now, updated_at=now)
            if job is not None:
                job.refresh_from_db()
                recovered.append(job)
                logger.warning("Recovered job %s from stopped worker %s: now %s", job.id, worker, job.status)
    return recovered


def worker_seen_since(moment: dt.datetime) -> bool:
    return WorkerBeat.objects.filter(seen_at__gte=moment).exists()


# --- schedules -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleDefault:
    key: str
    label: str
    work: Callable[[], Task[..., Any]]
    cadence: Cadence
    at: Callable[[], dt.time]
    month: int | None = None
    day: int | None = None
    arguments: dict[str, Any] = field(default_factory=dict)


_SCHEDULE_DEFAULTS: dict[str, ScheduleDefault] = {}


def schedule_register(default: ScheduleDefault) -> None:
    """Declare work an app wants done on a timetable (called from an app's ``ready``)."""
    _SCHEDULE_DEFAULTS[default.key] = default


def time_setting(name: str, default: str) -> dt.time:
    """A time of day from the settings (a 24-hour ``HH:MM``, like ``06:00``), for a schedule's default time;
    :class:`ImproperlyConfigured`, naming the setting, when it is not one (reported at start-up by
    :mod:`.checks`)."""
    text = str(getattr(settings, name, default)).strip()
    try:
        if len(text) != 5 or text[2] != ":":
            raise ValueError
        return dt.time.fromisoformat(text)
    except ValueError:
        raise ImproperlyConfigured(f"{name} is {text[:20]!r}: give a 24-hour time as HH:MM, like {default}") from None


def registered_schedules() -> list[ScheduleDefault]:
    return list(_SCHEDULE_DEFAULTS.values())


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def schedule_next_run(schedule: Schedule, *, after: dt.datetime) -> dt.datetime:
    if schedule.cadence == Cadence.YEARLY:
        assert schedule.month is not None
        assert schedule.day is not None
        return next_yearly(schedule.at, schedule.month, schedule.day, after=after, zone=_zone())
    return next_daily(schedule.at, after=after, zone=_zone())


def schedules_ensure(*, now: dt.datetime | None = None) -> list[Schedule]:
    """Create each registered schedule that is not yet in the database; never change one the council set.

    Each is simply inserted: the unique key refuses one already there, so several workers starting at once make
    each schedule once, and a schedule the council changed is never touched."""
    now = now or timezone.now()
    made: list[Schedule] = []
    for default in _SCHEDULE_DEFAULTS.values():
        schedule = Schedule(
            key=default.key,
            label=default.label,
            task_path=default.work().module_path,
            arguments=default.arguments,
            cadence=default.cadence,
            at=default.at(),
            month=default.month,
            day=default.day,
        )
        schedule.next_run_at = schedule_next_run(schedule, after=now)
        try:
            with transaction.atomic():
                schedule.save()
        except IntegrityError:
            continue  # made before, or by another worker starting at the same moment: that one stands
        made.append(schedule)
    return made


def schedules_enqueue_due(*, now: dt.datetime | None = None) -> list[Job]:
    """Start each enabled schedule whose time has come, once, however many workers look at the same moment."""
    from django_tasks_db.utils import exclusive_transaction

    now = now or timezone.now()
    started: list[Job] = []
    with exclusive_transaction(Schedule.objects.db):
        due = Schedule.objects.select_for_update(skip_locked=True).filter(enabled=True, next_run_at__lte=now)
        for schedule in due:
            job = job_start(import_string(schedule.task_path), label=schedule.label, arguments=schedule.arguments)
            schedule.last_run_at = now
            schedule.last_job = job
            schedule.next_run_at = schedule_next_run(schedule, after=now)
            schedule.save(update_fields=["last_run_at", "last_job", "next_run_at"])
            started.append(job)
    return started


def schedule_change(
    schedule: Schedule,
    *,
    at: dt.time,
    enabled: bool,
    actor: User | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Schedule:
    """The council sets when scheduled work runs (and whether it runs at all).

    ``actor`` is the finance officer or administrator changing it (checked and audited); ``expected_version``
    the ``lock_version`` their form was shown: if someone else changed the schedule since, :class:`StaleEdit`
    is raised and nothing is saved (:mod:`ownway.core.versioning`).
    """
    if actor is not None and not user_can(actor, JobAction.SCHEDULE):
        raise PermissionDenied("Only a finance officer or an administrator can change when scheduled work runs")
    now = now or timezone.now()
    with transaction.atomic():
        locked = Schedule.objects.select_for_update().get(pk=schedule.pk)
        old = {"at": locked.at.isoformat("minutes"), "enabled": locked.enabled}
        version_claim(locked, expected_version=expected_version, what="schedule")
        locked.at = at.replace(second=0, microsecond=0)
        locked.enabled = enabled
        locked.next_run_at = schedule_next_run(locked, after=now)
        locked.save(update_fields=["at", "enabled", "next_run_at"])
        audit_record(
            actor=actor,
            action=events.SCHEDULE_CHANGED,
            subject=locked,
            old=old,
            new={"at": locked.at.isoformat("minutes"), "enabled": enabled},
        )
    return locked


def jobs_for_requester_unseen(user: Any) -> Iterable[Job]:
    return Job.objects.filter(requested_by=user, seen_by_requester=False, status__in=[JobStatus.DONE, JobStatus.FAILED])
