"""The reviews section of a person's record (registered in ``ReviewsConfig.ready()``; see
``ownway.people.panels``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, Subquery
from django.utils import timezone

from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.people.panels import RecordPanel

from .models import Review, ReviewStatus
from .permissions import ReviewAction, user_can, user_can_for


def reviews_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    """Staff who may see reviews: the next review to hold and the last one held, in one query (the reviews to
    hold, and the last held)."""
    if is_self or not (user_can(user, ReviewAction.VIEW) and user_can_for(user, ReviewAction.VIEW, person)):
        return None
    last_held = Review.objects.filter(person=person, status=ReviewStatus.DONE).order_by("-held_on", "-pk")
    rows = list(
        Review.objects.filter(person=person).filter(
            Q(status=ReviewStatus.OPEN) | Q(pk__in=Subquery(last_held.values("pk")[:1]))
        )
    )
    to_hold = sorted((r for r in rows if r.status == ReviewStatus.OPEN), key=lambda r: (r.due_on, r.pk))
    return {
        "person": person,
        "next": to_hold[0] if to_hold else None,
        "last": next((r for r in rows if r.status == ReviewStatus.DONE), None),
        "today": timezone.localdate(),
        "can_hold": user_can(user, ReviewAction.HOLD),
    }


REVIEWS_PANEL = RecordPanel(name="reviews.next", template="reviews/record_panel.html", context=reviews_panel, order=35)
