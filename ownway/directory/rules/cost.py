"""The full cost of a service: what a person actually pays for one go, with nothing left out.

People in Coventry's focus groups asked for the full cost to be known (seed 001, Appendix 1 §4.1.4:
"People to know the full cost of services on offer") and feared costs on top of the price (seed 001,
Appendix 1 §2.2.4: "There will also be hidden costs"). Open Referral UK 3.0 keeps costs as
``cost_option`` rows (``option``, ``amount``, ``amount_description``; ORUK 3.0
``schemata/cost_option.json``) and says nothing about how they add up, so Ownway records for each row
whether it is *a price* (one of the prices applies to a person, like "Standard" or "Concession") or *an
extra* everyone pays on top (lunch, materials, the minibus), and what period it is for. The full cost for
each period is then::

    full cost = (lowest price .. highest price) + every extra for that period

and a service with no amount above zero is free.

**Unknown is not free.** A service is free only when a cost option says so, with an amount of £0. With no
cost options, or only options without an amount (a feed that gives "fees" as words, or nothing at all), the
cost is *not known*: pages say "ask the provider", the free-only search leaves it out, and a most-you-want-
to-pay search leaves it out too (issue 13: one council's feed had no cost options, and 158 of its
descriptions named a price in pounds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ownway.core.money import format_money, pounds

PER_WORDS = {
    "session": "a session",
    "hour": "an hour",
    "day": "a day",
    "week": "a week",
    "month": "a month",
    "year": "a year",
    "once": "once",
}


@dataclass(frozen=True)
class CostLine:
    option: str
    amount: Decimal | None
    kind: str = "price"  # "price" or "extra"
    per: str = "session"


@dataclass(frozen=True)
class PeriodCost:
    per: str
    lowest: Decimal
    highest: Decimal

    @property
    def text(self) -> str:
        if self.lowest == self.highest:
            return f"{format_money(self.lowest)} {PER_WORDS.get(self.per, self.per)}"
        return f"{format_money(self.lowest)} to {format_money(self.highest)} {PER_WORDS.get(self.per, self.per)}"


@dataclass(frozen=True)
class FullCost:
    #: True only when a cost option says £0 and none charges more.
    is_free: bool
    #: The lowest full cost of one session (or of the first period the service charges for): for search. None
    #: when the cost is not known.
    cost_from: Decimal | None
    periods: list[PeriodCost] = field(default_factory=list)
    explanation: str = ""
    #: Whether any cost option gives an amount: without one, nothing is known about the cost.
    known: bool = True


#: What every page says when the service has not said what it costs.
NOT_KNOWN = "Ask the provider: the service has not said what it costs."


def full_cost(lines: Sequence[CostLine]) -> FullCost:
    """Add up the cost options of a service into what a person pays, per period, with the working."""
    for line in lines:
        if line.amount is not None and line.amount < 0:
            raise ValueError(f"A cost cannot be negative ({line.option or 'cost'}: {line.amount})")
    charged = [line for line in lines if line.amount is not None and line.amount > 0]
    if all(line.amount is None for line in lines):
        return FullCost(is_free=False, cost_from=None, periods=[], explanation=NOT_KNOWN, known=False)
    if not charged:
        text = (
            "It is free: " + "; ".join(line.option or "cost" for line in lines if line.amount == 0) + " cost nothing."
        )
        return FullCost(is_free=True, cost_from=Decimal("0.00"), periods=[], explanation=text)

    periods: list[PeriodCost] = []
    steps: list[str] = []
    order = list(PER_WORDS)
    pers = sorted({line.per for line in charged}, key=lambda p: order.index(p) if p in order else len(order))
    for per in pers:
        prices = [line for line in lines if line.per == per and line.kind == "price" and line.amount is not None]
        extras = [line for line in lines if line.per == per and line.kind == "extra" and line.amount is not None]
        extra_total = pounds(sum((line.amount for line in extras if line.amount is not None), Decimal("0")))
        amounts = [line.amount for line in prices if line.amount is not None]
        low = pounds(min(amounts)) if amounts else Decimal("0.00")
        high = pounds(max(amounts)) if amounts else Decimal("0.00")
        period = PeriodCost(per=per, lowest=pounds(low + extra_total), highest=pounds(high + extra_total))
        periods.append(period)
        words = PER_WORDS.get(per, per)
        parts = []
        if amounts:
            price = format_money(low) if low == high else f"{format_money(low)} to {format_money(high)}"
            parts.append(f"the price is {price}")
        for line in extras:
            parts.append(f"plus {line.option or 'an extra'} {format_money(line.amount or 0)}")
        steps.append(f"For {words}: " + ", ".join(parts) + f", so {period.text} in all.")
    first = periods[0]
    return FullCost(is_free=False, cost_from=first.lowest, periods=periods, explanation=" ".join(steps))


def describe_line(line: CostLine) -> str:
    """One cost option in words, as a provider's change shows it to the broker: "Concession: £2.00 a session",
    "Lunch, an extra everyone pays: £3.50 a session", "Standard: free"."""
    name = line.option or ("Price" if line.kind == "price" else "Extra")
    if line.kind == "extra":
        name += ", an extra everyone pays"
    if line.amount is None:
        return f"{name}: amount not given"
    if line.amount == 0:
        return f"{name}: free"
    return f"{name}: {format_money(line.amount)} {PER_WORDS.get(line.per, line.per)}"


def cost_words(cost: FullCost) -> str:
    """The full cost in a few words, for a list or a change: "Free", "£5.50 a session" or "Ask the provider"."""
    if not cost.known:
        return "Ask the provider"
    if cost.is_free:
        return "Free"
    return "; ".join(p.text for p in cost.periods)
