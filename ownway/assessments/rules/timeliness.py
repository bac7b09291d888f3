"""How long an assessment has been open, against the council's target.

The Care Act sets no deadline for completing an assessment; the statutory guidance (para 6.29)
asks for assessments "within an appropriate and reasonable timescale". Many councils set a local
standard of 28 days from first contact; Ownway uses the council's target, 28 days unless changed
(``OWNWAY_ASSESSMENT_TARGET_DAYS``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Timeliness:
    days_open: int
    target_days: int
    overdue: bool
    explanation: str


def assessment_timeliness(started_on: dt.date, today: dt.date, target_days: int = 28) -> Timeliness:
    """Days from the start to today; overdue once more days have passed than the target allows."""
    if target_days < 1:
        raise ValueError("The target must be at least one day")
    days = (today - started_on).days
    if days < 0:
        raise ValueError("An assessment cannot start after today")
    overdue = days > target_days
    if overdue:
        text = f"Open {days} days: {days - target_days} days past the {target_days}-day target"
    else:
        text = f"Open {days} days: {target_days - days} days left of the {target_days}-day target"
    return Timeliness(days_open=days, target_days=target_days, overdue=overdue, explanation=text)
