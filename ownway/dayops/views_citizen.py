"""The person's own days and their requests to change them, a carer's breaks (with consent), and the worker's side:
the list of requests and recording consent."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ownway.accounts.requests import signed_in_user as _user
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import add_service_errors
from ownway.ui.listing import Column, paged_and_sorted

from . import services_citizen
from .forms_citizen import AnswerForm, ChangeDaysForm, ConsentForm
from .models import PROGRESS_SCALE, CarerConsent
from .permissions import DayopsAction, user_can_for
from .selectors_citizen import (
    PARTS,
    breaks_for_carer,
    carer_consents_for_person,
    change_request_get_for_user,
    change_requests_for_user,
    change_requests_shown,
    own_consent_for_user,
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


@require_POST
def my_consent_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop a carer seeing your breaks, from today."""
    user = _user(request)
    consent = own_consent_for_user(user=user, pk=pk)
    try:
        services_citizen.carer_consent_withdraw(actor=user, consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{consent.relationship.carer.full_name} can no longer see your days")
    return redirect("dayops:my_days")


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


@require_http_methods(["GET", "POST"])
def carer_consent_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """The person's consent for each of their carers to see the breaks their placements give: record it, or record
    that they withdrew it."""
    user = _user(request)
    person = person_get_for_user(user=user, pk=person_pk)
    carers = carer_consents_for_person(user=user, person=person)
    form = ConsentForm(
        request.POST if request.method == "POST" and request.POST.get("action") != "withdraw" else None,
        carers=[(str(r.pk), f"{r.carer.full_name} ({r.get_relationship_display().lower()})") for r, _, _ in carers],
        initial={"given_on": timezone.localdate()},
    )
    if request.method == "POST":
        if request.POST.get("action") == "withdraw":
            standing = {str(c.pk): c for _, c, _ in carers if c is not None}
            consent: CarerConsent | None = standing.get(request.POST.get("consent", ""))
            if consent is None:
                messages.error(request, "That consent has already been withdrawn or is not this person's")
            else:
                try:
                    services_citizen.carer_consent_withdraw(actor=user, consent=consent)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, f"{consent.relationship.carer.full_name} can no longer see the breaks")
            return redirect("dayops:carer_consent", person_pk=person.pk)
        if form.is_valid():
            relationship = next(r for r, _, _ in carers if str(r.pk) == form.cleaned_data["relationship"])
            try:
                services_citizen.carer_consent_record(
                    actor=user, relationship=relationship, given_on=form.cleaned_data["given_on"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{relationship.carer.full_name} can now see the breaks")
                return redirect("dayops:carer_consent", person_pk=person.pk)
    return render(
        request,
        "dayops/citizen/consent.html",
        {"title": f"Carers who may see {person.full_name}'s breaks", "person": person, "carers": carers,
         "form": form},
    )  # fmt: skip
