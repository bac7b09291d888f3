"""Re-planning the rest of a published day: a worker off sick, a visit added or cancelled (issue 18, item 3).

The manager says what changed and from what time; the re-plan runs as a job (``ownway.jobs``) like the rota
optimiser, from the published rota (:mod:`.rules.rostering.replan`: visits already started stay, as much of the
rest as can be is kept, every change listed and the answer judged by the same checker); the manager reads the
changes and publishes them, which makes a new published rota replacing the old, so each worker's own day shows
it. Publishing is audited and happens once, only while the rota it started from is still the one published.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import Team, User
from ownway.core.dates import format_date
from ownway.jobs.models import JobStatus
from ownway.jobs.services import JobContext, job_start

from . import events
from .models import EnablementWorker, PlannedVisit, Replan, ReplanKind, Rota, RotaStatus, RotaVisit
from .permissions import EnablementAction, user_can_for
from .rostering import Day, build_day
from .rules.rostering import alns, checker
from .rules.rostering import replan as rules
from .rules.rostering.model import Solution
from .services import _save_solution

#: Cancelled visits stay on the new rota as a line with no worker and this reason, so a later re-plan knows.
CANCELLED = rules.CANCELLED


def _require(actor: User, team: Team, message: str) -> None:
    if not user_can_for(actor, EnablementAction.ROSTER, team):
        raise PermissionDenied(message)


def _clock(minutes: float) -> str:
    m = round(minutes)
    return f"{m // 60:02d}:{m % 60:02d}"


@dataclass
class Inputs:
    """What a re-plan starts from, read from the records the same way when it runs and when it is published."""

    day: Day
    routes: dict[str, list[str]]
    starts: dict[str, float]
    cancelled: set[str]
    off_sick: str | None


def _inputs(rota: Rota, kind: str, worker: EnablementWorker | None, visit: PlannedVisit | None) -> Inputs:
    day = build_day(rota.team, rota.date)
    known = {t.id for t in day.instance.tasks}
    routes = {w: [t for t in r if t in known] for w, r in rota.routes.items()}
    starts: dict[str, float] = {}
    cancelled: set[str] = set()
    for row in rota.visits.all():
        if row.worker_id is not None and row.start_minute is not None:
            starts[row.task_id] = float(row.start_minute)
        elif row.unplaced_reason == CANCELLED:
            cancelled.add(str(row.planned_visit_id))
    if kind == ReplanKind.CANCEL and visit is not None:
        cancelled.add(str(visit.pk))
    off_sick = str(worker.pk) if kind == ReplanKind.OFF_SICK and worker is not None else None
    return Inputs(day=day, routes=routes, starts=starts, cancelled=cancelled, off_sick=off_sick)


def replan_rota(*, actor: User, team: Team, date: dt.date) -> Rota | None:
    """The team's published rota for the day, the one a re-plan starts from."""
    _require(actor, team, "You cannot re-plan this team's day")
    return Rota.objects.filter(team=team, date=date, status=RotaStatus.PUBLISHED).order_by("-id").first()


@dataclass
class Choices:
    """What the manager may choose from: workers on the rota, visits on it (to cancel), visits not on it (to add)."""

    workers: list[EnablementWorker]
    on_rota: list[PlannedVisit]
    to_add: list[PlannedVisit]
    day_start: int
    day_end: int


def replan_choices(rota: Rota) -> Choices:
    day = build_day(rota.team, rota.date)
    on_shift = {w.id for w in day.instance.workers}
    ids = [int(w) for w in rota.routes if w in on_shift]
    workers = sorted(EnablementWorker.objects.filter(pk__in=ids).select_related("user"), key=lambda w: (str(w), w.pk))
    placed = set(rota.visits.filter(worker__isnull=False).values_list("planned_visit_id", flat=True))
    cancelled = set(rota.visits.filter(unplaced_reason=CANCELLED).values_list("planned_visit_id", flat=True))
    visits = sorted(day.visits.values(), key=lambda v: (v.preferred_start, v.pk))
    starts = [w.shift_start for w in day.instance.workers] or [0.0]
    ends = [w.shift_end for w in day.instance.workers] or [24 * 60.0]
    return Choices(
        workers=workers,
        on_rota=[v for v in visits if v.pk in placed],
        to_add=[v for v in visits if v.pk not in placed and v.pk not in cancelled],
        day_start=int(min(starts)),
        day_end=int(min(max(ends), 24 * 60 - 1)),
    )


def replan_start(
    *,
    actor: User,
    rota: Rota,
    kind: str,
    at: dt.time,
    worker: EnablementWorker | None = None,
    visit: PlannedVisit | None = None,
) -> Replan:
    """Check what changed and start re-planning the rest of the day from ``at`` in the background."""
    from .tasks_replan import replan_day

    _require(actor, rota.team, "You cannot re-plan this team's day")
    errors: dict[str, list[str]] = {}
    if rota.status != RotaStatus.PUBLISHED:
        raise ValidationError({"rota": ["Only the published rota can be re-planned: publish this rota first"]})
    if kind not in ReplanKind.values:
        raise ValidationError({"kind": ["Choose what has changed"]})
    choices = replan_choices(rota)
    minute = at.hour * 60 + at.minute
    if not choices.day_start <= minute <= choices.day_end:
        errors["at"] = [
            f"Give a time when the team is working that day, from {_clock(choices.day_start)} to "
            f"{_clock(choices.day_end)}"
        ]
    if kind == ReplanKind.OFF_SICK:
        if worker is None or worker.pk not in {w.pk for w in choices.workers}:
            errors["worker"] = [f"Choose a worker on the rota for {format_date(rota.date)}"]
        visit = None
    else:
        worker = None
        if kind == ReplanKind.CANCEL and (visit is None or visit.pk not in {v.pk for v in choices.on_rota}):
            errors["visit"] = [f"Choose a visit on the rota for {format_date(rota.date)}"]
        elif kind == ReplanKind.CANCEL and visit is not None and "at" not in errors:
            first = rota.visits.filter(planned_visit=visit, start_minute__isnull=False).order_by("start_minute").first()
            if first is not None and first.start_minute is not None and first.start_minute < minute:
                errors["visit"] = [
                    f"That visit starts at {_clock(first.start_minute)}, before {_clock(minute)}: it has already "
                    "started, so it cannot be cancelled from then"
                ]
        if kind == ReplanKind.ADD:
            if visit is None or visit.pk not in {v.pk for v in choices.to_add}:
                errors["visit"] = [f"Choose a visit in the plan for {format_date(rota.date)} that is not on the rota"]
            else:
                latest = visit.preferred_start.hour * 60 + visit.preferred_start.minute + visit.window_minutes
                if latest < minute and "at" not in errors:
                    errors["visit"] = [
                        f"That visit must start by {_clock(latest)}, before {_clock(minute)}: its time has passed"
                    ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        label = f"Re-plan {format_date(rota.date)} from {_clock(minute)} ({rota.team.name})"
        job = job_start(replan_day, label=label, arguments={"rota": rota.pk}, requested_by=actor)
        replan = Replan.objects.create(
            job=job,
            team=rota.team,
            rota=rota,
            kind=kind,
            worker=worker,
            planned_visit=visit,
            at_minute=minute,
            requested_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.REPLAN_STARTED,
            subject=replan,
            person=visit.episode.person if visit is not None else None,
            new={"kind": kind, "at": _clock(minute), "worker": worker.pk if worker else None,
                 "visit": visit.pk if visit else None, "job": str(job.pk)},
        )  # fmt: skip
    return replan


def replan_work(context: JobContext) -> dict[str, Any]:
    """The job: re-plan the rest of the day and keep the answer with the re-plan (nothing is published yet)."""
    replan = Replan.objects.select_related("rota__team", "worker", "planned_visit").get(job_id=context.job.pk)
    if replan.outcome is not None:
        return dict(replan.outcome)
    inputs = _inputs(replan.rota, replan.kind, replan.worker, replan.planned_visit)
    context.report(rounds=0, placed=0, visits=0, seconds=0)

    def progress(p: alns.Progress) -> None:
        best = round(p.best_cost) if math.isfinite(p.best_cost) else None
        context.report(rounds=p.rounds, placed=p.placed, visits=p.tasks, best_cost=best, seconds=round(p.seconds))

    limit = min(rules.SECONDS, float(settings.OWNWAY_ENABLEMENT_ROTA_SECONDS))
    options = alns.SolveOptions(time_limit=limit, progress=progress, should_stop=context.cancelled)
    result = rules.replan(
        inputs.day.instance,
        inputs.routes,
        at=replan.at_minute,
        off_sick=inputs.off_sick,
        cancelled=inputs.cancelled,
        published_starts=inputs.starts,
        options=options,
    )
    context.stop_if_cancelled()
    outcome = {
        "feasible": result.report.feasible,
        "routes": {w: list(r) for w, r in result.solution.routes.items()},
        "unassigned": dict(result.solution.unassigned),
        "changes": [dataclasses.asdict(c) for c in result.changes],
        "others": result.others,
        "others_moved": result.others_moved,
        "explanation": result.explanation,
    }
    with transaction.atomic():
        locked = Replan.objects.select_for_update().get(pk=replan.pk)
        if locked.outcome is None:
            locked.outcome = outcome
            locked.save(update_fields=["outcome"])
        return dict(locked.outcome)


def replan_publish(*, actor: User, replan: Replan) -> Rota:
    """Publish a finished re-plan: a new published rota replaces the one it started from, checked again first."""
    _require(actor, replan.team, "You cannot publish this team's rota")
    if replan.job.status != JobStatus.DONE or replan.outcome is None:
        raise ValidationError({"replan": ["The re-plan has not finished: wait for it, then publish"]})
    with transaction.atomic():
        Team.objects.select_for_update().filter(pk=replan.team_id).first()
        locked = Replan.objects.select_for_update().select_related("rota").get(pk=replan.pk)
        if locked.published_id is not None:
            raise ValidationError({"replan": ["These changes are already published"]})
        base = locked.rota
        if base.status != RotaStatus.PUBLISHED:
            raise ValidationError(
                {"replan": ["The published rota changed after this re-plan started: re-plan again from the rota as "
                            "it is now"]}
            )  # fmt: skip
        inputs = _inputs(base, locked.kind, replan.worker, replan.planned_visit)
        ready = rules.prepare(
            inputs.day.instance,
            inputs.routes,
            at=locked.at_minute,
            off_sick=inputs.off_sick,
            cancelled=inputs.cancelled,
            published_starts=inputs.starts,
        )
        outcome = locked.outcome or {}
        solution = Solution(
            routes={w: tuple(r) for w, r in outcome.get("routes", {}).items()},
            unassigned=dict(outcome.get("unassigned", {})),
        )
        report = checker.check(ready.instance, solution)
        if not report.feasible:
            raise ValidationError(
                {"replan": [f"The day changed after this re-plan started ({report.violations[0]}): re-plan again"]}
            )
        rota = Rota.objects.create(
            team=base.team,
            date=base.date,
            created_by=actor,
            status=RotaStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        _save_solution(rota, ready.instance, solution, explanation=str(outcome.get("explanation", "")))
        on_rota = set(rota.visits.values_list("planned_visit_id", "part"))
        extra = []
        for task_id, reason in ready.dropped.items():
            if task_id.startswith("break/"):
                continue
            visit_pk, part = (int(x) for x in task_id.split("/"))
            if (visit_pk, part) not in on_rota:
                extra.append(RotaVisit(rota=rota, planned_visit_id=visit_pk, part=part, unplaced_reason=reason))
        RotaVisit.objects.bulk_create(extra)
        base.status = RotaStatus.REPLACED
        base.version += 1
        base.save(update_fields=["status", "version"])
        locked.published = rota
        locked.save(update_fields=["published"])
        changes = outcome.get("changes", [])
        affected = sorted({w for c in changes for w in (c.get("from_worker"), c.get("to_worker")) if w is not None})
        audit_record(
            actor=actor,
            action=events.REPLAN_PUBLISHED,
            subject=rota,
            old={"rota": base.pk},
            new={"replan": locked.pk, "changes": len(changes), "workers": affected},
        )
    return rota
