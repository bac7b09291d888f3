"""Pages for consent to what a carer sees, the carer's view of the person they care for, and breaks from caring.

* Staff: a person's consents for their carers (record, record a withdrawal), from the person's record; a carer's
  breaks (book, change, cancel), from the carer's record.
* A citizen: "Caring", their own page as a carer (their breaks, and the plan and reviews of the people they care
  for where those people agree), and the consents they gave, which they may withdraw there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ownway.accounts.requests import signed_in_user as _user
from ownway.people.models import CaringRelationship
from ownway.people.selectors import person_get_for_user
from ownway.planning.models import PlanLine
from ownway.ui.forms import add_form_error, add_service_errors

from . import services_breaks, services_consent
from .forms_breaks import BreakForm, CancelForm, ConsentForm
from .models import BreakBooking, BreakKind, CarerConsent
from .permissions_breaks import BreaksAction, user_can_for
from .selectors_breaks import (
    break_get_for_user,
    break_service,
    break_services,
    breaks_of_carer,
    carer_plan_lines,
    own_breaks_for_user,
)
from .selectors_consent import (
    cared_for_for_carer,
    carer_consents_for_person,
    own_consent_for_user,
    own_consents_for_user,
)
from .selectors_offers import own_contingency_plans


def _show(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        add_service_errors(form, error)
    else:
        for message in error.messages:
            add_form_error(form, message)


# --- Consent ----------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def consents_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """The person's consent for each of their carers to see their plan, reviews or breaks: record it, or record
    that they withdrew it."""
    user = _user(request)
    person = person_get_for_user(user=user, pk=person_pk)
    carers = carer_consents_for_person(user=user, person=person)
    withdrawing = request.method == "POST" and request.POST.get("action") == "withdraw"
    form = ConsentForm(
        request.POST if request.method == "POST" and not withdrawing else None,
        carers=[(str(r.carer_id), f"{r.carer.full_name} ({r.get_relationship_display().lower()})")
                for r, _, _ in carers],
        initial={"given_on": timezone.localdate()},
    )  # fmt: skip
    if withdrawing:
        standing = {str(c.pk): c for _, c, _ in carers if c is not None}
        consent: CarerConsent | None = standing.get(request.POST.get("consent", ""))
        if consent is None:
            messages.error(request, "That consent has already been withdrawn or is not this person's")
        else:
            try:
                services_consent.carer_consent_withdraw(actor=user, consent=consent)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"{consent.relationship.carer.full_name} can no longer see any of it")
        return redirect("carers:consents", person_pk=person.pk)
    if request.method == "POST" and form.is_valid():
        relationship = next(r for r, _, _ in carers if str(r.carer_id) == form.cleaned_data["carer"])
        try:
            services_consent.carer_consent_record(
                actor=user, cared_for=person, carer=relationship.carer, covers=form.cleaned_data["covers"],
                given_on=form.cleaned_data["given_on"],
            )  # fmt: skip
        except ValidationError as error:
            _show(form, error)
        else:
            messages.success(request, f"Consent recorded: {relationship.carer.full_name} can now see what it covers")
            return redirect("carers:consents", person_pk=person.pk)
    return render(
        request,
        "carers/breaks/consents.html",
        {"title": f"What {person.full_name}'s carers may see", "person": person, "carers": carers, "form": form},
    )


@require_POST
def my_consent_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop a carer seeing what you agreed to share, from today."""
    user = _user(request)
    consent = own_consent_for_user(user=user, pk=pk)
    try:
        services_consent.carer_consent_withdraw(actor=user, consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{consent.relationship.carer.full_name} can no longer see {consent.covers_text}")
    return redirect("dayops:my_days" if request.POST.get("back") == "days" else "carers:mine")


def mine_view(request: HttpRequest) -> HttpResponse:
    """Caring: your breaks, what the people you care for let you see, and who you let see yours."""
    user = _user(request)
    breaks = own_breaks_for_user(user=user)
    cared_for = cared_for_for_carer(user=user)
    given = own_consents_for_user(user=user)
    as_carer = own_contingency_plans(user=user, as_carer=True)
    return render(
        request,
        "carers/breaks/mine.html",
        {"title": "Caring", "breaks": breaks, "cared_for": cared_for, "given": given,
         "contingency_as_carer": as_carer},
    )  # fmt: skip


# --- Breaks ----------------------------------------------------------------------------------------------------


def _break_form(
    request: HttpRequest, relationships: list[CaringRelationship], carer_lines: list[PlanLine], **kwargs: Any
) -> BreakForm:
    return BreakForm(
        request.POST if request.method == "POST" else None,
        cared_for=[(str(r.cared_for_id), r.cared_for.full_name) for r in relationships],
        services=break_services(),
        plan_lines=[(str(line.pk), line.description[:120]) for line in carer_lines],
        **kwargs,
    )


def _details(
    form: BreakForm, relationships: list[CaringRelationship], carer_lines: list[PlanLine]
) -> services_breaks.BreakDetails | None:
    data = form.cleaned_data
    cared_for = next(r.cared_for for r in relationships if str(r.cared_for_id) == data["cared_for"])
    service = break_service(data["service"])
    lines = {str(line.pk): line for line in carer_lines}
    if service is None:
        form.add_error("service", "Choose the service from the list")
        return None
    return services_breaks.BreakDetails(
        cared_for=cared_for, service=service, kind=data["kind"], starts_on=data["starts_on"],
        ends_on=data.get("ends_on"), start_time=data["start_time"], end_time=data["end_time"],
        weekday=data.get("weekday") if data["kind"] == BreakKind.WEEKLY else None,
        plan_line=lines.get(data.get("plan_line") or ""), note=data.get("note", ""),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def breaks_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """A carer's breaks from caring, and booking a new one."""
    user = _user(request)
    carer = person_get_for_user(user=user, pk=person_pk)
    breaks = breaks_of_carer(user=user, carer=carer)
    can_book = user_can_for(user, BreaksAction.BOOK, carer)
    lines = carer_plan_lines(carer) if can_book else []
    form = _break_form(request, breaks.relationships, lines, initial={"kind": BreakKind.WEEKLY})
    if request.method == "POST":
        if not can_book:
            messages.error(request, "You can see this carer's breaks but not book them: ask their worker or a broker")
            return redirect("carers:breaks", person_pk=carer.pk)
        if form.is_valid():
            details = _details(form, breaks.relationships, lines)
            if details is not None:
                try:
                    services_breaks.break_book(actor=user, carer=carer, details=details)
                except ValidationError as error:
                    _show(form, error)
                else:
                    messages.success(request, f"Break booked at {details.service.name}")
                    return redirect("carers:breaks", person_pk=carer.pk)
    return render(
        request,
        "carers/breaks/breaks.html",
        {"title": f"{carer.full_name}'s breaks from caring", "carer": carer, "breaks": breaks,
         "form": form if can_book and breaks.relationships else None},
    )  # fmt: skip


def _initial(booking: BreakBooking) -> dict[str, object]:
    return {
        "cared_for": str(booking.relationship.cared_for_id), "service": str(booking.service_id), "kind": booking.kind,
        "weekday": "" if booking.weekday is None else str(booking.weekday), "starts_on": booking.starts_on,
        "ends_on": booking.ends_on, "start_time": booking.start_time, "end_time": booking.end_time,
        "plan_line": str(booking.plan_line_id or ""), "note": booking.note,
    }  # fmt: skip


@require_http_methods(["GET", "POST"])
def break_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change or cancel one booked break."""
    user = _user(request)
    booking = break_get_for_user(user=user, pk=pk)
    carer = booking.relationship.carer
    relationships = list(
        CaringRelationship.objects.filter(carer=carer, ended_on__isnull=True).select_related("cared_for")
    )
    lines = carer_plan_lines(carer)
    cancelling = request.method == "POST" and request.POST.get("action") == "cancel"
    form = BreakForm(
        request.POST if request.method == "POST" and not cancelling else None,
        cared_for=[(str(r.cared_for_id), r.cared_for.full_name) for r in relationships],
        services=break_services(),
        plan_lines=[(str(line.pk), line.description[:120]) for line in lines],
        initial=_initial(booking),
    )
    cancel = CancelForm(request.POST if cancelling else None)
    if cancelling and cancel.is_valid():
        try:
            services_breaks.break_cancel(actor=user, booking=booking, reason=cancel.cleaned_data["reason"])
        except ValidationError as error:
            _show(cancel, error)
        else:
            messages.success(request, "Break cancelled")
            return redirect("carers:breaks", person_pk=carer.pk)
    elif request.method == "POST" and not cancelling and form.is_valid():
        details = _details(form, relationships, lines)
        if details is not None:
            try:
                services_breaks.break_change(actor=user, booking=booking, details=details)
            except ValidationError as error:
                _show(form, error)
            else:
                messages.success(request, "Break changed")
                return redirect("carers:breaks", person_pk=carer.pk)
    return render(
        request,
        "carers/breaks/break.html",
        {"title": f"Break at {booking.service.name}", "booking": booking, "carer": carer, "form": form,
         "cancel": cancel},
    )  # fmt: skip
