"""When breaks from caring clash, and when a booking's dates and times make sense: pure rules, no database.

A break is booked as a one-off (from a date and time to a date and time: an afternoon, or a weekend's respite)
or a weekly pattern (every Tuesday 10:00 to 14:00, from one date, until another or with no end). The person
cared for cannot be at two services at once, so two breaks booked for them must not overlap: a weekly break
and a one-off overlap when one of the weekly sessions shares any minute with the one-off; two weekly breaks
when they are on the same day of the week, their dates overlap and their times overlap. A break that ends when
another starts does not overlap it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: The longest one-off break: four weeks (a longer stay is residential care, not a break).
LONGEST_ONE_OFF = dt.timedelta(days=28)
#: How far ahead a break can start, and how far back a change can reach.
FURTHEST_AHEAD = dt.timedelta(days=2 * 366)
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class BreakTimes:
    """When a break is: ``weekday`` set for a weekly pattern (``ends_on`` may then be None), else a one-off."""

    starts_on: dt.date
    ends_on: dt.date | None
    start_time: dt.time
    end_time: dt.time
    weekday: int | None = None

    @property
    def weekly(self) -> bool:
        return self.weekday is not None


def problems(times: BreakTimes, *, today: dt.date) -> dict[str, list[str]]:
    """What is wrong with a break's dates and times, by field, in words for the worker (empty when nothing)."""
    errors: dict[str, list[str]] = {}
    if times.starts_on > today + FURTHEST_AHEAD:
        errors["starts_on"] = ["The break must start within two years"]
    if times.ends_on is not None:
        if times.ends_on < times.starts_on:
            errors["ends_on"] = ["The last day must be the same as or after the first day"]
        elif times.ends_on > times.starts_on + FURTHEST_AHEAD:
            errors["ends_on"] = ["The last day must be within two years of the first"]
    elif not times.weekly:
        errors["ends_on"] = ["Enter the last day of the break"]
    if times.weekly:
        if not 0 <= (times.weekday or 0) <= 6:
            errors["weekday"] = ["Choose the day of the week"]
        if times.end_time <= times.start_time:
            errors["end_time"] = ["The break must end after it starts, on the same day"]
        elif "ends_on" not in errors and "weekday" not in errors and first_day(times) is None:
            errors["weekday"] = [f"There is no {WEEKDAY_NAMES[times.weekday or 0]} between the first and last day"]
    elif times.ends_on is not None and "ends_on" not in errors:
        if times.ends_on == times.starts_on and times.end_time <= times.start_time:
            errors["end_time"] = ["The break must end after it starts"]
        elif times.ends_on - times.starts_on > LONGEST_ONE_OFF:
            errors["ends_on"] = ["A one-off break can last four weeks at most"]
    return errors


def _one_off_span(times: BreakTimes) -> tuple[dt.datetime, dt.datetime]:
    end = times.ends_on or times.starts_on
    return dt.datetime.combine(times.starts_on, times.start_time), dt.datetime.combine(end, times.end_time)


def _dates_meet(a: BreakTimes, b: BreakTimes) -> bool:
    a_end, b_end = a.ends_on or dt.date.max, b.ends_on or dt.date.max
    return a.starts_on <= b_end and b.starts_on <= a_end


def overlaps(a: BreakTimes, b: BreakTimes) -> bool:
    """Whether two breaks share any minute."""
    if not _dates_meet(a, b):
        return False
    if a.weekly and b.weekly:
        return a.weekday == b.weekday and a.start_time < b.end_time and b.start_time < a.end_time
    if not a.weekly and not b.weekly:
        a_from, a_to = _one_off_span(a)
        b_from, b_to = _one_off_span(b)
        return a_from < b_to and b_from < a_to
    weekly, one_off = (a, b) if a.weekly else (b, a)
    span_from, span_to = _one_off_span(one_off)
    day = one_off.starts_on
    last = one_off.ends_on or one_off.starts_on
    while day <= last:
        in_pattern = weekly.starts_on <= day and (weekly.ends_on is None or day <= weekly.ends_on)
        if in_pattern and day.weekday() == weekly.weekday:
            session_from = dt.datetime.combine(day, weekly.start_time)
            session_to = dt.datetime.combine(day, weekly.end_time)
            if session_from < span_to and span_from < session_to:
                return True
        day += dt.timedelta(days=1)
    return False


def first_day(times: BreakTimes) -> dt.date | None:
    """The first day a break happens (a weekly pattern's first matching weekday), or None if it never does."""
    if not times.weekly:
        return times.starts_on
    ahead = ((times.weekday or 0) - times.starts_on.weekday()) % 7
    day = times.starts_on + dt.timedelta(days=ahead)
    return day if times.ends_on is None or day <= times.ends_on else None
