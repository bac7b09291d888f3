"""Recording what happened at a visit: a worker's arrival and departure on their published rota, with a note and
goal progress, or a visit missed with its reason.

Phones lose their signal, so a recording may reach the server late, or twice (sent offline, queued, sent again).
Each recording carries an id made on the phone (a UUID): a recording whose id the server already has is answered
with what it did the first time, and nothing is written twice. The time a worker arrived or left is the phone's
clock when they pressed the button (kept as ``arrived_at``/``departed_at``), and the server keeps its own time of
receipt beside it, so a late recording still says when the visit happened and when it was heard of.

Refused, with a clear message and nothing written: an arrival when one is already recorded (under another id), a
departure before the arrival or without one, a recording by a worker who is not on the visit, a visit on a rota
not yet published, a time on the wrong day or ahead of the server's clock, a visit cut short or missed without
a reason.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import format_date

from . import events, services
from .models import (
    ActualStatus,
    ActualVisit,
    EnablementTargets,
    EnablementWorker,
    Goal,
    GoalProgress,
    RecordingKind,
    RotaStatus,
    RotaVisit,
    VisitReason,
    VisitRecording,
)

#: A visit is cut short when it lasts this many minutes less than planned, or more; it then needs a reason. A
#: council rule of thumb (a few minutes either way is the ordinary give of a visit), not a national standard.
CUT_SHORT_GRACE_MINUTES = 5
#: How far ahead of the server's clock a phone's clock may be before its time is refused (clocks drift).
CLOCK_AHEAD_LIMIT = dt.timedelta(minutes=10)


def _hm(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _planned_minutes(rota_visit: RotaVisit) -> int:
    return int(rota_visit.planned_visit.duration_minutes)


def _when(rota_visit: RotaVisit, device_time: dt.datetime | None, now: dt.datetime, *, on_the_day: bool) -> dt.datetime:
    """The moment a recording stands for: the phone's time when given, checked against the server's clock and,
    for an arrival or a departure (``on_the_day``), against the visit's day (or the night after it)."""
    when = device_time or now
    if timezone.is_naive(when):
        raise ValidationError({"device_time": ["The phone's time must say its time zone"]})
    if when > now + CLOCK_AHEAD_LIMIT:
        raise ValidationError({"device_time": ["The phone's clock is ahead of the real time: check its time setting"]})
    if not on_the_day:
        return when
    day = rota_visit.rota.date
    local = timezone.localdate(when)
    if local not in (day, day + dt.timedelta(days=1)):
        raise ValidationError(
            {"device_time": [f"This visit is on {format_date(day, weekday=True)}: the time recorded is not that day"]}
        )
    return when


def _check_worker(actor: User, rota_visit: RotaVisit) -> EnablementWorker:
    worker = EnablementWorker.objects.filter(user=actor).first()
    if worker is None or rota_visit.worker_id != worker.pk:
        raise PermissionDenied("You are not on this visit, so you cannot record it: only the worker on it can")
    return worker


def visit_record(
    *,
    actor: User,
    rota_visit: RotaVisit,
    client_id: uuid.UUID,
    kind: str,
    device_time: dt.datetime | None = None,
    note: str = "",
    goal: Goal | None = None,
    progress: str = "",
    reason: str = "",
) -> tuple[ActualVisit, bool]:
    """Record an arrival, a departure or a missed visit, once for each ``client_id``.

    Returns the visit as it now stands and whether this recording was new (False when the id had been
    recorded before, in which case nothing is written). Raises ``PermissionDenied`` for a worker not on the
    visit and ``ValidationError`` for a recording that cannot be right.
    """
    try:
        return _visit_record(
            actor=actor, rota_visit=rota_visit, client_id=client_id, kind=kind, device_time=device_time,
            note=note, goal=goal, progress=progress, reason=reason,
        )  # fmt: skip
    except IntegrityError:
        # The same recording arrived twice at once: the other request wrote it; answer as it did.
        return _already(client_id, rota_visit, kind)


def _already(client_id: uuid.UUID, rota_visit: RotaVisit, kind: str) -> tuple[ActualVisit, bool]:
    recording = VisitRecording.objects.select_related("actual").get(client_id=client_id)
    if recording.actual.rota_visit_id != rota_visit.pk or recording.kind != kind:
        raise ValidationError({"client_id": ["This recording's id was already used for something else"]})
    return recording.actual, False


def _visit_record(
    *,
    actor: User,
    rota_visit: RotaVisit,
    client_id: uuid.UUID,
    kind: str,
    device_time: dt.datetime | None,
    note: str,
    goal: Goal | None,
    progress: str,
    reason: str,
) -> tuple[ActualVisit, bool]:
    if VisitRecording.objects.filter(client_id=client_id).exists():
        return _already(client_id, rota_visit, kind)
    worker = _check_worker(actor, rota_visit)
    episode = rota_visit.planned_visit.episode
    errors: dict[str, list[str]] = {}
    if kind not in RecordingKind.values:
        raise ValidationError({"kind": ["Choose whether you arrived, left, or could not do the visit"]})
    if rota_visit.rota.status == RotaStatus.DRAFT:
        raise ValidationError({"kind": ["This rota is not published yet: visits are recorded on the published rota"]})
    if reason and reason not in VisitReason.values:
        errors["reason"] = ["Choose a reason from the list"]
    if progress and progress not in GoalProgress.values:
        errors["progress"] = ["Choose how far the goal has come"]
    if goal is not None and goal.episode_id != episode.pk:
        errors["goal"] = ["Choose one of this person's goals"]
    if progress and goal is None:
        errors["goal"] = ["Choose the goal the progress is about"]
    if len(note) > 5000:
        errors["note"] = ["Keep the note to 5,000 characters or fewer"]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    when = _when(rota_visit, device_time, now, on_the_day=kind != RecordingKind.MISSED)  # missed: said any time
    with transaction.atomic():
        RotaVisit.objects.select_for_update().filter(pk=rota_visit.pk).first()  # one recording of a visit at a time
        actual = ActualVisit.objects.filter(rota_visit=rota_visit).first()
        old = {"status": actual.status} if actual is not None else None
        if kind == RecordingKind.ARRIVE:
            if actual is not None and actual.status == ActualStatus.MISSED:
                raise ValidationError({"kind": ["This visit is already recorded as missed"]})
            if actual is not None and actual.arrived_at is not None:
                raise ValidationError(
                    {"kind": [f"Your arrival at this visit was already recorded, at {_hm(actual.arrived_at)}"]}
                )
            actual = ActualVisit.objects.create(
                rota_visit=rota_visit, worker=worker, episode=episode, date=rota_visit.rota.date,
                status=ActualStatus.ARRIVED, arrived_at=when, arrival_received_at=now,
            )  # fmt: skip
        elif kind == RecordingKind.DEPART:
            if actual is None or actual.arrived_at is None:
                raise ValidationError({"kind": ["Record when you arrived before recording when you left"]})
            if actual.departed_at is not None:
                raise ValidationError(
                    {"kind": [f"You were already recorded as leaving this visit, at {_hm(actual.departed_at)}"]}
                )
            if when < actual.arrived_at:
                raise ValidationError(
                    {"device_time": [f"You cannot leave before you arrived: your arrival was {_hm(actual.arrived_at)}"]}
                )
            minutes = round((when - actual.arrived_at).total_seconds() / 60)
            short = minutes <= _planned_minutes(rota_visit) - CUT_SHORT_GRACE_MINUTES
            if short and not reason:
                raise ValidationError(
                    {
                        "reason": [
                            f"The visit lasted {minutes} minutes of the {_planned_minutes(rota_visit)} planned: "
                            "say why it was cut short"
                        ]
                    }
                )
            actual.departed_at, actual.departure_received_at = when, now
            actual.status = ActualStatus.CUT_SHORT if short else ActualStatus.DONE
            actual.reason = reason if short else ""
            actual.note, actual.goal, actual.progress = note.strip(), goal, progress
            actual.save()
        else:
            if actual is not None and actual.arrived_at is not None:
                raise ValidationError({"kind": ["You arrived at this visit: record when you left instead"]})
            if actual is not None:
                raise ValidationError({"kind": ["This visit is already recorded as missed"]})
            if not reason:
                raise ValidationError({"reason": ["Say why the visit did not happen"]})
            actual = ActualVisit.objects.create(
                rota_visit=rota_visit, worker=worker, episode=episode, date=rota_visit.rota.date,
                status=ActualStatus.MISSED, reason=reason, note=note.strip(),
            )  # fmt: skip
        VisitRecording.objects.create(
            client_id=client_id, actual=actual, kind=kind, device_time=device_time, received_at=now, recorded_by=actor
        )
        if (note.strip() or progress) and kind != RecordingKind.ARRIVE:
            services.visit_note_record(
                actor=actor, episode=episode, visited_on=min(rota_visit.rota.date, timezone.localdate()),
                note=note.strip(), goal=goal, progress=progress,
            )  # fmt: skip
        audit_record(
            actor=actor,
            action=events.VISIT_RECORDED,
            subject=actual,
            person=episode.person,
            old=old,
            new={
                "kind": kind,
                "status": actual.status,
                "at": when.isoformat(),
                "device_time": device_time.isoformat() if device_time else None,
                "client_id": str(client_id),
            },
        )
    return actual, True


def targets_current() -> EnablementTargets:
    """The council's enablement targets: the newest it has set, or the defaults (with their sources) until then."""
    return EnablementTargets.objects.order_by("-set_on", "-id").first() or EnablementTargets()
