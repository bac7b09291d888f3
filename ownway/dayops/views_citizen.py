"""The person's own days and their requests to change them, a carer's breaks (with consent), and the worker's side:
the list of requests. (Recording and withdrawing consent is the carers app's.)"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.ui.forms import add_service_errors
from ownway.ui.listing import Column, paged_and_sorted

from . import services_citizen
from .forms_citizen import AnswerForm, ChangeDaysForm
from .models import PROGRESS_SCALE
from .permissions import DayopsAction, user_can_for
from .selectors_citizen import (
    PARTS,
    breaks_for_carer,
    change_request_get_for_user,
    change_requests_for_user,
    change_requests_shown,
    own_days_for_user,
    own_placement_for_user,
)


def my_days_view(request: HttpRequest) -> HttpResponse:
    """Your day opportunities: where you go, on which days, your goals and how you are getting on."""
    days = own_days_for_user(user=_user(request))
    return render(
        request,
        "dayops/citizen/my_days.html",
        {"title": "Your day opportunities", "days": days, "scale": PROGRESS_SCALE},
    )


@require_http_methods(["GET", "POST"])
def my_change_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask to change the days of one of your placements: your worker gets the request."""
    user = _user(request)
    placement = own_placement_for_user(user=user, pk=pk)
    form = ChangeDaysForm(
        request.POST if request.method == "POST" else None,
        initial={"days": placement.day_codes, "session": placement.session},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_citizen.day_change_request(
                actor=user, placement=placement, days=data["days"], session=data["session"],
                wanted_from=data["wanted_from"], reason=data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your worker has your request. Your days stay the same until they change them")
            return redirect("dayops:my_days")
    return render(
        request,
        "dayops/citizen/change.html",
        {"title": f"Ask to change your days at {placement.service.name}", "placement": placement, "form": form},
    )


def carer_breaks_view(request: HttpRequest) -> HttpResponse:
    """The breaks from caring that the day opportunities of the people you care for give you, where they agree."""
    breaks = breaks_for_carer(user=_user(request))
    return render(
        request, "dayops/citizen/breaks.html", {"title": "Your breaks from caring", "breaks": breaks, "parts": PARTS}
    )


CHANGE_COLUMNS = [
    Column("Person", "name", ("placement__person__last_name", "placement__person__first_name")),
    Column("Service", "service", ("placement__service__name",)),
    Column("Asked for"),
    Column("Asked on", "on", ("requested_at",)),
    Column("Named worker", "worker", (F("placement__person__named_worker__last_name").asc(nulls_first=True),)),
]


def change_requests_view(request: HttpRequest) -> HttpResponse:
    """Requests to change days waiting for an answer: the worker's own (``?whose=mine``) or their team's."""
    user = _user(request)
    mine = request.GET.get("whose") == "mine"
    listing = paged_and_sorted(
        request,
        change_requests_for_user(user=user, mine=mine),
        CHANGE_COLUMNS,
        default="on",
        shown=lambda page: change_requests_shown(user=user, requests=page),
    )
    return render(
        request,
        "dayops/citizen/change_requests.html",
        {"title": "Requests to change days", "listing": listing, "mine": mine},
    )


@require_http_methods(["GET", "POST"])
def change_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A request to change days: what the person asked for, and the worker's answer."""
    user = _user(request)
    change = change_request_get_for_user(user=user, pk=pk)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services_citizen.day_change_answer(
                actor=user, request=change, done=form.cleaned_data["outcome"] == "done",
                response=form.cleaned_data["response"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Answered: {change.placement.person.full_name} sees it on their page")
            return redirect("dayops:change_requests")
    return render(
        request,
        "dayops/citizen/change_request.html",
        {"title": f"Request from {change.placement.person.full_name}", "change": change, "form": form,
         "can_place": user_can_for(user, DayopsAction.PLACE, change.placement.person)},
    )  # fmt: skip
