"""Writing the outcomes of a placement: its goals, their progress at reviews, and work or volunteering taken up.

Each goal is in the person's own words, of one kind (skills, friendships, paid work, volunteering, travelling on
their own). At a review (a placement review, or one held with a progression review) each goal reviewed gets what
the person says about it, in their words, and a point on the five-point scale (``PROGRESS_SCALE``); a goal at the
top of the scale is achieved. Work and volunteering are recorded with their hours a week, so that employment
outcomes can be counted (:func:`ownway.dayops.selectors_outcomes.employment_outcomes_report`).

Every service checks everything first (nothing half-saved), is one transaction and writes its audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import format_date
from ownway.core.text import shortened, too_long_for, without_control_characters
from ownway.core.workflow import transition

from . import events
from .models import (
    PROGRESS_SCALE,
    EmploymentOutcome,
    GoalKind,
    GoalProgress,
    GoalStatus,
    Placement,
    PlacementGoal,
    PlacementReview,
    PlacementStatus,
    ProgressionReview,
    WorkKind,
)
from .permissions import DayopsAction, user_can_for

#: The longest goal, or what a person says of it at a review.
MAX_WORDS = 2000
#: The most hours a week anyone works.
MAX_HOURS = Decimal(168)


def _require(actor: User, placement: Placement) -> None:
    if not user_can_for(actor, DayopsAction.RECORD_OUTCOMES, placement.person):
        raise PermissionDenied("You cannot record this person's outcomes")


def _text(value: str, field: str, missing: str, subject: str, errors: dict[str, list[str]]) -> str:
    text = without_control_characters(value, keep_lines=True).strip()
    if not text:
        errors[field] = [missing]
    elif len(text) > MAX_WORDS:
        errors[field] = [f"{subject} must be {MAX_WORDS:,} characters or fewer"]
    return text


def _not_future(day: dt.date, field: str, subject: str, errors: dict[str, list[str]]) -> None:
    if day > timezone.localdate():
        errors[field] = [f"{subject} must be today or in the past"]


def placement_goal_set(
    *, actor: User, placement: Placement, kind: str, own_words: str, set_on: dt.date
) -> PlacementGoal:
    """Give an active placement a goal, in the person's own words."""
    _require(actor, placement)
    errors: dict[str, list[str]] = {}
    if placement.status != PlacementStatus.ACTIVE:
        raise ValidationError("This placement has ended: it takes no new goals")
    if kind not in GoalKind.values:
        errors["kind"] = ["Choose what kind of goal it is"]
    words = _text(own_words, "own_words", "Write the goal in their own words", "The goal", errors)
    _not_future(set_on, "set_on", "The date the goal was set", errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        goal = PlacementGoal.objects.create(
            placement=placement, kind=kind, own_words=words, set_on=set_on, set_by=actor
        )
        audit_record(
            actor=actor,
            action=events.GOAL_SET,
            subject=goal,
            person=placement.person,
            new={"placement": placement.pk, "kind": kind},
        )
    return goal


def placement_review_record(
    *,
    actor: User,
    placement: Placement,
    reviewed_on: dt.date,
    progress: Mapping[int, tuple[int, str]],
    progression_review: ProgressionReview | None = None,
) -> PlacementReview:
    """Record a review of a placement's goals: for each goal reviewed (by id), the point on the scale and what the
    person says, in their own words. A goal reaching the top of the scale (5, "Achieved") is achieved. Held with a
    progression review, the review names it (it must be the person's)."""
    _require(actor, placement)
    errors: dict[str, list[str]] = {}
    _not_future(reviewed_on, "reviewed_on", "The date of the review", errors)
    if not errors and reviewed_on < placement.starts_on:
        errors["reviewed_on"] = [
            f"The review cannot be before the placement started, {format_date(placement.starts_on)}"
        ]
    if progression_review is not None and progression_review.person_id != placement.person_id:
        errors["progression_review"] = ["That progression review is someone else's"]
    goals = {g.pk: g for g in PlacementGoal.objects.filter(placement=placement, status=GoalStatus.OPEN)}
    if not progress:
        errors.setdefault("progress", []).append("Record the progress of at least one goal")
    cleaned: dict[int, tuple[int, str]] = {}
    for goal_id, (scale, words) in progress.items():
        goal = goals.get(goal_id)
        if goal is None:
            errors.setdefault("progress", []).append("A goal reviewed is not one this placement is working towards")
            continue
        if scale not in PROGRESS_SCALE:
            errors[f"scale_{goal_id}"] = [f"Choose how far they have got with “{shortened(goal.own_words, 60)}”"]
        text = _text(words, f"words_{goal_id}", f"Write what they say about “{shortened(goal.own_words, 60)}”",
                     "What they say", errors)  # fmt: skip
        cleaned[goal_id] = (scale, text)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = PlacementReview.objects.create(
            placement=placement, progression_review=progression_review, reviewed_on=reviewed_on, reviewed_by=actor
        )
        GoalProgress.objects.bulk_create(
            GoalProgress(review=review, goal_id=goal_id, scale=scale, own_words=text)
            for goal_id, (scale, text) in cleaned.items()
        )
        for goal_id, (scale, _) in cleaned.items():
            if scale == max(PROGRESS_SCALE):
                transition(goals[goal_id], allowed_from=[GoalStatus.OPEN], to=GoalStatus.ACHIEVED,
                           action="mark it achieved", what="goal")  # fmt: skip
        audit_record(
            actor=actor,
            action=events.PLACEMENT_REVIEWED,
            subject=review,
            person=placement.person,
            new={"reviewed_on": reviewed_on.isoformat(), "progress": {str(k): v[0] for k, v in cleaned.items()}},
        )
    return review


def employment_outcome_record(
    *,
    actor: User,
    placement: Placement,
    kind: str,
    role: str,
    hours_per_week: Decimal,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
) -> EmploymentOutcome:
    """Record paid or voluntary work the person took up while at the placement, with its hours a week."""
    _require(actor, placement)
    errors: dict[str, list[str]] = {}
    if kind not in WorkKind.values:
        errors["kind"] = ["Choose paid work or voluntary work"]
    text = without_control_characters(role).strip()
    if not text:
        errors["role"] = ["Say what they do and where"]
    elif message := too_long_for(EmploymentOutcome, "role", text, "What they do and where"):
        errors["role"] = [message]
    if not Decimal(0) < hours_per_week <= MAX_HOURS:
        errors["hours_per_week"] = ["Hours a week must be more than 0 and no more than 168"]
    _not_future(starts_on, "starts_on", "The date they started", errors)
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = ["The date it ended must be on or after the date they started"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        outcome = EmploymentOutcome.objects.create(
            placement=placement,
            kind=kind,
            role=text,
            hours_per_week=hours_per_week,
            starts_on=starts_on,
            ends_on=ends_on,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.EMPLOYMENT_RECORDED,
            subject=outcome,
            person=placement.person,
            new={"kind": kind, "hours_per_week": str(hours_per_week), "starts_on": starts_on.isoformat()},
        )
    return outcome
