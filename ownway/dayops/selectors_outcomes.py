"""Reading the outcomes of placements: a placement's goals and their progress, and the employment outcomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User

from . import events
from .models import (
    EmploymentOutcome,
    GoalProgress,
    GoalStatus,
    Placement,
    PlacementGoal,
    PlacementReview,
    ProgressionReview,
    WorkKind,
)
from .permissions import DayopsAction, user_can, user_can_for


@dataclass
class GoalWithProgress:
    goal: PlacementGoal
    #: Newest first.
    progress: list[GoalProgress]

    @property
    def latest(self) -> GoalProgress | None:
        return self.progress[0] if self.progress else None


@dataclass
class PlacementOutcomes:
    placement: Placement
    goals: list[GoalWithProgress]
    reviews: list[PlacementReview]
    employment: list[EmploymentOutcome]

    @property
    def open_goals(self) -> list[PlacementGoal]:
        return [g.goal for g in self.goals if g.goal.status == GoalStatus.OPEN]


def goals_with_progress(placements: list[Placement]) -> dict[int, list[GoalWithProgress]]:
    """The goals of these placements, each with its progress newest first, in two queries (the caller has
    checked the reader may see them)."""
    goals = list(PlacementGoal.objects.filter(placement__in=[p.pk for p in placements]).order_by("set_on", "id"))
    progress: dict[int, list[GoalProgress]] = {g.pk: [] for g in goals}
    rows = (
        GoalProgress.objects.filter(goal__in=[g.pk for g in goals])
        .select_related("review")
        .order_by("-review__reviewed_on", "-review_id")
    )
    for row in rows:
        progress[row.goal_id].append(row)
    result: dict[int, list[GoalWithProgress]] = {p.pk: [] for p in placements}
    for goal in goals:
        result[goal.placement_id].append(GoalWithProgress(goal, progress[goal.pk]))
    return result


def placement_get_for_user(*, user: User, pk: int, action: DayopsAction = DayopsAction.VIEW) -> Placement:
    """A placement whose person the user may do ``action`` to; 404 for none, a refusal raises."""
    placement = Placement.objects.filter(pk=pk).select_related("person", "service").first()
    if placement is None:
        raise Http404("No such placement")
    if not user_can_for(user, action, placement.person):
        raise PermissionDenied("You cannot see this placement")
    return placement


def placement_outcomes_for_user(*, user: User, placement: Placement) -> PlacementOutcomes:
    """A placement's goals with their progress, its reviews and the work taken up (the read is audited)."""
    if not user_can_for(user, DayopsAction.VIEW, placement.person):
        raise PermissionDenied("You cannot see this placement")
    goals = goals_with_progress([placement])[placement.pk]
    reviews = list(placement.reviews.select_related("reviewed_by", "progression_review"))
    employment = list(placement.employment.all())
    with transaction.atomic():
        audit_record(actor=user, action=events.PLACEMENT_OUTCOMES_VIEWED, subject=placement, person=placement.person)
    return PlacementOutcomes(placement, goals, reviews, employment)


def progression_reviews_of(*, placement: Placement) -> list[ProgressionReview]:
    """The person's progression reviews, newest first, that a placement review may be held with."""
    return list(ProgressionReview.objects.filter(person_id=placement.person_id).order_by("-reviewed_on", "-id")[:20])


@dataclass
class WorkRow:
    kind: str
    label: str
    #: Started in the period: how many, and how many people.
    started: int = 0
    started_people: int = 0
    #: In work on the last day of the period: how many, how many people, and their hours a week in all.
    current: int = 0
    current_people: int = 0
    current_hours: Decimal = Decimal("0.0")


@dataclass
class EmploymentReport:
    starts_on: dt.date
    ends_on: dt.date
    rows: list[WorkRow] = field(default_factory=list)
    #: Everyone in paid or voluntary work on the last day (a person in both counts once).
    people_in_work: int = 0


def employment_outcomes_report(*, user: User, starts_on: dt.date, ends_on: dt.date) -> EmploymentReport:
    """Paid and voluntary work taken up by people at day placements: how many started in the period (and how
    many people), and how many were in work on its last day with their hours a week. Counts for the whole
    council, naming no one."""
    if not user_can(user, DayopsAction.OUTCOMES_REPORT):
        raise PermissionDenied("You cannot see the employment outcomes")
    report = EmploymentReport(starts_on, ends_on)
    person = "placement__person"
    started = EmploymentOutcome.objects.filter(starts_on__gte=starts_on, starts_on__lte=ends_on)
    current = EmploymentOutcome.objects.filter(starts_on__lte=ends_on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=ends_on)
    )
    began = {
        r["kind"]: r
        for r in started.values("kind").annotate(n=Count("id"), people=Count(person, distinct=True)).order_by()
    }
    now = {
        r["kind"]: r
        for r in current.values("kind")
        .annotate(n=Count("id"), people=Count(person, distinct=True), hours=Sum("hours_per_week"))
        .order_by()
    }
    for kind, label in WorkKind.choices:
        row = WorkRow(kind, label)
        if kind in began:
            row.started, row.started_people = began[kind]["n"], began[kind]["people"]
        if kind in now:
            row.current, row.current_people = now[kind]["n"], now[kind]["people"]
            row.current_hours = Decimal(now[kind]["hours"] or 0).quantize(Decimal("0.1"))
        report.rows.append(row)
    report.people_in_work = current.values(person).distinct().count()
    return report
