"""What has happened in a person's care and support, and what happens next, in plain English said to them.

Read from the records each step leaves (the front door's contacts, assessments and their decisions, indicative
budgets, the plan's approvals, direct payments, reviews), so the page never says more than the records do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ownway.allocation.models import IndicativeBudget
from ownway.assessments.models import Assessment, AssessmentKind, EligibilityDetermination
from ownway.core.money import format_money
from ownway.frontdoor.models import Contact, ContactSource
from ownway.payments.models import Payment
from ownway.people.models import Person
from ownway.planning.models import PlanDecision
from ownway.reviews.models import Review, ReviewStatus

#: The most steps shown (the newest first).
MAX_STEPS = 30


@dataclass(frozen=True)
class Step:
    on: dt.date
    text: str


def _day(value: dt.datetime | dt.date) -> dt.date:
    return timezone.localdate(value) if isinstance(value, dt.datetime) else value


def timeline(person: Person) -> list[Step]:
    """What has happened so far, newest first (at most :data:`MAX_STEPS`)."""
    steps: list[Step] = []
    for contact in Contact.objects.filter(person=person).order_by("-received_at")[:5]:
        asked = "You asked us for help" if contact.source == ContactSource.SELF else "Someone asked us to help you"
        steps.append(Step(_day(contact.received_at), f"{asked}."))
    for assessment in Assessment.objects.filter(person=person).order_by("-started_on")[:5]:
        what = "Your carer's assessment" if assessment.kind == AssessmentKind.CARER else "Your assessment"
        steps.append(Step(assessment.started_on, f"{what} started with {assessment.assessor.get_full_name()}."))
    decisions = EligibilityDetermination.objects.filter(assessment__person=person).order_by("-decided_at")[:5]
    for decision in decisions:
        if decision.eligible:
            text = "We decided that you are eligible for support from us. Your worker will plan it with you."
        else:
            text = ("We decided that your needs are not eligible for support from us. We can still help you find "
                    "support near you.")  # fmt: skip
        steps.append(Step(_day(decision.decided_at), text))
    for budget in IndicativeBudget.objects.filter(person=person).order_by("-calculated_at")[:3]:
        steps.append(Step(_day(budget.calculated_at), f"We worked out your indicative budget: "
                          f"{format_money(budget.weekly_amount)} a week. This is a first idea of what your support "
                          "may cost, to plan with."))  # fmt: skip
    approvals = (
        PlanDecision.objects.filter(version__plan__person=person, approved=True)
        .select_related("version")
        .order_by("-decided_at")[:5]
    )
    for approval in approvals:
        version = approval.version
        steps.append(Step(_day(approval.decided_at), f"Your support plan was agreed (version {version.number}): "
                          f"{format_money(version.total_weekly)} a week."))  # fmt: skip
    payment = Payment.objects.filter(agreement__person=person).order_by("-period_start").first()
    if payment is not None:
        period = f"{payment.period_start:%-d %B} to {payment.period_end:%-d %B %Y}"
        text = f"We paid {format_money(payment.amount)} into your direct payment account for {period}."
        steps.append(Step(_day(payment.created_at), text))
    for review in Review.objects.filter(person=person, status=ReviewStatus.DONE).order_by("-held_on")[:3]:
        if review.held_on is not None:
            steps.append(Step(review.held_on, "We reviewed your support with you."))
    steps.sort(key=lambda step: step.on, reverse=True)
    return steps[:MAX_STEPS]


def what_next(person: Person) -> list[Step]:
    """What is due next, soonest first: an open review."""
    steps = []
    review = Review.objects.filter(person=person, status=ReviewStatus.OPEN).order_by("due_on").first()
    if review is not None:
        steps.append(Step(review.due_on, f"Your next review is due by {review.due_on:%-d %B %Y}. Your worker will "
                          "get in touch to arrange it."))  # fmt: skip
    return steps
