"""Day-opportunity pages: a person's tier, reviews and placements; the tier reviews due; a service's places."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import format_date
from ownway.directory.models import Service, ServiceStatus
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import add_service_errors
from ownway.ui.listing import Column, paged_and_sorted, paged_list

from . import services
from .forms import PlacementForm, RegisterForm, ReviewForm, TierForm
from .models import DayService, NeedComplexity, Placement, SessionPart
from .permissions import DayopsAction, user_can, user_can_for
from .selectors import (
    attendance_rate,
    attendance_rates_for_person,
    day_opportunities_for_person,
    day_opportunity_lines,
    register_for_user,
    register_services_for_user,
    reviews_due_for_user,
    reviews_due_shown,
    service_for_register,
    service_places_for_user,
)
from .selectors_match import day_services


def person_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """A person's tier now, its history with each review, their placements and the waiting lists they are on."""
    user = _user(request)
    person = person_get_for_user(user=user, pk=person_pk)
    record = day_opportunities_for_person(user=user, person=person)
    return render(
        request,
        "dayops/person.html",
        {
            "title": f"Day opportunities: {person.full_name}",
            "person": person,
            "record": record,
            "rates": attendance_rates_for_person(placements=record.placements),
            "today": timezone.localdate(),
            "can_decide": user_can_for(user, DayopsAction.DECIDE_TIER, person),
            "can_place": user_can_for(user, DayopsAction.PLACE, person),
            "can_see_charges": user_can_for(user, DayopsAction.CHARGES, person),
            "complexity": NeedComplexity.objects.filter(person=person).select_related("recorded_by").first(),
        },
    )


def _person_for(request: HttpRequest, person_pk: int, action: DayopsAction, message: str):
    user = _user(request)
    person = person_get_for_user(user=user, pk=person_pk)
    if not user_can_for(user, action, person):
        raise PermissionDenied(message)
    return user, person


@require_http_methods(["GET", "POST"])
def tier_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    user, person = _person_for(request, person_pk, DayopsAction.DECIDE_TIER, "You cannot decide this person's tier")
    form = TierForm(request.POST if request.method == "POST" else None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.tier_set(
                actor=user,
                person=person,
                tier=data["tier"],
                reason=data["reason"],
                decided_on=data["decided_on"],
                review_due=data["review_due"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            due = f": review due {format_date(decision.review_due)}" if decision.review_due else ""
            messages.success(request, f"{person.full_name} is now in {decision.get_tier_display()}{due}")
            return redirect("dayops:person", person_pk=person.pk)
    current = services.tier_current(person)
    return render(
        request,
        "dayops/tier.html",
        {"title": f"Decide the tier for {person.full_name}", "person": person, "form": form, "current": current},
    )


@require_http_methods(["GET", "POST"])
def review_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    user, person = _person_for(request, person_pk, DayopsAction.DECIDE_TIER, "You cannot review this person's tier")
    current = services.tier_current(person)
    if current is None or not current.in_tiers:
        messages.error(request, f"{person.full_name} is not in a tier, so there is nothing to review")
        return redirect("dayops:person", person_pk=person.pk)
    form = ReviewForm(request.POST if request.method == "POST" else None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.progression_review_record(
                actor=user,
                person=person,
                reviewed_on=data["reviewed_on"],
                outcomes_own_words=data["outcomes_own_words"],
                decision=data["decision"],
                reasons=data["reasons"],
                tier=data["tier"],
                next_review_on=data["next_review_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Review recorded: {review.get_decision_display().lower()}")
            return redirect("dayops:person", person_pk=person.pk)
    return render(
        request,
        "dayops/review.html",
        {"title": f"Progression review for {person.full_name}", "person": person, "form": form, "current": current},
    )


def _day_services() -> list[tuple[str, str]]:
    """The services people are placed at: active directory entries that say which tiers they suit or how many
    places a session has."""
    rows = day_services().filter(status=ServiceStatus.ACTIVE).order_by("name", "id").values_list("pk", "name")
    return [(str(pk), name) for pk, name in rows]


@require_http_methods(["GET", "POST"])
def place_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """Place a person at a day service; a full session offers its waiting list instead."""
    user, person = _person_for(request, person_pk, DayopsAction.PLACE, "You cannot place this person")
    lines = {str(line.pk): line for line in day_opportunity_lines(person=person)}
    line_choices = [
        (pk, f"{line.description[:80]} (plan version {line.version.number}, {line.get_management_display().lower()})")
        for pk, line in lines.items()
    ]
    form = PlacementForm(
        request.POST if request.method == "POST" else None,
        services=_day_services(),
        lines=line_choices,
        # A service, days and part of the day suggested for the person (views_match) or chosen by them.
        initial={
            "starts_on": timezone.localdate(),
            "session": request.GET.get("session") or SessionPart.FULL_DAY,
            "service": request.GET.get("service", ""),
            "days": request.GET.getlist("days"),
        },
    )
    offer_waiting = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service = Service.objects.filter(pk=data["service"]).first()
        if service is None:
            raise Http404("No such service")
        try:
            if request.POST.get("action") == "wait":
                entry = services.waiting_list_join(
                    actor=user,
                    person=person,
                    service=service,
                    days=data["days"],
                    session=data["session"],
                    wanted_from=data["starts_on"],
                )
                messages.success(request, f"{person.full_name} is on the waiting list for {entry.service.name}")
                return redirect("dayops:service", pk=service.pk)
            placement = services.placement_make(
                actor=user,
                person=person,
                service=service,
                days=data["days"],
                session=data["session"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                plan_line=lines.get(data["plan_line"]),
            )
        except services.SessionFull as error:
            add_service_errors(form, error)
            offer_waiting = True
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person.full_name} is placed at {placement.service.name}")
            return redirect("dayops:person", person_pk=person.pk)
    return render(
        request,
        "dayops/place.html",
        {
            "title": f"Place {person.full_name} at a day service",
            "person": person,
            "form": form,
            "offer_waiting": offer_waiting,
        },
    )


REVIEW_COLUMNS = [
    Column("Person", "name", ("person__last_name", "person__first_name")),
    Column("Tier", "tier", ("tier",)),
    Column("Review was due", "due", ("review_due",)),
    Column("Named worker", "worker", (F("person__named_worker__last_name").asc(nulls_first=True),)),
]


def reviews_due_view(request: HttpRequest) -> HttpResponse:
    """The people past their tier review date: the worker's own (``?whose=mine``) or their team's."""
    user = _user(request)
    if not user_can(user, DayopsAction.REVIEWS_DUE):
        raise PermissionDenied("You cannot see the tier reviews due")
    mine = request.GET.get("whose") == "mine"
    listing = paged_and_sorted(
        request,
        reviews_due_for_user(user=user, mine=mine),
        REVIEW_COLUMNS,
        default="due",
        shown=lambda page: reviews_due_shown(user=user, decisions=page),
    )
    return render(
        request,
        "dayops/reviews_due.html",
        {"title": "Tier reviews due", "listing": listing, "mine": mine, "today": timezone.localdate()},
    )


def service_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A day service's places this week on each open day and part of the day, and its waiting list in order."""
    user = _user(request)
    places = service_places_for_user(user=user, pk=str(pk))
    rate = attendance_rate(Placement.objects.filter(service=places.service))
    return render(
        request,
        "dayops/service.html",
        {
            "title": f"Places at {places.service.name}",
            "places": places,
            "rate": rate,
            "provision": DayService.objects.filter(service=places.service).select_related("provision_set_by").first(),
            "can_set_provision": user_can(user, DayopsAction.SERVICE_PROVISION),
        },
    )


#: The days a register can be opened for: from 2000 to a year ahead (marking is refused for days not yet come).
FIRST_DAY = dt.date(2000, 1, 1)


def _register_day(value: str | None) -> dt.date:
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return today
    return day if FIRST_DAY <= day <= today + dt.timedelta(days=366) else today


REGISTER_COLUMNS = [Column("Service"), Column("People placed", numeric=True)]


def registers_view(request: HttpRequest) -> HttpResponse:
    """The day services whose registers the user marks (a provider: its own)."""
    user = _user(request)
    listing = paged_list(request, register_services_for_user(user=user).order_by("name", "id"), REGISTER_COLUMNS)
    return render(request, "dayops/registers.html", {"title": "Day service registers", "listing": listing})


@require_http_methods(["GET", "POST"])
def register_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A service's register for a day (``?date=YYYY-MM-DD``, today by default) and part of the day
    (``?session=``), marked person by person."""
    user = _user(request)
    service = service_for_register(user=user, pk=str(pk))
    day = _register_day(request.GET.get("date"))
    session = request.GET.get("session", "")
    if session not in SessionPart.values:
        session = SessionPart.FULL_DAY
    register = register_for_user(user=user, service=service, date=day, session=session)
    placements = [p for p, _ in register.rows]
    initial = {
        f"p{p.pk}": ("attended" if mark.status == "attended" else mark.absence_reason)
        for p, mark in register.rows
        if mark is not None
    }
    form = RegisterForm(request.POST if request.method == "POST" else None, placements=placements, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_mark(actor=user, service=service, date=day, session=session, marks=form.marks())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Register saved for {format_date(day, weekday=True)}")
            return redirect(f"{reverse('dayops:register', kwargs={'pk': service.pk})}?date={day}&session={session}")
    return render(
        request,
        "dayops/register.html",
        {
            "title": f"Register: {service.name}",
            "register": register,
            "form": form,
            "sessions": SessionPart.choices,
            "previous": day - dt.timedelta(days=1) if day > FIRST_DAY else None,
            "next": day + dt.timedelta(days=1) if day < timezone.localdate() else None,
            "rate": attendance_rate(Placement.objects.filter(service=service)),
        },
    )
