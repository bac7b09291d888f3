"""The demo city's reviews: the demo citizen's plan, approved by ``planning.demo``, has its first review
scheduled; here their carer has asked for an earlier one, so a worker finds a review to hold on their list now."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.planning.models import PlanStatus, SupportPlan

from .models import Review, ReviewStatus
from .services import review_request


def generate_reviews(*, today: dt.date | None = None) -> list[str]:
    """Ask for an unplanned review of the demo citizen's plan (their carer finds the mornings hard), due in 10
    days; what was made, as lines."""
    today = today or timezone.localdate()
    citizen = User.objects.filter(username="citizen", role=Role.CITIZEN, person__isnull=False).first()
    plan = (
        SupportPlan.objects.filter(person=citizen.person, versions__status=PlanStatus.APPROVED).first()
        if citizen is not None
        else None
    )
    if plan is None:
        return ["No reviews made (the demo citizen has no approved plan)"]
    review_request(
        actor=plan.worker,
        plan=plan,
        reason="carer",
        note="Their carer rang: the mornings are getting harder, and they would like to talk about more help.",
        due_on=today + dt.timedelta(days=10),
        today=today,
    )
    planned = Review.objects.filter(plan=plan, status=ReviewStatus.OPEN, reason="planned").first()
    return [
        "Reviews: the demo citizen's carer asked for a review, due in 10 days"
        + (f"; the plan's first planned review is due by {planned.due_on:%-d %B %Y}" if planned else "")
    ]
