"""The complaint clock, as pure rules: when a complaint is late, when it must be acknowledged and answered.

Two procedures, each with its own clock, both set by the council as data (``ComplaintTimescale``):

* **Statutory adult social care complaints**: the Local Authority Social Services and National Health Service
  Complaints (England) Regulations 2009 (SI 2009/309). A complaint is made within 12 months of the matter, or of
  it coming to the complainant's notice (reg 12(1)); the council may take a late one where it has good reason and
  a fair investigation is still possible (reg 12(2)). It is acknowledged within 3 working days of receipt
  (reg 13(1)), with an offer to discuss how it will be handled and the response period (reg 13(2)). The response
  comes within 6 months of receipt or a longer period agreed with the complainant (reg 14(2)).
* **Corporate complaints**: the Local Government and Social Care Ombudsman's Complaint Handling Code (2024),
  stage 1: acknowledged within 5 working days, answered within 10 working days, which may be extended (by no more
  than 10 working days, with reasons) by agreement.

Working days are Monday to Friday less the bank holidays of England and Wales and the council's closed days
(:class:`ownway.core.dates.WorkingDays`).

Pure Python, no Django.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from ownway.core.dates import WorkingDays, add_months, format_date


class Procedure(enum.StrEnum):
    STATUTORY = "statutory"
    CORPORATE = "corporate"


class Unit(enum.StrEnum):
    WORKING_DAYS = "working_days"
    MONTHS = "months"


@dataclass(frozen=True)
class Period:
    """A length of time the council allows: so many working days, or so many calendar months."""

    amount: int
    unit: Unit

    def after(self, day: dt.date, calendar: WorkingDays) -> dt.date:
        if self.unit == Unit.WORKING_DAYS:
            return calendar.add(day, self.amount)
        return add_months(day, self.amount)

    @property
    def words(self) -> str:
        if self.unit == Unit.WORKING_DAYS:
            return f"{self.amount} working day{'s' if self.amount != 1 else ''}"
        return f"{self.amount} month{'s' if self.amount != 1 else ''}"


@dataclass(frozen=True)
class Clock:
    """A procedure's clock: the time limit for making a complaint, and the time to acknowledge and to answer."""

    procedure: Procedure
    time_limit: Period
    acknowledge: Period
    respond: Period


#: The clocks a council starts with (it changes them as data).
DEFAULT_CLOCKS = {
    Procedure.STATUTORY: Clock(
        Procedure.STATUTORY, Period(12, Unit.MONTHS), Period(3, Unit.WORKING_DAYS), Period(6, Unit.MONTHS)
    ),
    Procedure.CORPORATE: Clock(
        Procedure.CORPORATE, Period(12, Unit.MONTHS), Period(5, Unit.WORKING_DAYS), Period(10, Unit.WORKING_DAYS)
    ),
}


@dataclass(frozen=True)
class TimeLimit:
    """Whether a complaint was made in time, and the last day it could have been."""

    late: bool
    last_day: dt.date
    explanation: str


def time_limit(*, matter_on: dt.date, noticed_on: dt.date | None, received_on: dt.date, limit: Period) -> TimeLimit:
    """Reg 12(1) of SI 2009/309: a complaint is made within 12 months of the matter, or of the date it came to the
    complainant's notice if that was later. 12 months from 29 February 2024 ends on 28 February 2025 (there is no
    29 February in 2025): a complaint made that day is in time, one made on 1 March 2025 is late."""
    start = max(matter_on, noticed_on) if noticed_on is not None else matter_on
    last_day = limit.after(start, WorkingDays.for_council())
    late = received_on > last_day
    from_what = "they learned of it" if noticed_on is not None and noticed_on > matter_on else "the matter"
    if late:
        explanation = (
            f"Made on {format_date(received_on)}, after {format_date(last_day)}: more than {limit.words} after "
            f"{from_what} ({format_date(start)}). The council may still take it, with a good reason."
        )
    else:
        explanation = (
            f"Made within {limit.words} of {from_what} ({format_date(start)}): the last day was "
            f"{format_date(last_day)}."
        )
    return TimeLimit(late, last_day, explanation)


def acknowledge_by(*, received_on: dt.date, period: Period, calendar: WorkingDays) -> dt.date:
    """Reg 13(1) of SI 2009/309: acknowledged "not later than 3 working days after the day on which it receives the
    complaint". A complaint received on Thursday 24 December 2026 is acknowledged by Thursday 31 December (Christmas
    Day, the weekend and the Boxing Day holiday on Monday 28 December are not working days)."""
    return period.after(received_on, calendar)


def respond_by(*, received_on: dt.date, period: Period, calendar: WorkingDays) -> dt.date:
    """Reg 14(2) of SI 2009/309: the response is sent within 6 months of the day the complaint was received (or a
    longer period agreed with the complainant). Received on 31 August 2026, due by 28 February 2027."""
    return period.after(received_on, calendar)


@dataclass(frozen=True)
class Extension:
    """Whether a new response date may be agreed, and why not."""

    allowed: bool
    problem: str = ""


def extension_check(
    *, current_due: dt.date, new_due: dt.date, today: dt.date, agreed: bool, procedure: Procedure,
    received_on: dt.date, calendar: WorkingDays, corporate_most: int = 10,
) -> Extension:  # fmt: skip
    """A longer response period is agreed with the complainant (reg 14(2)(b) of SI 2009/309: "such longer period as
    may be agreed"); the council cannot extend it on its own. The new date is later than the one it replaces. Under
    the Complaint Handling Code (2024, 5.4) a stage 1 answer is extended by no more than 10 working days."""
    if not agreed:
        return Extension(False, "The person must agree to a longer response period: record that they have")
    if new_due <= current_due:
        return Extension(False, f"The new date must be after {format_date(current_due)}, the date agreed now")
    if new_due < today:
        return Extension(False, "The new date cannot be in the past")
    if procedure == Procedure.CORPORATE and calendar.between(current_due, new_due) > corporate_most:
        return Extension(
            False, f"A corporate complaint's answer can be put back by no more than {corporate_most} working days"
        )
    if new_due > add_months(received_on, 24):
        return Extension(False, "The new date must be within 2 years of when the complaint was received")
    return Extension(True)


def countdown(*, due: dt.date, today: dt.date, calendar: WorkingDays) -> str:
    """How long is left, in working days: "Due today", "3 working days left", "2 working days overdue"."""
    if due == today:
        return "Due today"
    if due > today:
        left = calendar.between(today, due)
        return f"{left} working day{'s' if left != 1 else ''} left" if left else "Due on the next working day"
    over = calendar.between(due, today)
    return f"{over} working day{'s' if over != 1 else ''} overdue" if over else "Overdue"
