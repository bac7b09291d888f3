"""Carers' pages: offering a carer's assessment and recording the answer, the carers never offered one, and
carers' contingency plans."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import add_months
from ownway.core.workflow import TransitionRefused
from ownway.people.models import CaringRelationship
from ownway.people.permissions import policy as people_policy
from ownway.ui.forms import add_service_errors, show_transition_refused
from ownway.ui.listing import Column, paged_and_sorted

from . import services_offers as services
from .forms_offers import AnswerForm, ContingencyForm, OfferForm
from .models import OfferAnswer
from .permissions_offers import CarerAction, user_can, user_can_for
from .selectors_offers import (
    carers_not_offered_for_user,
    carers_not_offered_shown,
    contingency_history_for_user,
    offer_get_for_user,
    relationship_get_for_user,
)

NOT_OFFERED_COLUMNS = [
    Column("Carer", "name", ("last_name", "first_name")),
    Column("Cares for"),
    Column("Named worker"),
]


def _back_to_record(user: object, relationship: CaringRelationship) -> HttpResponse:
    """To the record of the person cared for when the user may open it, else to the carer's."""
    cared_for = relationship.cared_for
    shown = cared_for if people_policy.sees(user, cared_for) else relationship.carer  # type: ignore[arg-type]
    return redirect("people:person", pk=shown.pk)


@require_http_methods(["GET"])
def not_offered_view(request: HttpRequest) -> HttpResponse:
    """The carers never offered a carer's assessment: the team's, or the worker's own (``?whose=mine``)."""
    user = _user(request)
    if not user_can(user, CarerAction.WORKLIST):
        raise PermissionDenied("You cannot see the carers waiting to be offered an assessment")
    mine = request.GET.get("whose") == "mine"
    listing = paged_and_sorted(
        request,
        carers_not_offered_for_user(user=user, mine=mine),
        NOT_OFFERED_COLUMNS,
        default="name",
        shown=lambda page: carers_not_offered_shown(user=user, carers=page),
    )
    return render(
        request,
        "carers/offers/not_offered.html",
        {"title": "Carers never offered an assessment", "listing": listing, "mine": mine},
    )


@require_http_methods(["GET", "POST"])
def offer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a carer's assessment was offered to a carer (from the cared-for person's or the carer's record)."""
    user = _user(request)
    relationship = relationship_get_for_user(user=user, pk=pk, action=CarerAction.OFFER)
    form = OfferForm(request.POST if request.method == "POST" else None, initial={"offered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.carer_assessment_offer_make(
                actor=user,
                relationship=relationship,
                offered_on=form.cleaned_data["offered_on"],
                method=form.cleaned_data["method"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"A carer's assessment was offered to {relationship.carer.full_name}.")
            return _back_to_record(user, relationship)
    return render(
        request,
        "carers/offers/offer.html",
        {"title": f"Offer {relationship.carer.full_name} a carer's assessment", "relationship": relationship,
         "form": form},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the carer's answer: accepted (their carer's assessment starts) or declined, with their reason."""
    user = _user(request)
    offer = offer_get_for_user(user=user, pk=pk)
    if offer.answer != OfferAnswer.WAITING:
        messages.info(request, "The carer's answer to this offer has been recorded already.")
        return _back_to_record(user, offer.relationship)
    form = AnswerForm(request.POST if request.method == "POST" else None, initial={"answered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answered = services.carer_assessment_offer_answer(
                actor=user,
                offer=offer,
                answer=data["answer"],
                answered_on=data["answered_on"],
                declined_reason=data["declined_reason"],
            )
        except TransitionRefused as error:
            show_transition_refused(form, error, request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if answered.assessment_id is not None:
                messages.success(request, f"{offer.carer.full_name}'s carer's assessment has started.")
                return redirect("assessments:tasks", pk=answered.assessment_id)
            messages.success(
                request, f"{offer.carer.full_name} declined a carer's assessment. They can be offered one again."
            )
            return _back_to_record(user, offer.relationship)
    return render(
        request,
        "carers/offers/answer.html",
        {"title": f"{offer.carer.full_name}'s answer to the offer of a carer's assessment", "offer": offer,
         "form": form},
    )  # fmt: skip


@require_http_methods(["GET"])
def contingency_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A carer's contingency plan as it is now, and every earlier version."""
    user = _user(request)
    relationship = relationship_get_for_user(user=user, pk=pk, action=CarerAction.CONTINGENCY_VIEW)
    plan, versions = contingency_history_for_user(user=user, relationship=relationship)
    return render(
        request,
        "carers/offers/contingency.html",
        {
            "title": f"What happens if {relationship.carer.full_name} cannot carry on caring",
            "relationship": relationship,
            "plan": plan,
            "versions": versions,
            "can_write": relationship.ended_on is None
            and user_can_for(user, CarerAction.CONTINGENCY_WRITE, relationship),
            "today": timezone.localdate(),
        },
    )


def _initial(latest: object | None) -> dict[str, object]:
    today = timezone.localdate()
    initial: dict[str, object] = {"written_on": today, "look_again_on": add_months(today, 12), "expected_number": 0}
    if latest is not None:
        for name in ("who_steps_in", "daily_needs", "medicines_and_routines", "emergency_contacts", "number"):
            initial["expected_number" if name == "number" else name] = getattr(latest, name)
    return initial


@require_http_methods(["GET", "POST"])
def contingency_write_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Write a carer's contingency plan, or change it (a new version; the earlier ones stay)."""
    user = _user(request)
    relationship = relationship_get_for_user(user=user, pk=pk, action=CarerAction.CONTINGENCY_WRITE)
    _, versions = contingency_history_for_user(user=user, relationship=relationship)
    latest = versions[0] if versions else None
    form = ContingencyForm(request.POST if request.method == "POST" else None, initial=_initial(latest))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        written_on: dt.date = data["written_on"]
        try:
            services.contingency_plan_write(
                actor=user,
                relationship=relationship,
                data=services.ContingencyData(
                    who_steps_in=data["who_steps_in"],
                    daily_needs=data["daily_needs"],
                    medicines_and_routines=data["medicines_and_routines"],
                    emergency_contacts=data["emergency_contacts"],
                    written_on=written_on,
                    look_again_on=data["look_again_on"],
                ),
                expected_number=data["expected_number"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The contingency plan is saved.")
            return redirect("carers:contingency", pk=relationship.pk)
    return render(
        request,
        "carers/offers/contingency_form.html",
        {"title": f"Contingency plan: if {relationship.carer.full_name} cannot carry on caring",
         "relationship": relationship, "form": form, "latest": latest},
    )  # fmt: skip
