"""Enablement in the JSON API: a worker's own published day, and the rota of a team's day, under the screens' rules."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from ownway.api.auth import caller
from ownway.api.schemas import AUTH_ERRORS, ErrorOut

from .selectors import WorkerTimeline, own_day_for_user, rota_for_team_day, rota_timelines

enablement_router = Router(tags=["Enablement"])


class DayItemOut(Schema):
    starts: str
    ends: str
    kind: str
    person: str
    postcode: str
    with_worker: str


class WorkerDayOut(Schema):
    worker_id: int
    worker: str
    items: list[DayItemOut]


class RotaOut(Schema):
    id: int
    date: dt.date
    status: str
    contact_minutes: int
    travel_minutes: int
    paid_minutes: int
    explanation: str
    workers: list[WorkerDayOut]


def _clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _day_out(line: WorkerTimeline) -> WorkerDayOut:
    items = []
    for item in line.items:
        person = item.rota_visit.planned_visit.episode.person if item.rota_visit else None
        items.append(
            DayItemOut(
                starts=_clock(item.start),
                ends=_clock(item.end),
                kind=item.kind,
                person=person.full_name if person else "",
                postcode=person.postcode if person else "",
                with_worker=item.partner,
            )
        )
    return WorkerDayOut(worker_id=line.worker.pk, worker=str(line.worker), items=items)


@enablement_router.get(
    "/my-day",
    response={200: WorkerDayOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="Your own published day (enablement workers)",
)
def my_day(request: HttpRequest, date: dt.date) -> WorkerDayOut:
    rota, line = own_day_for_user(user=caller(request), day=date)
    if rota is None or line is None:
        raise Http404("Your day for that date has not been published")
    return _day_out(line)


@enablement_router.get(
    "/rota",
    response={200: RotaOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="The newest rota of your team's day, each worker's visits in order (enablement managers)",
)
def team_rota(request: HttpRequest, date: dt.date) -> RotaOut:
    user = caller(request)
    if user.team is None:
        raise PermissionDenied("You are not in a team")
    rota = rota_for_team_day(user=user, team=user.team, day=date)
    if rota is None:
        raise Http404("There is no rota for that day yet")
    return RotaOut(
        id=rota.pk,
        date=rota.date,
        status=rota.status,
        contact_minutes=rota.contact_minutes,
        travel_minutes=rota.travel_minutes,
        paid_minutes=rota.paid_minutes,
        explanation=rota.explanation,
        workers=[_day_out(line) for line in rota_timelines(rota)],
    )
