"""Changing and removing rows of an episode's visit plan, through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.enablement import events, services
from ownway.enablement.models import PlannedVisit, Rota, RotaVisit
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()


@pytest.fixture
def episode(manager, enablement_team):
    referral = services.referral_record(
        actor=manager,
        person=PersonFactory(),
        team=enablement_team,
        source="community",
        received_on=TODAY,
        reason="Lost confidence after a fall",
    )
    return services.episode_start(
        actor=manager,
        referral=referral,
        start_date=TODAY,
        planned_end_date=TODAY + dt.timedelta(days=42),
        latitude=Decimal("52.480000"),
        longitude=Decimal("-1.900000"),
    )


def _visit(manager, episode, hour: int, **extra) -> PlannedVisit:
    return services.planned_visit_add(
        actor=manager, episode=episode, preferred_start=dt.time(hour), duration_minutes=30, **extra
    )


def _change(manager, visit, **extra):
    arguments = {
        "preferred_start": visit.preferred_start,
        "duration_minutes": visit.duration_minutes,
        "window_minutes": visit.window_minutes,
        "workers_needed": visit.workers_needed,
        "skill": visit.skill,
    }
    arguments.update(extra)
    return services.planned_visit_change(actor=manager, visit=visit, **arguments)


def test_change_keeps_the_old_and_new_details_in_the_audit_trail(manager, episode):
    visit = _visit(manager, episode, 8)
    _change(manager, visit, preferred_start=dt.time(8, 15), workers_needed=2, skill="moving and handling")
    visit.refresh_from_db()
    assert (visit.preferred_start, visit.workers_needed, visit.skill) == (dt.time(8, 15), 2, "moving and handling")
    event = AuditEvent.objects.get(action=events.VISIT_PLAN_CHANGED)
    assert event.old["preferred_start"] == "08:00"
    assert event.new["preferred_start"] == "08:15"
    assert event.person == episode.person


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"duration_minutes": 4}, "duration_minutes"),
        ({"window_minutes": 181}, "window_minutes"),
        ({"workers_needed": 3}, "workers_needed"),
        ({"skill": "juggling"}, "skill"),
    ],
)
def test_a_bad_change_is_refused_and_nothing_changes(manager, episode, extra, field):
    visit = _visit(manager, episode, 8)
    with pytest.raises(ValidationError) as raised:
        _change(manager, visit, **extra)
    assert field in raised.value.message_dict
    visit.refresh_from_db()
    assert (visit.duration_minutes, visit.window_minutes, visit.workers_needed) == (30, 30, 1)
    assert not AuditEvent.objects.filter(action=events.VISIT_PLAN_CHANGED).exists()


def test_following_must_not_loop(manager, episode):
    first = _visit(manager, episode, 8)
    second = _visit(manager, episode, 9, follows=first, min_gap_minutes=10, max_gap_minutes=40)
    third = _visit(manager, episode, 10, follows=second, min_gap_minutes=10, max_gap_minutes=40)
    for follows in (first, third):
        with pytest.raises(ValidationError, match="cannot follow itself"):
            _change(manager, first, follows=follows, min_gap_minutes=0, max_gap_minutes=30)
    first.refresh_from_db()
    assert first.follows is None


def test_a_visit_follows_only_a_visit_to_the_same_person(manager, episode, enablement_team):
    other = services.episode_start(
        actor=manager,
        referral=services.referral_record(
            actor=manager,
            person=PersonFactory(),
            team=enablement_team,
            source="community",
            received_on=TODAY,
            reason="x",
        ),
        start_date=TODAY,
        planned_end_date=TODAY,
        latitude=Decimal("52.480000"),
        longitude=Decimal("-1.900000"),
    )
    visit = _visit(manager, episode, 8)
    with pytest.raises(ValidationError, match="same person"):
        _change(manager, visit, follows=_visit(manager, other, 7), min_gap_minutes=0, max_gap_minutes=30)


def test_the_second_worker_cannot_be_dropped_once_on_a_rota(manager, episode, enablement_team):
    visit = _visit(manager, episode, 8, workers_needed=2)
    rota = Rota.objects.create(team=enablement_team, date=TODAY, created_by=manager)
    RotaVisit.objects.create(rota=rota, planned_visit=visit, part=1, unplaced_reason="Nobody on shift")
    with pytest.raises(ValidationError, match="second worker is already on the rota"):
        _change(manager, visit, workers_needed=1)


def test_remove_unlinks_followers_and_is_audited(manager, episode):
    first = _visit(manager, episode, 8)
    later = _visit(manager, episode, 9, follows=first, min_gap_minutes=10, max_gap_minutes=40)
    services.planned_visit_remove(actor=manager, visit=first)
    assert not PlannedVisit.objects.filter(pk=first.pk).exists()
    later.refresh_from_db()
    assert (later.follows, later.min_gap_minutes, later.max_gap_minutes) == (None, None, None)
    event = AuditEvent.objects.get(action=events.VISIT_PLAN_REMOVED)
    assert event.old["preferred_start"] == "08:00"


def test_an_ended_episodes_plan_is_fixed(manager, episode):
    visit = _visit(manager, episode, 8)
    services.episode_end(actor=manager, episode=episode, ended_on=TODAY, outcome="ongoing_low_level")
    visit.refresh_from_db()
    with pytest.raises(ValidationError, match="has ended"):
        services.planned_visit_remove(actor=manager, visit=visit)
    with pytest.raises(ValidationError, match="has ended"):
        _change(manager, visit, duration_minutes=40)
    with pytest.raises(ValidationError, match="has ended"):
        _visit(manager, episode, 9)
    assert PlannedVisit.objects.filter(pk=visit.pk).exists()


def test_only_the_teams_manager_changes_the_plan(manager, episode, other_team):
    visit = _visit(manager, episode, 8)
    for user in (
        UserFactory(role=Role.ENABLEMENT_WORKER, team=episode.team),
        UserFactory(role=Role.ENABLEMENT_MANAGER, team=other_team),
    ):
        with pytest.raises(PermissionDenied):
            _change(user, visit, duration_minutes=40)
        with pytest.raises(PermissionDenied):
            services.planned_visit_remove(actor=user, visit=visit)
    visit.refresh_from_db()
    assert visit.duration_minutes == 30
