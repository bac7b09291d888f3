"""What part of a support plan is charged for: the cost of care a financial assessment charges against.

A council may charge for meeting needs, but only the cost it incurs in meeting them (Care Act 2014 s.14(1)
and (4)), and some care and support must be free. The Care and Support (Charging and Assessment of
Resources) Regulations 2014 (SI 2014/2672) reg 3 makes free, as summarised with sources in standards.md §5.3:

* intermediate care and reablement, for up to the first six weeks: a line whose Client Level Data service
  component is Reablement, or whose service type is Short Term Support: ST-Max (short-term support to
  maximise independence, which is time-limited: ``ownway.enablement`` keeps an episode to six weeks);
* aids and minor adaptations costing £1,000 or less: an equipment line whose whole cost is within the limit
  (the limit is a figure of each year's charging rules, ``free_adaptation_limit``).

A carer is never charged for support provided to the person they care for (Care Act 2014 s.14(3)): a line
of service type "Carer Support: Support involving the person cared-for" is not charged to the carer.

Unpaid support costs nothing. Everything else paid for in the plan is chargeable: its weekly cost counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ownway.core.money import format_money, pounds

REABLEMENT_COMPONENT = "Reablement"
REABLEMENT_TYPE = "Short Term Support: ST-Max"
CARED_FOR_TYPE = "Carer Support: Support involving the person cared-for"
#: The regulation's own figure, used when no year's rules say otherwise.
ADAPTATION_LIMIT = Decimal("1000.00")


@dataclass(frozen=True)
class CostedLine:
    description: str
    kind: str
    weekly_cost: Decimal
    #: The whole cost of one-off items (unit cost × how many), to test against the equipment limit.
    total_cost: Decimal
    service_type: str = ""
    service_component: str = ""


@dataclass(frozen=True)
class ChargeableCost:
    weekly: Decimal
    #: Each line that is free, and why.
    free: tuple[tuple[str, str], ...]

    @property
    def explanation(self) -> str:
        text = f"The chargeable cost of the plan is {format_money(self.weekly)} a week"
        if not self.free:
            return text + "."
        reasons = "; ".join(f"{description}: {why}" for description, why in self.free)
        return f"{text}. Free: {reasons}."


def free_reason(line: CostedLine, *, adaptation_limit: Decimal = ADAPTATION_LIMIT) -> str | None:
    """Why a line is not charged for, naming the provision, or ``None`` when it is chargeable."""
    if line.kind == "unpaid":
        return "unpaid support costs nothing"
    if line.service_component == REABLEMENT_COMPONENT or line.service_type == REABLEMENT_TYPE:
        return "reablement is free for up to the first six weeks (Charging Regulations reg 3)"
    if line.kind == "equipment" and line.total_cost <= adaptation_limit:
        return (
            f"aids and minor adaptations costing {format_money(adaptation_limit)} or less are free "
            "(Charging Regulations reg 3)"
        )
    if line.service_type == CARED_FOR_TYPE:
        return "a carer is not charged for support given to the person they care for (Care Act 2014 s.14(3))"
    return None


def chargeable_cost(lines: Iterable[CostedLine], *, adaptation_limit: Decimal = ADAPTATION_LIMIT) -> ChargeableCost:
    """The weekly cost of the plan's chargeable lines, and the free ones with their reasons."""
    weekly = Decimal(0)
    free: list[tuple[str, str]] = []
    for line in lines:
        why = free_reason(line, adaptation_limit=adaptation_limit)
        if why is None:
            weekly += line.weekly_cost
        elif line.kind != "unpaid":
            free.append((line.description, why))
    return ChargeableCost(pounds(weekly), tuple(free))
