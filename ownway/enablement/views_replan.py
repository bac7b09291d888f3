"""The manager's pages for re-planning a published day: say what changed, watch it run, read and publish the
changes (``services_replan``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.audit import audit_shown
from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import format_date
from ownway.core.numbers import parse_id
from ownway.jobs.models import JobStatus
from ownway.jobs.notices import job_mark_seen, job_remember
from ownway.jobs.services import WORKER_STALE_AFTER, worker_seen_since
from ownway.ui.forms import add_service_errors

from . import events, services_replan
from .forms_replan import OffSickForm, VisitChangeForm
from .models import EnablementWorker, PlannedVisit, Replan, ReplanKind
from .permissions import EnablementAction, user_can, user_can_for
from .views import _day, clock


@require_http_methods(["GET", "POST"])
def replan_view(request: HttpRequest, day: str) -> HttpResponse:
    """From the published rota: someone is off sick, a visit is added or cancelled, from a time."""
    user = _user(request)
    date = _day(day)
    if user.team is None or not user_can(user, EnablementAction.ROSTER):
        raise PermissionDenied("Only enablement managers re-plan a day")
    rota = services_replan.replan_rota(actor=user, team=user.team, date=date)
    choices = services_replan.replan_choices(rota) if rota is not None else None
    workers = choices.workers if choices else []
    on_rota = choices.on_rota if choices else []
    to_add = choices.to_add if choices else []
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if posted is not None else None
    if posted is not None and action not in ReplanKind.values:
        raise Http404("Unknown action")
    sick_form = OffSickForm(posted if action == ReplanKind.OFF_SICK else None, workers=workers, prefix="sick")
    add_form = VisitChangeForm(posted if action == ReplanKind.ADD else None, visits=to_add, adding=True, prefix="add")
    cancel_form = VisitChangeForm(
        posted if action == ReplanKind.CANCEL else None, visits=on_rota, adding=False, prefix="cancel"
    )
    form: forms.Form | None = {"off_sick": sick_form, "add": add_form, "cancel": cancel_form}.get(action or "")
    if form is not None and rota is None:
        raise Http404("No published rota for that day")
    if form is not None and rota is not None and form.is_valid():
        data = form.cleaned_data
        worker = next((w for w in workers if str(w.pk) == data.get("worker")), None)
        visit = next((v for v in [*on_rota, *to_add] if str(v.pk) == data.get("visit")), None)
        try:
            replan = services_replan.replan_start(
                actor=user, rota=rota, kind=str(action), at=data["at"], worker=worker, visit=visit
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            job_remember(request, replan.job)
            return redirect("enablement:replan_run", pk=replan.job_id)
    return render(
        request,
        "enablement/replan/start.html",
        {
            "title": f"Re-plan {format_date(date, weekday=True)}",
            "date": date,
            "rota": rota,
            "sick_form": sick_form,
            "add_form": add_form,
            "cancel_form": cancel_form,
            "failed": form if form is not None and form.errors else None,
            "day_start": clock(choices.day_start) if choices else "",
            "day_end": clock(choices.day_end) if choices else "",
        },
    )


@dataclass
class ChangeLine:
    person: str
    visit_time: str
    kind: str
    from_text: str
    to_text: str


KIND_TEXT = {
    "moved": "Moved",
    "retimed": "New time",
    "added": "Added",
    "unplaced": "Could not be placed",
    "cancelled": "Cancelled",
}


def _replan_for(user: Any, pk: uuid.UUID) -> Replan:
    replan = (
        Replan.objects.select_related("job", "team", "rota", "worker__user", "planned_visit__episode__person")
        .filter(job_id=pk)
        .first()
    )
    if replan is None or not user_can_for(user, EnablementAction.ROSTER, replan.team):
        raise PermissionDenied("You cannot see this re-plan")
    return replan


@require_http_methods(["GET", "POST"])
def replan_run_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A re-plan: how far it has got (the page refreshes itself until it finishes), then every change and a button
    to publish them."""
    user = _user(request)
    replan = _replan_for(user, pk)
    job = replan.job
    errors: list[str] = []
    if request.method == "POST":
        if request.POST.get("action") != "publish":
            raise Http404("Unknown action")
        try:
            rota = services_replan.replan_publish(actor=user, replan=replan)
        except ValidationError as error:
            errors = [m for ms in error.message_dict.values() for m in ms]
        else:
            messages.success(request, "Changes published: each worker's day shows the new rota")
            return redirect("enablement:rota", day=rota.date.isoformat())
    if job.is_finished:
        job_mark_seen(job, user)
    lines = _change_lines(user, replan) if job.status == JobStatus.DONE and replan.outcome else []
    outcome = replan.outcome or {}
    waiting_for_worker = job.status == JobStatus.QUEUED and not worker_seen_since(timezone.now() - WORKER_STALE_AFTER)
    event = _event_text(replan)
    return render(
        request,
        "enablement/replan/run.html",
        {
            "title": f"Re-plan {format_date(replan.rota.date, weekday=True)}",
            "replan": replan,
            "job": job,
            "event": event,
            "progress": job.progress or {},
            "lines": lines,
            "outcome": outcome,
            "errors": errors,
            "waiting_for_worker": waiting_for_worker,
            "paused": request.GET.get("refresh") == "off",
        },
    )


def _event_text(replan: Replan) -> str:
    at = clock(replan.at_minute)
    if replan.kind == ReplanKind.OFF_SICK and replan.worker is not None:
        return f"{replan.worker} is off sick from {at}"
    visit = replan.planned_visit
    who = visit.episode.person.full_name if visit is not None else "a visit"
    if replan.kind == ReplanKind.ADD:
        return f"Add the {visit.preferred_start:%H:%M} visit to {who}, from {at}" if visit else f"Add a visit from {at}"
    return f"Cancel the {visit.preferred_start:%H:%M} visit to {who}, from {at}" if visit else f"Cancel from {at}"


def _change_lines(user: Any, replan: Replan) -> list[ChangeLine]:
    changes = (replan.outcome or {}).get("changes", [])
    visit_ids = [i for i in (parse_id(str(c.get("visit"))) for c in changes) if i is not None]
    visits = {str(v.pk): v for v in PlannedVisit.objects.filter(pk__in=visit_ids).select_related("episode__person")}
    named = (parse_id(str(w)) for c in changes for w in (c.get("from_worker"), c.get("to_worker")) if w)
    worker_ids = [i for i in named if i is not None]
    found = EnablementWorker.objects.filter(pk__in=worker_ids).select_related("user")
    workers = {str(w.pk): str(w) for w in found}

    def where(worker: str | None, start: float | None) -> str:
        if worker is None or start is None:
            return ""
        return f"{workers.get(worker, 'A worker no longer on the team')} at {clock(round(start))}"

    lines = []
    for c in changes:
        visit = visits.get(str(c.get("visit")))
        if visit is None:
            continue
        to_text = where(c.get("to_worker"), c.get("to_start"))
        if c.get("kind") == "unplaced":
            to_text = f"Could not be placed: {c.get('reason', '')}"
        elif c.get("kind") == "cancelled":
            to_text = "Nobody: cancelled"
        lines.append(
            ChangeLine(
                person=visit.episode.person.full_name,
                visit_time=f"{visit.preferred_start:%H:%M}",
                kind=KIND_TEXT.get(str(c.get("kind")), "Changed"),
                from_text=where(c.get("from_worker"), c.get("from_start")) or "Not on the rota",
                to_text=to_text,
            )
        )
    people = sorted({v.episode.person_id for v in visits.values()})
    with transaction.atomic():
        audit_shown(actor=user, action=events.REPLAN_VIEWED, shown=[(replan, pk) for pk in people])
    return lines
