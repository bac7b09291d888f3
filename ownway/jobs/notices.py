"""Telling people that the background work they started has finished, on the next page they open.

Starting work from a page (:func:`job_remember`) notes the job in the person's session. Each page then asks
(:func:`job_notices`) whether any noted job has finished and not yet been seen, and shows a banner with a link
to its page; opening that page marks it seen (:func:`job_mark_seen`). Only people with a job noted pay for the
look-up, one query a page until it is seen. Each app says where a job of its tasks is shown
(:func:`job_page_register`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.tasks import Task
from markupsafe import Markup

from .models import Job, JobStatus

SESSION_KEY = "ownway_jobs_waiting"
#: At most this many jobs are noted in a session (the oldest are forgotten first).
MAX_NOTED = 20

_PAGES: dict[str, Callable[[Job], str]] = {}


def job_page_register(work: Task[..., Any], page: Callable[[Job], str]) -> None:
    """Say where a job of this task is shown (called from an app's ``ready``)."""
    _PAGES[work.module_path] = page


def job_page(job: Job) -> str | None:
    page = _PAGES.get(job.task_path)
    return page(job) if page is not None else None


def job_remember(request: HttpRequest, job: Job) -> None:
    """Note in the session that this person is waiting for ``job``."""
    noted = [j for j in request.session.get(SESSION_KEY, []) if j != str(job.pk)]
    request.session[SESSION_KEY] = [*noted, str(job.pk)][-MAX_NOTED:]


@dataclass(frozen=True)
class JobNotice:
    job: Job
    page: str

    @property
    def html(self) -> Markup:
        said = "could not finish" if self.job.status == JobStatus.FAILED else "has finished"
        return Markup(
            '<p class="govuk-notification-banner__heading">{} {}. '
            '<a class="govuk-notification-banner__link" href="{}">See what it did</a></p>'
        ).format(self.job.label, said, self.page)


def job_notices(request: HttpRequest) -> list[JobNotice]:
    """The noted jobs that have finished and that the person has not yet seen."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return []
    noted = request.session.get(SESSION_KEY)
    if not noted:
        return []
    notices: list[JobNotice] = []
    keep: list[str] = []
    for job in Job.objects.filter(id__in=noted, requested_by=user).order_by("created_at"):
        if job.seen_by_requester or job.status == JobStatus.CANCELLED:
            continue
        keep.append(str(job.pk))
        page = job_page(job)
        if job.is_finished and page is not None:
            notices.append(JobNotice(job=job, page=page))
    if keep != list(noted):
        request.session[SESSION_KEY] = keep
    return notices


def job_mark_seen(job: Job, user: Any) -> None:
    """The person who started a finished job has seen what it did."""
    if job.is_finished and job.requested_by_id is not None and job.requested_by_id == getattr(user, "pk", None):
        Job.objects.filter(id=job.pk, seen_by_requester=False).update(seen_by_requester=True)
        job.seen_by_requester = True


def notices(request: HttpRequest) -> dict[str, object]:
    """The Jinja2 context processor that gives the base template :func:`job_notices`."""
    return {"job_notices": job_notices}
