"""Whether a directory entry's details are out of date.

Open Referral UK's compliance guidance advises publishers to populate ``assured_date`` "with a date
less than three months old" (ORUK website, *developers/compliance*; standards.md §6.5). Ownway flags
an entry whose assured date is more than three calendar months before today, or that was never
assured, so that people do not rely on details nobody has checked.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

MONTHS = 3


@dataclass(frozen=True)
class Assurance:
    stale: bool
    due_by: dt.date | None
    explanation: str


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier, or the month's last day if it is shorter."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_after(day: dt.date, months: int) -> dt.date:
    return months_before(day, -months)


def check_assurance(assured_date: dt.date | None, today: dt.date) -> Assurance:
    if assured_date is None:
        return Assurance(True, None, "Nobody has confirmed these details yet.")
    due = months_after(assured_date, MONTHS)
    if assured_date < months_before(today, MONTHS):
        return Assurance(
            True,
            due,
            f"These details were last checked on {assured_date:%-d %B %Y}, more than {MONTHS} months ago "
            f"(they were due to be checked again by {due:%-d %B %Y}).",
        )
    return Assurance(False, due, f"These details were checked on {assured_date:%-d %B %Y}.")
