"""When a direct payment must next be reviewed.

The Care and Support (Direct Payments) Regulations 2014, reg 7(1)(a): the council must review the making
of direct payments at least once within the first six months of the first payment, and then at intervals
of not more than twelve months (standards.md §5.4). Reg 7(1)(b)-(d) add reviews when a condition may have
been broken or the person's capacity changes: those are triggered by events, not by the calendar, and are
recorded as reviews when they happen; each one restarts the twelve months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ownway.core.dates import add_months, format_date

FIRST_REVIEW_MONTHS = 6
LATER_REVIEW_MONTHS = 12


@dataclass(frozen=True)
class ReviewDue:
    due_by: dt.date | None
    first_review: bool
    overdue: bool
    explanation: str
    #: The same, said to the person, without the regulation's number.
    to_person: str = ""


def next_review_due(
    *, first_payment_on: dt.date | None, reviews_held_on: Iterable[dt.date], today: dt.date
) -> ReviewDue:
    """The date by which the next review must be held under reg 7(1)(a), and whether it is late."""
    if first_payment_on is None:
        return ReviewDue(
            None,
            True,
            False,
            "No review is due yet: nothing has been paid",
            "We will review your direct payment with you within 6 months of the first payment",
        )
    reviews = sorted(d for d in reviews_held_on if d >= first_payment_on)
    if not reviews:
        due = add_months(first_payment_on, FIRST_REVIEW_MONTHS)
        text = (
            f"The first review is due by {format_date(due)}, within 6 months of the first payment on "
            f"{format_date(first_payment_on)} (Direct Payments Regulations 2014, reg 7(1)(a))"
        )
        first = True
        to_person = (
            f"We will review your direct payment with you by {format_date(due)}, 6 months after your first payment"
        )
    else:
        last = reviews[-1]
        due = add_months(last, LATER_REVIEW_MONTHS)
        text = (
            f"The next review is due by {format_date(due)}, 12 months after the last on {format_date(last)} "
            "(Direct Payments Regulations 2014, reg 7(1)(a))"
        )
        first = False
        to_person = f"We will review your direct payment with you by {format_date(due)}, a year after the last review"
    overdue = today > due
    if overdue:
        text += f": it is {(today - due).days} days late"
    return ReviewDue(due_by=due, first_review=first, overdue=overdue, explanation=text, to_person=to_person)
