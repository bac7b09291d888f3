from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.enablement.rules.utilisation import utilisation


def test_birmingham_figures():
    # Birmingham's in-house service: contact time of 26% to 28% (seed 004, para 6.4.1: "around 26% to 28%") and
    # an hour of contact costing £65-£70 (seed 004, para 6.5.1: "BCC costs at around £65-£70 per hour"). The
    # review gives no cost of a paid hour; £18.23 is the one that, at 27% contact, makes an hour of contact £67.52.
    result = utilisation(
        contact_minutes=27 * 60, travel_minutes=20 * 60, paid_minutes=100 * 60, hourly_cost=Decimal("18.23")
    )
    assert result.contact_pct == Decimal("27.0")
    assert result.travel_pct == Decimal("20.0")
    assert result.cost_per_contact_hour == Decimal("67.52")
    assert not result.viable
    assert "Below the 50%" in result.explanation


def test_benchmark_at_fifty_percent():
    # Para 6.5.1-6.5.2: £25 a paid hour at 50% contact is £50 an hour of contact, the top of the benchmark.
    result = utilisation(contact_minutes=240, travel_minutes=60, paid_minutes=480)
    assert result.cost_per_contact_hour == Decimal("50.00")
    assert result.viable


def test_no_paid_time_and_bad_input():
    assert utilisation(contact_minutes=0, travel_minutes=0, paid_minutes=0).cost_per_contact_hour is None
    with pytest.raises(ValueError, match="more time than is paid"):
        utilisation(contact_minutes=400, travel_minutes=100, paid_minutes=480)
    with pytest.raises(ValueError, match="negative"):
        utilisation(contact_minutes=-1, travel_minutes=0, paid_minutes=10)


@given(st.integers(1, 10_000), st.integers(0, 10_000), st.integers(0, 10_000))
def test_more_contact_never_costs_more_per_hour(contact, travel, spare):
    paid = contact + travel + spare + 1
    a = utilisation(contact_minutes=contact, travel_minutes=travel, paid_minutes=paid)
    b = utilisation(contact_minutes=contact + 1, travel_minutes=travel, paid_minutes=paid)
    assert b.cost_per_contact_hour <= a.cost_per_contact_hour
    assert Decimal(0) <= a.contact_pct <= Decimal(100)
