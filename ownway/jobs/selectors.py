"""Reading background work for pages, each read checked against :mod:`.permissions`."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from ownway.accounts.models import User

from .models import Job, JobStatus, Schedule
from .permissions import JobAction, user_can, user_can_see, visible_to


def jobs_for_user(*, user: User, status: str = "") -> QuerySet[Job]:
    """Every job, for an administrator; only those with ``status`` when it is one of :class:`JobStatus`."""
    if not user_can(user, JobAction.ADMINISTER):
        raise PermissionDenied("Only an administrator can see all background work")
    jobs = visible_to(user).select_related("requested_by")
    return jobs.filter(status=status) if status in JobStatus.values else jobs


def failed_jobs_count_for_user(*, user: User) -> int:
    return jobs_for_user(user=user, status=JobStatus.FAILED).count()


def job_get_for_user(*, user: User, pk: uuid.UUID | str) -> Job:
    job = Job.objects.select_related("requested_by").filter(pk=pk).first()
    if job is None or not user_can_see(user, job):
        raise Http404("No such job")  # the same answer whether it exists or not
    return job


def schedules_for_user(*, user: User) -> QuerySet[Schedule]:
    if not user_can(user, JobAction.SCHEDULE):
        raise PermissionDenied("Only a finance officer or an administrator can see the schedules")
    return Schedule.objects.select_related("last_job").order_by("label", "key")


def schedule_get_for_user(*, user: User, pk: int) -> Schedule:
    schedule = schedules_for_user(user=user).filter(pk=pk).first()
    if schedule is None:
        raise Http404("No such schedule")
    return schedule
