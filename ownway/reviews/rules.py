"""When a care and support plan is reviewed: pure rules, no Django.

The law and the guidance:

* **Care Act 2014 s.27(1)**: the council must keep care and support plans (and carers' support plans) under
  review generally, and review a plan on a reasonable request by or on behalf of the adult or carer.
* **Care and Support Statutory Guidance, chapter 13 (review)**: the first review should take place 6 to 8 weeks
  after the plan (or a change to it) starts, and then no later than every 12 months; more often where needs may
  change or the risk is high. A review is not a reassessment, and is not used to cut a personal budget without a
  reassessment showing needs have changed.
* **SALT LTS002a/b and the Client Level Data** say how reviews are counted: a review is *Planned* (the 6 to
  8-week review counts as planned) or *Unplanned* with the significant event that triggered it (the CLD Review
  Reason list below); each review's outcome is one of the CLD Event Outcomes.

The council sets the numbers (``OWNWAY_REVIEW_*`` settings): :class:`ReviewRules` holds them.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from ownway.core.dates import add_months, format_date


@dataclass(frozen=True)
class ReviewRules:
    """The council's review timings: the first review between ``first_from_weeks`` and ``first_by_weeks`` after
    the plan starts; then every ``interval_months``; a review shows on the worklists ``notice_days`` before it
    is due."""

    first_from_weeks: int = 6
    first_by_weeks: int = 8
    interval_months: int = 12
    notice_days: int = 42

    def __post_init__(self) -> None:
        if not 1 <= self.first_from_weeks <= self.first_by_weeks <= 52:
            raise ValueError("The first review's window must be 1 to 52 weeks, its start no later than its end")
        if not 1 <= self.interval_months <= 12:
            raise ValueError("Reviews must be at least every 12 months (Care Act 2014 s.27; guidance chapter 13)")
        if not 0 <= self.notice_days <= 180:
            raise ValueError("The notice before a review is due must be 0 to 180 days")


@dataclass(frozen=True)
class ReviewDue:
    """When the next planned review is due, from when it shows on the worklists, and why, in words."""

    due_on: dt.date
    opens_on: dt.date
    first: bool
    explanation: str


def first_review(starts_on: dt.date, rules: ReviewRules) -> ReviewDue:
    """The first review of a plan (or of a change to it) that starts on ``starts_on``: due by the end of the
    window (``first_by_weeks``), open from its start (``first_from_weeks``). Guidance chapter 13: 6 to 8 weeks.

    >>> first_review(dt.date(2026, 12, 7), ReviewRules()).due_on
    datetime.date(2027, 2, 1)
    """
    due = starts_on + dt.timedelta(weeks=rules.first_by_weeks)
    opens = starts_on + dt.timedelta(weeks=rules.first_from_weeks)
    return ReviewDue(
        due_on=due,
        opens_on=opens,
        first=True,
        explanation=(
            f"The plan started on {format_date(starts_on)}: its first review is due between "
            f"{format_date(opens)} and {format_date(due)} ({rules.first_from_weeks} to {rules.first_by_weeks} "
            "weeks after it started)."
        ),
    )


def next_review(held_on: dt.date, rules: ReviewRules) -> ReviewDue:
    """The planned review after one held on ``held_on``: ``interval_months`` later (at least every 12 months,
    guidance chapter 13), on the worklists ``notice_days`` before.

    A review on 29 February is next due on the last day of February (``add_months``).
    """
    due = add_months(held_on, rules.interval_months)
    return ReviewDue(
        due_on=due,
        opens_on=due - dt.timedelta(days=rules.notice_days),
        first=False,
        explanation=(
            f"The last review was on {format_date(held_on)}: the next is due by {format_date(due)} "
            f"({rules.interval_months} months later)."
        ),
    )


def check_next_review(held_on: dt.date, next_on: dt.date, reason: str, rules: ReviewRules) -> str | None:
    """What is wrong with the next review date a worker chose, or ``None``: it must come after the review, and
    a date later than the council's interval (most 12 months) needs a recorded reason, since the guidance
    expects a review no later than every 12 months."""
    if next_on <= held_on:
        return "The next review must be after this one"
    latest = add_months(held_on, rules.interval_months)
    if next_on > latest and not reason.strip():
        return (
            f"The next review is more than {rules.interval_months} months away (after {format_date(latest)}): "
            "say why, or choose an earlier date"
        )
    if next_on > add_months(held_on, 24):
        return "The next review must be within 2 years"
    return None


class ReviewReason(enum.StrEnum):
    """Why a review is held: the CLD Review Reason (R1), as SALT LTS002a lists the significant events."""

    PLANNED = "planned"
    HOSPITAL = "hospital"
    CARER = "carer"
    SAFEGUARDING = "safeguarding"
    PROVIDER_FAILURE = "provider_failure"
    COMMISSIONING = "commissioning"
    OTHER = "other"

    @property
    def cld(self) -> str:
        return CLD_REVIEW_REASON[self]

    @property
    def unplanned(self) -> bool:
        return self is not ReviewReason.PLANNED


#: The CLD Review Reason for each (standards.md: "Review Reason (R1)", SALT PDF LTS002a).
CLD_REVIEW_REASON = {
    ReviewReason.PLANNED: "Planned",
    ReviewReason.HOSPITAL: "Unplanned - Hospital (Planned and unplanned episodes)",
    ReviewReason.CARER: "Unplanned - Carer related",
    ReviewReason.SAFEGUARDING: "Unplanned - Safeguarding concern",
    ReviewReason.PROVIDER_FAILURE: "Unplanned - Provider Failure",
    ReviewReason.COMMISSIONING: "Unplanned - Change in Commissioning arrangements",
    ReviewReason.OTHER: "Unplanned - Other Reason",
}


class ReviewDecision(enum.StrEnum):
    """What a review decides (issue: "what a review decides"), each with its CLD Event Outcome (the sequel SALT
    LTS002 counts)."""

    NO_CHANGE = "no_change"
    NEW_VERSION = "new_version"
    REASSESS = "reassess"

    @property
    def cld(self) -> str:
        return CLD_EVENT_OUTCOME[self]


#: The CLD Event Outcome (R1) of each decision (standards.md: "Event Outcome (R1)").
CLD_EVENT_OUTCOME = {
    ReviewDecision.NO_CHANGE: "No change in package",
    ReviewDecision.NEW_VERSION: "Progress to Support Planning / Services",
    ReviewDecision.REASSESS: "Progress to Re-assessment / Unplanned Review",
}


class Progress(enum.StrEnum):
    """How far an outcome of the plan has come, as the person says."""

    ACHIEVED = "achieved"
    PARTLY = "partly"
    NOT_YET = "not_yet"
    NOT_WANTED = "not_wanted"


def timeliness(due_on: dt.date, today: dt.date) -> tuple[bool, int]:
    """Whether a review is overdue (its due date has passed) and by how many days (0 if not)."""
    late = (today - due_on).days
    return late > 0, max(late, 0)
