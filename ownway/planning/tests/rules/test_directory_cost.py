"""A plan line's cost from a service's cost options in the directory."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ownway.directory.rules.cost import CostLine
from ownway.planning.rules.costs import Frequency, line_weekly_cost
from ownway.planning.rules.directory_cost import line_cost_from_directory

D = Decimal


def test_no_cost_options_gives_nothing_to_fill():
    assert line_cost_from_directory([]) is None


def test_lowest_price_plus_every_extra_for_a_session():
    cost = line_cost_from_directory(
        [
            CostLine("Standard", D("12.00")),
            CostLine("Concession", D("8.00")),
            CostLine("Lunch", D("4.50"), kind="extra"),
        ]
    )
    assert cost is not None
    assert (cost.unit, cost.unit_cost, cost.units, cost.frequency) == ("session", D("12.50"), D(1), Frequency.WEEKLY)
    assert cost.explanation == (
        "From the directory: For a session: the price is £8.00 to £12.00, plus Lunch £4.50, "
        "so £12.50 to £16.50 a session in all."
    )


def test_a_free_service_costs_nothing():
    cost = line_cost_from_directory([CostLine("Everyone", D("0"))])
    assert cost is not None
    assert cost.unit_cost == D("0.00")
    assert cost.explanation.startswith("From the directory: It is free")


def test_a_monthly_price_comes_each_month_and_a_one_off_once():
    monthly = line_cost_from_directory([CostLine("Membership", D("26.00"), per="month")])
    assert monthly is not None
    assert (monthly.unit, monthly.frequency) == ("month", Frequency.MONTHLY)
    assert line_weekly_cost(
        unit_cost=monthly.unit_cost, units=monthly.units, frequency=monthly.frequency
    ).weekly_cost == D("6.00")
    once = line_cost_from_directory([CostLine("Fitting", D("52.00"), per="once")])
    assert once is not None
    assert (once.unit, once.frequency) == ("item", Frequency.ONE_OFF)


money = st.decimals(min_value=D("0.01"), max_value=D("999.99"), places=2)


@given(prices=st.lists(money, min_size=1, max_size=4), extras=st.lists(money, max_size=3))
def test_the_unit_cost_is_the_lowest_full_cost(prices, extras):
    lines = [CostLine(f"P{i}", p) for i, p in enumerate(prices)] + [
        CostLine(f"E{i}", e, kind="extra") for i, e in enumerate(extras)
    ]
    cost = line_cost_from_directory(lines)
    assert cost is not None
    assert cost.unit_cost == min(prices) + sum(extras, D(0))
    assert cost.unit_cost >= min(prices)
