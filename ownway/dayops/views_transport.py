"""Transport pages: a person's travel to each placement and their travel training; the council fleet, a day's
planning (its progress, like the rota optimiser's) and each driver's run, laid out for a phone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import format_date
from ownway.jobs.models import JobStatus
from ownway.jobs.notices import job_mark_seen, job_remember
from ownway.jobs.services import WORKER_STALE_AFTER, JobNotCancellable, job_cancel, worker_seen_since
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import add_service_errors

from . import services_transport as services
from .forms_transport import (
    DriverForm,
    FleetPlanForm,
    TrainingEndForm,
    TrainingStartForm,
    TrainingStepForm,
    TravelForm,
    VehicleChangeForm,
    VehicleForm,
    VehicleRetireForm,
)
from .models import FleetLeg
from .permissions import DayopsAction, user_can_for
from .selectors_transport import (
    fleet_for_user,
    fleet_plan_for_user,
    fleet_plan_routes,
    fleet_route_for_user,
    training_get,
    transport_for_person,
    vehicle_for_user,
)


def _person(request: HttpRequest, person_pk: int) -> tuple[Any, Any]:
    user = _user(request)
    person = person_get_for_user(user=user, pk=person_pk)
    if not user_can_for(user, DayopsAction.TRAVEL, person):
        raise PermissionDenied("You cannot arrange this person's travel")
    return user, person


def _placement_choices(rows: list[Any]) -> list[tuple[str, str]]:
    return [(str(r.placement.pk), str(r.placement)) for r in rows]


@require_http_methods(["GET", "POST"])
def travel_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """How the person travels to each placement now and before, and a form to record a change."""
    user, person = _person(request, person_pk)
    rows = transport_for_person(user=user, person=person)
    placements = {str(r.placement.pk): r.placement for r in rows}
    chosen = request.GET.get("placement", "")
    form = TravelForm(
        request.POST if request.method == "POST" else None,
        placements=_placement_choices(rows),
        initial={"from_date": timezone.localdate(), "max_ride_minutes": 60,
                 "placement": chosen if chosen in placements else ""},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            travel = services.travel_set(
                actor=user,
                placement=placements[data["placement"]],
                mode=data["mode"],
                from_date=data["from_date"],
                pickup_address=data["pickup_address"],
                pickup_postcode=data["pickup_postcode"],
                wheelchair=data["wheelchair"],
                escort=data["escort"],
                needs_notes=data["needs_notes"],
                pickup_from=data["pickup_from"],
                pickup_until=data["pickup_until"],
                return_at=data["return_at"],
                max_ride_minutes=data["max_ride_minutes"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Travel saved: {travel.get_mode_display().lower()} from "
                                      f"{format_date(travel.from_date)}")  # fmt: skip
            return redirect("dayops:travel", person_pk=person.pk)
    return render(
        request,
        "dayops/transport/travel.html",
        {"title": f"Travel: {person.full_name}", "person": person, "rows": rows, "form": form},
    )


@require_http_methods(["GET", "POST"])
def travel_training_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """Travel training: start it for a placement, record each step by date, and end it (achieved, the person
    travels on their own from then)."""
    user, person = _person(request, person_pk)
    rows = transport_for_person(user=user, person=person)
    placements = {str(r.placement.pk): r.placement for r in rows}
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "") if post else ""
    today = {"started_on": timezone.localdate(), "date": timezone.localdate(), "ended_on": timezone.localdate()}
    start = TrainingStartForm(post if action == "start" else None, placements=_placement_choices(rows), initial=today)
    step = TrainingStepForm(post if action == "step" else None, initial=today)
    end = TrainingEndForm(post if action == "end" else None, initial=today)
    if post is not None:
        try:
            if action == "start" and start.is_valid():
                services.travel_training_start(actor=user, placement=placements[start.cleaned_data["placement"]],
                                               goal=start.cleaned_data["goal"],
                                               started_on=start.cleaned_data["started_on"])  # fmt: skip
                messages.success(request, "Travel training started")
                return redirect("dayops:travel_training", person_pk=person.pk)
            if action in ("step", "end"):
                training = training_get(person=person, pk=_int(request.POST.get("training")))
                if action == "step" and step.is_valid():
                    services.travel_training_step(actor=user, training=training, **step.cleaned_data)
                    messages.success(request, "Step recorded")
                    return redirect("dayops:travel_training", person_pk=person.pk)
                if action == "end" and end.is_valid():
                    services.travel_training_end(actor=user, training=training, ended_on=end.cleaned_data["ended_on"],
                                                 achieved=end.cleaned_data["achieved"] == "yes")  # fmt: skip
                    messages.success(request, "Travel training ended")
                    return redirect("dayops:travel_training", person_pk=person.pk)
            elif action != "start":
                raise Http404("Unknown action")
        except ValidationError as error:
            add_service_errors({"start": start, "step": step, "end": end}[action], error)
    return render(
        request,
        "dayops/transport/training.html",
        {"title": f"Travel training: {person.full_name}", "person": person, "rows": rows, "start": start,
         "step": step, "end": end, "action": action},
    )  # fmt: skip


def _int(value: str | None) -> int:
    try:
        number = int(value or "")
    except ValueError:
        raise Http404("No such record") from None
    if not 0 < number < 2**31:
        raise Http404("No such record")
    return number


@require_http_methods(["GET", "POST"])
def fleet_view(request: HttpRequest) -> HttpResponse:
    """The council fleet: its vehicles and drivers (and forms to add them), and planning a day's runs."""
    user = _user(request)
    fleet = fleet_for_user(user=user)
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "") if post else ""
    vehicles = {str(v.pk): v for v in fleet.vehicles}
    vehicle_form = VehicleForm(post if action == "vehicle" else None)
    driver_form = DriverForm(post if action == "driver" else None, vehicles=[(k, str(v)) for k, v in vehicles.items()])
    plan_form = FleetPlanForm(post if action == "plan" else None, initial={"date": timezone.localdate()})
    if post is not None:
        if action not in ("vehicle", "driver", "plan"):
            raise Http404("Unknown action")
        try:
            if action == "vehicle" and vehicle_form.is_valid():
                vehicle = services.vehicle_add(actor=user, **vehicle_form.cleaned_data)
                messages.success(request, f"{vehicle.registration} added to the fleet")
                return redirect("dayops:fleet")
            if action == "driver" and driver_form.is_valid():
                data = driver_form.cleaned_data
                driver = services.driver_add(actor=user, name=data["driver_name"], phone=data["phone"],
                                             vehicle=vehicles.get(data["vehicle"]))  # fmt: skip
                messages.success(request, f"{driver.name} added to the fleet's drivers")
                return redirect("dayops:fleet")
            if action == "plan" and plan_form.is_valid():
                plan = services.fleet_plan_start(actor=user, date=plan_form.cleaned_data["date"])
                job_remember(request, plan.job)
                return redirect("dayops:fleet_plan", pk=plan.pk)
        except ValidationError as error:
            add_service_errors({"vehicle": vehicle_form, "driver": driver_form, "plan": plan_form}[action], error)
    return render(
        request,
        "dayops/transport/fleet.html",
        {"title": "Council fleet", "fleet": fleet, "vehicle_form": vehicle_form, "driver_form": driver_form,
         "plan_form": plan_form, "action": action},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def vehicle_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A vehicle of the fleet: change its seats, wheelchair spaces, depot or name, or retire it. A vehicle on a
    run planned for today or later keeps the room those runs use."""
    user = _user(request)
    vehicle = vehicle_for_user(user=user, pk=pk)
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "") if post else ""
    initial = {"name": vehicle.name, "seats": vehicle.seats, "wheelchair_spaces": vehicle.wheelchair_spaces,
               "depot_name": vehicle.depot_name, "depot_postcode": vehicle.depot_postcode}  # fmt: skip
    form = VehicleChangeForm(post if action == "change" else None, initial=initial)
    retire_form = VehicleRetireForm(post if action == "retire" else None, initial={"from_date": timezone.localdate()})
    errors: list[str] = []
    if post is not None:
        if action not in ("change", "retire"):
            raise Http404("Unknown action")
        try:
            if action == "change" and form.is_valid():
                services.vehicle_change(actor=user, vehicle=vehicle, **form.cleaned_data)
                messages.success(request, f"{vehicle.registration} changed")
                return redirect("dayops:fleet")
            if action == "retire" and retire_form.is_valid():
                retired = services.vehicle_retire(actor=user, vehicle=vehicle, **retire_form.cleaned_data)
                day = format_date(retire_form.cleaned_data["from_date"], weekday=True)
                again = services.vehicle_replan_days(retired)
                messages.success(
                    request,
                    f"{vehicle.registration} retires from the fleet from {day}"
                    + (f": plan {', '.join(format_date(d, weekday=True) for d in again[:5])} again, whose runs use it"
                       if again else ""),
                )  # fmt: skip
                return redirect("dayops:vehicle", pk=vehicle.pk)
        except ValidationError as error:
            if action == "change":
                add_service_errors(form, error)
            elif hasattr(error, "error_dict"):
                add_service_errors(retire_form, error)
            else:
                errors = list(error.messages)
    return render(
        request,
        "dayops/transport/vehicle.html",
        {"title": f"Vehicle {vehicle.registration}", "vehicle": vehicle, "form": form, "errors": errors,
         "action": action, "retire_form": retire_form, "retired": services.vehicle_retired(vehicle),
         "replan": [format_date(d, weekday=True) for d in services.vehicle_replan_days(vehicle)]},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def fleet_plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A day's planning: how far it has got (the page refreshes itself until it finishes), a button to stop it,
    then each vehicle's run, who was left out and why, and what the independent check found."""
    user = _user(request)
    plan = fleet_plan_for_user(user=user, pk=pk)
    job = plan.job
    errors: list[str] = []
    if request.method == "POST":
        if request.POST.get("action") != "cancel":
            raise Http404("Unknown action")
        try:
            job_cancel(job)
        except JobNotCancellable:
            errors = ["The planner has already finished"]
        else:
            messages.success(request, "The planner is stopping. No runs are saved.")
            return redirect("dayops:fleet_plan", pk=plan.pk)
        job.refresh_from_db()
    if job.is_finished:
        job_mark_seen(job, user)
    waiting = job.status == JobStatus.QUEUED and not worker_seen_since(timezone.now() - WORKER_STALE_AFTER)
    routes = fleet_plan_routes(plan=plan) if job.status == JobStatus.DONE else []
    return render(
        request,
        "dayops/transport/fleet_plan.html",
        {"title": f"Fleet runs for {format_date(plan.date, weekday=True)}", "plan": plan, "job": job,
         "progress": job.progress or {}, "outcome": plan.outcome or {}, "routes": routes, "errors": errors,
         "waiting_for_worker": waiting, "paused": request.GET.get("refresh") == "off"},
    )  # fmt: skip


@require_http_methods(["GET"])
def fleet_route_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A driver's run, for a phone: its stops to the day services, then home, each in order with its time, who
    gets on or off, where, and their wheelchair, escort and other needs."""
    user = _user(request)
    route, stops = fleet_route_for_user(user=user, pk=pk)
    return render(
        request,
        "dayops/transport/fleet_route.html",
        {"title": f"Run: {route.vehicle.registration}, {format_date(route.plan.date, weekday=True)}",
         "route": route, "stops": stops, "legs": FleetLeg.choices},
    )  # fmt: skip
