"""Writing enablement records and rotas. Each service is one transaction, validated first and audited."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import Team, User
from ownway.accounts.roles import TeamKind
from ownway.core.dates import format_date
from ownway.core.workflow import transition
from ownway.frontdoor.models import Contact, EventOutcome
from ownway.frontdoor.services import contact_close_by_sequel
from ownway.jobs.models import JobStatus
from ownway.jobs.services import JobContext, JobNotCancellable, job_cancel, job_start
from ownway.people.models import Person

from . import events
from .models import (
    MAX_EPISODE_DAYS,
    EnablementWorker,
    Episode,
    EpisodeFollowUp,
    EpisodeStatus,
    FollowUpPoint,
    Goal,
    GoalProgress,
    Leave,
    PlannedVisit,
    Referral,
    ReferralSource,
    ReferralStatus,
    RequestKind,
    RosterRequest,
    Rota,
    RotaRun,
    RotaStatus,
    RotaVisit,
    Shift,
    ShiftKind,
    Skill,
    STS002aSequel,
    VisitNote,
    rota_run_title,
)
from .permissions import EnablementAction, user_can_for
from .rostering import Day, build_day, warm_routes
from .rules.rostering import alns, checker
from .rules.rostering.alns import unplaced_reason
from .rules.rostering.model import Instance, Solution
from .selectors import rota_unplaced_summary

#: How an episode is named when a change to it is refused (``ownway.core.workflow``).
EPISODE = "enablement episode"
#: The states an episode's plan, goals and notes may change in.
ACTIVE = (EpisodeStatus.ACTIVE,)


def _require(actor: User, action: EnablementAction, team: Team, message: str) -> None:
    if not user_can_for(actor, action, team):
        raise PermissionDenied(message)


# --- referrals and episodes ---------------------------------------------------------------------------------


def referral_record(
    *,
    actor: User,
    person: Person,
    team: Team,
    source: str,
    received_on: dt.date,
    reason: str,
    contact: Contact | None = None,
) -> Referral:
    """Record a referral for enablement. One that comes from a front-door contact closes the contact, still
    open, with its sequel: "Progress to reablement/ST-Max" (CLD Event Outcome; SALT STS001 "Short Term Support
    to Maximise Independence")."""
    _require(actor, EnablementAction.MANAGE_EPISODES, team, "You cannot record enablement referrals for this team")
    errors: dict[str, list[str]] = {}
    if contact is not None and contact.person_id != person.pk:
        errors["contact_reference"] = ["That contact is about someone else"]
    if source not in ReferralSource.values:
        errors["source"] = ["Choose where the referral came from"]
    if received_on > timezone.localdate():
        errors["received_on"] = ["The date the referral was received must be today or in the past"]
    if not reason.strip():
        errors["reason"] = ["Say why enablement might help"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        referral = Referral.objects.create(
            person=person, team=team, source=source, received_on=received_on, reason=reason.strip(), recorded_by=actor
        )
        audit_record(actor=actor, action=events.REFERRAL_RECORDED, subject=referral, person=person)
        if contact is not None:
            contact_close_by_sequel(actor=actor, contact=contact, outcome=EventOutcome.REABLEMENT)
    return referral


def referral_from_review(
    *, actor: User, person: Person, review_id: int, team: Team, reason: str, received_on: dt.date
) -> Referral:
    """Refer a person for enablement because a review of their plan decided to try it before increasing their
    support (Birmingham's enablement review, seed 004): the referral lands on the enablement team's list,
    waiting to start, as one recorded by an enablement manager does, always marked as coming from a review.

    The worker holding the review makes it, though they may not record referrals for the enablement team
    otherwise: the reviews app (above this one) calls this only once it has checked the actor holds that open
    review (``reviews.decisions.enablement_referral_from_review``); here, only a team that gives enablement."""
    errors: dict[str, list[str]] = {}
    if team.kind != TeamKind.ENABLEMENT or not team.is_active:
        errors["team"] = ["Choose an enablement team"]
    if not reason.strip():
        errors["referral_reason"] = ["Say why enablement might help"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        referral = Referral.objects.create(
            person=person, team=team, source=ReferralSource.REVIEW, received_on=received_on,
            reason=reason.strip(), recorded_by=actor,
        )  # fmt: skip
        audit_record(actor=actor, action=events.REFERRAL_RECORDED, subject=referral, person=person,
                     new={"source": ReferralSource.REVIEW.value, "review": review_id})  # fmt: skip
    return referral


def episode_start(
    *,
    actor: User,
    referral: Referral,
    start_date: dt.date,
    planned_end_date: dt.date,
    latitude: Decimal,
    longitude: Decimal,
) -> Episode:
    """Start an episode of at most six weeks (:data:`.models.MAX_EPISODE_DAYS`, with its sources)."""
    _require(actor, EnablementAction.MANAGE_EPISODES, referral.team, "You cannot start episodes for this team")
    errors: dict[str, list[str]] = {}
    if referral.status != ReferralStatus.WAITING:
        errors["referral"] = ["This referral has already been dealt with"]
    if planned_end_date < start_date:
        errors["planned_end_date"] = ["The planned end must be on or after the start"]
    elif (planned_end_date - start_date).days > MAX_EPISODE_DAYS:
        last = start_date + dt.timedelta(days=MAX_EPISODE_DAYS)
        errors["planned_end_date"] = [f"Enablement lasts at most six weeks: plan to end by {format_date(last)}"]
    if not (Decimal(-90) <= latitude <= Decimal(90)) or not (Decimal(-180) <= longitude <= Decimal(180)):
        errors["latitude"] = ["Enter where the visits happen as a latitude and longitude"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(
            referral,
            allowed_from=[ReferralStatus.WAITING],
            to=ReferralStatus.STARTED,
            action="start enablement from it",
            what="referral",
        )
        episode = Episode.objects.create(
            person=referral.person,
            referral=referral,
            team=referral.team,
            start_date=start_date,
            planned_end_date=planned_end_date,
            latitude=latitude,
            longitude=longitude,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.EPISODE_STARTED,
            subject=episode,
            person=episode.person,
            new={"start_date": start_date.isoformat(), "planned_end_date": planned_end_date.isoformat()},
        )
    return episode


def goal_add(*, actor: User, episode: Episode, in_own_words: str, measure: str) -> Goal:
    _require(actor, EnablementAction.MANAGE_EPISODES, episode.team, "You cannot change this episode")
    errors: dict[str, list[str]] = {}
    if not in_own_words.strip():
        errors["in_own_words"] = ["Write the goal as the person says it"]
    if not measure.strip():
        errors["measure"] = ["Say how you will both know the goal is met, for example 'make a hot drink unaided'"]
    if episode.status != EpisodeStatus.ACTIVE:
        errors["episode"] = ["This episode has ended"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(episode, allowed_from=ACTIVE, action="add a goal to it", what=EPISODE)
        goal = Goal.objects.create(episode=episode, in_own_words=in_own_words.strip(), measure=measure.strip())
        audit_record(actor=actor, action=events.GOAL_ADDED, subject=goal, person=episode.person)
    return goal


def _visit_plan_errors(
    *,
    episode: Episode,
    duration_minutes: int,
    window_minutes: int,
    workers_needed: int,
    skill: str,
    follows: PlannedVisit | None,
    min_gap_minutes: int | None,
    max_gap_minutes: int | None,
    visit: PlannedVisit | None = None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if episode.status != EpisodeStatus.ACTIVE:
        errors["episode"] = ["This episode has ended: its visit plan can no longer change"]
    if not 5 <= duration_minutes <= 240:
        errors["duration_minutes"] = ["A visit lasts between 5 minutes and 4 hours"]
    if not 0 <= window_minutes <= 180:
        errors["window_minutes"] = ["The start may move by up to 3 hours either way"]
    if workers_needed not in (1, 2):
        errors["workers_needed"] = ["A visit needs one worker or two"]
    if skill not in Skill.values:
        errors["skill"] = ["Choose the skill the visit needs"]
    if follows is not None:
        if follows.episode_id != episode.pk:
            errors["follows"] = ["A visit can only follow another visit to the same person"]
        elif visit is not None and _follows_chain_reaches(follows, visit):
            errors["follows"] = ["A visit cannot follow itself, or a visit that comes after it"]
        if min_gap_minutes is None or max_gap_minutes is None or min_gap_minutes > max_gap_minutes:
            errors["min_gap_minutes"] = ["Give the shortest and longest gap after the earlier visit, shortest first"]
    return errors


def _follows_chain_reaches(start: PlannedVisit, target: PlannedVisit) -> bool:
    """Whether following ``start`` back through the visits it follows reaches ``target`` (a loop)."""
    seen: set[int] = set()
    current: PlannedVisit | None = start
    while current is not None and current.pk not in seen:
        if current.pk == target.pk:
            return True
        seen.add(current.pk)
        current = PlannedVisit.objects.filter(pk=current.follows_id).first() if current.follows_id else None
    return False


def planned_visit_add(
    *,
    actor: User,
    episode: Episode,
    preferred_start: dt.time,
    duration_minutes: int,
    window_minutes: int = 30,
    workers_needed: int = 1,
    skill: str = Skill.PERSONAL_CARE,
    follows: PlannedVisit | None = None,
    min_gap_minutes: int | None = None,
    max_gap_minutes: int | None = None,
) -> PlannedVisit:
    _require(actor, EnablementAction.MANAGE_EPISODES, episode.team, "You cannot change this episode")
    errors = _visit_plan_errors(
        episode=episode,
        duration_minutes=duration_minutes,
        window_minutes=window_minutes,
        workers_needed=workers_needed,
        skill=skill,
        follows=follows,
        min_gap_minutes=min_gap_minutes,
        max_gap_minutes=max_gap_minutes,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(episode, allowed_from=ACTIVE, action="change its visit plan", what=EPISODE)
        visit = PlannedVisit.objects.create(
            episode=episode,
            preferred_start=preferred_start,
            duration_minutes=duration_minutes,
            window_minutes=window_minutes,
            workers_needed=workers_needed,
            skill=skill,
            follows=follows,
            min_gap_minutes=min_gap_minutes if follows else None,
            max_gap_minutes=max_gap_minutes if follows else None,
        )
        audit_record(actor=actor, action=events.VISIT_PLANNED, subject=visit, person=episode.person)
    return visit


def _visit_fields(visit: PlannedVisit) -> dict[str, object]:
    return {
        "preferred_start": visit.preferred_start.strftime("%H:%M"),
        "window_minutes": visit.window_minutes,
        "duration_minutes": visit.duration_minutes,
        "workers_needed": visit.workers_needed,
        "skill": visit.skill,
        "follows": visit.follows_id,
        "min_gap_minutes": visit.min_gap_minutes,
        "max_gap_minutes": visit.max_gap_minutes,
    }


def planned_visit_change(
    *,
    actor: User,
    visit: PlannedVisit,
    preferred_start: dt.time,
    duration_minutes: int,
    window_minutes: int,
    workers_needed: int,
    skill: str,
    follows: PlannedVisit | None = None,
    min_gap_minutes: int | None = None,
    max_gap_minutes: int | None = None,
) -> PlannedVisit:
    """Change one row of the visit plan; rotas made from now on use the new details."""
    episode = visit.episode
    _require(actor, EnablementAction.MANAGE_EPISODES, episode.team, "You cannot change this episode")
    errors = _visit_plan_errors(
        episode=episode,
        duration_minutes=duration_minutes,
        window_minutes=window_minutes,
        workers_needed=workers_needed,
        skill=skill,
        follows=follows,
        min_gap_minutes=min_gap_minutes,
        max_gap_minutes=max_gap_minutes,
        visit=visit,
    )
    if workers_needed == 1 and visit.workers_needed == 2:
        on_rota = RotaVisit.objects.filter(planned_visit=visit, part=1).select_related("rota").first()
        if on_rota is not None:
            errors["workers_needed"] = [
                f"The second worker is already on the rota for {format_date(on_rota.rota.date)}: "
                "add a new one-worker visit and remove this one after that day instead"
            ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(visit.episode, allowed_from=ACTIVE, action="change its visit plan", what=EPISODE)
        old = _visit_fields(visit)
        visit.preferred_start = preferred_start
        visit.duration_minutes = duration_minutes
        visit.window_minutes = window_minutes
        visit.workers_needed = workers_needed
        visit.skill = skill
        visit.follows = follows
        visit.min_gap_minutes = min_gap_minutes if follows else None
        visit.max_gap_minutes = max_gap_minutes if follows else None
        visit.save()
        audit_record(
            actor=actor,
            action=events.VISIT_PLAN_CHANGED,
            subject=visit,
            person=episode.person,
            old=old,
            new=_visit_fields(visit),
        )
    return visit


def planned_visit_remove(*, actor: User, visit: PlannedVisit) -> None:
    """Take a row off the visit plan. Visits that followed it no longer follow anything.

    A visit already on a rota stays (rotas are a record of what was planned); it can be changed instead.
    """
    episode = visit.episode
    _require(actor, EnablementAction.MANAGE_EPISODES, episode.team, "You cannot change this episode")
    errors: dict[str, list[str]] = {}
    if episode.status != EpisodeStatus.ACTIVE:
        errors["episode"] = ["This episode has ended: its visit plan can no longer change"]
    on_rota = RotaVisit.objects.filter(planned_visit=visit).select_related("rota").order_by("-rota__date").first()
    if on_rota is not None:
        errors["visit"] = [
            f"This visit is on the rota for {format_date(on_rota.rota.date)}, so it stays in the plan: "
            "change its time or length instead"
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(episode, allowed_from=ACTIVE, action="change its visit plan", what=EPISODE)
        old = _visit_fields(visit)
        PlannedVisit.objects.filter(follows=visit).update(follows=None, min_gap_minutes=None, max_gap_minutes=None)
        audit_record(actor=actor, action=events.VISIT_PLAN_REMOVED, subject=visit, person=episode.person, old=old)
        visit.delete()


def visit_note_record(
    *, actor: User, episode: Episode, visited_on: dt.date, note: str, goal: Goal | None = None, progress: str = ""
) -> VisitNote:
    _require(actor, EnablementAction.WRITE_NOTES, episode.team, "You cannot write notes for this episode")
    errors: dict[str, list[str]] = {}
    if not note.strip():
        errors["note"] = ["Write what happened on the visit"]
    if visited_on > timezone.localdate():
        errors["visited_on"] = ["The visit date must be today or in the past"]
    if goal is not None and goal.episode_id != episode.pk:
        errors["goal"] = ["Choose one of this person's goals"]
    if progress and progress not in GoalProgress.values:
        errors["progress"] = ["Choose how far the goal has come"]
    if progress and goal is None:
        errors["goal"] = ["Choose the goal the progress is about"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        visit_note = VisitNote.objects.create(
            episode=episode, visited_on=visited_on, written_by=actor, note=note.strip(), goal=goal, progress=progress
        )
        if goal is not None and progress:
            goal.progress = progress
            goal.save(update_fields=["progress"])
        audit_record(actor=actor, action=events.VISIT_NOTE_RECORDED, subject=visit_note, person=episode.person)
    return visit_note


def follow_ups_make_due(episode: Episode) -> None:
    """Put an ended episode's two follow-ups on its team's list, due: at the end, and 91 days after discharge
    (ASCOF 2D, formerly 2B part 1 from SALT STS004: still at home 91 days after discharge from hospital into
    reablement; standards.md §3). For a person discharged from hospital into enablement the 91 days count from
    the hospital discharge, taken as the episode's start; for anyone else from their discharge from enablement."""
    referral = episode.referral
    from_hospital = referral is not None and referral.source == ReferralSource.HOSPITAL_DISCHARGE
    discharged = episode.start_date if from_hospital else (episode.ended_on or episode.planned_end_date)
    day_91 = max(discharged + dt.timedelta(days=91), episode.ended_on or discharged)
    EpisodeFollowUp.objects.bulk_create(
        [
            EpisodeFollowUp(episode=episode, point=FollowUpPoint.END, due_on=episode.ended_on or discharged),
            EpisodeFollowUp(episode=episode, point=FollowUpPoint.DAY_91, due_on=day_91),
        ],
        ignore_conflicts=True,
    )


def episode_end(*, actor: User, episode: Episode, ended_on: dt.date, outcome: str) -> Episode:
    """End an episode with its SALT STS002a sequel; its follow-ups go on the team's list
    (:func:`follow_ups_make_due`)."""
    _require(actor, EnablementAction.MANAGE_EPISODES, episode.team, "You cannot end this episode")
    errors: dict[str, list[str]] = {}
    if episode.status != EpisodeStatus.ACTIVE:
        errors["episode"] = ["This episode has already ended"]
    if outcome not in STS002aSequel.values:
        errors["outcome"] = ["Choose what followed the enablement"]
    if ended_on < episode.start_date:
        errors["ended_on"] = ["The episode cannot end before it started"]
    elif ended_on > max(episode.start_date + dt.timedelta(days=MAX_EPISODE_DAYS), episode.planned_end_date):
        errors["ended_on"] = ["Enablement lasts at most six weeks from its start, or to the end it was extended to"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(episode, allowed_from=ACTIVE, to=EpisodeStatus.ENDED, action="end it", what=EPISODE)
        episode.ended_on = ended_on
        episode.outcome = outcome
        episode.save(update_fields=["status", "ended_on", "outcome"])
        follow_ups_make_due(episode)
        audit_record(
            actor=actor,
            action=events.EPISODE_ENDED,
            subject=episode,
            person=episode.person,
            new={"ended_on": ended_on.isoformat(), "outcome": outcome},
        )
    return episode


# --- workforce ----------------------------------------------------------------------------------------------


@dataclass
class WorkerData:
    team: Team
    area: str
    skills: Sequence[str]
    latitude: Decimal
    longitude: Decimal
    contracted_hours: Decimal


def worker_profile_save(*, actor: User, user: User, data: WorkerData) -> EnablementWorker:
    _require(actor, EnablementAction.ROSTER, data.team, "You cannot change this team's workforce")
    errors: dict[str, list[str]] = {}
    unknown = [s for s in data.skills if s not in Skill.values]
    if unknown:
        errors["skills"] = [f"Unknown skill: {', '.join(unknown)}"]
    if not Decimal(0) < data.contracted_hours <= Decimal(48):
        errors["contracted_hours"] = ["Contracted hours are more than 0 and at most 48 a week"]
    if not data.area.strip():
        errors["area"] = ["Enter the area the worker covers"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        worker, _ = EnablementWorker.objects.update_or_create(
            user=user,
            defaults={
                "team": data.team,
                "area": data.area.strip(),
                "skills": sorted(set(data.skills)),
                "latitude": data.latitude,
                "longitude": data.longitude,
                "contracted_hours": data.contracted_hours,
            },
        )
        audit_record(actor=actor, action=events.WORKER_PROFILE_SAVED, subject=worker)
    return worker


def shift_set(
    *,
    actor: User,
    worker: EnablementWorker,
    date: dt.date,
    starts: dt.time,
    ends: dt.time,
    kind: str = ShiftKind.DAY,
    break_minutes: int = 30,
) -> Shift:
    _require(actor, EnablementAction.ROSTER, worker.team, "You cannot set shifts for this team")
    errors: dict[str, list[str]] = {}
    if kind not in ShiftKind.values:
        errors["kind"] = ["Choose a day or a night shift"]
    if kind == ShiftKind.DAY and ends <= starts:
        errors["ends"] = ["A day shift ends after it starts"]
    if Leave.objects.filter(worker=worker, first_day__lte=date, last_day__gte=date).exists():
        errors["date"] = ["The worker is on leave that day"]
    if not 0 <= break_minutes <= 90:
        errors["break_minutes"] = ["A break is up to 90 minutes"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        shift, _ = Shift.objects.update_or_create(
            worker=worker,
            date=date,
            defaults={"starts": starts, "ends": ends, "kind": kind, "break_minutes": break_minutes},
        )
        audit_record(actor=actor, action=events.SHIFT_SET, subject=shift)
    return shift


def leave_record(
    *, actor: User, worker: EnablementWorker, first_day: dt.date, last_day: dt.date, reason: str = "Annual leave"
) -> Leave:
    _require(actor, EnablementAction.ROSTER, worker.team, "You cannot record leave for this team")
    if last_day < first_day:
        raise ValidationError({"last_day": ["The last day of leave must be on or after the first"]})
    with transaction.atomic():
        leave = Leave.objects.create(worker=worker, first_day=first_day, last_day=last_day, reason=reason)
        removed, _ = Shift.objects.filter(worker=worker, date__gte=first_day, date__lte=last_day).delete()
        audit_record(actor=actor, action=events.LEAVE_RECORDED, subject=leave, new={"shifts_removed": removed})
    return leave


def roster_request_record(
    *, actor: User, worker: EnablementWorker, date: dt.date, kind: str, note: str = ""
) -> RosterRequest:
    """A worker's own request about a day (self-rostering); managers may record one on a worker's behalf."""
    own = actor.pk == worker.user_id and actor.is_active
    if not own:
        _require(actor, EnablementAction.ROSTER, worker.team, "You can only make requests for yourself")
    if kind not in RequestKind.values:
        raise ValidationError({"kind": ["Choose what you would like on that day"]})
    with transaction.atomic():
        request, _ = RosterRequest.objects.update_or_create(
            worker=worker, date=date, defaults={"kind": kind, "note": note.strip()}
        )
        audit_record(actor=actor, action=events.ROSTER_REQUEST_RECORDED, subject=request)
    return request


# --- rota -----------------------------------------------------------------------------------------------------


def rota_create(*, actor: User, team: Team, date: dt.date, time_limit: float | None = None, seed: int = 1) -> Rota:
    """Run the optimiser for the team's day here and now and save its answer as a draft rota.

    Pages start it in the background instead (:func:`rota_run_start`); this is for the demonstration and tests.
    """
    _require(actor, EnablementAction.ROSTER, team, "You cannot roster this team")
    day = build_day(team, date)
    _require_work(team, date, day)
    limit = settings.OWNWAY_ENABLEMENT_ROTA_SECONDS if time_limit is None else time_limit
    options = alns.SolveOptions(time_limit=limit, seed=seed, initial_routes=warm_routes(team, date))
    result = alns.solve(day.instance, options)
    with transaction.atomic():
        return _rota_save(actor=actor, team=team, date=date, day=day, result=result)


def _require_work(team: Team, date: dt.date, day: Day) -> None:
    if not day.instance.workers:
        raise ValidationError({"date": [f"Nobody in {team.name} has a shift on {format_date(date)}"]})
    if not day.visits:
        raise ValidationError({"date": [f"{team.name} has no planned visits on {format_date(date)}"]})


def _rota_save(
    *, actor: User, team: Team, date: dt.date, day: Day, result: alns.SolveResult, run: RotaRun | None = None
) -> Rota:
    rota = Rota.objects.create(team=team, date=date, created_by=actor, made_by_run=run)
    _save_solution(rota, day.instance, result.solution, explanation=result.explanation)
    new = {"explanation": result.explanation} if run is None else {"explanation": result.explanation, "run": run.pk}
    audit_record(actor=actor, action=events.ROTA_CREATED, subject=rota, new=new)
    return rota


def _continuity(day: Day, result: alns.SolveResult) -> dict[int, set[str]]:
    """Who visited each episode on a day just solved: the next day of a week prefers the same workers."""
    usual: dict[int, set[str]] = {}
    for worker_id, route in result.solution.routes.items():
        for task_id in route:
            visit = day.visits.get(task_id.split("/")[0])
            if visit is not None:
                usual.setdefault(visit.episode_id, set()).add(worker_id)
    return usual


def rota_create_week(
    *, actor: User, team: Team, first_day: dt.date, time_limit: float | None = None, seed: int = 1
) -> list[Rota]:
    """Draft rotas for seven days from ``first_day``, one day after another, here and now.

    Continuity of carer runs through the week: each day prefers, for each person, the workers who visited them
    on the day before. Days with no shifts or no visits are skipped.
    """
    _require(actor, EnablementAction.ROSTER, team, "You cannot roster this team")
    limit = settings.OWNWAY_ENABLEMENT_ROTA_SECONDS if time_limit is None else time_limit
    rotas: list[Rota] = []
    usual: dict[int, set[str]] | None = None
    previous: dict[str, tuple[str, ...]] | None = None
    for offset in range(7):
        date = first_day + dt.timedelta(days=offset)
        day = build_day(team, date, usual)
        if not day.instance.workers or not day.visits:
            continue
        warm = warm_routes(team, date, previous)
        result = alns.solve(day.instance, alns.SolveOptions(time_limit=limit, seed=seed, initial_routes=warm))
        with transaction.atomic():
            rotas.append(_rota_save(actor=actor, team=team, date=date, day=day, result=result))
        usual = _continuity(day, result)
        previous = result.solution.routes
    if not rotas:
        raise ValidationError({"first_day": ["No day of that week has both shifts and planned visits"]})
    return rotas


# --- the optimiser in the background ------------------------------------------------------------------------
#
# A manager's button starts a run (a job, see ownway.jobs) and goes to its page; a worker solves each day,
# reporting as it goes, then saves every day's draft in one transaction at the end. A run that is cancelled or
# fails saves nothing, so the rota stays as it was. A run saves at most once (its outcome is written with the
# rotas, and a run that has one never saves again), so a retried or recovered job cannot save twice. A day whose
# rota changed while the run worked (a visit moved, the rota published, another run's draft) is not replaced:
# the outcome says so.


def _rota_now(team: Team, date: dt.date) -> list[int] | None:
    """The rota a manager sees for the day, as [id, version], or None (see ``selectors.rota_for_team_day``)."""
    rota = (
        Rota.objects.filter(team=team, date=date)
        .exclude(status=RotaStatus.REPLACED)
        .order_by("-created_at", "-id")
        .values_list("pk", "version")
        .first()
    )
    return [rota[0], rota[1]] if rota is not None else None


def rota_runs_unfinished(team: Team) -> list[RotaRun]:
    return list(
        RotaRun.objects.filter(team=team, job__status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        .select_related("job")
        .order_by("-created_at")
    )


def rota_run_start(*, actor: User, team: Team, first_day: dt.date, days: int) -> tuple[RotaRun, bool]:
    """Start the optimiser in the background for a day (``days=1``) or seven days from it (``days=7``).

    Returns the run and whether it is new: while a run for the same day (or, for a week, the same week) has not
    finished, asking again gives that run rather than starting another.
    """
    from .tasks import rota_optimise_day, rota_optimise_week

    _require(actor, EnablementAction.ROSTER, team, "You cannot roster this team")
    if days not in (1, 7):
        raise ValueError("A run is for one day or for seven")
    dates = [first_day + dt.timedelta(days=offset) for offset in range(days)]
    if days == 1:
        _require_work(team, first_day, build_day(team, first_day))
    elif not (
        Shift.objects.filter(worker__team=team, date__in=dates).exists()
        and PlannedVisit.objects.filter(
            episode__team=team, episode__status=EpisodeStatus.ACTIVE, episode__start_date__lte=dates[-1]
        ).exists()
    ):
        raise ValidationError({"first_day": ["No day of that week has both shifts and planned visits"]})
    with transaction.atomic():
        Team.objects.select_for_update().filter(pk=team.pk).first()  # one start at a time for a team
        for running in rota_runs_unfinished(team):
            if (days == 1 and first_day in running.dates) or (
                days == 7 and running.days == 7 and running.first_day == first_day
            ):
                return running, False
        job = job_start(
            rota_optimise_day if days == 1 else rota_optimise_week,
            label=f"{rota_run_title(first_day, days)} ({team.name})",
            arguments={"team": team.pk, "first_day": first_day.isoformat(), "days": days},
            requested_by=actor,
        )
        run = RotaRun.objects.create(
            job=job,
            team=team,
            first_day=first_day,
            days=days,
            requested_by=actor,
            started_with={d.isoformat(): _rota_now(team, d) for d in dates},
        )
        audit_record(actor=actor, action=events.ROTA_RUN_STARTED, subject=run, new={"job": str(job.pk)})
    return run, True


def rota_run_cancel(*, actor: User, run: RotaRun) -> None:
    """Ask a run to stop: the search stops at its next check (within a second or so) and saves nothing."""
    _require(actor, EnablementAction.ROSTER, run.team, "You cannot stop this run")
    try:
        job_cancel(run.job)
    except JobNotCancellable:
        raise ValidationError({"run": ["The optimiser has already finished"]}) from None
    audit_record(actor=actor, action=events.ROTA_RUN_CANCELLED, subject=run)


@dataclass
class _Solved:
    date: dt.date
    day: Day | None = None
    result: alns.SolveResult | None = None


def rota_run_work(context: JobContext) -> dict[str, Any]:
    """The job: solve each day of the run, reporting how far it has got, then save the answers (once)."""
    run = RotaRun.objects.select_related("team", "requested_by").get(job_id=context.job.pk)
    if run.outcome is not None:  # saved by an attempt that stopped before it could say it had finished
        return dict(run.outcome)
    limit = settings.OWNWAY_ENABLEMENT_ROTA_SECONDS
    solved: list[_Solved] = []
    usual: dict[int, set[str]] | None = None
    previous: dict[str, tuple[str, ...]] | None = None
    for number, date in enumerate(run.dates, start=1):
        context.stop_if_cancelled()
        context.report(
            day=date.isoformat(), day_number=number, days=run.days, rounds=0, placed=0, visits=0, best_cost=None
        )
        day = build_day(run.team, date, usual)
        if not day.instance.workers or not day.visits:
            solved.append(_Solved(date))
            continue

        def progress(p: alns.Progress) -> None:
            best = round(p.best_cost) if math.isfinite(p.best_cost) else None
            context.report(rounds=p.rounds, placed=p.placed, visits=p.tasks, best_cost=best, seconds=round(p.seconds))

        options = alns.SolveOptions(
            time_limit=limit,
            progress=progress,
            should_stop=context.cancelled,
            initial_routes=warm_routes(run.team, date, previous),
        )
        result = alns.solve(day.instance, options)
        context.stop_if_cancelled()
        solved.append(_Solved(date, day, result))
        if run.days > 1:
            usual = _continuity(day, result)
            previous = result.solution.routes
    context.report(day_number=run.days)
    return rota_run_apply(run, solved)


def _rota_figures(rota_id: int) -> dict[str, int]:
    rota = Rota.objects.get(pk=rota_id)
    placed = rota.visits.filter(worker__isnull=False).count()
    return {
        "placed": placed,
        "unplaced": rota.visits.filter(worker__isnull=True).count(),
        "travel": rota.travel_minutes,
        "late": rota.late_minutes,
    }


def rota_run_apply(run: RotaRun, solved: list[_Solved]) -> dict[str, Any]:
    """Save a run's answers as draft rotas, once, in one transaction; a day changed meanwhile is left as it is."""
    _require(run.requested_by, EnablementAction.ROSTER, run.team, "The person who ran this can no longer roster")
    with transaction.atomic():
        Team.objects.select_for_update().filter(pk=run.team_id).first()
        locked = RotaRun.objects.select_for_update().get(pk=run.pk)
        if locked.outcome is not None:
            return dict(locked.outcome)
        days: list[dict[str, Any]] = []
        for item in solved:
            key = item.date.isoformat()
            before = run.started_with.get(key)
            entry: dict[str, Any] = {"date": key, "before": _rota_figures(before[0]) if before else None}
            if item.day is None or item.result is None:
                entry["outcome"] = "nothing"
            elif (now := _rota_now(run.team, item.date)) != before:
                entry |= {"outcome": "changed", "rota": now[0] if now else None}
            else:
                rota = _rota_save(
                    actor=run.requested_by, team=run.team, date=item.date, day=item.day, result=item.result, run=run
                )
                entry |= {"outcome": "made", "rota": rota.pk, "explanation": item.result.explanation}
                entry["after"] = _rota_figures(rota.pk)
            days.append(entry)
        outcome = {"days": days}
        locked.outcome = outcome
        locked.save(update_fields=["outcome"])
    return outcome


def _save_solution(rota: Rota, instance: Instance, solution: Solution, *, explanation: str) -> None:
    report = checker.check(instance, solution)
    rota.routes = {w: list(r) for w, r in solution.routes.items()}
    rota.contact_minutes = round(report.contact_minutes)
    rota.travel_minutes = round(report.travel)
    rota.paid_minutes = round(report.paid_minutes)
    rota.late_minutes = round(report.total_tardiness)
    rota.explanation = explanation
    rota.figures = {
        d.worker: {
            "contact": round(d.contact_minutes),
            "travel": round(d.travel_minutes),
            "paid": round(d.paid_minutes),
        }
        for d in report.days
    }
    rota.save()
    rota.visits.all().delete()
    tasks = {t.id: t for t in instance.tasks}
    rows = []
    for worker_id, route in solution.routes.items():
        loc = next(w.start_location for w in instance.workers if w.id == worker_id)
        sequence = 0
        for task_id in route:
            task = tasks[task_id]
            if task.is_break:
                continue
            visit_pk, part = task_id.split("/")
            rows.append(
                RotaVisit(
                    rota=rota,
                    planned_visit_id=int(visit_pk),
                    part=int(part),
                    worker_id=int(worker_id),
                    sequence=sequence,
                    start_minute=round(report.starts[task_id]),
                    travel_minutes=round(instance.travel[loc][task.location]),
                )
            )
            loc = task.location
            sequence += 1
    for task_id in report.unassigned:
        task = tasks[task_id]
        if task.is_break:
            continue
        visit_pk, part = task_id.split("/")
        reason = solution.unassigned.get(task_id, "Not placed on the rota")
        rows.append(RotaVisit(rota=rota, planned_visit_id=int(visit_pk), part=int(part), unplaced_reason=reason))
    RotaVisit.objects.bulk_create(rows)


def rota_visit_move(*, actor: User, rota_visit: RotaVisit, worker: EnablementWorker | None, position: int) -> Rota:
    """Move one worker's part of a visit to ``worker``'s day at ``position`` (0 = first), or take it off the rota.

    The move is checked against every rule by the same checker the optimiser answers to; a move that breaks one is
    refused with the reason, and nothing changes.
    """
    rota = rota_visit.rota
    _require(actor, EnablementAction.ROSTER, rota.team, "You cannot change this rota")
    if rota.status != RotaStatus.DRAFT:
        raise ValidationError({"rota": ["Only a draft rota can be changed: run the optimiser again for a new draft"]})
    day = build_day(rota.team, rota.date)
    task_id = rota_visit.task_id
    routes = {w: [t for t in r if t != task_id] for w, r in rota.routes.items()}
    if worker is not None:
        key = str(worker.pk)
        if key not in {w.id for w in day.instance.workers}:
            raise ValidationError({"worker": [f"{worker} is not on shift on {format_date(rota.date)}"]})
        route = routes.setdefault(key, [])
        route.insert(max(0, min(position, len(route))), task_id)
    known = {t.id for t in day.instance.tasks}
    routes = {w: [t for t in r if t in known] for w, r in routes.items()}
    solution = Solution(routes={w: tuple(r) for w, r in routes.items()})
    report = checker.check(day.instance, solution)
    if not report.feasible:
        raise ValidationError({"worker": [f"This move breaks a rule: {report.violations[0]}"]})
    unassigned = {t: unplaced_reason(day.instance, t, solution.routes) for t in report.unassigned}
    solution = Solution(routes=solution.routes, unassigned=unassigned)
    with transaction.atomic():
        transition(rota, allowed_from=[RotaStatus.DRAFT], action="move a visit on it", what="rota")
        before = {"worker": rota_visit.worker_id, "start": rota_visit.start_minute}
        rota.version += 1
        _save_solution(rota, day.instance, solution, explanation=rota.explanation)
        moved = RotaVisit.objects.get(rota=rota, planned_visit_id=rota_visit.planned_visit_id, part=rota_visit.part)
        audit_record(
            actor=actor,
            action=events.ROTA_VISIT_MOVED,
            subject=rota,
            person=rota_visit.planned_visit.episode.person,
            old=before,
            new={"worker": moved.worker_id, "start": moved.start_minute},
        )
    return rota


def rota_publish(*, actor: User, rota: Rota, publish_unplaced: bool = False) -> Rota:
    """Publish a draft rota: workers see it; any rota published earlier for the same day is replaced.

    A rota that leaves visits without a worker is published only when the rosterer confirms it
    (``publish_unplaced``): nobody goes to those visits unless they are arranged another way.
    """
    _require(actor, EnablementAction.ROSTER, rota.team, "You cannot publish this rota")
    if rota.status != RotaStatus.DRAFT:
        raise ValidationError({"rota": ["This rota is not a draft"]})
    unplaced = rota_unplaced_summary(rota)
    if unplaced.visits and not publish_unplaced:
        raise ValidationError(
            {
                "publish_unplaced": [
                    f"{unplaced.sentence()} not on this rota, so nobody will go to them. Place them first, or "
                    "confirm that you will publish without them and arrange them another way"
                ]
            }
        )
    with transaction.atomic():
        transition(rota, allowed_from=[RotaStatus.DRAFT], to=RotaStatus.PUBLISHED, action="publish it", what="rota")
        Rota.objects.filter(team=rota.team, date=rota.date, status=RotaStatus.PUBLISHED).exclude(pk=rota.pk).update(
            status=RotaStatus.REPLACED
        )
        rota.published_at = timezone.now()
        rota.version += 1
        rota.save(update_fields=["status", "published_at", "version"])
        audit_record(
            actor=actor,
            action=events.ROTA_PUBLISHED,
            subject=rota,
            new={"visits_not_on_the_rota": unplaced.visits} if unplaced.visits else None,
        )
    return rota
