import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.core.workflow import TransitionRefused
from ownway.enablement import services
from ownway.enablement.models import (
    EnablementWorker,
    Episode,
    EpisodeStatus,
    Referral,
    RequestKind,
    Rota,
    RotaStatus,
    RotaVisit,
    STS002aSequel,
)
from ownway.enablement.rostering import build_day
from ownway.enablement.rules.rostering import checker
from ownway.people.tests.factories import PersonFactory

from ..conftest import TOMORROW

TODAY = timezone.localdate()


def _referral(manager, team):
    person = PersonFactory(team=team)
    return services.referral_record(
        actor=manager, person=person, team=team, source="hospital_discharge", received_on=TODAY, reason="After a fall"
    )


def test_episode_is_at_most_six_weeks(manager, enablement_team):
    referral = _referral(manager, enablement_team)
    with pytest.raises(ValidationError) as error:
        services.episode_start(
            actor=manager,
            referral=referral,
            start_date=TODAY,
            planned_end_date=TODAY + dt.timedelta(days=43),
            latitude=Decimal("52.4"),
            longitude=Decimal("-1.5"),
        )
    last = TODAY + dt.timedelta(days=42)
    assert error.value.message_dict["planned_end_date"] == [
        f"Enablement lasts at most six weeks: plan to end by {last:%-d %B %Y}"
    ]
    assert not Episode.objects.exists()
    episode = services.episode_start(
        actor=manager,
        referral=referral,
        start_date=TODAY,
        planned_end_date=last,
        latitude=Decimal("52.4"),
        longitude=Decimal("-1.5"),
    )
    referral.refresh_from_db()
    assert referral.status == "started"
    assert AuditEvent.objects.filter(action="enablement.episode_started", person=episode.person).exists()


def test_goals_notes_and_outcome(manager, enablement_team):
    referral = _referral(manager, enablement_team)
    episode = services.episode_start(
        actor=manager,
        referral=referral,
        start_date=TODAY - dt.timedelta(days=10),
        planned_end_date=TODAY + dt.timedelta(days=20),
        latitude=Decimal("52.4"),
        longitude=Decimal("-1.5"),
    )
    with pytest.raises(ValidationError) as error:
        services.goal_add(actor=manager, episode=episode, in_own_words="Walk to the shop", measure=" ")
    assert "measure" in error.value.message_dict
    goal = services.goal_add(
        actor=manager, episode=episode, in_own_words="Walk to the shop", measure="Walks to the corner shop and back"
    )
    worker = UserFactory(username="w1", role=Role.ENABLEMENT_WORKER, team=enablement_team)
    services.visit_note_record(
        actor=worker, episode=episode, visited_on=TODAY, note="Walked halfway with a frame", goal=goal, progress="some"
    )
    goal.refresh_from_db()
    assert goal.progress == "some"
    with pytest.raises(ValidationError) as error:
        services.episode_end(actor=manager, episode=episode, ended_on=TODAY, outcome="cured")
    assert error.value.message_dict["outcome"] == ["Choose what followed the enablement"]
    services.episode_end(actor=manager, episode=episode, ended_on=TODAY, outcome=STS002aSequel.ONGOING_LOW_LEVEL)
    episode.refresh_from_db()
    assert episode.status == EpisodeStatus.ENDED
    assert episode.get_outcome_display() == "Ongoing low-level support"


def test_a_change_to_an_episode_ended_underneath_is_refused(manager, enablement_team):
    """Two people have the episode open; one ends it, then the other's changes are refused, not half made."""
    episode = services.episode_start(
        actor=manager,
        referral=_referral(manager, enablement_team),
        start_date=TODAY - dt.timedelta(days=10),
        planned_end_date=TODAY + dt.timedelta(days=20),
        latitude=Decimal("52.4"),
        longitude=Decimal("-1.5"),
    )
    seen = Episode.objects.get(pk=episode.pk)  # opened while the episode was active
    services.episode_end(actor=manager, episode=episode, ended_on=TODAY, outcome=STS002aSequel.ONGOING_LOW_LEVEL)
    with pytest.raises(TransitionRefused) as refused:
        services.episode_end(actor=manager, episode=seen, ended_on=TODAY, outcome=STS002aSequel.NO_SERVICES_OTHER)
    assert (refused.value.found, refused.value.allowed) == (EpisodeStatus.ENDED, (EpisodeStatus.ACTIVE,))
    assert str(refused.value).startswith("This enablement episode is now 'Ended', so you cannot end it.")
    episode.refresh_from_db()
    assert episode.outcome == STS002aSequel.ONGOING_LOW_LEVEL
    with pytest.raises(TransitionRefused, match="so you cannot add a goal to it"):
        services.goal_add(actor=manager, episode=seen, in_own_words="Walk to the shop", measure="To the corner")
    assert not episode.goals.exists()


def test_a_referral_started_twice_makes_one_episode(manager, enablement_team):
    referral = _referral(manager, enablement_team)
    seen = Referral.objects.get(pk=referral.pk)
    arguments = {
        "start_date": TODAY,
        "planned_end_date": TODAY + dt.timedelta(days=20),
        "latitude": Decimal("52.4"),
        "longitude": Decimal("-1.5"),
    }
    services.episode_start(actor=manager, referral=referral, **arguments)
    with pytest.raises(TransitionRefused, match="This referral is now 'Enablement started'"):
        services.episode_start(actor=manager, referral=seen, **arguments)
    assert Episode.objects.filter(referral=referral).count() == 1


def test_only_the_teams_manager_records(enablement_team, social_worker):
    person = PersonFactory(team=enablement_team)
    with pytest.raises(PermissionDenied):
        services.referral_record(
            actor=social_worker, person=person, team=enablement_team, source="community", received_on=TODAY, reason="x"
        )
    assert not Referral.objects.exists()


def test_build_day_skips_leave_and_unavailable(manager, small_day):
    workers = list(EnablementWorker.objects.all())
    services.leave_record(actor=manager, worker=workers[0], first_day=TOMORROW, last_day=TOMORROW)
    services.roster_request_record(
        actor=workers[1].user, worker=workers[1], date=TOMORROW, kind=RequestKind.UNAVAILABLE
    )
    day = build_day(manager.team, TOMORROW)
    assert {w.id for w in day.instance.workers} == {str(w.pk) for w in workers[2:]}
    assert day.visits


def test_rota_optimise_move_publish(manager, small_day, enablement_team):
    rota = services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.5)
    assert rota.status == RotaStatus.DRAFT
    placed = rota.visits.filter(worker__isnull=False)
    assert placed.exists()
    assert 0 < rota.contact_minutes < rota.paid_minutes
    for unplaced in rota.visits.filter(worker__isnull=True):
        assert unplaced.unplaced_reason
    day = build_day(enablement_team, TOMORROW)
    assert checker.check(day.instance, rota.routes).feasible

    # Move a single-handed visit to another worker: accepted if it keeps every rule, refused otherwise.
    visit = placed.filter(planned_visit__workers_needed=1).first()
    others = EnablementWorker.objects.exclude(pk=visit.worker_id)
    outcomes = []
    for other in others:
        for position in (0, 99):
            try:
                services.rota_visit_move(actor=manager, rota_visit=visit, worker=other, position=position)
            except ValidationError as error:
                outcomes.append(("refused", error.message_dict["worker"][0]))
            else:
                outcomes.append(("moved", other.pk))
                break
        if outcomes[-1][0] == "moved":
            break
    assert any(kind == "moved" for kind, _ in outcomes) or all(
        text.startswith("This move breaks a rule:") for _, text in outcomes
    )
    rota.refresh_from_db()
    assert checker.check(build_day(enablement_team, TOMORROW).instance, rota.routes).feasible

    services.rota_publish(actor=manager, rota=rota, publish_unplaced=True)
    assert Rota.objects.get(pk=rota.pk).status == RotaStatus.PUBLISHED
    with pytest.raises(ValidationError):
        services.rota_visit_move(
            actor=manager, rota_visit=RotaVisit.objects.filter(rota=rota).first(), worker=None, position=0
        )
    second = services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.2)
    services.rota_publish(actor=manager, rota=second, publish_unplaced=True)
    assert Rota.objects.get(pk=rota.pk).status == RotaStatus.REPLACED


def test_refused_move_changes_nothing(manager, small_day, enablement_team):
    EnablementWorker.objects.update(skills=["personal care", "medication", "moving and handling"])
    episode = Episode.objects.first()
    planned = services.planned_visit_add(
        actor=manager,
        episode=episode,
        preferred_start=dt.time(11, 0),
        window_minutes=120,
        duration_minutes=30,
        workers_needed=2,
        skill="moving and handling",
    )
    rota = services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.3)
    double = rota.visits.get(planned_visit=planned, part=0)
    assert double.worker is not None
    partner = rota.visits.get(planned_visit=double.planned_visit, part=1)
    before = dict(rota.routes)
    with pytest.raises(ValidationError) as error:
        services.rota_visit_move(actor=manager, rota_visit=double, worker=partner.worker, position=0)
    assert "need two different workers" in error.value.message_dict["worker"][0]
    rota.refresh_from_db()
    assert rota.routes == before


def test_no_shifts_means_no_rota(manager, enablement_team):
    with pytest.raises(ValidationError) as error:
        services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.1)
    assert "has a shift" in error.value.message_dict["date"][0]


def test_week_of_rotas_keeps_continuity(manager, small_day, enablement_team):
    # Shifts on the second day too, for the same workers: the second day prefers the first day's workers.
    for worker in EnablementWorker.objects.all():
        shift = worker.shifts.get(date=TOMORROW)
        services.shift_set(
            actor=manager, worker=worker, date=TOMORROW + dt.timedelta(days=1), starts=shift.starts, ends=shift.ends
        )
    rotas = services.rota_create_week(actor=manager, team=enablement_team, first_day=TOMORROW, time_limit=0.3)
    assert [r.date for r in rotas] == [TOMORROW, TOMORROW + dt.timedelta(days=1)]
    first = {(v.planned_visit.episode_id, v.worker_id) for v in rotas[0].visits.filter(worker__isnull=False)}
    second = rotas[1].visits.filter(worker__isnull=False).select_related("planned_visit")
    same = sum(1 for v in second if (v.planned_visit.episode_id, v.worker_id) in first)
    assert same >= len(second) // 2  # most people see a worker they saw the day before
    day = build_day(enablement_team, TOMORROW + dt.timedelta(days=1))
    assert checker.check(day.instance, rotas[1].routes).feasible


def _rota_with_a_visit_nobody_can_make(manager, enablement_team):
    """A draft rota with a visit at 23:30, after every shift has ended."""
    services.planned_visit_add(
        actor=manager, episode=Episode.objects.first(), preferred_start=dt.time(23, 30), duration_minutes=30
    )
    return services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.3)


def test_a_rota_with_unplaced_visits_is_published_only_when_that_is_confirmed(manager, small_day, enablement_team):
    rota = _rota_with_a_visit_nobody_can_make(manager, enablement_team)
    unplaced = rota.visits.filter(worker__isnull=True).values("planned_visit").distinct().count()
    assert unplaced >= 1
    visits = f"{unplaced} visit is" if unplaced == 1 else f"{unplaced} visits are"
    with pytest.raises(ValidationError) as error:
        services.rota_publish(actor=manager, rota=rota)
    assert error.value.message_dict["publish_unplaced"] == [
        f"{visits} not on this rota, so nobody will go to them. Place them first, or confirm that you will "
        "publish without them and arrange them another way"
    ]
    assert Rota.objects.get(pk=rota.pk).status == RotaStatus.DRAFT

    services.rota_publish(actor=manager, rota=rota, publish_unplaced=True)
    assert Rota.objects.get(pk=rota.pk).status == RotaStatus.PUBLISHED
    published = AuditEvent.objects.get(action="enablement.rota_published")
    assert published.new == {"visits_not_on_the_rota": unplaced}


def test_unplaced_summary_counts_visits_and_their_reasons(manager, small_day, enablement_team):
    from ownway.enablement.selectors import rota_unplaced_summary

    rota = _rota_with_a_visit_nobody_can_make(manager, enablement_team)
    summary = rota_unplaced_summary(rota)
    rows = rota.visits.filter(worker__isnull=True)
    assert summary.visits == rows.values("planned_visit").distinct().count()
    assert sum(count for _, count in summary.reasons) == summary.visits
    assert ("No worker with the right skills is on shift at a time this visit can happen", 1) in summary.reasons
