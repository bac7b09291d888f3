"""Attendance pages: a week of a service's register on a phone, and the absences to follow up."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import format_date
from ownway.core.workflow import TransitionRefused
from ownway.ui.forms import add_form_error, add_service_errors
from ownway.ui.listing import Column, paged_and_sorted

from . import services_attend
from .forms_attend import FollowUpForm, WeekRegisterForm, mark_name
from .models import SessionPart
from .permissions import DayopsAction, user_can
from .selectors import service_for_register
from .selectors_attend import (
    absence_alert_for_user,
    absence_alerts_for_user,
    absence_alerts_shown,
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
