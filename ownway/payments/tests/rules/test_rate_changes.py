"""A new contribution from a day: the rates that carry it, and what it means for periods already paid."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ownway.payments.rules.schedule import (
    Basis,
    Gap,
    Period,
    Rate,
    paid_difference,
    period_payment,
    rate_on,
    rates_restated,
)

D = Decimal
STARTS = dt.date(2026, 4, 20)
FIRST = Period(dt.date(2026, 4, 6), dt.date(2026, 5, 3))  # paid for 14 days, from the start
SECOND = Period(dt.date(2026, 5, 4), dt.date(2026, 5, 31))
APPROVED = Rate(STARTS, D("310.21"), D("0.00"))


def test_a_contribution_from_the_start_is_one_new_rate_from_the_start():
    added = rates_restated([APPROVED], STARTS, contribution_on=lambda day: D("187.50"))
    assert added == [Rate(STARTS, D("310.21"), D("187.50"))]
    assert rate_on(STARTS, [APPROVED, *added]) == added[0]  # the later recorded of the same day


def test_a_rate_set_in_advance_is_set_again_so_the_new_contribution_holds_after_it():
    """The uprating from April was set in March; a reassessment recorded in May from January replaces it."""
    uprated = Rate(dt.date(2027, 4, 6), D("310.21"), D("177.50"))
    added = rates_restated([APPROVED, uprated], dt.date(2027, 1, 4), contribution_on=lambda day: D("50.00"))
    assert added == [
        Rate(dt.date(2027, 1, 4), D("310.21"), D("50.00")),
        Rate(dt.date(2027, 4, 6), D("310.21"), D("50.00")),
    ]
    assert rate_on(dt.date(2027, 5, 1), [APPROVED, uprated, *added]).weekly_contribution == D("50.00")


def test_nothing_is_added_when_nothing_changes_and_the_contribution_never_exceeds_the_budget():
    assert rates_restated([APPROVED], STARTS, contribution_on=lambda day: D("0.00")) == []
    added = rates_restated([APPROVED], STARTS, weekly_budget=D("8.50"), contribution_on=lambda day: D("187.50"))
    assert added == [Rate(STARTS, D("8.50"), D("8.50"))]


def test_days_already_paid_net_are_owed_as_contribution():
    after = [APPROVED, Rate(STARTS, D("310.21"), D("187.50"))]
    owed = paid_difference(
        [FIRST], since=STARTS, starts_on=STARTS, ends_on=None, before=[APPROVED], after=after, basis=Basis.NET
    )
    assert owed is not None
    assert (owed.first_day, owed.last_day, owed.contribution_owed) == (STARTS, dt.date(2026, 5, 3), D("375.00"))
    assert owed.explanation == "Contribution for 20 April 2026 to 3 May 2026"


def test_days_already_paid_gross_are_contribution_not_collected_and_a_lower_one_is_given_back():
    high = Rate(STARTS, D("310.21"), D("45.00"))
    lower = [high, Rate(dt.date(2026, 5, 18), D("310.21"), D("30.00"))]
    owed = paid_difference(
        [FIRST, SECOND], since=dt.date(2026, 5, 18), starts_on=STARTS, ends_on=None, before=[high], after=lower,
        basis=Basis.GROSS,
    )  # fmt: skip
    assert owed is not None
    assert owed.contribution_owed == D("-30.00")  # two weeks at £15 less
    assert (owed.first_day, owed.last_day) == (dt.date(2026, 5, 18), dt.date(2026, 5, 31))
    assert owed.explanation == "Contribution no longer due for 18 May 2026 to 31 May 2026"


def test_suspended_days_and_periods_before_the_change_owe_nothing():
    after = [APPROVED, Rate(dt.date(2026, 5, 4), D("310.21"), D("70.00"))]
    assert (
        paid_difference(
            [FIRST], since=dt.date(2026, 5, 4), starts_on=STARTS, ends_on=None, before=[APPROVED], after=after
        )
        is None
    )
    suspended = paid_difference(
        [SECOND], since=dt.date(2026, 5, 4), starts_on=STARTS, ends_on=None, before=[APPROVED], after=after,
        gaps=[Gap(dt.date(2026, 5, 4), dt.date(2026, 5, 17))],
    )  # fmt: skip
    assert suspended is not None
    assert suspended.contribution_owed == D("140.00")  # the two weeks not suspended


@given(
    st.integers(min_value=0, max_value=50_000),
    st.integers(min_value=0, max_value=50_000),
    st.integers(min_value=0, max_value=55),
    st.sampled_from([Basis.NET, Basis.GROSS]),
)
def test_what_was_paid_less_what_is_owed_is_what_the_new_rates_pay(before_pence, after_pence, offset, basis):
    """Net, the payments already made less the contribution owed for them come to what the new rates pay; gross,
    the contribution collected plus what is owed comes to what the new rates collect."""
    budget = D("310.21")
    old = Rate(STARTS, budget, min(D(before_pence) / 100, budget))
    since = STARTS + dt.timedelta(days=offset)
    new = Rate(since, budget, min(D(after_pence) / 100, budget))
    paid = [FIRST, SECOND]

    def total(rates):
        payments = [period_payment(p, starts_on=STARTS, ends_on=None, rates=rates, basis=basis) for p in paid]
        return sum(p.amount for p in payments), sum(p.contribution_to_collect for p in payments)

    (paid_before, collected_before), (paid_after, collected_after) = total([old]), total([old, new])
    owed = paid_difference(
        paid, since=since, starts_on=STARTS, ends_on=None, before=[old], after=[old, new], basis=basis
    )
    owed_amount = owed.contribution_owed if owed is not None else D("0.00")
    if basis == Basis.NET:
        assert paid_before - owed_amount == paid_after
    else:
        assert collected_before + owed_amount == collected_after
        assert paid_before == paid_after
