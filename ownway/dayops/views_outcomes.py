"""A placement's goals and their progress, work taken up, and the employment outcomes' table."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.ui.forms import add_service_errors

from . import services_outcomes
from .forms_outcomes import GoalForm, PeriodForm, PlacementReviewForm, WorkForm
from .models import PROGRESS_SCALE, GoalStatus
from .permissions import DayopsAction, user_can, user_can_for
from .selectors_outcomes import (
    employment_outcomes_report,
    placement_get_for_user,
    placement_outcomes_for_user,
    progression_reviews_of,
)


@require_http_methods(["GET", "POST"])
def placement_outcomes_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A placement's goals with their progress at each review, and the work taken up; the person's workers add a
    goal here."""
    user = _user(request)
    placement = placement_get_for_user(user=user, pk=pk)
    can_record = user_can_for(user, DayopsAction.RECORD_OUTCOMES, placement.person)
    form = GoalForm(request.POST if request.method == "POST" else None, initial={"set_on": timezone.localdate()})
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied("You cannot record this person's outcomes")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services_outcomes.placement_goal_set(
                    actor=user, placement=placement, kind=data["kind"], own_words=data["own_words"],
                    set_on=data["set_on"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Goal added")
                return redirect("dayops:placement", pk=placement.pk)
    outcomes = placement_outcomes_for_user(user=user, placement=placement)
    return render(
        request,
        "dayops/outcomes/placement.html",
        {
            "title": f"Goals: {placement.service.name}",
            "outcomes": outcomes,
            "placement": placement,
            "person": placement.person,
            "form": form,
            "can_record": can_record,
            "scale": PROGRESS_SCALE,
            "open": GoalStatus.OPEN,
        },
    )


@require_http_methods(["GET", "POST"])
def placement_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Review a placement's goals: how far the person has got with each, in their words and on the scale."""
    user = _user(request)
    placement = placement_get_for_user(user=user, pk=pk, action=DayopsAction.RECORD_OUTCOMES)
    goals = list(placement.goals.filter(status=GoalStatus.OPEN).order_by("set_on", "id"))
    progression = {str(r.pk): r for r in progression_reviews_of(placement=placement)}
    form = PlacementReviewForm(
        request.POST if request.method == "POST" else None,
        goals=goals,
        progression=list(progression.values()),
        initial={"reviewed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_outcomes.placement_review_record(
                actor=user,
                placement=placement,
                reviewed_on=form.cleaned_data["reviewed_on"],
                progress=form.progress(),
                progression_review=progression.get(form.cleaned_data.get("progression_review") or ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Review recorded")
            return redirect("dayops:placement", pk=placement.pk)
    return render(
        request,
        "dayops/outcomes/review.html",
        {"title": f"Review the goals: {placement.service.name}", "placement": placement, "form": form,
         "goals": goals},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def placement_work_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record paid or voluntary work the person took up while at the placement."""
    user = _user(request)
    placement = placement_get_for_user(user=user, pk=pk, action=DayopsAction.RECORD_OUTCOMES)
    form = WorkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_outcomes.employment_outcome_record(
                actor=user, placement=placement, kind=data["kind"], role=data["role"],
                hours_per_week=data["hours_per_week"], starts_on=data["starts_on"], ends_on=data["ends_on"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Work recorded")
            return redirect("dayops:placement", pk=placement.pk)
    return render(
        request,
        "dayops/outcomes/work.html",
        {"title": f"Record work or volunteering: {placement.service.name}", "placement": placement, "form": form},
    )


def employment_outcomes_view(request: HttpRequest) -> HttpResponse:
    """Paid and voluntary work taken up by people at day placements, over a period (the last 12 months by
    default)."""
    user = _user(request)
    if not user_can(user, DayopsAction.OUTCOMES_REPORT):
        raise PermissionDenied("You cannot see the employment outcomes")
    today = timezone.localdate()
    default = {"starts_on": today - dt.timedelta(days=364), "ends_on": today}
    form = PeriodForm(request.GET if "starts_on-year" in request.GET else None, initial=default)
    period = default
    if form.is_bound and form.is_valid():
        period = {"starts_on": form.cleaned_data["starts_on"], "ends_on": form.cleaned_data["ends_on"]}
    report = employment_outcomes_report(user=user, **period)
    return render(
        request, "dayops/outcomes/employment.html", {"title": "Work and volunteering", "form": form, "report": report}
    )
