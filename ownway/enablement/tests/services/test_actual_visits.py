"""Recording arrivals, departures and missed visits: once for each recording's id, refused when it cannot be right."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.audit import AuditEvent
from ownway.enablement import events, services
from ownway.enablement.models import ActualStatus, ActualVisit, EnablementWorker, RotaVisit, VisitNote, VisitRecording
from ownway.enablement.services_visits import visit_record


def _at(minutes_ago: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=minutes_ago)


def test_an_arrival_and_a_departure_make_a_visit_done_with_both_clocks(placed):
    user = placed.worker.user
    planned = placed.planned_visit.duration_minutes
    actual, new = visit_record(
        actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="arrive", device_time=_at(planned + 2)
    )
    assert new
    assert actual.status == ActualStatus.ARRIVED
    goal = placed.planned_visit.episode.goals.first()
    actual, new = visit_record(
        actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="depart", device_time=_at(0),
        note="Made her own tea", goal=goal, progress="some",
    )  # fmt: skip
    assert new
    assert actual.status == ActualStatus.DONE
    assert actual.minutes == planned + 2
    assert actual.arrival_received_at is not None
    assert actual.departure_received_at is not None
    goal.refresh_from_db()
    assert goal.progress == "some"
    assert VisitNote.objects.filter(episode=placed.planned_visit.episode, note="Made her own tea").exists()
    assert AuditEvent.objects.filter(action=events.VISIT_RECORDED).count() == 2


def test_a_recording_sent_twice_is_recorded_once(placed):
    user = placed.worker.user
    key = uuid.uuid4()
    when = _at(30)
    first, new = visit_record(actor=user, rota_visit=placed, client_id=key, kind="arrive", device_time=when)
    again, second_new = visit_record(actor=user, rota_visit=placed, client_id=key, kind="arrive", device_time=when)
    assert new
    assert not second_new
    assert first.pk == again.pk
    assert VisitRecording.objects.count() == 1
    assert ActualVisit.objects.count() == 1


def test_an_id_used_for_another_recording_is_refused(placed):
    key = uuid.uuid4()
    visit_record(actor=placed.worker.user, rota_visit=placed, client_id=key, kind="arrive", device_time=_at(30))
    with pytest.raises(ValidationError, match="already used"):
        visit_record(actor=placed.worker.user, rota_visit=placed, client_id=key, kind="depart")


def test_an_arrival_recorded_twice_under_different_ids_is_refused(placed):
    user = placed.worker.user
    visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="arrive", device_time=_at(30))
    with pytest.raises(ValidationError, match="already recorded, at"):
        visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="arrive", device_time=_at(20))
    assert VisitRecording.objects.count() == 1


def test_a_departure_before_the_arrival_is_refused(placed):
    user = placed.worker.user
    visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="arrive", device_time=_at(10))
    with pytest.raises(ValidationError, match="cannot leave before you arrived"):
        visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="depart", device_time=_at(20))
    assert ActualVisit.objects.get().departed_at is None


def test_a_departure_without_an_arrival_is_refused(placed):
    with pytest.raises(ValidationError, match="Record when you arrived"):
        visit_record(actor=placed.worker.user, rota_visit=placed, client_id=uuid.uuid4(), kind="depart")


def test_a_worker_not_on_the_visit_is_refused(placed, enablement_team):
    other = EnablementWorker.objects.filter(team=enablement_team).exclude(pk=placed.worker_id).first()
    with pytest.raises(PermissionDenied, match="not on this visit"):
        visit_record(actor=other.user, rota_visit=placed, client_id=uuid.uuid4(), kind="arrive")
    assert not ActualVisit.objects.exists()


def test_a_visit_cut_short_needs_a_reason(placed):
    user = placed.worker.user
    visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="arrive", device_time=_at(2))
    with pytest.raises(ValidationError, match="say why it was cut short"):
        visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="depart", device_time=_at(0))
    actual, _ = visit_record(
        actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="depart", device_time=_at(0), reason="declined"
    )
    assert actual.status == ActualStatus.CUT_SHORT
    assert actual.reason == "declined"


def test_a_missed_visit_needs_a_reason_and_cannot_then_be_arrived_at(placed):
    user = placed.worker.user
    with pytest.raises(ValidationError, match="Say why the visit did not happen"):
        visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="missed")
    actual, _ = visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="missed", reason="not_in")
    assert actual.status == ActualStatus.MISSED
    assert actual.minutes == 0
    with pytest.raises(ValidationError, match="already recorded as missed"):
        visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="arrive")


def test_a_phone_clock_ahead_or_on_another_day_is_refused(placed):
    user = placed.worker.user
    with pytest.raises(ValidationError, match="ahead of the real time"):
        visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="arrive", device_time=_at(-60))
    with pytest.raises(ValidationError, match="the time recorded is not that day"):
        visit_record(actor=user, rota_visit=placed, client_id=uuid.uuid4(), kind="arrive", device_time=_at(3 * 1440))


def test_a_draft_rota_cannot_be_recorded(manager, enablement_team):
    from ownway.enablement import demo

    demo.make_team(manager=manager, team=enablement_team, day=timezone.localdate(), workers=1, people=2, seed=5)
    rota = services.rota_create(actor=manager, team=enablement_team, date=timezone.localdate(), time_limit=0.2)
    visit = RotaVisit.objects.filter(rota=rota, worker__isnull=False).select_related("worker__user", "rota").first()
    with pytest.raises(ValidationError, match="not published yet"):
        visit_record(actor=visit.worker.user, rota_visit=visit, client_id=uuid.uuid4(), kind="arrive")


def test_a_missed_visit_can_be_recorded_days_later(manager, enablement_team):
    from ownway.enablement import demo

    days_ago = timezone.localdate() - dt.timedelta(days=3)
    demo.make_team(manager=manager, team=enablement_team, day=days_ago, workers=1, people=2, seed=5)
    rota = services.rota_create(actor=manager, team=enablement_team, date=days_ago, time_limit=0.2)
    services.rota_publish(actor=manager, rota=rota, publish_unplaced=True)
    visit = RotaVisit.objects.filter(rota=rota, worker__isnull=False).select_related("worker__user", "rota").first()
    with pytest.raises(ValidationError, match="not that day"):
        visit_record(actor=visit.worker.user, rota_visit=visit, client_id=uuid.uuid4(), kind="arrive")
    actual, _ = visit_record(
        actor=visit.worker.user, rota_visit=visit, client_id=uuid.uuid4(), kind="missed", reason="in_hospital"
    )
    assert actual.status == ActualStatus.MISSED
