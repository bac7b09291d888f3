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
    """Why a review is held. The worker records what happened in the words the council uses (a change of need,
    a stay in hospital, the carer can no longer carry on, a safeguarding concern, the provider failed, a
    complaint, the person asked, something else); each reports as one CLD Review Reason (R1), the significant
    events SALT LTS002a lists (:data:`CLD_REVIEW_REASON`).

    The values stored before the council's list grew keep their meaning: ``carer`` is the carer's breakdown,
    ``other`` is something else, and ``commissioning`` (a change in how the support is arranged) stays a
    reason of its own."""

    PLANNED = "planned"
    CHANGE_OF_NEED = "change_of_need"
    HOSPITAL = "hospital"
    CARER = "carer"
    SAFEGUARDING = "safeguarding"
    PROVIDER_FAILURE = "provider_failure"
    COMPLAINT = "complaint"
    PERSON_ASKED = "person_asked"
    COMMISSIONING = "commissioning"
    OTHER = "other"

    @property
    def cld(self) -> str:
        return CLD_REVIEW_REASON[self]

    @property
    def unplanned(self) -> bool:
        return self is not ReviewReason.PLANNED


#: The CLD Review Reason (R1) each reports as: the seven values of the CLD list (SALT LTS002a; NHS England,
#: "Reproducing SALT metrics from CLD: LTS002b"). The CLD has no reason of its own for a change of need, a
#: complaint or the person asking: they are "Unplanned - Other Reason", as any significant event outside the
#: named ones is.
CLD_REVIEW_REASON = {
    ReviewReason.PLANNED: "Planned",
    ReviewReason.CHANGE_OF_NEED: "Unplanned - Other Reason",
    ReviewReason.HOSPITAL: "Unplanned - Hospital (Planned and unplanned episodes)",
    ReviewReason.CARER: "Unplanned - Carer related",
    ReviewReason.SAFEGUARDING: "Unplanned - Safeguarding concern",
    ReviewReason.PROVIDER_FAILURE: "Unplanned - Provider Failure",
    ReviewReason.COMPLAINT: "Unplanned - Other Reason",
    ReviewReason.PERSON_ASKED: "Unplanned - Other Reason",
    ReviewReason.COMMISSIONING: "Unplanned - Change in Commissioning arrangements",
    ReviewReason.OTHER: "Unplanned - Other Reason",
}


class ReviewDecision(enum.StrEnum):
    """What a review decides (issue: "what a review decides"), each with its CLD Event Outcome (the sequel SALT
    LTS002 counts): keep the plan, change it, assess again, try enablement or an occupational therapy assessment
    before increasing support (Birmingham's enablement review, seed 004; guidance chapter 2, preventing needs:
    reablement and occupational therapy are tried first), or end the support, with the reason."""

    NO_CHANGE = "no_change"
    NEW_VERSION = "new_version"
    REASSESS = "reassess"
    TRY_ENABLEMENT = "enablement"
    OT_ASSESSMENT = "ot_assessment"
    END_SUPPORT = "end_support"

    @property
    def cld(self) -> str:
        return CLD_EVENT_OUTCOME[self]


#: The CLD Event Outcome (R1) of each decision (standards.md: "Event Outcome (R1)", the NHS England hierarchy:
#: "Progress to Reablement/ST-Max" (1), "Progress to Assessment" (2), "Progress to Re-assessment / Unplanned
#: Review" (4), "Progress to Support Planning / Services" (5), "No change in package" (7)). Ending support
#: reports the outcome of its reason (:data:`CLD_END_OUTCOME`), here the commonest.
CLD_EVENT_OUTCOME = {
    ReviewDecision.NO_CHANGE: "No change in package",
    ReviewDecision.NEW_VERSION: "Progress to Support Planning / Services",
    ReviewDecision.REASSESS: "Progress to Re-assessment / Unplanned Review",
    ReviewDecision.TRY_ENABLEMENT: "Progress to Reablement/ST-Max",
    ReviewDecision.OT_ASSESSMENT: "Progress to Assessment",
    ReviewDecision.END_SUPPORT: "NFA - Support ended: Other reason",
}


class EndReason(enum.StrEnum):
    """Why a review ended a person's long-term support."""

    NO_ELIGIBLE_NEEDS = "no_eligible_needs"
    NHS_FUNDED = "nhs_funded"
    SELF_FUNDING = "self_funding"
    DECLINED = "declined"
    MOVED_AWAY = "moved_away"
    DIED = "died"
    OTHER = "other"


#: The CLD Event Outcome (R1) of support ended for each reason (standards.md "Event Outcome (R1)", values 11 to
#: 17): the "NFA" (no further action) outcomes SALT LTS002 counts as the review's sequel.
CLD_END_OUTCOME = {
    EndReason.NO_ELIGIBLE_NEEDS: "NFA - Support ended: Other reason",
    EndReason.NHS_FUNDED: "NFA - 100% NHS funded care",
    EndReason.SELF_FUNDING: "NFA - Self-funded client (Inc. 12wk disregard)",
    EndReason.DECLINED: "NFA - Support declined",
    EndReason.MOVED_AWAY: "NFA - Moved to another LA",
    EndReason.DIED: "NFA - Deceased",
    EndReason.OTHER: "NFA - Support ended: Other reason",
}


def sequel(decision: ReviewDecision, end_reason: EndReason | None = None) -> str:
    """The CLD Event Outcome a review's decision reports as: its SALT LTS002 sequel.

    >>> sequel(ReviewDecision.END_SUPPORT, EndReason.NHS_FUNDED)
    'NFA - 100% NHS funded care'
    >>> sequel(ReviewDecision.TRY_ENABLEMENT)
    'Progress to Reablement/ST-Max'
    """
    if decision is ReviewDecision.END_SUPPORT and end_reason is not None:
        return CLD_END_OUTCOME[end_reason]
    return CLD_EVENT_OUTCOME[decision]


def check_support_end(held_on: dt.date, ends_on: dt.date | None, reason: str, note: str) -> dict[str, str]:
    """What is wrong with ending support as a review decided, by field (empty when nothing is): the support
    ends on a day (its last) no earlier than the review, so nothing is taken away before it was decided, and
    within a year of it; the reason is one of :class:`EndReason`, with words when it is "other"."""
    errors: dict[str, str] = {}
    if ends_on is None:
        errors["ends_on"] = "Enter the last day of the support"
    elif ends_on < held_on:
        errors["ends_on"] = f"The support cannot end before the review, on {format_date(held_on)}"
    elif ends_on > add_months(held_on, 12):
        errors["ends_on"] = "The support must end within 12 months of the review"
    if reason not in EndReason.__members__.values():
        errors["end_reason"] = "Choose why the support is ending"
    elif reason == EndReason.OTHER and not note.strip():
        errors["end_note"] = "Say why the support is ending"
    return errors


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
