"""Reading follow-ups due, hand-offs waiting and what enablement achieved, only as far as the reader may."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ownway.accounts.audit import audit_shown
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.reporting import reporting_read

from . import events
from .models import (
    EnablementTargets,
    Episode,
    EpisodeFollowUp,
    EpisodeHandOff,
    EpisodeStatus,
    FollowUpPoint,
    ReferralSource,
    SupportAfter,
)
from .permissions import EnablementAction, episodes_visible_to, user_can
from .rules.outcomes import NinetyOneDays, Share, ascof_2a, ascof_2d
from .services_episodes import TAKES_HAND_OFFS
from .services_visits import targets_current


def follow_ups_due_for_user(*, user: User) -> list[EpisodeFollowUp]:
    """The team's follow-ups due today or earlier and not yet recorded, oldest first (enablement managers). Each
    person shown is written to the audit trail."""
    if not user_can(user, EnablementAction.MANAGE_EPISODES):
        raise PermissionDenied("Only enablement managers record follow-ups")
    due = list(
        EpisodeFollowUp.objects.filter(
            episode__in=episodes_visible_to(user), recorded_on__isnull=True, due_on__lte=timezone.localdate()
        )
        .select_related("episode__person")
        .order_by("due_on", "id")[:200]
    )
    with transaction.atomic():
        audit_shown(actor=user, action=events.FOLLOW_UPS_LISTED, shown=[(f, f.episode.person_id) for f in due])
    return due


def hand_offs_visible_to(user: User) -> QuerySet[EpisodeHandOff]:
    """Hand-offs to the user's team (every team's for an administrator); none for anyone else."""
    hand_offs = EpisodeHandOff.objects.all()
    if user.role == Role.ADMINISTRATOR:
        return hand_offs
    if user.role not in TAKES_HAND_OFFS or user.team_id is None:
        return hand_offs.none()
    return hand_offs.filter(to_team_id=user.team_id)


def hand_offs_for_user(*, user: User) -> list[EpisodeHandOff]:
    """The people handed to the user's team for long-term support: those not yet taken first, then the last 30
    days' taken. Each person shown is written to the audit trail."""
    if user.role not in TAKES_HAND_OFFS and user.role != Role.ADMINISTRATOR:
        raise PermissionDenied("Hand-offs from enablement go to the team that gives long-term support")
    since = timezone.now() - dt.timedelta(days=30)
    rows = list(
        hand_offs_visible_to(user)
        .filter(taken_at__isnull=True)
        .select_related("episode__person", "handed_by", "to_team")
        .order_by("handed_at", "id")[:200]
    ) + list(
        hand_offs_visible_to(user)
        .filter(taken_at__gte=since)
        .select_related("episode__person", "taken_by", "to_team")
        .order_by("-taken_at", "-id")[:50]
    )
    with transaction.atomic():
        audit_shown(actor=user, action=events.HAND_OFFS_LISTED, shown=[(h, h.episode.person_id) for h in rows])
    return rows


@dataclass
class OutcomeFigures:
    """What enablement achieved, for the dashboard: figures only, no one named."""

    ascof_2a: Share
    ascof_2d: Share
    targets: EnablementTargets
    #: Follow-ups at the end: how many recorded, at home, needing no / less long-term support.
    ended_recorded: int
    at_home_at_end: int
    no_support: int
    less_support: int
    care_hours_start: Decimal
    care_hours_end: Decimal


@reporting_read
def outcome_figures_for_user(*, user: User) -> OutcomeFigures:
    if not user_can(user, EnablementAction.VIEW_DASHBOARD):
        raise PermissionDenied("You cannot see the enablement figures")
    episodes = Episode.objects.filter(status=EpisodeStatus.ENDED)
    follow_ups = EpisodeFollowUp.objects.filter(recorded_on__isnull=False)
    if user.role == Role.ENABLEMENT_MANAGER:
        episodes = episodes.filter(team_id=user.team_id) if user.team_id else episodes.none()
        follow_ups = follow_ups.filter(episode__team_id=user.team_id) if user.team_id else follow_ups.none()
    share_2a = ascof_2a(episodes.values_list("outcome", flat=True))
    day_91 = follow_ups.filter(point=FollowUpPoint.DAY_91).values_list(
        "at_home", "episode__referral__source", "episode__person__date_of_birth", "episode__start_date"
    )
    share_2d = ascof_2d(
        NinetyOneDays(
            aged_65_or_over=born is not None and _age(born, started) >= 65,
            from_hospital=source == ReferralSource.HOSPITAL_DISCHARGE,
            at_home=bool(at_home),
        )
        for at_home, source, born, started in day_91
    )
    ends = list(
        follow_ups.filter(point=FollowUpPoint.END).values_list(
            "at_home", "support_after", "care_hours_start", "care_hours_now"
        )
    )
    return OutcomeFigures(
        ascof_2a=share_2a,
        ascof_2d=share_2d,
        targets=targets_current(),
        ended_recorded=len(ends),
        at_home_at_end=sum(1 for e in ends if e[0]),
        no_support=sum(1 for e in ends if e[1] == SupportAfter.NONE),
        less_support=sum(1 for e in ends if e[1] == SupportAfter.LESS),
        care_hours_start=sum((e[2] or Decimal(0) for e in ends), Decimal(0)),
        care_hours_end=sum((e[3] or Decimal(0) for e in ends), Decimal(0)),
    )


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def hand_offs_waiting_count(*, user: User) -> int | None:
    """How many people handed over from enablement wait for the user's team, or None for those who take none."""
    if user.role not in TAKES_HAND_OFFS or user.team_id is None:
        return None
    return hand_offs_visible_to(user).filter(taken_at__isnull=True).count()
