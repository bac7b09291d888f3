"""Signs in a direct payment's monitoring that may point to financial abuse: a rule, with no Django.

What direct-payment monitoring records (``ownway.payments``: the account's statement lines, each sorted into what
it paid for or left "to check"; the balance; who each agreement pays) is read for four signs:

* **cash withdrawals** — a debit whose description says it was cash (a cash machine, a withdrawal): cash leaves no
  trail of what it bought;
* **spending unrelated to the plan** — debits left "to check" (matching no line of the support plan and no cost
  every PA employer has) adding up to more than one week's payment in the period looked at;
* **a payee change** — the person's direct payments paid to someone different from before;
* **money running out** — the account overdrawn, or holding less than one week's payment.

Each is a reason to think, not a finding: the worker is offered to raise a concern, prefilled with what was seen,
and decides. Sources: Care and Support Statutory Guidance (DHSC), para 14.17 (financial or material abuse:
theft, the misuse or misappropriation of property, possessions or benefits) and paras 12.24–12.26 (monitoring
direct payments, proportionately); Care Act 2014 s.42.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

#: Words a bank puts on a cash withdrawal.
CASH_WORDS = ("cash", "atm", "withdrawal", "cashpoint", "link atm")


@dataclass(frozen=True)
class Debit:
    description: str
    #: Money out, as a positive amount.
    amount: Decimal
    #: Left "to check": matched to no line of the plan and no PA employer's cost.
    unmatched: bool


@dataclass(frozen=True)
class Sign:
    code: str
    text: str


def _is_cash(description: str) -> bool:
    words = " " + re.sub(r"[^a-z0-9]+", " ", description.lower()).strip() + " "
    return any(f" {word} " in words for word in CASH_WORDS)


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def money_signs(
    *,
    debits: Sequence[Debit],
    weekly_payment: Decimal,
    balance: Decimal | None,
    payees: Sequence[str],
) -> list[Sign]:
    """The signs in a direct payment's monitoring, in the order above.

    ``debits`` are the period looked at (the caller's choice: the last 13 weeks); ``balance`` is ``None`` when no
    statement has been imported; ``payees`` are who the person's direct payments are paid to, oldest first.
    """
    signs: list[Sign] = []
    cash = [d for d in debits if _is_cash(d.description)]
    if cash:
        total = sum((d.amount for d in cash), Decimal("0"))
        signs.append(Sign("cash", f"{len(cash)} cash withdrawal{'s' if len(cash) != 1 else ''}, {_pounds(total)}"))
    unmatched = [d for d in debits if d.unmatched and not _is_cash(d.description)]
    unmatched_total = sum((d.amount for d in unmatched), Decimal("0"))
    if unmatched and unmatched_total > weekly_payment:
        signs.append(
            Sign(
                "unrelated",
                f"{_pounds(unmatched_total)} spent on things not in the support plan ({len(unmatched)} payments), "
                f"more than one week's direct payment of {_pounds(weekly_payment)}",
            )
        )
    named = [p.strip() for p in payees if p.strip()]
    changes = [(before, after) for before, after in itertools.pairwise(named) if before.lower() != after.lower()]
    if changes:
        before, after = changes[-1]
        signs.append(Sign("payee", f"The direct payment is now paid to {after}, not {before} as before"))
    if balance is not None:
        if balance < 0:
            signs.append(Sign("running_out", f"The account is overdrawn by {_pounds(-balance)}"))
        elif weekly_payment > 0 and balance < weekly_payment:
            signs.append(
                Sign("running_out", f"The account holds {_pounds(balance)}, less than one week's direct payment")
            )
    return signs
