"""Sorting the transactions on a direct-payment account statement into what the money was for.

Each transaction is matched, in this order, to:

1. a line of the person's support plan, when the description names the line's provider or PA (the
   longest name found wins, so "Ann Lee Care Ltd" beats "Ann Lee");
2. a category of spending every PA employer has (tax and National Insurance paid to HMRC, the workplace
   pension, the payroll service, the employer's insurance), by words banks use for them;
3. money paid in: the council's direct payment, the person's own contribution, or another credit;
4. otherwise it is left for a person to look at ("to check"), never guessed.

It answers what people raised in York (seed 002, "Personalisation and self-funding": "People talked about
confusion over what personal budgets can be spent on") and asked in Coventry (seed 001, Appendix 1
§2.2.6: "What services can I buy with my payments? Given it is public money, how am I accountable?"), and
follows the statutory guidance on monitoring (Care and Support Statutory Guidance paras 12.24-12.26:
monitoring should be proportionate and not more onerous than for council-arranged care).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


class Category(enum.StrEnum):
    PLAN_LINE = "plan_line"
    PA_TAX = "pa_tax"
    PENSION = "pension"
    PAYROLL = "payroll"
    INSURANCE = "insurance"
    COUNCIL_PAYMENT = "council_payment"
    CONTRIBUTION = "contribution"
    OTHER_CREDIT = "other_credit"
    BANK_CHARGES = "bank_charges"
    TO_CHECK = "to_check"


CATEGORY_LABELS: dict[Category, str] = {
    Category.PLAN_LINE: "Support in the plan",
    Category.PA_TAX: "Tax and National Insurance for a PA",
    Category.PENSION: "PA's workplace pension",
    Category.PAYROLL: "Payroll service",
    Category.INSURANCE: "Employer's insurance",
    Category.COUNCIL_PAYMENT: "Direct payment from the council",
    Category.CONTRIBUTION: "Your contribution",
    Category.OTHER_CREDIT: "Other money paid in",
    Category.BANK_CHARGES: "Bank charges",
    Category.TO_CHECK: "To check",
}

_KEYWORDS: tuple[tuple[Category, tuple[str, ...]], ...] = (
    (Category.PA_TAX, ("hmrc", "paye", "inland revenue", "cumbernauld")),
    (Category.PENSION, ("nest", "pension", "people's pension", "peoples pension", "now pensions")),
    (Category.PAYROLL, ("payroll",)),
    (Category.INSURANCE, ("insurance", "insure", "mark bates", "fish insurance", "markel")),
    (Category.BANK_CHARGES, ("bank charge", "account fee", "monthly fee", "card fee")),
)

#: Words in a credit's description that mark the person's own contribution.
_CONTRIBUTION_WORDS = ("contribution", "contrib")


@dataclass(frozen=True)
class LineToMatch:
    line_id: int
    names: tuple[str, ...]  # the provider's or PA's names as they may appear on a statement


@dataclass(frozen=True)
class Match:
    category: Category
    line_id: int | None
    explanation: str


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9']+", " ", text.lower()).strip() + " "


def match_transaction(
    *, description: str, amount: Decimal, lines: Sequence[LineToMatch], council_reference: str = ""
) -> Match:
    """What one transaction was for. ``amount`` is negative for money going out, positive for money coming in."""
    text = _words(description)
    if amount > 0:
        if council_reference and _words(council_reference).strip() in text:
            return Match(Category.COUNCIL_PAYMENT, None, f"Paid in with the council's reference {council_reference}")
        if "council" in text or " dp " in text or "direct payment" in text:
            return Match(Category.COUNCIL_PAYMENT, None, "Paid in by the council")
        if any(f" {word}" in text for word in _CONTRIBUTION_WORDS):
            return Match(Category.CONTRIBUTION, None, "The person's own contribution paid in")
        return Match(Category.OTHER_CREDIT, None, "Money paid in that is not the council's payment: check what it is")
    best: tuple[int, LineToMatch, str] | None = None
    for line in lines:
        for name in line.names:
            key = _words(name).strip()
            if key and f" {key} " in text and (best is None or len(key) > best[0]):
                best = (len(key), line, name)
    if best is not None:
        return Match(Category.PLAN_LINE, best[1].line_id, f"Paid to {best[2]}, named in the support plan")
    for category, words in _KEYWORDS:
        for word in words:
            if f" {word} " in text:
                return Match(category, None, f"{CATEGORY_LABELS[category]} (the description mentions {word!r})")
    return Match(Category.TO_CHECK, None, "Not recognised: someone needs to check what this was for")
