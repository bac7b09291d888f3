import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.payments.rules.schedule import (
    Basis,
    Gap,
    Period,
    Rate,
    period_containing,
    period_payment,
    periods_due,
)

ANCHOR = dt.date(2026, 4, 6)  # a Monday: the council's four-weekly cycle starts here


def test_period_containing_follows_the_cycle_both_ways():
    assert period_containing(dt.date(2026, 4, 6), anchor=ANCHOR) == Period(dt.date(2026, 4, 6), dt.date(2026, 5, 3))
    assert period_containing(dt.date(2026, 5, 4), anchor=ANCHOR).start == dt.date(2026, 5, 4)
    assert period_containing(dt.date(2026, 4, 5), anchor=ANCHOR) == Period(dt.date(2026, 3, 9), dt.date(2026, 4, 5))


def test_first_payment_is_due_on_the_start_date_and_later_ones_in_advance():
    due = periods_due(anchor=ANCHOR, starts_on=dt.date(2026, 4, 20), ends_on=None, as_of=dt.date(2026, 4, 20))
    assert due == [Period(dt.date(2026, 4, 6), dt.date(2026, 5, 3))]
    due = periods_due(anchor=ANCHOR, starts_on=dt.date(2026, 4, 20), ends_on=None, as_of=dt.date(2026, 5, 4))
    assert [p.start for p in due] == [dt.date(2026, 4, 6), dt.date(2026, 5, 4)]
    assert periods_due(anchor=ANCHOR, starts_on=dt.date(2026, 4, 20), ends_on=None, as_of=dt.date(2026, 4, 19)) == []


def test_no_period_after_the_end():
    due = periods_due(
        anchor=ANCHOR, starts_on=dt.date(2026, 4, 6), ends_on=dt.date(2026, 5, 10), as_of=dt.date(2026, 12, 1)
    )
    assert [p.start for p in due] == [dt.date(2026, 4, 6), dt.date(2026, 5, 4)]
    with pytest.raises(ValueError, match="cannot end before it starts"):
        periods_due(anchor=ANCHOR, starts_on=dt.date(2026, 4, 6), ends_on=dt.date(2026, 4, 1), as_of=ANCHOR)


def test_a_full_period_is_four_weeks_net_of_the_contribution():
    period = period_containing(ANCHOR, anchor=ANCHOR)
    result = period_payment(
        period, starts_on=ANCHOR, ends_on=None, rates=[Rate(ANCHOR, Decimal("301.71"), Decimal("45.00"))]
    )
    assert result.amount == Decimal("1026.84")  # (301.71 - 45) × 4
    assert result.contribution_to_collect == Decimal("0.00")
    assert result.days_paid == 28


def test_gross_pays_the_whole_budget_and_collects_the_contribution():
    period = period_containing(ANCHOR, anchor=ANCHOR)
    result = period_payment(
        period,
        starts_on=ANCHOR,
        ends_on=None,
        rates=[Rate(ANCHOR, Decimal("301.71"), Decimal("45.00"))],
        basis=Basis.GROSS,
    )
    assert result.amount == Decimal("1206.84")
    assert result.contribution_to_collect == Decimal("180.00")
    assert "collects the contribution" in result.explanation


def test_pro_rata_at_the_start_and_the_end():
    period = period_containing(ANCHOR, anchor=ANCHOR)
    rates = [Rate(dt.date(2026, 1, 1), Decimal("210.00"))]
    start = period_payment(period, starts_on=dt.date(2026, 4, 20), ends_on=None, rates=rates)
    assert start.days_paid == 14
    assert start.amount == Decimal("420.00")  # 14 days at £30 a day
    assert "pro rata" in start.explanation
    end = period_payment(period, starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 4, 8), rates=rates)
    assert end.days_paid == 3
    assert end.amount == Decimal("90.00")


def test_a_suspension_is_not_paid_and_a_rate_change_is_split_by_day():
    period = period_containing(ANCHOR, anchor=ANCHOR)
    rates = [Rate(dt.date(2026, 1, 1), Decimal("70.00")), Rate(dt.date(2026, 4, 20), Decimal("140.00"))]
    result = period_payment(
        period,
        starts_on=dt.date(2026, 1, 1),
        ends_on=None,
        rates=rates,
        gaps=[Gap(dt.date(2026, 4, 13), dt.date(2026, 4, 19))],
    )
    # 7 days at £10 then 7 suspended then 14 at £20
    assert result.days_paid == 21
    assert result.amount == Decimal("350.00")


def test_nothing_to_pay_when_suspended_throughout():
    period = period_containing(ANCHOR, anchor=ANCHOR)
    result = period_payment(
        period, starts_on=ANCHOR, ends_on=None, rates=[Rate(ANCHOR, Decimal(100))], gaps=[Gap(ANCHOR)]
    )
    assert result.amount == Decimal("0.00")
    assert "Nothing to pay" in result.explanation


def test_negative_figures_refused():
    period = period_containing(ANCHOR, anchor=ANCHOR)
    with pytest.raises(ValueError, match="cannot be negative"):
        period_payment(period, starts_on=ANCHOR, ends_on=None, rates=[Rate(ANCHOR, Decimal(-1))])


weekly = st.decimals(min_value=0, max_value=5000, places=2)
days = st.integers(min_value=0, max_value=400)


@given(weekly=weekly, start_offset=days, length=st.integers(min_value=1, max_value=400))
def test_payments_over_a_whole_agreement_add_up_to_the_weekly_amount_pro_rata(weekly, start_offset, length):
    starts_on = ANCHOR + dt.timedelta(days=start_offset)
    ends_on = starts_on + dt.timedelta(days=length - 1)
    periods = periods_due(anchor=ANCHOR, starts_on=starts_on, ends_on=ends_on, as_of=ends_on)
    rates = [Rate(starts_on, weekly)]
    payments = [period_payment(p, starts_on=starts_on, ends_on=ends_on, rates=rates) for p in periods]
    assert sum(p.days_paid for p in payments) == length
    total = sum(p.amount for p in payments)
    # each period is rounded to the penny once: the total is within half a penny a period of the exact figure
    assert abs(total - weekly * length / 7) <= Decimal("0.005") * len(payments)


@given(weekly=weekly, contribution=weekly)
def test_net_payment_is_never_negative_and_never_more_than_gross(weekly, contribution):
    period = period_containing(ANCHOR, anchor=ANCHOR)
    net = period_payment(period, starts_on=ANCHOR, ends_on=None, rates=[Rate(ANCHOR, weekly, contribution)])
    assert Decimal(0) <= net.amount <= weekly * 4
