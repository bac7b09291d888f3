"""Attendance pages: a week of a service's register on a phone, and the absences to follow up."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import format_date
from ownway.core.workflow import TransitionRefused
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import add_form_error, add_service_errors
from ownway.ui.listing import Column, paged_and_sorted, paged_list

from . import services_attend, services_change, services_charging
from .forms_attend import FollowUpForm, PlacementChangeForm, PlacementEndForm, WeekRegisterForm, mark_name
from .forms_charging import PlacementExtrasForm
from .models import Placement, PlacementExtras, PlacementStatus, SessionPart
from .permissions import DayopsAction, user_can, user_can_for
from .selectors import service_for_register
from .selectors_attend import (
    absence_alert_for_user,
    absence_alerts_for_user,
    absence_alerts_shown,
    placement_for_change,
    placement_history,
    places_free_for_user,
    register_week_for_user,
)
from .views import FIRST_DAY, _register_day


@require_http_methods(["GET", "POST"])
def register_week_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A week of a service's register for one part of the day (``?week=`` any day of it, ``?session=``): every
    day's people in one form, marked with one button."""
    user = _user(request)
    service = service_for_register(user=user, pk=str(pk))
    today = timezone.localdate()
    week_start = services_attend.week_of(_register_day(request.GET.get("week")))
    session = request.GET.get("session", "")
    if session not in SessionPart.values:
        session = SessionPart.FULL_DAY
    week = register_week_for_user(user=user, service=service, week_start=week_start, session=session, today=today)
    initial = {
        mark_name(day.date, p): ("attended" if mark.status == "attended" else mark.absence_reason)
        for day in week.days
        for p, mark in day.rows
        if mark is not None
    }
    form = WeekRegisterForm(request.POST if request.method == "POST" else None, placements=week.placements,
                            initial=initial)  # fmt: skip
    here = f"{reverse('dayops:register_week', kwargs={'pk': service.pk})}?week={week_start}&session={session}"
    if request.method == "POST" and form.is_valid():
        try:
            count = services_attend.register_mark_week(
                actor=user, service=service, week_start=week_start, session=session, marks=form.marks()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Register saved for the week of {format_date(week_start)} ({count} marked)")
            return redirect(here)
    previous = week_start - dt.timedelta(days=7)
    following = week_start + dt.timedelta(days=7)
    return render(
        request,
        "dayops/attend/register_week.html",
        {
            "title": f"Week's register: {service.name}",
            "week": week,
            "form": form,
            "names": {(day.date, p.pk): mark_name(day.date, p) for day in week.days for p, _ in day.rows},
            "sessions": SessionPart.choices,
            "session_label": SessionPart(session).label,
            "previous": previous if previous >= FIRST_DAY else None,
            "following": following if following <= today else None,
            "week_end": week_start + dt.timedelta(days=6),
        },
    )


ALERT_COLUMNS = [
    Column("Person", "name", ("person__last_name", "person__first_name")),
    Column("Service", "service", ("placement__service__name",)),
    Column("Absent since", "since", ("first_absence",)),
    Column("Named worker", "worker", (F("person__named_worker__last_name").asc(nulls_first=True),)),
    Column("Follow up"),
]


@require_http_methods(["GET", "POST"])
def absence_alerts_view(request: HttpRequest) -> HttpResponse:
    """The people absent three times in a row from a day service with no reason given: the worker's own
    (``?whose=mine``) or their team's, each followed up on the page with what was done."""
    user = _user(request)
    if not user_can(user, DayopsAction.REVIEWS_DUE):
        raise PermissionDenied("You cannot see the absences to follow up")
    mine = request.GET.get("whose") == "mine"
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        alert = absence_alert_for_user(user=user, pk=form.cleaned_data["alert"])
        if alert is None:
            add_form_error(form, "Those absences have been followed up or explained already: look at the list")
        else:
            try:
                services_attend.absence_alert_handle(actor=user, alert=alert, note=form.cleaned_data["note"])
            except (ValidationError, TransitionRefused) as error:
                add_form_error(form, "; ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, f"Absences of {alert.person.full_name} followed up")
                return redirect(request.get_full_path())
    listing = paged_and_sorted(
        request,
        absence_alerts_for_user(user=user, mine=mine),
        ALERT_COLUMNS,
        default="since",
        shown=lambda page: absence_alerts_shown(user=user, alerts=page),
    )
    return render(
        request,
        "dayops/attend/absence_alerts.html",
        {"title": "Absences to follow up", "listing": listing, "mine": mine, "form": form},
    )


@require_http_methods(["GET", "POST"])
def placement_change_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """Change a person's placement (``?placement=``): new days or part of the day from a date, or its last day;
    without one chosen, the placements to choose from. Each with the reason, kept as its history."""
    user = _user(request)
    person = person_get_for_user(user=user, pk=person_pk)
    if not user_can_for(user, DayopsAction.PLACE, person):
        raise PermissionDenied("You cannot change this person's placements")
    placement = placement_for_change(user=user, person_pk=person.pk, pk=request.GET.get("placement"))
    if placement is None:
        today = timezone.localdate()
        choices = list(
            Placement.objects.filter(person=person, status=PlacementStatus.ACTIVE)
            .exclude(ends_on__lt=today)
            .select_related("service")
            .order_by("starts_on", "id")
        )
        context = {"title": f"Change a placement: {person.full_name}", "person": person, "placements": choices}
        return render(request, "dayops/attend/placement_choose.html", context)
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if posted else None
    change_form = PlacementChangeForm(
        posted if action == "change" else None,
        prefix="change",
        initial={"days": placement.day_codes, "session": placement.session, "takes_effect": timezone.localdate()},
    )
    end_form = PlacementEndForm(posted if action == "end" else None, prefix="end",
                                initial={"ends_on": placement.ends_on})  # fmt: skip
    extras = PlacementExtras.objects.filter(placement=placement).first()
    extras_form = PlacementExtrasForm(
        posted if action == "extras" else None,
        prefix="extras",
        initial={"transport_there": extras.transport_there, "transport_home": extras.transport_home,
                 "meal": extras.meal} if extras else {},
    )  # fmt: skip
    if action == "extras" and extras_form.is_valid():
        services_charging.placement_extras_set(actor=user, placement=placement, **extras_form.cleaned_data)
        messages.success(request, f"Transport and meals saved for {person.full_name} at {placement.service.name}")
        return redirect("dayops:person", person_pk=person.pk)
    try:
        if action == "change" and change_form.is_valid():
            data = change_form.cleaned_data
            changed = services_change.placement_change(actor=user, placement=placement, days=data["days"],
                                                       session=data["session"], takes_effect=data["takes_effect"],
                                                       reason=data["reason"])  # fmt: skip
            messages.success(request, f"{person.full_name}'s placement at {placement.service.name} now is "
                                      f"{changed.days_text} ({changed.get_session_display().lower()}) from "
                                      f"{format_date(data['takes_effect'])}")  # fmt: skip
            return _after_change(request, placement)
        if action == "end" and end_form.is_valid():
            data = end_form.cleaned_data
            services_change.placement_set_end(actor=user, placement=placement, ends_on=data["ends_on"],
                                              reason=data["reason"])  # fmt: skip
            ends = f"ends on {format_date(data['ends_on'])}" if data["ends_on"] else "has no end date"
            messages.success(request, f"{person.full_name}'s placement at {placement.service.name} {ends}")
            return _after_change(request, placement)
    except ValidationError as error:
        add_service_errors(
            change_form if action == "change" else end_form,
            error if hasattr(error, "error_dict") else ValidationError({NON_FIELD_ERRORS: error.messages}),
        )
    return render(
        request,
        "dayops/attend/placement_change.html",
        {
            "title": f"Change a placement: {person.full_name}",
            "person": person,
            "placement": placement,
            "change_form": change_form,
            "end_form": end_form,
            "extras_form": extras_form,
            "history": placement_history(placement=placement),
        },
    )


def _after_change(request: HttpRequest, placement: Placement) -> HttpResponse:
    """Back to the person, saying who is first for any place the change freed."""
    for offer in services_change.offers_after(service=placement.service)[:3]:
        messages.info(request, services_change.describe_offer(offer))
    return redirect("dayops:person", person_pk=placement.person_id)


def places_free_view(request: HttpRequest) -> HttpResponse:
    """The places free at day services for the people first on their waiting lists."""
    user = _user(request)
    offers = places_free_for_user(user=user)
    listing = paged_list(request, offers, OFFER_COLUMNS)
    context = {"title": "Places free for people waiting", "listing": listing, "today": timezone.localdate()}
    return render(request, "dayops/attend/places_free.html", context)


OFFER_COLUMNS = [Column("Person"), Column("Service"), Column("Wants"), Column("Free from"),
                 Column("Place on the list", numeric=True)]  # fmt: skip
