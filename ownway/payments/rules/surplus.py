"""Whether a direct-payment account holds more than it needs.

A council may ask for unspent money back (Care Act 2014 s.33(5); Direct Payments Regulations 2014 reg 8 on
repayment; statutory guidance paras 12.24-12.26 and 12.67). Councils usually let people keep a few weeks'
worth as a contingency and look at anything above that: Ownway flags a balance above a number of weeks of the
weekly direct payment, 8 unless the council sets another figure. A flag starts a conversation (and a
decision with the person's view recorded), never an automatic recovery: the Ombudsman has criticised councils
that demanded large repayments after skipping reviews for years.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ownway.core.money import ZERO, format_money, pounds

DEFAULT_SURPLUS_WEEKS = 8


@dataclass(frozen=True)
class SurplusCheck:
    balance: Decimal
    allowed: Decimal
    surplus: Decimal
    weeks_held: Decimal | None
    flagged: bool
    explanation: str


def surplus_check(*, balance: Decimal, weekly_payment: Decimal, weeks: int = DEFAULT_SURPLUS_WEEKS) -> SurplusCheck:
    """Flag a balance above ``weeks`` times the weekly direct payment."""
    if weeks < 0:
        raise ValueError("The number of weeks allowed cannot be negative")
    if weekly_payment < 0:
        raise ValueError("The weekly payment cannot be negative")
    allowed = pounds(weekly_payment * weeks)
    surplus = max(ZERO, pounds(balance) - allowed)
    held = (pounds(balance) / weekly_payment).quantize(Decimal("0.1")) if weekly_payment > 0 else None
    flagged = surplus > 0
    if flagged:
        text = (
            f"The account holds {format_money(balance)}, {format_money(surplus)} more than {weeks} weeks of payments "
            f"({format_money(allowed)}): talk with the person about it before deciding anything"
        )
    else:
        text = f"The account holds {format_money(balance)}, within {weeks} weeks of payments ({format_money(allowed)})"
    return SurplusCheck(
        balance=pounds(balance), allowed=allowed, surplus=surplus, weeks_held=held, flagged=flagged, explanation=text
    )
