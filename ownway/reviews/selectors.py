"""Reading reviews: the worklists of reviews due, a person's reviews, and each outcome's progress over time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.planning.models import PlanOutcome, SupportPlan

from . import events
from .models import OutcomeProgress, Review, ReviewStatus, SelfReview
from .permissions import ReviewAction, user_can, user_can_for, visible_to


def reviews_due_for_user(*, user: User, mine: bool, today: dt.date | None = None) -> QuerySet[Review]:
    """The reviews to hold now (on the worklists from ``opens_on``; overdue once past ``due_on``), the most
    overdue first: the worker's own (people they are named worker for) or their team's. Show a page of them
    through :func:`reviews_due_shown`."""
    if not user_can(user, ReviewAction.WORKLIST):
        raise PermissionDenied("You cannot see the reviews due")
    today = today or timezone.localdate()
    rows = visible_to(user).filter(status=ReviewStatus.OPEN, opens_on__lte=today)
    if mine:
        rows = rows.filter(person__named_worker=user)
    return rows.select_related("person", "person__named_worker", "plan").order_by("due_on", "pk")


@dataclass(frozen=True)
class ReviewCounts:
    """How many reviews are due now and how many of them are overdue, for the worker and for their team."""

    mine: int
    mine_overdue: int
    team: int
    team_overdue: int


def reviews_due_counts(*, user: User, today: dt.date | None = None) -> ReviewCounts | None:
    """The home page's counts (``None`` for who has no reviews worklist), in one query."""
    if not user_can(user, ReviewAction.WORKLIST):
        return None
    today = today or timezone.localdate()
    overdue, mine = Q(due_on__lt=today), Q(person__named_worker=user)
    counts = (
        visible_to(user)
        .filter(status=ReviewStatus.OPEN, opens_on__lte=today)
        .aggregate(
            mine=Count("pk", filter=mine),
            mine_overdue=Count("pk", filter=mine & overdue),
            team=Count("pk"),
            team_overdue=Count("pk", filter=overdue),
        )
    )
    return ReviewCounts(**counts)


def reviews_due_shown(*, user: User, reviews: list[Review]) -> None:
    """Write each person on a page of the reviews due to the audit trail."""
    with transaction.atomic():
        audit_shown(actor=user, action=events.REVIEWS_LISTED, shown=[(r, r.person_id) for r in reviews])


def review_get_for_user(*, user: User, pk: int, action: ReviewAction = ReviewAction.VIEW) -> Review:
    """One review, if the user may see (or hold) it; the reading is audited. Not found alike when it does not
    exist and when the user may not see it."""
    review = Review.objects.select_related("person", "plan", "version").filter(pk=pk).first()
    if review is None or not (user_can(user, action) and user_can_for(user, action, review)):
        raise Http404("No such review")
    with transaction.atomic():
        audit_record(actor=user, action=events.REVIEW_VIEWED, subject=review, person=review.person)
    return review


def plan_for_review(*, user: User, pk: int) -> SupportPlan:
    """A plan the user may ask for a review of (not found alike when they may not)."""
    plan = SupportPlan.objects.select_related("person").filter(pk=pk).first()
    if plan is None or not (user_can(user, ReviewAction.HOLD) and user_can_for(user, ReviewAction.HOLD, plan.person)):
        raise Http404("No such plan")
    return plan


def reviews_of_person(*, user: User, person: Person) -> list[Review]:
    """A person's reviews, to hold and held, the newest first (for their record)."""
    if not (user_can(user, ReviewAction.VIEW) and user_can_for(user, ReviewAction.VIEW, person)):
        return []
    return list(Review.objects.filter(person=person).select_related("plan", "reviewer").order_by("-due_on", "-pk")[:50])


@dataclass(frozen=True)
class OutcomeHistory:
    """One outcome of the plan and how far it had come at each review, the earliest first."""

    outcome: PlanOutcome
    progress: list[OutcomeProgress]


def outcome_history(*, plan: SupportPlan, version_id: int) -> list[OutcomeHistory]:
    """Each outcome of a version of the plan with its progress at every review of the plan, matched by the
    outcome's words (a new version copies its outcomes), so the history carries across versions."""
    outcomes = list(PlanOutcome.objects.filter(version_id=version_id).order_by("position", "pk"))
    words = {outcome.own_words for outcome in outcomes}
    progress = (
        OutcomeProgress.objects.filter(
            review__plan=plan, outcome__own_words__in=words, review__status=ReviewStatus.DONE
        )
        .select_related("review", "outcome")
        .order_by("review__held_on", "review__pk")
    )
    by_words: dict[str, list[OutcomeProgress]] = {}
    for row in progress:
        by_words.setdefault(row.outcome.own_words, []).append(row)
    return [OutcomeHistory(outcome=outcome, progress=by_words.get(outcome.own_words, [])) for outcome in outcomes]


@dataclass(frozen=True)
class OwnReviews:
    """A citizen's reviews: the next one to hold (or none), their answers to it so far, and the last one held."""

    next: Review | None
    answers: SelfReview | None
    last: Review | None


def own_reviews_for_citizen(*, user: User) -> OwnReviews:
    """The signed-in citizen's own next review and last review; no one else's."""
    if not user_can(user, ReviewAction.OWN) or user.person_id is None:
        raise PermissionDenied("Only a person with a record of their own has reviews here")
    reviews = Review.objects.filter(person_id=user.person_id).select_related("plan", "plan__person")
    upcoming = reviews.filter(status=ReviewStatus.OPEN).order_by("due_on", "pk").first()
    answers = SelfReview.objects.filter(review=upcoming).first() if upcoming is not None else None
    last = reviews.filter(status=ReviewStatus.DONE).order_by("-held_on", "-pk").first()
    return OwnReviews(next=upcoming, answers=answers, last=last)
