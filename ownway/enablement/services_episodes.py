"""Episodes beyond the six weeks: extended with a reason up to the council's limit, handed to long-term support
(onto the receiving team's list), and followed up at the end and 91 days after discharge (:mod:`.rules.outcomes`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role, TeamKind
from ownway.core.dates import format_date
from ownway.core.workflow import transition

from . import events, services
from .models import (
    MAX_EPISODE_DAYS,
    Episode,
    EpisodeExtension,
    EpisodeFollowUp,
    EpisodeHandOff,
    EpisodeStatus,
    STS002aSequel,
    SupportAfter,
)
from .permissions import EnablementAction, user_can_for
from .services_visits import targets_current

#: Who in the receiving team takes a hand-off from its list.
TAKES_HAND_OFFS = frozenset({Role.SOCIAL_WORKER, Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER})
#: Care hours a week are at most every hour of the week.
MOST_HOURS = Decimal(168)


def _require_manager(actor: User, episode: Episode, message: str) -> None:
    if not user_can_for(actor, EnablementAction.MANAGE_EPISODES, episode.team):
        raise PermissionDenied(message)


def episode_latest_end(episode: Episode) -> dt.date:
    """The furthest an episode may be extended to: six weeks from its start and the council's limit beyond."""
    return episode.start_date + dt.timedelta(days=MAX_EPISODE_DAYS + targets_current().extension_limit_days)


def episode_extend(*, actor: User, episode: Episode, new_end: dt.date, reason: str) -> EpisodeExtension:
    """Extend an active episode to ``new_end``, with a reason, no further than :func:`episode_latest_end`."""
    _require_manager(actor, episode, "You cannot extend this episode")
    errors: dict[str, list[str]] = {}
    latest = episode_latest_end(episode)
    if episode.status != EpisodeStatus.ACTIVE:
        errors["episode"] = ["This episode has ended: it cannot be extended"]
    if new_end <= episode.planned_end_date:
        errors["new_end"] = [f"The new end must be after the planned end, {format_date(episode.planned_end_date)}"]
    elif new_end > latest:
        limit = targets_current()
        errors["new_end"] = [
            f"Enablement can be extended to {format_date(latest)} at the latest: six weeks and "
            f"{limit.extension_limit_days} days from its start ({limit.extension_source}). Hand it to long-term "
            "support instead"
        ]
    if not reason.strip():
        errors["reason"] = ["Say why the person needs longer"]
    elif len(reason) > 2000:
        errors["reason"] = ["Keep the reason to 2,000 characters or fewer"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(episode, allowed_from=[EpisodeStatus.ACTIVE], action="extend it", what=services.EPISODE)
        extension = EpisodeExtension.objects.create(
            episode=episode, previous_end=episode.planned_end_date, new_end=new_end, reason=reason.strip(),
            extended_by=actor,
        )  # fmt: skip
        episode.planned_end_date = new_end
        episode.save(update_fields=["planned_end_date"])
        audit_record(
            actor=actor, action=events.EPISODE_EXTENDED, subject=episode, person=episode.person,
            old={"planned_end_date": extension.previous_end.isoformat()},
            new={"planned_end_date": new_end.isoformat(), "reason": extension.reason},
        )  # fmt: skip
    return extension


def episode_hand_off(
    *, actor: User, episode: Episode, to_team: Team, needs: str, ended_on: dt.date | None = None
) -> EpisodeHandOff:
    """End an episode as going on to long-term support (SALT STS002a "Long-term support (any setting)") and put
    the person on the receiving team's list of hand-offs, with what they still need."""
    _require_manager(actor, episode, "You cannot hand this episode on")
    errors: dict[str, list[str]] = {}
    if to_team.kind == TeamKind.ENABLEMENT or not to_team.is_active:
        errors["to_team"] = ["Choose the team that will give long-term support"]
    if not needs.strip():
        errors["needs"] = ["Say what support the person still needs"]
    elif len(needs) > 5000:
        errors["needs"] = ["Keep it to 5,000 characters or fewer"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        services.episode_end(
            actor=actor, episode=episode, ended_on=ended_on or timezone.localdate(),
            outcome=STS002aSequel.LONG_TERM_SUPPORT,
        )  # fmt: skip
        hand_off = EpisodeHandOff.objects.create(episode=episode, to_team=to_team, needs=needs.strip(), handed_by=actor)
        audit_record(
            actor=actor, action=events.EPISODE_HANDED_OFF, subject=hand_off, person=episode.person,
            new={"to_team": to_team.pk},
        )  # fmt: skip
    return hand_off


def hand_off_take(*, actor: User, hand_off: EpisodeHandOff) -> EpisodeHandOff:
    """A worker of the receiving team takes the person on from the team's list."""
    if actor.role not in TAKES_HAND_OFFS or actor.team_id != hand_off.to_team_id:
        raise PermissionDenied("Only a worker of the team it was handed to can take it")
    with transaction.atomic():
        locked = EpisodeHandOff.objects.select_for_update().get(pk=hand_off.pk)
        if locked.taken_by_id is not None:
            raise ValidationError({"hand_off": ["Someone in your team has already taken this"]})
        locked.taken_by, locked.taken_at = actor, timezone.now()
        locked.save(update_fields=["taken_by", "taken_at"])
        audit_record(actor=actor, action=events.HAND_OFF_TAKEN, subject=locked, person=locked.episode.person)
    return locked


def care_hours_planned(episode: Episode) -> Decimal:
    """The episode's care hours a week from its visit plan: each day's visits, times the workers they need."""
    minutes = sum(v.duration_minutes * v.workers_needed for v in episode.planned_visits.all())
    return (Decimal(minutes * 7) / 60).quantize(Decimal("0.01"))


def follow_up_record(
    *,
    actor: User,
    follow_up: EpisodeFollowUp,
    at_home: bool,
    support_after: str,
    care_hours_start: Decimal,
    care_hours_now: Decimal,
    note: str = "",
) -> EpisodeFollowUp:
    """Record where the person is at a follow-up (at the end, or 91 days after discharge). Once."""
    episode = follow_up.episode
    _require_manager(actor, episode, "You cannot record this follow-up")
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if follow_up.recorded_on is not None:
        errors["follow_up"] = [f"This follow-up was recorded on {format_date(follow_up.recorded_on)}"]
    if follow_up.due_on > today:
        errors["follow_up"] = [f"This follow-up is due on {format_date(follow_up.due_on)}: record it then"]
    if support_after not in SupportAfter.values:
        errors["support_after"] = ["Choose the long-term support the person needs now"]
    for name, hours in (("care_hours_start", care_hours_start), ("care_hours_now", care_hours_now)):
        if not Decimal(0) <= hours <= MOST_HOURS:
            errors[name] = ["Enter hours a week from 0 to 168"]
    if support_after == SupportAfter.NONE and care_hours_now > 0:
        errors["care_hours_now"] = ["With no long-term support, the care hours now are 0"]
    if len(note) > 5000:
        errors["note"] = ["Keep the note to 5,000 characters or fewer"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        follow_up.at_home, follow_up.support_after = at_home, support_after
        follow_up.care_hours_start, follow_up.care_hours_now = care_hours_start, care_hours_now
        follow_up.note, follow_up.recorded_on, follow_up.recorded_by = note.strip(), today, actor
        follow_up.save()
        audit_record(
            actor=actor, action=events.FOLLOW_UP_RECORDED, subject=follow_up, person=episode.person,
            new={"point": follow_up.point, "at_home": at_home, "support_after": support_after,
                 "care_hours_start": str(care_hours_start), "care_hours_now": str(care_hours_now)},
        )  # fmt: skip
    return follow_up
