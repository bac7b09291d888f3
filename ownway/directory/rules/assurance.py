"""Whether a directory entry's details are out of date.

Open Referral UK's compliance guidance advises publishers to populate ``assured_date`` "with a date
less than three months old" (ORUK website, *developers/compliance*; standards.md §6.5). Ownway flags
an entry whose assured date is more than three calendar months before today, or that was never
assured, so that people do not rely on details nobody has checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ownway.core.dates import add_months, format_date

MONTHS = 3


@dataclass(frozen=True)
class Assurance:
    stale: bool
    due_by: dt.date | None
    explanation: str


def check_assurance(assured_date: dt.date | None, today: dt.date) -> Assurance:
    if assured_date is None:
        return Assurance(True, None, "Nobody has confirmed these details yet.")
    due = add_months(assured_date, MONTHS)
    if assured_date < add_months(today, -MONTHS):
        return Assurance(
            True,
            due,
            f"These details were last checked on {format_date(assured_date)}, more than {MONTHS} months ago "
            f"(they were due to be checked again by {format_date(due)}).",
        )
    return Assurance(False, due, f"These details were checked on {format_date(assured_date)}.")
