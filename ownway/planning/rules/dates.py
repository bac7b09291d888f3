"""When a support plan may start.

A plan's start date is the day its personal budget starts (Care Act 2014 s.26): direct payments are paid
from that day, and the person's contribution is charged from it, because a council charges for meeting
needs and only for the cost it incurs in meeting them (Care Act 2014 s.14(1) and (4)), so a charge runs
from the day the support does. A start date in the past therefore backdates money in both directions.

These limits are the council's own checks against slips of the keyboard, not rules of law:

* **More than four weeks back** needs the worker to confirm that support really started then. Four
  weeks covers support arranged in a hurry before the plan was written down (say, on leaving hospital)
  and is one direct-payment cycle (28 days); anything older is more often a typing slip (2020 for 2026)
  than a true start, and backdates payments and charges by months.
* **More than a year ahead** is refused: a plan is written for support that is about to start.
* **A new version** starts on or after the day the version it replaces started, since the budget it
  replaces ends the day before the new one starts and cannot end before it began.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ownway.core.dates import format_date

#: How far back a plan may start without the worker confirming it.
BACKDATE_WITHOUT_CONFIRMING = dt.timedelta(days=28)
#: How far ahead a plan may start.
FURTHEST_AHEAD = dt.timedelta(days=365)


@dataclass(frozen=True)
class StartDateCheck:
    #: Why the date cannot be used at all (nothing overcomes it), or empty.
    refused: str = ""
    #: What the worker must confirm before the date is used, or empty.
    to_confirm: str = ""


def check_start_date(
    starts_on: dt.date, *, today: dt.date, replaces_budget_from: dt.date | None = None
) -> StartDateCheck:
    """Whether a plan may start on ``starts_on`` (see the module's note for the limits and why).

    ``replaces_budget_from``: when the plan is a new version, the day the budget it replaces started.
    """
    if replaces_budget_from is not None and starts_on < replaces_budget_from:
        return StartDateCheck(
            refused=(
                f"The new version must start on or after {format_date(replaces_budget_from)}, when the plan it "
                "replaces started"
            )
        )
    if starts_on > today + FURTHEST_AHEAD:
        return StartDateCheck(
            refused=f"The plan must start within a year from today: {format_date(starts_on)} is later",
        )
    if starts_on < today - BACKDATE_WITHOUT_CONFIRMING:
        return StartDateCheck(
            to_confirm=(
                f"The plan would start on {format_date(starts_on)}, more than 4 weeks ago: the budget, any direct "
                "payment and what the person pays would all be backdated to then. Check the date, or confirm "
                "that the support really started then"
            )
        )
    return StartDateCheck()
