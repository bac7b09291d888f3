"""Money helpers shared by the payment rules: Decimal pounds to two places, rounded half up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def pounds(value: Decimal | int | str) -> Decimal:
    """An amount in pounds to the nearest penny (half a penny rounds up)."""
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def show(value: Decimal) -> str:
    """An amount as people read it: £1,234.50 (a minus sign before the pound sign when negative)."""
    value = pounds(value)
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


def pence(value: Decimal) -> int:
    """An amount in pounds as whole pence (as a bank file carries it), rounded to the nearest penny first."""
    return int(pounds(value) * 100)
