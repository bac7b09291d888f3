"""A worker's page for one visit on their published day: record arriving and leaving, or a missed visit.

The page works without JavaScript (each button sends the form, with an id made when the page was drawn, so a
form sent twice records once). With the page's script (``enablement/visits.js``), the phone's own id and time are
sent, and a recording made without a signal waits on the phone and is sent when the signal comes back. The
script asks for JSON (``Accept: application/json``); the answer then says what was recorded or why not.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import format_date
from ownway.ui.forms import add_service_errors

from . import services_visits
from .forms_visits import VisitRecordForm
from .models import RecordingKind
from .selectors_visits import actual_for, rota_visit_for_worker
from .views import clock

DONE_MESSAGES = {
    RecordingKind.ARRIVE: "Arrival recorded",
    RecordingKind.DEPART: "Departure recorded",
    RecordingKind.MISSED: "Missed visit recorded",
}


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


@require_http_methods(["GET", "POST"])
def visit_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    json = _wants_json(request)
    try:
        rota_visit = rota_visit_for_worker(user=user, pk=pk)
    except PermissionDenied as refused:
        if json and request.method == "POST":
            return JsonResponse({"ok": False, "errors": {"": [str(refused)]}}, status=403)
        raise
    episode = rota_visit.planned_visit.episode
    goals = list(episode.goals.order_by("id"))
    form = VisitRecordForm(initial={"client_id": uuid.uuid4()}, goals=goals)
    if request.method == "POST":
        form = VisitRecordForm(request.POST, goals=goals)
        if form.is_valid():
            data = form.cleaned_data
            goal = next((g for g in goals if str(g.pk) == data["goal"]), None)
            try:
                actual, new = services_visits.visit_record(
                    actor=user, rota_visit=rota_visit, client_id=data["client_id"], kind=data["kind"],
                    device_time=data["device_time"], note=data["note"], goal=goal, progress=data["progress"],
                    reason=data["reason"],
                )  # fmt: skip
            except PermissionDenied as refused:
                if json:
                    return JsonResponse({"ok": False, "errors": {"": [str(refused)]}}, status=403)
                raise
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = DONE_MESSAGES[RecordingKind(data["kind"])] + ("" if new else " (already received)")
                if json:
                    answer = {"ok": True, "new": new, "status": actual.status, "message": message}
                    return JsonResponse(answer, status=201 if new else 200)
                messages.success(request, message)
                return redirect("enablement:visit_record", pk=rota_visit.pk)
        if json:
            return JsonResponse({"ok": False, "errors": form.errors.get_json_data(escape_html=True)}, status=400)
        retry = request.POST.copy()
        retry["client_id"] = str(uuid.uuid4())  # the next try is a new recording
        form.data = retry
    rota = rota_visit.rota
    start = rota_visit.start_minute
    return render(
        request,
        "enablement/visits/record.html",
        {
            "title": f"Visit to {episode.person.full_name}",
            "rota_visit": rota_visit,
            "person": episode.person,
            "day": format_date(rota.date, weekday=True),
            "date": rota.date,
            "starts": clock(start),
            "ends": clock(start + rota_visit.planned_visit.duration_minutes) if start is not None else "",
            "actual": actual_for(rota_visit),
            "form": form,
            "clock_of": lambda moment: timezone.localtime(moment).strftime("%H:%M") if moment else "",
        },
    )
