from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.directory.rules.cost import CostLine, describe_line, full_cost

money = st.decimals(min_value=Decimal("0"), max_value=Decimal("500"), places=2)


def test_no_cost_options_is_not_known_and_not_free():
    """Issue 13: a feed without cost options said nothing about cost; the page must not say "Free"."""
    for lines in ([], [CostLine("Fees", None)]):
        result = full_cost(lines)
        assert not result.is_free
        assert not result.known
        assert result.cost_from is None
        assert "Ask the provider" in result.explanation


def test_a_zero_beside_an_unknown_amount_is_free():
    result = full_cost([CostLine("Standard", Decimal("0")), CostLine("Fees", None)])
    assert result.is_free
    assert result.known


def test_zero_amounts_are_free_and_say_so():
    result = full_cost([CostLine("Standard", Decimal("0"))])
    assert result.is_free
    assert "Standard" in result.explanation


def test_day_centre_worked_example_adds_every_extra():
    """A day centre at £58 a day, with transport £6.50 and lunch £3.80: the full cost is £68.30."""
    result = full_cost(
        [
            CostLine("Standard", Decimal("58.00")),
            CostLine("Transport each way", Decimal("6.50"), "extra"),
            CostLine("Lunch", Decimal("3.80"), "extra"),
        ]
    )
    assert not result.is_free
    assert result.cost_from == Decimal("68.30")
    assert result.periods[0].text == "£68.30 a session"
    assert "plus Lunch £3.80" in result.explanation


def test_concession_gives_a_range():
    result = full_cost(
        [
            CostLine("Standard", Decimal("4.00")),
            CostLine("Concession", Decimal("2.00")),
            CostLine("Materials", Decimal("1.50"), "extra"),
        ]
    )
    assert result.periods[0].lowest == Decimal("3.50")
    assert result.periods[0].highest == Decimal("5.50")
    assert result.periods[0].text == "£3.50 to £5.50 a session"


def test_periods_are_kept_apart():
    result = full_cost([CostLine("Membership", Decimal("20"), per="year"), CostLine("Session", Decimal("3"))])
    assert [p.per for p in result.periods] == ["session", "year"]
    assert result.cost_from == Decimal("3.00")


def test_negative_amount_is_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        full_cost([CostLine("Refund", Decimal("-1"))])


@given(prices=st.lists(money, min_size=1, max_size=4), extras=st.lists(money, max_size=3))
def test_full_cost_is_never_below_the_cheapest_price_plus_extras(prices, extras):
    lines = [CostLine(f"p{i}", p) for i, p in enumerate(prices)]
    lines += [CostLine(f"e{i}", e, "extra") for i, e in enumerate(extras)]
    result = full_cost(lines)
    if result.is_free:
        assert all(p == 0 for p in prices)
        assert all(e == 0 for e in extras)
    else:
        assert result.cost_from == (min(prices) + sum(extras, Decimal("0"))).quantize(Decimal("0.01"))
        assert result.periods[0].lowest <= result.periods[0].highest


@given(prices=st.lists(money, min_size=1, max_size=4), extra=money)
def test_an_extra_never_makes_it_cheaper(prices, extra):
    base = full_cost([CostLine(f"p{i}", p) for i, p in enumerate(prices)])
    more = full_cost([*(CostLine(f"p{i}", p) for i, p in enumerate(prices)), CostLine("x", extra, "extra")])
    assert more.cost_from >= base.cost_from


def test_each_cost_option_in_words():
    assert describe_line(CostLine("Concession", Decimal("2"), "price", "session")) == "Concession: £2.00 a session"
    assert describe_line(CostLine("Lunch", Decimal("3.5"), "extra", "session")) == (
        "Lunch, an extra everyone pays: £3.50 a session"
    )
    assert describe_line(CostLine("Standard", None)) == "Standard: amount not given"
    assert describe_line(CostLine("Standard", Decimal("0"))) == "Standard: free"
    assert describe_line(CostLine("", Decimal("1200"), "price", "year")) == "Price: £1,200.00 a year"
