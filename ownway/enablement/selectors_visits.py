"""Reading a worker's own visits to record them, only as far as the worker may. Audited."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ownway.accounts import events as account_events
from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.reporting import reporting_read

from . import events
from .models import ActualStatus, ActualVisit, EnablementTargets, EnablementWorker, RotaStatus, RotaVisit, Shift
from .permissions import EnablementAction, user_can
from .rules.actual_time import Stop, worker_day
from .rules.utilisation import Utilisation, utilisation
from .services_visits import targets_current


def rota_visit_for_worker(*, user: User, pk: int) -> RotaVisit:
    """One of the worker's own visits on a published rota, to record it. The read is audited; so is a refusal."""
    rota_visit = (
        RotaVisit.objects.select_related("rota__team", "planned_visit__episode__person", "worker__user")
        .filter(pk=pk)
        .first()
    )
    if rota_visit is None:
        raise Http404("No such visit")
    worker = EnablementWorker.objects.filter(user=user).first() if user.is_authenticated else None
    allowed = (
        user_can(user, EnablementAction.VIEW_OWN_DAY)
        and worker is not None
        and rota_visit.worker_id == worker.pk
        and rota_visit.rota.status != RotaStatus.DRAFT
    )
    person = rota_visit.planned_visit.episode.person
    with transaction.atomic():
        audit_record(
            actor=user,
            action=events.VISIT_RECORD_VIEWED if allowed else account_events.ACCESS_REFUSED,
            subject=rota_visit,
            person=person,
        )
    if not allowed:
        raise PermissionDenied("You are not on this visit, so you cannot record it: only the worker on it can")
    return rota_visit


def actual_for(rota_visit: RotaVisit) -> ActualVisit | None:
    return ActualVisit.objects.filter(rota_visit=rota_visit).first()


@dataclass
class ComparedRow:
    """Planned against actual for one team, area or worker in one week (the worker-days with recorded visits)."""

    label: str
    week: str
    planned: Utilisation
    actual: Utilisation
    visits: int
    missed: int


@dataclass
class ActualFigures:
    by_team: list[ComparedRow]
    by_area: list[ComparedRow]
    #: By worker: for those who roster (enablement managers and administrators), otherwise None.
    by_worker: list[ComparedRow] | None
    targets: EnablementTargets


def _minute(moment: dt.datetime, day: dt.date) -> int:
    local = timezone.localtime(moment)
    return (local.date() - day).days * 1440 + local.hour * 60 + local.minute


def _stops(actuals: list[ActualVisit], route: list[str], break_minutes: int) -> list[Stop]:
    after_break = {route[k] for k in range(1, len(route)) if route[k - 1].startswith("break/")}
    stops = []
    for actual in actuals:
        if actual.arrived_at is None or actual.departed_at is None:
            continue
        rv = actual.rota_visit
        stops.append(
            Stop(
                arrived=_minute(actual.arrived_at, actual.date),
                departed=_minute(actual.departed_at, actual.date),
                planned_travel=rv.travel_minutes,
                break_before=break_minutes if rv.task_id in after_break else 0,
            )
        )
    return stops


@reporting_read
def actual_figures_for_user(*, user: User, hourly_cost: Decimal, since: dt.date | None = None) -> ActualFigures:
    """Contact time, travel and cost per contact hour from the times workers recorded, beside the published rota's
    plan for the same worker-days, by team, area and worker, and week (:mod:`.rules.actual_time`)."""
    if not user_can(user, EnablementAction.VIEW_DASHBOARD):
        raise PermissionDenied("You cannot see the enablement figures")
    actuals = ActualVisit.objects.select_related("rota_visit__rota__team", "worker__user")
    if user.role == Role.ENABLEMENT_MANAGER:
        actuals = actuals.filter(worker__team_id=user.team_id) if user.team_id else actuals.none()
    if since is not None:
        actuals = actuals.filter(date__gte=since)
    days: dict[tuple[int, int], list[ActualVisit]] = defaultdict(list)
    for actual in actuals.order_by("date", "worker_id", "arrived_at", "pk"):
        days[(actual.rota_visit.rota_id, actual.worker_id)].append(actual)
    breaks = {
        (worker, date): minutes
        for worker, date, minutes in Shift.objects.filter(
            worker_id__in={w for _, w in days}, date__in={a[0].date for a in days.values()}
        ).values_list("worker_id", "date", "break_minutes")
    }
    totals: dict[str, dict[tuple[str, str], list[int]]] = {"team": {}, "area": {}, "worker": {}}
    for (_, worker_id), group in days.items():
        rota = group[0].rota_visit.rota
        worker = group[0].worker
        planned = rota.figures.get(str(worker_id), {})
        planned_paid = int(planned.get("paid", 0))
        stops = _stops(group, list(rota.routes.get(str(worker_id), [])), breaks.get((worker_id, rota.date), 0))
        day = worker_day(stops, planned_paid_minutes=planned_paid)
        year, week, _ = rota.date.isocalendar()
        label = f"{year}-W{week:02d}"
        values = [
            int(planned.get("contact", 0)), int(planned.get("travel", 0)), planned_paid,
            day.contact_minutes, day.travel_minutes, day.paid_minutes,
            sum(1 for a in group if a.status in (ActualStatus.DONE, ActualStatus.CUT_SHORT)),
            sum(1 for a in group if a.status == ActualStatus.MISSED),
        ]  # fmt: skip
        for kind, name in (("team", rota.team.name), ("area", worker.area), ("worker", str(worker))):
            row = totals[kind].setdefault((name, label), [0] * len(values))
            for k, value in enumerate(values):
                row[k] += value

    def figures(contact: int, travel: int, paid: int) -> Utilisation:
        return utilisation(contact_minutes=contact, travel_minutes=travel, paid_minutes=paid, hourly_cost=hourly_cost)

    def rows(data: dict[tuple[str, str], list[int]]) -> list[ComparedRow]:
        return [
            ComparedRow(
                label=name,
                week=week,
                planned=figures(v[0], v[1], v[2]),
                actual=figures(v[3], v[4], v[5]),
                visits=v[6],
                missed=v[7],
            )
            for (name, week), v in sorted(data.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        ]

    return ActualFigures(
        by_team=rows(totals["team"]),
        by_area=rows(totals["area"]),
        by_worker=rows(totals["worker"]) if user_can(user, EnablementAction.ROSTER) else None,
        targets=targets_current(),
    )
