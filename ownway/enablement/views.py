"""Enablement pages: the rosterer's day (optimise, timeline, move, publish), a worker's own day, the dashboard."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.models import User
from ownway.accounts.requests import signed_in_user as _user
from ownway.accounts.roles import Role
from ownway.core.dates import format_date
from ownway.core.numbers import parse_id
from ownway.directory.geocode import locate
from ownway.jobs.models import JobStatus
from ownway.jobs.notices import job_mark_seen, job_remember
from ownway.jobs.services import WORKER_STALE_AFTER, worker_seen_since
from ownway.ui.forms import add_service_errors
from ownway.ui.listing import Column, paged_and_sorted

from . import services
from .forms import (
    EndEpisodeForm,
    GoalForm,
    HourlyCostForm,
    LeaveForm,
    MoveForm,
    PlannedVisitForm,
    PublishRotaForm,
    ReferralForm,
    RosterRequestForm,
    RotaDayForm,
    ShiftForm,
    StartEpisodeForm,
    VisitNoteForm,
    WorkerProfileForm,
)
from .models import MAX_EPISODE_DAYS, EnablementWorker, PlannedVisit, RotaStatus, RotaVisit, Shift
from .permissions import EnablementAction, user_can
from .rules.utilisation import utilisation
from .selectors import (
    episode_get_for_user,
    episodes_for_user,
    episodes_shown,
    outcomes_for_user,
    own_day_for_user,
    referral_get_for_user,
    referral_subject,
    referrals_waiting_for_user,
    rota_for_team_day,
    rota_get_for_user,
    rota_run_get_for_user,
    rota_runs_recent_for_user,
    rota_timelines,
    rota_unplaced_summary,
    rota_visit_get_for_user,
    utilisation_for_user,
    worker_get_for_user,
    workforce_for_user,
)
from .selectors_episodes import outcome_figures_for_user
from .selectors_visits import actual_figures_for_user

DAY_START, DAY_END = 6 * 60, 23 * 60  # the timeline's scale


#: The days a rota, a workforce or a worker's day can be looked at for: from 2000 to ten years ahead. Further out
#: the pages' arithmetic (the next day, a week of rotas) would run off the calendar.
FIRST_DAY = dt.date(2000, 1, 1)
YEARS_AHEAD = 10


def _day(value: str) -> dt.date:
    """The day an address names (2026-04-20), or 404 for one that is not a date or is outside FIRST_DAY and
    YEARS_AHEAD years from today."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise Http404("Not a date") from None
    today = timezone.localdate()
    if not FIRST_DAY <= day <= today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28)):
        raise Http404("No rota for that day")
    return day


def home_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user_can(user, EnablementAction.VIEW_OWN_DAY):
        return redirect("enablement:my_day")
    if not (user_can(user, EnablementAction.ROSTER) or user_can(user, EnablementAction.VIEW_DASHBOARD)):
        raise PermissionDenied("Enablement is for the enablement team")
    form = RotaDayForm(request.GET or None)
    if form.is_valid():
        return redirect("enablement:rota", day=form.cleaned_data["date"].isoformat())
    today = timezone.localdate()
    return render(
        request,
        "enablement/home.html",
        {
            "title": "Enablement",
            "form": form,
            "can_roster": user_can(user, EnablementAction.ROSTER) and user.team_id is not None,
            "runs": rota_runs_recent_for_user(user=user, team=user.team) if user.team is not None else [],
            "today": today,
            "tomorrow": today + dt.timedelta(days=1),
        },
    )


@require_http_methods(["GET", "POST"])
def rota_view(request: HttpRequest, day: str) -> HttpResponse:
    user = _user(request)
    date = _day(day)
    if user.team is None or not user_can(user, EnablementAction.ROSTER):
        raise PermissionDenied("Only enablement managers roster")
    team = user.team
    errors: list[str] = []
    publish_form = PublishRotaForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("optimise", "optimise_week"):
                run, new = services.rota_run_start(
                    actor=user, team=team, first_day=date, days=1 if action == "optimise" else 7
                )
                job_remember(request, run.job)
                if not new:
                    messages.info(request, "The optimiser is already working on this: here is how far it has got")
                return redirect("enablement:rota_run", pk=run.job_id)
            elif action == "publish":
                to_publish = rota_get_for_user(user=user, pk=parse_id(request.POST.get("rota")) or 0)
                publish_form = PublishRotaForm(request.POST)
                publish_form.is_valid()
                services.rota_publish(
                    actor=user,
                    rota=to_publish,
                    publish_unplaced=bool(publish_form.cleaned_data.get("publish_unplaced")),
                )
                messages.success(request, "Rota published: workers can now see their day")
            else:
                raise Http404("Unknown action")
        except ValidationError as error:
            if action == "publish":
                add_service_errors(publish_form, error)
            else:
                errors = [m for ms in error.message_dict.values() for m in ms]
        else:
            return redirect("enablement:rota", day=date.isoformat())
    rota = rota_for_team_day(user=user, team=team, day=date)
    timelines = rota_timelines(rota) if rota is not None else []
    figures = None
    unplaced: list[RotaVisit] = []
    unplaced_summary = None
    if rota is not None:
        figures = utilisation(
            contact_minutes=rota.contact_minutes,
            travel_minutes=rota.travel_minutes,
            paid_minutes=rota.paid_minutes,
            hourly_cost=Decimal(settings.OWNWAY_ENABLEMENT_HOURLY_COST),
        )
        unplaced = list(
            rota.visits.filter(worker__isnull=True).select_related("planned_visit__episode__person").order_by("id")
        )
        unplaced_summary = rota_unplaced_summary(rota)
    shifts = Shift.objects.filter(worker__team=team, date=date).count()
    running = next((run for run in services.rota_runs_unfinished(team) if date in run.dates), None)
    return render(
        request,
        "enablement/rota.html",
        {
            "RotaStatus": RotaStatus,
            "running": running,
            "title": f"Rota for {format_date(date, weekday=True)}",
            "date": date,
            "rota": rota,
            "is_draft": rota is not None and rota.status == RotaStatus.DRAFT,
            "timelines": timelines,
            "figures": figures,
            "unplaced": unplaced,
            "unplaced_summary": unplaced_summary,
            "publish_form": publish_form,
            "errors": errors,
            "shifts": shifts,
            "scale": (DAY_START, DAY_END),
            "clock": clock,
        },
    )


@require_http_methods(["GET", "POST"])
def move_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    rota_visit = rota_visit_get_for_user(user=user, pk=pk)
    rota = rota_visit.rota
    on_shift = list(
        EnablementWorker.objects.filter(team=rota.team, shifts__date=rota.date)
        .select_related("user")
        .order_by("user__last_name")
    )
    initial = {"worker": str(rota_visit.worker_id or ""), "position": rota_visit.sequence + 1}
    form = MoveForm(request.POST if request.method == "POST" else None, workers=on_shift, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["worker"]
        worker = next((w for w in on_shift if str(w.pk) == chosen), None)
        position = _route_position(rota.routes.get(chosen, []), form.cleaned_data["position"] - 1, rota_visit.task_id)
        try:
            services.rota_visit_move(actor=user, rota_visit=rota_visit, worker=worker, position=position)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Visit moved. Every rule is still kept.")
            return redirect("enablement:rota", day=rota.date.isoformat())
    return render(
        request,
        "enablement/move.html",
        {
            "title": "Move a visit",
            "form": form,
            "rota": rota,
            "rota_visit": rota_visit,
            "clock": clock,
        },
    )


@require_http_methods(["GET", "POST"])
def rota_run_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A run of the optimiser: how far it has got (the page refreshes itself until it finishes), a button to
    stop it, and once it has finished what it did to each day's rota."""
    user = _user(request)
    run = rota_run_get_for_user(user=user, pk=pk)
    job = run.job
    errors: list[str] = []
    if request.method == "POST":
        if request.POST.get("action") != "cancel":
            raise Http404("Unknown action")
        try:
            services.rota_run_cancel(actor=user, run=run)
        except ValidationError as error:
            errors = [m for ms in error.message_dict.values() for m in ms]
        else:
            messages.success(request, "The optimiser is stopping. The rota stays as it was.")
            return redirect("enablement:rota_run", pk=run.job_id)
        job.refresh_from_db()
    if job.is_finished:
        job_mark_seen(job, user)
    progress = job.progress or {}
    on_day = dt.date.fromisoformat(progress["day"]) if progress.get("day") else None
    outcome_days = (run.outcome or {}).get("days", []) if job.status == JobStatus.DONE else []
    results = [_RunDay(dt.date.fromisoformat(d["date"]), d) for d in outcome_days]
    waiting_for_worker = job.status == JobStatus.QUEUED and not worker_seen_since(timezone.now() - WORKER_STALE_AFTER)
    return render(
        request,
        "enablement/rota_run.html",
        {
            "title": run.title,
            "run": run,
            "job": job,
            "progress": progress,
            "on_day": on_day,
            "results": results,
            "errors": errors,
            "waiting_for_worker": waiting_for_worker,
            # Someone who finds a page that changes by itself hard to follow may stop it refreshing.
            "paused": request.GET.get("refresh") == "off",
        },
    )


@dataclass
class _RunDay:
    date: dt.date
    entry: dict[str, Any]

    @property
    def outcome(self) -> str:
        return str(self.entry.get("outcome", ""))

    @property
    def before(self) -> dict[str, int] | None:
        return self.entry.get("before")

    @property
    def after(self) -> dict[str, int] | None:
        return self.entry.get("after")


def _route_position(route: list[str], visit_index: int, task_id: str) -> int:
    """Turn 'the n-th visit of the day' into a place in the route, which also holds the break."""
    count = 0
    others = [t for t in route if t != task_id]
    for k, t in enumerate(others):
        if count == visit_index:
            return k
        if not t.startswith("break/"):
            count += 1
    return len(others)


@require_http_methods(["GET", "POST"])
def my_day_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    date = _day(request.GET["date"]) if "date" in request.GET else timezone.localdate()
    rota, line = own_day_for_user(user=user, day=date)
    form = RosterRequestForm(request.POST if request.method == "POST" else None)
    me = EnablementWorker.objects.filter(user=user).first()
    if request.method == "POST" and me is not None and form.is_valid():
        try:
            services.roster_request_record(
                actor=user,
                worker=me,
                date=form.cleaned_data["date"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Request sent to the rosterer")
            return redirect(request.get_full_path())
    return render(
        request,
        "enablement/my_day.html",
        {
            "title": f"My day: {format_date(date, weekday=True, year=False)}",
            "date": date,
            "rota": rota,
            "line": line,
            "next_day": date + dt.timedelta(days=1),
            "previous_day": date - dt.timedelta(days=1),
            "clock": clock,
            "form": form if me is not None else None,
            "requests": me.requests.filter(date__gte=timezone.localdate()).order_by("date") if me else [],
        },
    )


def workforce_view(request: HttpRequest, day: str) -> HttpResponse:
    date = _day(day)
    rows = workforce_for_user(user=_user(request), day=date)
    return render(
        request,
        "enablement/workforce.html",
        {"title": f"Workforce on {format_date(date, weekday=True)}", "rows": rows, "date": date},
    )


#: The columns of the list of active episodes, and how each sorts.
EPISODE_COLUMNS = [
    Column("Person", "person", ("person__last_name", "person__first_name")),
    Column("Started", "started", ("start_date",)),
    Column("Planned end", "end", ("planned_end_date",)),
    Column("Goals", "goals", ("goal_count",), numeric=True),
    Column("Visits a day", "visits", ("visit_count",), numeric=True),
]


def episodes_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    listing = paged_and_sorted(
        request,
        episodes_for_user(user=user),
        EPISODE_COLUMNS,
        default="end",
        shown=lambda page: episodes_shown(user=user, episodes=page),
    )
    return render(request, "enablement/episodes.html", {"title": "Enablement episodes", "listing": listing})


@require_http_methods(["GET", "POST"])
def episode_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    episode = episode_get_for_user(user=user, pk=pk)
    goals = list(episode.goals.order_by("id"))
    visits = list(episode.planned_visits.all())
    note_form = VisitNoteForm(prefix="note", goals=goals)
    end_form = EndEpisodeForm(prefix="end")
    goal_form = GoalForm(prefix="goal")
    visit_form = PlannedVisitForm(prefix="visit", others=visits, initial={"window_minutes": 30, "workers_needed": "1"})
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "note":
        note_form = VisitNoteForm(request.POST, prefix="note", goals=goals)
        if note_form.is_valid():
            goal = next((g for g in goals if str(g.pk) == note_form.cleaned_data["goal"]), None)
            try:
                services.visit_note_record(
                    actor=user,
                    episode=episode,
                    visited_on=timezone.localdate(),
                    note=note_form.cleaned_data["note"],
                    goal=goal,
                    progress=note_form.cleaned_data["progress"],
                )
            except ValidationError as error:
                add_service_errors(note_form, error)
            else:
                messages.success(request, "Visit note saved")
                return redirect("enablement:episode", pk=episode.pk)
    elif action == "end":
        end_form = EndEpisodeForm(request.POST, prefix="end")
        if end_form.is_valid():
            try:
                services.episode_end(
                    actor=user, episode=episode, ended_on=timezone.localdate(), outcome=end_form.cleaned_data["outcome"]
                )
            except ValidationError as error:
                add_service_errors(end_form, error)
            else:
                messages.success(request, "Enablement ended and its outcome recorded")
                return redirect("enablement:episode", pk=episode.pk)
    elif action == "goal":
        goal_form = GoalForm(request.POST, prefix="goal")
        if goal_form.is_valid():
            try:
                services.goal_add(
                    actor=user,
                    episode=episode,
                    in_own_words=goal_form.cleaned_data["in_own_words"],
                    measure=goal_form.cleaned_data["measure"],
                )
            except ValidationError as error:
                add_service_errors(goal_form, error)
            else:
                messages.success(request, "Goal added")
                return redirect("enablement:episode", pk=episode.pk)
    elif action == "visit":
        visit_form = PlannedVisitForm(request.POST, prefix="visit", others=visits)
        if visit_form.is_valid():
            try:
                services.planned_visit_add(actor=user, episode=episode, **_visit_arguments(visit_form, visits))
            except ValidationError as error:
                add_service_errors(visit_form, error)
            else:
                messages.success(request, "Visit added to the plan")
                return redirect("enablement:episode", pk=episode.pk)
    manages = user_can(user, EnablementAction.MANAGE_EPISODES) and episode.status == "active"
    return render(
        request,
        "enablement/episode.html",
        {
            "title": f"Enablement for {episode.person.full_name}",
            "episode": episode,
            "goals": goals,
            "visits": visits,
            "notes": episode.notes.select_related("written_by", "goal").order_by("-visited_on", "-id"),
            "note_form": note_form if user_can(user, EnablementAction.WRITE_NOTES) else None,
            "end_form": end_form if manages else None,
            "goal_form": goal_form if manages else None,
            "visit_form": visit_form if manages else None,
            "can_change_visits": manages,
            "can_manage": user_can(user, EnablementAction.MANAGE_EPISODES),
        },
    )


def _visit_arguments(form: PlannedVisitForm, visits: list[PlannedVisit]) -> dict[str, Any]:
    data = form.cleaned_data
    follows = next((v for v in visits if str(v.pk) == data["follows"]), None)
    return {
        "preferred_start": data["preferred_start"],
        "duration_minutes": data["duration_minutes"],
        "window_minutes": data["window_minutes"],
        "workers_needed": data["workers_needed"],
        "skill": data["skill"],
        "follows": follows,
        "min_gap_minutes": data["min_gap_minutes"],
        "max_gap_minutes": data["max_gap_minutes"],
    }


@require_http_methods(["GET", "POST"])
def planned_visit_view(request: HttpRequest, pk: int, visit_pk: int) -> HttpResponse:
    """Change or remove one row of an episode's visit plan (enablement managers)."""
    user = _user(request)
    episode = episode_get_for_user(user=user, pk=pk)
    if not user_can(user, EnablementAction.MANAGE_EPISODES):
        raise PermissionDenied("Only enablement managers change the visit plan")
    visits = list(episode.planned_visits.all())
    visit = next((v for v in visits if v.pk == visit_pk), None)
    if visit is None:
        raise Http404("No such visit in this plan")
    others = [v for v in visits if v.pk != visit.pk]
    initial = {
        "preferred_start": visit.preferred_start.strftime("%H:%M"),
        "window_minutes": visit.window_minutes,
        "duration_minutes": visit.duration_minutes,
        "workers_needed": str(visit.workers_needed),
        "skill": visit.skill,
        "follows": str(visit.follows_id or ""),
        "min_gap_minutes": visit.min_gap_minutes,
        "max_gap_minutes": visit.max_gap_minutes,
    }
    form = PlannedVisitForm(prefix="visit", others=others, initial=initial)
    removal_errors: list[str] = []
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "change":
        form = PlannedVisitForm(request.POST, prefix="visit", others=others, initial=initial)
        if form.is_valid():
            try:
                services.planned_visit_change(actor=user, visit=visit, **_visit_arguments(form, others))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Visit changed")
                return redirect("enablement:episode", pk=episode.pk)
    elif action == "remove":
        try:
            services.planned_visit_remove(actor=user, visit=visit)
        except ValidationError as error:
            removal_errors = [m for ms in error.message_dict.values() for m in ms]
        else:
            messages.success(request, "Visit removed from the plan")
            return redirect("enablement:episode", pk=episode.pk)
    elif action is not None:
        raise Http404("Unknown action")
    return render(
        request,
        "enablement/planned_visit.html",
        {
            "title": f"Change the {visit.preferred_start:%H:%M} visit",
            "episode": episode,
            "visit": visit,
            "form": form,
            "removal_errors": removal_errors,
        },
    )


def dashboard_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = HourlyCostForm(request.GET or None, initial={"hourly_cost": settings.OWNWAY_ENABLEMENT_HOURLY_COST})
    hourly_cost = Decimal(settings.OWNWAY_ENABLEMENT_HOURLY_COST)
    if form.is_bound and form.is_valid():
        hourly_cost = form.cleaned_data["hourly_cost"]
    by_team, by_area = utilisation_for_user(user=user, hourly_cost=hourly_cost)
    outcomes = outcomes_for_user(user=user)
    actual = actual_figures_for_user(user=user, hourly_cost=hourly_cost)
    achieved = outcome_figures_for_user(user=user)
    return render(
        request,
        "enablement/dashboard.html",
        {
            "title": "Enablement contact time",
            "form": form,
            "by_team": by_team,
            "by_area": by_area,
            "outcomes": outcomes,
            "hourly_cost": hourly_cost,
            "actual": actual,
            "targets": actual.targets,
            "achieved": achieved,
        },
    )


def clock(minutes: int | None) -> str:
    if minutes is None:
        return ""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _manager(request: HttpRequest) -> User:
    user = _user(request)
    if not user_can(user, EnablementAction.MANAGE_EPISODES) or (user.team is None and user.role != Role.ADMINISTRATOR):
        raise PermissionDenied("Only enablement managers record referrals and start episodes")
    return user


@require_http_methods(["GET", "POST"])
def referrals_view(request: HttpRequest) -> HttpResponse:
    """Record a referral; the team's referrals waiting to start are listed below the form."""
    user = _manager(request)
    form = ReferralForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        # Who the referral is about is checked even when other answers are wrong, so every error shows at once.
        valid = form.is_valid()
        person = contact = None
        try:
            found = referral_subject(
                user=user,
                person_reference=form.cleaned_data.get("person_reference", ""),
                contact_reference=form.cleaned_data.get("contact_reference", ""),
                date_of_birth=form.cleaned_data.get("date_of_birth"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            person, contact = found if found is not None else (None, None)
        if valid and person is not None and form.is_valid():
            data = form.cleaned_data
            try:
                if user.team is None:
                    raise ValidationError({"person_reference": ["You need a team to record a referral"]})
                referral = services.referral_record(
                    actor=user,
                    person=person,
                    team=user.team,
                    source=data["source"],
                    received_on=data["received_on"],
                    reason=data["reason"],
                    contact=contact,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Referral recorded for {person.full_name}")
                return redirect("enablement:start_episode", pk=referral.pk)
    return render(
        request,
        "enablement/referrals.html",
        {"title": "Enablement referrals", "form": form, "waiting": referrals_waiting_for_user(user=user)},
    )


@require_http_methods(["GET", "POST"])
def start_episode_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    referral = referral_get_for_user(user=user, pk=pk)
    today = timezone.localdate()
    initial = {
        "start_date": today,
        "planned_end_date": today + dt.timedelta(days=MAX_EPISODE_DAYS),
        "postcode": referral.person.postcode,
    }
    form = StartEpisodeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        point = locate(data["postcode"])
        if point is None:
            form.add_error("postcode", f"We could not find the postcode {data['postcode'].upper()}: check it")
        else:
            try:
                episode = services.episode_start(
                    actor=user,
                    referral=referral,
                    start_date=data["start_date"],
                    planned_end_date=data["planned_end_date"],
                    latitude=_coordinate(point.latitude),
                    longitude=_coordinate(point.longitude),
                )
            except ValidationError as error:
                add_service_errors(form, error, rename={"latitude": "postcode"})
            else:
                messages.success(request, f"Enablement started. Planned to end {format_date(episode.planned_end_date)}")
                return redirect("enablement:episode", pk=episode.pk)
    return render(
        request,
        "enablement/start_episode.html",
        {
            "title": f"Start enablement for {referral.person.full_name}",
            "form": form,
            "referral": referral,
            "max_days": MAX_EPISODE_DAYS,
        },
    )


def _coordinate(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


@require_http_methods(["GET", "POST"])
def worker_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A worker's details (skills, area, home base, hours), a shift for a day, and leave."""
    user = _user(request)
    worker = worker_get_for_user(user=user, pk=pk)
    day = timezone.localdate() + dt.timedelta(days=1)
    profile_initial = {
        "area": worker.area,
        "skills": list(worker.skills),
        "contracted_hours": worker.contracted_hours,
    }
    profile_form = WorkerProfileForm(prefix="profile", initial=profile_initial)
    shift_form = ShiftForm(
        prefix="shift", initial={"date": day, "kind": "day", "starts": "07:00", "ends": "14:30", "break_minutes": 30}
    )
    leave_form = LeaveForm(prefix="leave", initial={"reason": "Annual leave"})
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "profile":
        profile_form = WorkerProfileForm(request.POST, prefix="profile", initial=profile_initial)
        if profile_form.is_valid():
            data = profile_form.cleaned_data
            latitude, longitude = worker.latitude, worker.longitude
            postcode = data["postcode"].strip()
            point = locate(postcode) if postcode else None
            if postcode and point is None:
                profile_form.add_error("postcode", f"We could not find the postcode {postcode.upper()}: check it")
            else:
                if point is not None:
                    latitude, longitude = _coordinate(point.latitude), _coordinate(point.longitude)
                try:
                    services.worker_profile_save(
                        actor=user,
                        user=worker.user,
                        data=services.WorkerData(
                            team=worker.team,
                            area=data["area"],
                            skills=data["skills"],
                            latitude=latitude,
                            longitude=longitude,
                            contracted_hours=data["contracted_hours"],
                        ),
                    )
                except ValidationError as error:
                    add_service_errors(profile_form, error)
                else:
                    messages.success(request, f"{worker}'s details saved")
                    return redirect("enablement:worker", pk=worker.pk)
    elif action == "shift":
        shift_form = ShiftForm(request.POST, prefix="shift")
        if shift_form.is_valid():
            data = shift_form.cleaned_data
            try:
                services.shift_set(
                    actor=user,
                    worker=worker,
                    date=data["date"],
                    starts=data["starts"],
                    ends=data["ends"],
                    kind=data["kind"],
                    break_minutes=data["break_minutes"],
                )
            except ValidationError as error:
                add_service_errors(shift_form, error)
            else:
                messages.success(request, f"Shift set for {format_date(data['date'], weekday=True)}")
                return redirect("enablement:worker", pk=worker.pk)
    elif action == "leave":
        leave_form = LeaveForm(request.POST, prefix="leave")
        if leave_form.is_valid():
            data = leave_form.cleaned_data
            try:
                services.leave_record(
                    actor=user,
                    worker=worker,
                    first_day=data["first_day"],
                    last_day=data["last_day"],
                    reason=data["reason"],
                )
            except ValidationError as error:
                add_service_errors(leave_form, error)
            else:
                messages.success(request, "Leave recorded. Any shifts in it were removed.")
                return redirect("enablement:worker", pk=worker.pk)
    elif action is not None:
        raise Http404("Unknown action")
    today = timezone.localdate()
    return render(
        request,
        "enablement/worker.html",
        {
            "title": str(worker),
            "worker": worker,
            "profile_form": profile_form,
            "shift_form": shift_form,
            "leave_form": leave_form,
            "shifts": worker.shifts.filter(date__gte=today).order_by("date")[:14],
            "leave": worker.leave.filter(last_day__gte=today).order_by("first_day"),
            "day": day,
        },
    )
