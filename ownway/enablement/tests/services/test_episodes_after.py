"""Extending an episode up to the council's limit, handing it to long-term support, and its follow-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.roles import Role, TeamKind
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.enablement import services
from ownway.enablement.models import EnablementTargets, EpisodeFollowUp, EpisodeStatus, FollowUpPoint, SupportAfter
from ownway.enablement.selectors_episodes import hand_offs_for_user, hand_offs_waiting_count, outcome_figures_for_user
from ownway.enablement.services_episodes import (
    episode_extend,
    episode_hand_off,
    episode_latest_end,
    follow_up_record,
    hand_off_take,
)
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()


def _episode(manager, team, *, started: dt.date, source: str = "hospital_discharge", born=dt.date(1940, 5, 1)):
    person = PersonFactory(team=team, date_of_birth=born)
    referral = services.referral_record(
        actor=manager, person=person, team=team, source=source, received_on=min(started, TODAY), reason="After a fall"
    )
    return services.episode_start(
        actor=manager, referral=referral, start_date=started, planned_end_date=started + dt.timedelta(days=42),
        latitude=Decimal("52.4"), longitude=Decimal("-1.5"),
    )  # fmt: skip


def test_an_episode_is_extended_with_a_reason_up_to_the_councils_limit(manager, enablement_team):
    episode = _episode(manager, enablement_team, started=TODAY - dt.timedelta(days=40))
    latest = episode.start_date + dt.timedelta(days=42 + 14)
    assert episode_latest_end(episode) == latest
    with pytest.raises(ValidationError, match="Say why the person needs longer"):
        episode_extend(actor=manager, episode=episode, new_end=latest, reason=" ")
    with pytest.raises(ValidationError, match=r"can be extended to .* at the latest") as refused:
        episode_extend(actor=manager, episode=episode, new_end=latest + dt.timedelta(days=1), reason="Still unsteady")
    assert "Council decision" in str(refused.value)
    episode_extend(actor=manager, episode=episode, new_end=latest, reason="Still unsteady on the stairs")
    episode.refresh_from_db()
    assert episode.planned_end_date == latest
    assert episode.extensions.get().previous_end == episode.start_date + dt.timedelta(days=42)
    # Ending within the extension is now allowed (it was refused past six weeks before).
    services.episode_end(
        actor=manager, episode=episode, ended_on=TODAY + dt.timedelta(days=5), outcome="ongoing_low_level"
    )


def test_the_limit_is_council_set_data(manager, enablement_team):
    EnablementTargets.objects.create(extension_limit_days=7, extension_source="Council decision of 1 March")
    episode = _episode(manager, enablement_team, started=TODAY)
    assert episode_latest_end(episode) == TODAY + dt.timedelta(days=49)


def test_a_hand_off_ends_the_episode_and_lands_on_the_receiving_teams_list(manager, enablement_team):
    locality = TeamFactory(name="North locality", kind=TeamKind.LOCALITY)
    worker = UserFactory(username="sw-north", role=Role.SOCIAL_WORKER, team=locality)
    elsewhere = UserFactory(username="sw-south", role=Role.SOCIAL_WORKER, team=TeamFactory(name="South locality"))
    episode = _episode(manager, enablement_team, started=TODAY - dt.timedelta(days=30))
    with pytest.raises(ValidationError, match="Choose the team that will give long-term support"):
        episode_hand_off(actor=manager, episode=episode, to_team=enablement_team, needs="Help to wash")
    hand_off = episode_hand_off(actor=manager, episode=episode, to_team=locality, needs="Help to wash each morning")
    episode.refresh_from_db()
    assert episode.status == EpisodeStatus.ENDED
    assert episode.outcome == "long_term_support"
    assert hand_offs_waiting_count(user=worker) == 1
    assert hand_offs_waiting_count(user=elsewhere) == 0
    assert [h.pk for h in hand_offs_for_user(user=worker)] == [hand_off.pk]
    with pytest.raises(PermissionDenied):
        hand_off_take(actor=elsewhere, hand_off=hand_off)
    hand_off_take(actor=worker, hand_off=hand_off)
    assert hand_offs_waiting_count(user=worker) == 0
    with pytest.raises(ValidationError, match="already taken"):
        hand_off_take(actor=worker, hand_off=hand_off)


def test_ending_puts_both_follow_ups_on_the_list_by_themselves(manager, enablement_team):
    from_hospital = _episode(manager, enablement_team, started=TODAY - dt.timedelta(days=40))
    community = _episode(manager, enablement_team, started=TODAY - dt.timedelta(days=40), source="community")
    for episode in (from_hospital, community):
        services.episode_end(actor=manager, episode=episode, ended_on=TODAY, outcome="ongoing_low_level")
    due = {(f.episode_id, f.point): f.due_on for f in EpisodeFollowUp.objects.all()}
    assert due[(from_hospital.pk, FollowUpPoint.END)] == TODAY
    # 91 days after the hospital discharge into enablement (its start), and after the end of enablement otherwise.
    assert due[(from_hospital.pk, FollowUpPoint.DAY_91)] == from_hospital.start_date + dt.timedelta(days=91)
    assert due[(community.pk, FollowUpPoint.DAY_91)] == TODAY + dt.timedelta(days=91)


def test_follow_ups_give_ascof_2a_and_2d_and_care_hours(manager, enablement_team, django_user_model):
    outcomes = ["ongoing_low_level", "ongoing_low_level", "long_term_support", "no_services_other"]
    episodes = []
    for k, outcome in enumerate(outcomes):
        episode = _episode(manager, enablement_team, started=TODAY - dt.timedelta(days=140 + k))
        services.episode_end(
            actor=manager, episode=episode, ended_on=episode.start_date + dt.timedelta(days=40), outcome=outcome
        )
        episodes.append(episode)
    end = EpisodeFollowUp.objects.get(episode=episodes[0], point=FollowUpPoint.END)
    with pytest.raises(ValidationError, match="care hours now are 0"):
        follow_up_record(actor=manager, follow_up=end, at_home=True, support_after=SupportAfter.NONE,
                         care_hours_start=Decimal("10.5"), care_hours_now=Decimal(2))  # fmt: skip
    follow_up_record(actor=manager, follow_up=end, at_home=True, support_after=SupportAfter.NONE,
                     care_hours_start=Decimal("10.5"), care_hours_now=Decimal(0))  # fmt: skip
    with pytest.raises(ValidationError, match="was recorded on"):
        follow_up_record(actor=manager, follow_up=end, at_home=True, support_after=SupportAfter.NONE,
                         care_hours_start=Decimal("10.5"), care_hours_now=Decimal(0))  # fmt: skip
    for episode, home in zip(episodes[:3], [True, True, False], strict=True):
        day_91 = EpisodeFollowUp.objects.get(episode=episode, point=FollowUpPoint.DAY_91)
        follow_up_record(actor=manager, follow_up=day_91, at_home=home, support_after=SupportAfter.LESS,
                         care_hours_start=Decimal(14), care_hours_now=Decimal(7))  # fmt: skip
    figures = outcome_figures_for_user(user=manager)
    # 4 episodes counted in 2A, 3 without long-term support: 75.0%, above Coventry's two thirds.
    assert (figures.ascof_2a.numerator, figures.ascof_2a.denominator) == (3, 4)
    assert figures.ascof_2a.meets(figures.targets.no_long_term_share)
    # All three followed up at 91 days are 65 or over and came from hospital; two are at home.
    assert (figures.ascof_2d.numerator, figures.ascof_2d.denominator) == (2, 3)
    assert (figures.ended_recorded, figures.no_support) == (1, 1)
    assert (figures.care_hours_start, figures.care_hours_end) == (Decimal("10.5"), Decimal(0))


def test_a_follow_up_not_yet_due_is_refused(manager, enablement_team):
    episode = _episode(manager, enablement_team, started=TODAY - dt.timedelta(days=10))
    services.episode_end(actor=manager, episode=episode, ended_on=TODAY, outcome="ongoing_low_level")
    day_91 = EpisodeFollowUp.objects.get(episode=episode, point=FollowUpPoint.DAY_91)
    with pytest.raises(ValidationError, match="is due on"):
        follow_up_record(actor=manager, follow_up=day_91, at_home=True, support_after=SupportAfter.NONE,
                         care_hours_start=Decimal(7), care_hours_now=Decimal(0))  # fmt: skip
