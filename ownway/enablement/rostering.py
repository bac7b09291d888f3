"""Between the database and the rota solver: build a day's :class:`Instance` from the records, and back.

Task ids are ``<planned visit id>/<part>``: a double-handed visit has parts 0 and 1. Breaks are
``break/<worker id>``. Location 0.. are the workers' home bases, then the episodes' homes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from ownway.accounts.models import Team

from .models import (
    EnablementWorker,
    Episode,
    EpisodeStatus,
    Leave,
    PlannedVisit,
    RequestKind,
    RosterRequest,
    Rota,
    RotaStatus,
    RotaVisit,
    Shift,
)
from .rules.rostering.model import Instance, Link, LinkKind, Task, Weights, Worker, travel_matrix_from_coordinates

ROAD_SPEED_KMH = 20.0  # average urban speed door to door, including junctions and parking
DETOUR_FACTOR = 1.3
#: A worker who would rather not work that day is given visits only when that saves more than an hour's travel.
RATHER_NOT_COST = 60.0
WEIGHTS = Weights(travel=1.0, tardiness=2.0, max_tardiness=1.0, unassigned=1000.0, not_preferred=5.0)


@dataclass
class Day:
    instance: Instance
    workers: dict[str, EnablementWorker]
    visits: dict[str, PlannedVisit]


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def build_day(team: Team, day: dt.date, usual: dict[int, set[str]] | None = None) -> Day:
    """Every planned visit of the team's active episodes on ``day``, and the workers on shift and not on leave.

    ``usual`` maps an episode to the workers who usually visit (continuity of carer, a soft preference); by
    default they are the workers on the team's latest published rota before ``day``.
    """
    on_leave = Leave.objects.filter(first_day__lte=day, last_day__gte=day).values("worker_id")
    unavailable = RosterRequest.objects.filter(date=day, kind=RequestKind.UNAVAILABLE).values("worker_id")
    rather_not = set(
        RosterRequest.objects.filter(date=day, kind=RequestKind.RATHER_NOT).values_list("worker_id", flat=True)
    )
    shifts = (
        Shift.objects.filter(worker__team=team, date=day)
        .exclude(worker_id__in=on_leave)
        .exclude(worker_id__in=unavailable)
        .select_related("worker__user")
        .order_by("worker_id")
    )
    points: list[tuple[float, float]] = []
    workers: list[Worker] = []
    tasks: list[Task] = []
    by_id: dict[str, EnablementWorker] = {}
    for shift in shifts:
        w = shift.worker
        points.append((float(w.latitude), float(w.longitude)))
        start, end = _minutes(shift.starts), _minutes(shift.ends)
        if end <= start:  # a night shift ending the next morning
            end += 24 * 60
        worker_id = str(w.pk)
        by_id[worker_id] = w
        workers.append(
            Worker(
                id=worker_id,
                skills=frozenset(w.skills),
                start_location=len(points) - 1,
                end_location=len(points) - 1,
                shift_start=start,
                shift_end=end,
                avoid_cost=RATHER_NOT_COST if w.pk in rather_not else 0.0,
            )
        )
        if shift.break_minutes:
            third = (end - start) / 3
            tasks.append(
                Task(
                    id=f"break/{worker_id}",
                    visit=f"break/{worker_id}",
                    location=-1,
                    duration=shift.break_minutes,
                    earliest=start + third,
                    latest=start + 2 * third,
                    allowed_workers=frozenset({worker_id}),
                    is_break=True,
                )
            )
    episodes = Episode.objects.filter(team=team, status=EpisodeStatus.ACTIVE, start_date__lte=day).filter(
        Q(ended_on__isnull=True, planned_end_date__gte=day) | Q(ended_on__gte=day)
    )
    visits = {str(v.pk): v for v in PlannedVisit.objects.filter(episode__in=episodes).select_related("episode")}
    if usual is None:
        usual = _usual_workers(team, day)
    links: list[Link] = []
    location_of: dict[int, int] = {}
    for pk, visit in visits.items():
        ep = visit.episode
        if ep.pk not in location_of:
            points.append((float(ep.latitude), float(ep.longitude)))
            location_of[ep.pk] = len(points) - 1
        preferred = _minutes(visit.preferred_start)
        for part in range(visit.workers_needed):
            tasks.append(
                Task(
                    id=f"{pk}/{part}",
                    visit=pk,
                    location=location_of[ep.pk],
                    duration=visit.duration_minutes,
                    earliest=max(0, preferred - visit.window_minutes),
                    latest=preferred + visit.window_minutes,
                    skill=visit.skill,
                    preferred_workers=frozenset(usual.get(ep.pk, ())),
                )
            )
        if visit.workers_needed == 2:
            links.append(Link(f"{pk}/0", f"{pk}/1", LinkKind.SIMULTANEOUS))
        if visit.follows_id is not None and str(visit.follows_id) in visits:
            links.append(
                Link(
                    f"{visit.follows_id}/0",
                    f"{pk}/0",
                    LinkKind.SEQUENTIAL,
                    visit.min_gap_minutes or 0,
                    visit.max_gap_minutes or 24 * 60,
                )
            )
    if not points:
        points.append((0.0, 0.0))
    instance = Instance(
        name=f"{team.name} {day.isoformat()}",
        tasks=tuple(tasks),
        workers=tuple(workers),
        travel=travel_matrix_from_coordinates(points, speed_kmh=ROAD_SPEED_KMH, detour_factor=DETOUR_FACTOR),
        links=tuple(links),
        weights=WEIGHTS,
        must_assign_all=False,
    )
    return Day(instance=instance, workers=by_id, visits=visits)


def _usual_workers(team: Team, day: dt.date) -> dict[int, set[str]]:
    """Continuity of carer: who visited each episode on the team's latest published rota before ``day``."""
    last = Rota.objects.filter(team=team, status=RotaStatus.PUBLISHED, date__lt=day).order_by("-date").first()
    result: dict[int, set[str]] = {}
    if last is None:
        return result
    for episode_id, worker_id in RotaVisit.objects.filter(rota=last, worker__isnull=False).values_list(
        "planned_visit__episode_id", "worker_id"
    ):
        result.setdefault(episode_id, set()).add(str(worker_id))
    return result


def warm_routes(
    team: Team, day: dt.date, previous: dict[str, tuple[str, ...]] | None = None
) -> dict[str, list[str]] | None:
    """Where the optimiser starts for a team's day: the day's published rota where one exists, else the day
    before's routes (``previous``, the day just solved in a week, or the published rota of the day before).

    Task ids name the planned visit and worker ids the worker, so yesterday's rota fits today for the same people
    and visits; whatever no longer fits is dropped by the solver and the rest inserted.
    """
    published = Rota.objects.filter(team=team, date=day, status=RotaStatus.PUBLISHED).order_by("-id").first()
    if published is not None:
        return {w: list(r) for w, r in published.routes.items()}
    if previous is not None:
        return {w: list(r) for w, r in previous.items()}
    yesterday = (
        Rota.objects.filter(team=team, date=day - dt.timedelta(days=1), status=RotaStatus.PUBLISHED)
        .order_by("-id")
        .first()
    )
    if yesterday is not None:
        return {w: list(r) for w, r in yesterday.routes.items()}
    return None
