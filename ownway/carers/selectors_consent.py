"""What each consent lets a carer see, for the worker, the person who gave it and the carer.

A carer sees the current approved support plan and the reviews of the person they care for only while a current
consent covers it (:mod:`.services_consent`); with none, or after it was withdrawn, they see only that there is
none. Every person whose plan or reviews a carer is shown is written to the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from ownway.accounts.audit import audit_shown
from ownway.accounts.models import User
from ownway.people.models import CaringRelationship, Person
from ownway.planning.models import PlanLine, PlanOutcome, PlanStatus, PlanVersion
from ownway.reviews.models import OutcomeProgress, Review, ReviewStatus

from . import events_breaks as events
from .models import CarerConsent
from .permissions_breaks import BreaksAction, user_can, user_can_for


def consents_standing(relationships: Iterable[int], *, covering: str) -> dict[int, CarerConsent]:
    """The current consent of each of these caring relationships (by id) that covers ``covering`` (``"plan"``,
    ``"reviews"`` or ``"day_breaks"``), by relationship id. For selectors that have already checked the reader."""
    rows = CarerConsent.objects.filter(relationship__in=list(relationships), withdrawn_on__isnull=True)
    return {c.relationship_id: c for c in rows.filter(**{f"covers_{covering}": True})}


def carer_consents_for_person(
    *, user: User, person: Person
) -> list[tuple[CaringRelationship, CarerConsent | None, list[CarerConsent]]]:
    """The person's carers now, each with the consent standing (or None) and every consent given before."""
    if not user_can_for(user, BreaksAction.CONSENT, person):
        raise PermissionDenied("You cannot record this person's consent")
    relationships = list(
        CaringRelationship.objects.filter(cared_for=person, ended_on__isnull=True).select_related("carer")
        .order_by("carer__first_name", "id")
    )  # fmt: skip
    history: dict[int, list[CarerConsent]] = {r.pk: [] for r in relationships}
    for c in CarerConsent.objects.filter(relationship__in=[r.pk for r in relationships]).order_by("-given_on", "-id"):
        history[c.relationship_id].append(c)
    with transaction.atomic():
        audit_shown(actor=user, action=events.CONSENTS_VIEWED, shown=[(person, person.pk)])
    return [(r, next((c for c in history[r.pk] if c.withdrawn_on is None), None), history[r.pk]) for r in relationships]


def own_consents_for_user(*, user: User) -> list[tuple[CaringRelationship, CarerConsent | None]]:
    """The citizen's carers now, each with the consent the citizen gave that stands (or None)."""
    if not user_can(user, BreaksAction.OWN) or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has consents of their own")
    relationships = list(
        CaringRelationship.objects.filter(cared_for_id=user.person_id, ended_on__isnull=True).select_related("carer")
        .order_by("carer__first_name", "id")
    )  # fmt: skip
    standing = {
        c.relationship_id: c
        for c in CarerConsent.objects.filter(relationship__in=[r.pk for r in relationships], withdrawn_on__isnull=True)
    }
    return [(r, standing.get(r.pk)) for r in relationships]


def own_consent_for_user(*, user: User, pk: int) -> CarerConsent:
    """A consent the citizen gave for one of their carers, standing now; 404 for any other."""
    if not user_can(user, BreaksAction.OWN) or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has consents of their own")
    consent = (
        CarerConsent.objects.filter(pk=pk, relationship__cared_for_id=user.person_id, withdrawn_on__isnull=True)
        .select_related("relationship__carer", "relationship__cared_for")
        .first()
    )
    if consent is None:
        raise Http404("No such consent of yours")
    return consent


# --- What a carer sees of the person they care for ------------------------------------------------------------


@dataclass
class OutcomeSeen:
    own_words: str
    #: How each of its lines meets it: "Sitting service (Ownway Sitters)".
    met_by: list[str]


@dataclass
class ReviewSeen:
    review: Review
    #: Each outcome's progress at the review: (the outcome in the person's words, the progress in words).
    progress: list[tuple[str, str]]


@dataclass
class CaredFor:
    """One person the carer cares for, and what the person's consent lets the carer see."""

    relationship: CaringRelationship
    consent: CarerConsent | None
    #: Their current approved plan (None without consent for it, or with no approved plan).
    plan: PlanVersion | None = None
    outcomes: list[OutcomeSeen] = field(default_factory=list)
    sees_plan: bool = False
    sees_reviews: bool = False
    #: Their next review to hold, and those held, newest first.
    next_review: Review | None = None
    reviews: list[ReviewSeen] = field(default_factory=list)


def _plans(people: list[int]) -> dict[int, PlanVersion]:
    """Each person's current approved plan version (the newest approved version of their newest plan)."""
    versions = (
        PlanVersion.objects.filter(plan__person_id__in=people, status=PlanStatus.APPROVED)
        .select_related("plan")
        .order_by("plan__person_id", "-plan__created_at", "-plan_id", "-number")
    )
    found: dict[int, PlanVersion] = {}
    for version in versions:
        found.setdefault(version.plan.person_id, version)
    return found


def _outcomes(versions: list[PlanVersion]) -> dict[int, list[OutcomeSeen]]:
    lines: dict[int, list[str]] = {}
    for line in PlanLine.objects.filter(version__in=versions).order_by("position", "id"):
        words = line.description + (f" ({line.provider_name})" if line.provider_name else "")
        lines.setdefault(line.outcome_id, []).append(words)
    seen: dict[int, list[OutcomeSeen]] = {v.pk: [] for v in versions}
    for outcome in PlanOutcome.objects.filter(version__in=versions).order_by("position", "id"):
        seen[outcome.version_id].append(OutcomeSeen(outcome.own_words, lines.get(outcome.pk, [])))
    return seen


def _reviews(people: list[int]) -> tuple[dict[int, Review], dict[int, list[ReviewSeen]]]:
    upcoming: dict[int, Review] = {}
    held: dict[int, list[ReviewSeen]] = {pk: [] for pk in people}
    reviews = list(Review.objects.filter(person_id__in=people).order_by("due_on", "pk"))
    progress: dict[int, list[tuple[str, str]]] = {}
    done = [r.pk for r in reviews if r.status == ReviewStatus.DONE]
    for row in (
        OutcomeProgress.objects.filter(review_id__in=done).select_related("outcome").order_by("outcome__position", "pk")
    ):
        progress.setdefault(row.review_id, []).append((row.outcome.own_words, row.get_progress_display()))
    for review in reviews:
        if review.status == ReviewStatus.OPEN:
            upcoming.setdefault(review.person_id, review)
        else:
            held[review.person_id].append(ReviewSeen(review, progress.get(review.pk, [])))
    for rows in held.values():
        rows.sort(key=lambda seen: (seen.review.held_on or dt.date.min, seen.review.pk), reverse=True)
    return upcoming, held


def cared_for_for_carer(*, user: User) -> list[CaredFor]:
    """For each person the citizen cares for now: with a current consent covering it, that person's current
    approved plan (its outcomes in their words and how each is met) and their reviews (when, progress on each
    outcome, what was decided and when the next one is); without it, nothing but that there is no consent. Each
    person whose plan or reviews are shown is written to the audit trail."""
    if not user_can(user, BreaksAction.OWN) or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record can see what the people they care for share")
    relationships = list(
        CaringRelationship.objects.filter(carer_id=user.person_id, ended_on__isnull=True)
        .select_related("cared_for")
        .order_by("cared_for__first_name", "id")
    )
    standing = {
        c.relationship_id: c
        for c in CarerConsent.objects.filter(relationship__in=[r.pk for r in relationships], withdrawn_on__isnull=True)
    }
    result = [CaredFor(r, standing.get(r.pk)) for r in relationships]
    for seen in result:
        seen.sees_plan = seen.consent is not None and seen.consent.covers_plan
        seen.sees_reviews = seen.consent is not None and seen.consent.covers_reviews
    plan_people = [s.relationship.cared_for_id for s in result if s.sees_plan]
    plans = _plans(plan_people) if plan_people else {}
    outcomes = _outcomes(list(plans.values())) if plans else {}
    review_people = [s.relationship.cared_for_id for s in result if s.sees_reviews]
    upcoming, held = _reviews(review_people) if review_people else ({}, {})
    shown: list[tuple[object, int]] = []
    for seen in result:
        person_id = seen.relationship.cared_for_id
        if seen.sees_plan and person_id in plans:
            seen.plan = plans[person_id]
            seen.outcomes = outcomes.get(seen.plan.pk, [])
            shown.append((seen.plan.plan, person_id))
        if seen.sees_reviews:
            seen.next_review = upcoming.get(person_id)
            seen.reviews = held.get(person_id, [])
            shown += [(r.review, person_id) for r in seen.reviews]
            if seen.next_review is not None:
                shown.append((seen.next_review, person_id))
            if not seen.reviews and seen.next_review is None:
                shown.append((seen.relationship.cared_for, person_id))
    with transaction.atomic():
        audit_shown(actor=user, action=events.CARED_FOR_VIEWED, shown=shown)  # type: ignore[arg-type]
    return result
