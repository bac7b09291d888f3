"""Pages for background work: the administrators' list of jobs and each job's page (its progress, its error
in full, and "Try again" for one that failed), and the schedules a finance officer or administrator sets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ownway.accounts.requests import signed_in_user
from ownway.core.versioning import StaleEdit
from ownway.ui.forms import add_version_field, edited_version, show_stale_edit
from ownway.ui.listing import Column, paged_and_sorted

from . import selectors, services
from .forms import ScheduleForm
from .models import Cadence, JobStatus
from .permissions import JobAction, user_can

#: How often the page of a job not yet finished reloads itself, in seconds (no JavaScript needed).
REFRESH_SECONDS = 3

JOB_COLUMNS = [
    Column("What", "label", ("label",)),
    Column("Status", "status", ("status",)),
    Column("Tries", "attempts", ("attempts",), numeric=True),
    Column("Started", "created", ("created_at",)),
    Column("Finished", "finished", (F("finished_at").asc(nulls_first=True),)),
]


@require_http_methods(["GET"])
def list_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    status = request.GET.get("status", "")
    status = status if status in JobStatus.values else ""
    listing = paged_and_sorted(
        request, selectors.jobs_for_user(user=user, status=status), JOB_COLUMNS, default="created", descending=True
    )
    return render(
        request,
        "jobs/list.html",
        {
            "listing": listing,
            "status": status,
            "statuses": JobStatus.choices,
            "title": "Background work" if not status else f"Background work: {JobStatus(status).label.lower()}",
        },
    )


@require_http_methods(["GET"])
def job_view(request: HttpRequest, pk: Any) -> HttpResponse:
    user = signed_in_user(request)
    job = selectors.job_get_for_user(user=user, pk=pk)
    return render(
        request,
        "jobs/job.html",
        {
            "job": job,
            "can_administer": user_can(user, JobAction.ADMINISTER),
            "refresh": None if job.is_finished else REFRESH_SECONDS,
            "title": job.label,
        },
    )


@require_POST
def retry_view(request: HttpRequest, pk: Any) -> HttpResponse:
    user = signed_in_user(request)
    job = selectors.job_get_for_user(user=user, pk=pk)
    if not user_can(user, JobAction.ADMINISTER):
        raise PermissionDenied("Only an administrator can try a failed job again")
    try:
        services.job_retry(job, actor=user)
    except services.JobNotRetryable as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Trying again: the job is back in the queue.")
    return redirect("jobs:job", pk=job.pk)


@require_http_methods(["GET"])
def schedules_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    selectors.schedules_for_user(user=user)  # checks first, so nothing is written for someone refused
    services.schedules_ensure()
    return render(
        request,
        "jobs/schedules.html",
        {
            "schedules": list(selectors.schedules_for_user(user=user)),
            "can_see_jobs": user_can(user, JobAction.ADMINISTER),
            "title": "Scheduled work",
        },
    )


@require_http_methods(["GET", "POST"])
def schedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    schedule = selectors.schedule_get_for_user(user=user, pk=pk)

    def saved() -> dict[str, str]:
        return {"at": schedule.at.strftime("%H:%M"), "enabled": "yes" if schedule.enabled else "no"}

    form = ScheduleForm(request.POST if request.method == "POST" else None, initial=saved())
    add_version_field(form, schedule.lock_version)
    if request.method == "POST" and form.is_valid():
        expected = edited_version(form)
        try:
            changed = services.schedule_change(
                schedule,
                at=form.cleaned_data["at"],
                enabled=form.cleaned_data["enabled"] == "yes",
                actor=user,
                expected_version=expected,
            )
        except StaleEdit as error:
            schedule.refresh_from_db()
            show_stale_edit(form, error, saved())
        else:
            when = "every day" if changed.cadence == Cadence.DAILY else "each year"
            messages.success(
                request,
                f"{changed.label}: runs {when} at {changed.at:%H:%M}."
                if changed.enabled
                else f"{changed.label}: turned off.",
            )
            return redirect("jobs:schedules")
    return render(request, "jobs/schedule.html", {"schedule": schedule, "form": form, "title": schedule.label})
