"""The complaint clock from worked examples (SI 2009/309 regs 12-14; Complaint Handling Code 2024)."""

from __future__ import annotations

import datetime as dt

from ownway.complaints.rules import (
    DEFAULT_CLOCKS,
    Period,
    Procedure,
    Unit,
    acknowledge_by,
    countdown,
    extension_check,
    respond_by,
    time_limit,
)
from ownway.core.dates import WorkingDays

CAL = WorkingDays.for_council()
STATUTORY = DEFAULT_CLOCKS[Procedure.STATUTORY]
CORPORATE = DEFAULT_CLOCKS[Procedure.CORPORATE]


def test_acknowledged_within_three_working_days_across_a_bank_holiday_weekend():
    # Friday 22 May 2026; Monday 25 May is the spring bank holiday: Tuesday, Wednesday, Thursday.
    assert acknowledge_by(received_on=dt.date(2026, 5, 22), period=STATUTORY.acknowledge, calendar=CAL) == dt.date(
        2026, 5, 28
    )
    # Thursday 24 December 2026: Christmas Day, the weekend and the Boxing Day holiday (Monday 28) are skipped.
    assert acknowledge_by(received_on=dt.date(2026, 12, 24), period=STATUTORY.acknowledge, calendar=CAL) == dt.date(
        2026, 12, 31
    )
    # A complaint that arrives on a Saturday counts from the next working days.
    assert acknowledge_by(received_on=dt.date(2026, 6, 6), period=STATUTORY.acknowledge, calendar=CAL) == dt.date(
        2026, 6, 10
    )


def test_a_council_closed_day_counts_as_no_working_day():
    closed = WorkingDays.for_council(["2026-12-24"])
    assert acknowledge_by(received_on=dt.date(2026, 12, 23), period=STATUTORY.acknowledge, calendar=closed) == (
        dt.date(2026, 12, 31)
    )


def test_corporate_complaints_have_their_own_clock():
    # Code 2024 stage 1: acknowledge in 5 working days, answer in 10.
    received = dt.date(2026, 5, 22)
    assert acknowledge_by(received_on=received, period=CORPORATE.acknowledge, calendar=CAL) == dt.date(2026, 6, 1)
    assert respond_by(received_on=received, period=CORPORATE.respond, calendar=CAL) == dt.date(2026, 6, 8)


def test_six_month_response_period_ends_on_the_last_day_of_a_short_month():
    assert respond_by(received_on=dt.date(2026, 8, 31), period=STATUTORY.respond, calendar=CAL) == dt.date(2027, 2, 28)


def test_twelve_month_limit_from_29_february():
    limit = STATUTORY.time_limit
    made = time_limit(matter_on=dt.date(2024, 2, 29), noticed_on=None, received_on=dt.date(2025, 2, 28), limit=limit)
    assert not made.late
    assert made.last_day == dt.date(2025, 2, 28)
    late = time_limit(matter_on=dt.date(2024, 2, 29), noticed_on=None, received_on=dt.date(2025, 3, 1), limit=limit)
    assert late.late
    assert "28 February 2025" in late.explanation
    assert "good reason" in late.explanation


def test_twelve_months_run_from_when_they_found_out_if_later():
    limit = STATUTORY.time_limit
    result = time_limit(
        matter_on=dt.date(2024, 1, 10), noticed_on=dt.date(2025, 6, 1), received_on=dt.date(2026, 5, 30), limit=limit
    )
    assert not result.late
    assert result.last_day == dt.date(2026, 6, 1)
    assert "they learned of it" in result.explanation


def test_extension_needs_the_person_to_agree_and_a_later_date():
    base = {"current_due": dt.date(2026, 12, 1), "today": dt.date(2026, 10, 1), "procedure": Procedure.STATUTORY,
            "received_on": dt.date(2026, 6, 1), "calendar": CAL}  # fmt: skip
    assert extension_check(new_due=dt.date(2027, 1, 15), agreed=True, **base).allowed
    refused = extension_check(new_due=dt.date(2027, 1, 15), agreed=False, **base)
    assert not refused.allowed
    assert "agree" in refused.problem
    earlier = extension_check(new_due=dt.date(2026, 11, 1), agreed=True, **base)
    assert not earlier.allowed
    assert "after 1 December 2026" in earlier.problem


def test_a_corporate_answer_is_put_back_by_ten_working_days_at_most():
    base = {"current_due": dt.date(2026, 6, 8), "today": dt.date(2026, 6, 1), "procedure": Procedure.CORPORATE,
            "received_on": dt.date(2026, 5, 22), "calendar": CAL, "agreed": True}  # fmt: skip
    assert extension_check(new_due=dt.date(2026, 6, 22), **base).allowed  # 10 working days on
    assert not extension_check(new_due=dt.date(2026, 6, 23), **base).allowed


def test_countdown_in_working_days():
    due = dt.date(2026, 5, 28)
    assert countdown(due=due, today=dt.date(2026, 5, 22), calendar=CAL) == "3 working days left"
    assert countdown(due=due, today=due, calendar=CAL) == "Due today"
    assert countdown(due=due, today=dt.date(2026, 6, 1), calendar=CAL) == "2 working days overdue"


def test_period_words():
    assert Period(3, Unit.WORKING_DAYS).words == "3 working days"
    assert Period(1, Unit.MONTHS).words == "1 month"
