"""When breaks from caring clash, and when a break's dates and times make sense (worked examples)."""

from __future__ import annotations

import datetime as dt

from ownway.carers.rules_breaks import BreakTimes, first_day, overlaps, problems

TODAY = dt.date(2026, 6, 1)  # a Monday
T = dt.time


def weekly(day: int, start: int, end: int, starts_on=TODAY, ends_on=None) -> BreakTimes:
    return BreakTimes(starts_on, ends_on, T(start), T(end), weekday=day)


def one_off(on: dt.date, start: int, end: int, ends_on: dt.date | None = None) -> BreakTimes:
    return BreakTimes(on, ends_on or on, T(start), T(end))


def test_every_tuesday_ten_to_two_clashes_only_with_what_shares_a_minute_of_it():
    tuesdays = weekly(1, 10, 14)
    assert overlaps(tuesdays, weekly(1, 13, 16))
    assert not overlaps(tuesdays, weekly(1, 14, 16))  # one ends as the other starts
    assert not overlaps(tuesdays, weekly(2, 10, 14))  # a Wednesday
    assert overlaps(tuesdays, one_off(dt.date(2026, 6, 9), 9, 11))  # a Tuesday morning
    assert not overlaps(tuesdays, one_off(dt.date(2026, 6, 10), 9, 11))  # a Wednesday morning


def test_a_weekend_respite_stay_clashes_with_a_weekly_break_inside_it():
    saturdays = weekly(5, 10, 16)
    weekend = one_off(dt.date(2026, 6, 12), 17, 12, ends_on=dt.date(2026, 6, 14))  # Friday 5pm to Sunday noon
    assert overlaps(saturdays, weekend)
    assert overlaps(weekend, saturdays)
    # The weekly break ended before the weekend: no clash.
    assert not overlaps(weekly(5, 10, 16, ends_on=dt.date(2026, 6, 6)), weekend)
    # Nor one starting after it.
    assert not overlaps(weekly(5, 10, 16, starts_on=dt.date(2026, 6, 15)), weekend)


def test_two_one_offs_clash_when_their_times_meet():
    assert overlaps(one_off(TODAY, 10, 12), one_off(TODAY, 11, 13))
    assert not overlaps(one_off(TODAY, 10, 12), one_off(TODAY, 12, 13))
    assert not overlaps(one_off(TODAY, 10, 12), one_off(TODAY + dt.timedelta(days=1), 10, 12))


def test_weekly_patterns_with_dates_that_do_not_meet_do_not_clash():
    june = weekly(1, 10, 14, ends_on=dt.date(2026, 6, 30))
    july = weekly(1, 10, 14, starts_on=dt.date(2026, 7, 1))
    assert not overlaps(june, july)
    assert overlaps(june, weekly(1, 10, 14))


def test_bad_dates_and_times_are_named_field_by_field():
    assert problems(one_off(TODAY, 10, 12, ends_on=TODAY - dt.timedelta(days=1)), today=TODAY) == {
        "ends_on": ["The last day must be the same as or after the first day"]
    }
    assert problems(one_off(TODAY, 14, 10), today=TODAY) == {"end_time": ["The break must end after it starts"]}
    assert problems(weekly(1, 14, 14), today=TODAY) == {
        "end_time": ["The break must end after it starts, on the same day"]
    }
    assert "ends_on" in problems(one_off(TODAY, 10, 12, ends_on=TODAY + dt.timedelta(days=40)), today=TODAY)
    assert "starts_on" in problems(one_off(TODAY + dt.timedelta(days=800), 10, 12), today=TODAY)
    no_tuesday = weekly(1, 10, 14, starts_on=dt.date(2026, 6, 3), ends_on=dt.date(2026, 6, 5))
    assert problems(no_tuesday, today=TODAY) == {"weekday": ["There is no Tuesday between the first and last day"]}
    assert problems(weekly(1, 10, 14), today=TODAY) == {}
    overnight = one_off(TODAY, 18, 9, ends_on=TODAY + dt.timedelta(days=1))
    assert problems(overnight, today=TODAY) == {}


def test_the_first_day_of_a_weekly_break_is_its_first_matching_weekday():
    assert first_day(weekly(1, 10, 14)) == dt.date(2026, 6, 2)
    assert first_day(weekly(0, 10, 14)) == TODAY
    assert first_day(one_off(TODAY, 10, 12)) == TODAY
