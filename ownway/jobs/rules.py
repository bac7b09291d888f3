"""When scheduled work next falls due: pure date arithmetic, no database.

A schedule names a local time of day (and for a yearly one a month and day) in the council's time zone.
The next run is the first such moment strictly after a given instant; a day past the end of a month (29
February in a year that has none) falls on the month's last day. A worker that was stopped over several
due times runs the work once when it comes back, not once for each time missed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo


def _on(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_daily(at: dt.time, *, after: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """The first ``at`` o'clock (local) strictly after ``after``."""
    local = after.astimezone(zone)
    candidate = dt.datetime.combine(local.date(), at, tzinfo=zone)
    if candidate <= local:
        candidate = dt.datetime.combine(local.date() + dt.timedelta(days=1), at, tzinfo=zone)
    return _real_instant(candidate, zone)


def next_yearly(at: dt.time, month: int, day: int, *, after: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """The first ``day``/``month`` at ``at`` (local) strictly after ``after``."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise ValueError("A yearly schedule needs a month from 1 to 12 and a day from 1 to 31")
    local = after.astimezone(zone)
    for year in (local.year, local.year + 1):
        candidate = dt.datetime.combine(_on(year, month, day), at, tzinfo=zone)
        if candidate > local:
            return _real_instant(candidate, zone)
    raise AssertionError("unreachable: next year's date is always later")  # pragma: no cover


def _real_instant(candidate: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A local time that does not exist (the hour the clocks go forward) moves on to the first that does."""
    round_trip = candidate.astimezone(dt.UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != candidate.replace(tzinfo=None):
        return round_trip
    return candidate
