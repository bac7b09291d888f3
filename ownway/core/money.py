"""Pounds and pence: one rounding rule and one way of writing an amount, for every page, letter, PDF and file.

**The rounding rule.** An amount is rounded to the nearest penny, and half a penny rounds away from zero
(``ROUND_HALF_UP`` in Python's ``decimal``): £2.345 is £2.35, £2.335 is £2.34, -£2.345 is -£2.35 and
£0.005 is £0.01. That is the rounding people do by hand with a calculator and the one a person checking a
letter from the council expects, so a weekly contribution, the payment worked out from it and the amount in
the bank file agree to the penny with what the person works out themselves. Python's own default
(``ROUND_HALF_EVEN``, "banker's rounding") would show £2.345 as £2.34 but £2.355 as £2.36, which no one
checking a figure by hand expects; before this module the pages used it while the payment and plan rules
rounded half up, so the same amount could read £2.34 on one page and £2.35 on another. Negative amounts round
the same way as positive ones (away from zero), so a refund is always the mirror of the charge.

The Care and Support (Charging and Assessment of Resources) Regulations 2014 and the Care and Support
Statutory Guidance set no rounding rule; an amount is rounded only where it is shown or paid (never in the
middle of a sum), so the rule changes a result by at most half a penny.

**Writing an amount.** :func:`format_money` writes an amount as people read it ("£1,234.50", "-£5.00"), as the
GOV.UK style guide writes money (a pound sign, commas between thousands, pence as two figures);
``whole_pounds=True`` leaves off ".00" where there are no pence ("£250", as the style guide prefers for round
sums in running text). :func:`file_amount` writes it for a file a machine reads (a CSV export, "1234.50", no
pound sign or commas), and :func:`pence` as the whole pence a BACS file carries. All three round by the rule
first. :func:`ownway.core.numbers.parse_money` reads back what :func:`format_money` writes.

Money is never a ``float``: each function here refuses one (``TypeError``), because a float cannot hold most
amounts of pence exactly (0.1 + 0.2 is not 0.3).

Pure Python, no Django: rules, services, Jinja filters, letters, PDFs and files all use it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, getcontext, localcontext

#: One penny: the step every amount is rounded to.
PENNY = Decimal("0.01")
#: No money, written with its pence.
ZERO = Decimal("0.00")
#: The rounding rule (see the module's note): half a penny rounds away from zero.
ROUNDING = ROUND_HALF_UP

type Amount = Decimal | int | str


def _decimal(value: Amount) -> Decimal:
    if isinstance(value, bool | float):
        raise TypeError(f"Money must be a Decimal, a whole number or text, not {type(value).__name__}: {value!r}")
    if not isinstance(value, Decimal | int | str):
        raise TypeError(f"Money must be a Decimal, a whole number or text, not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"An amount of money must be a finite number, not {value!r}")
    return number


def pounds(value: Amount) -> Decimal:
    """An amount in pounds to the nearest penny, half a penny away from zero: 2.345 is 2.35, -2.345 is -2.35."""
    if type(value) is Decimal and value.is_finite():
        # The common case, a Decimal the current context's digits hold, rounded in that context: the same
        # answer as below without making a context for it (the rules call this for every line of every sum).
        context = getcontext()
        if value.adjusted() + 4 <= context.prec:
            return value.quantize(PENNY, rounding=ROUNDING, context=context)
    number = _decimal(value)
    with localcontext() as context:
        # Enough digits for any amount: the default 28 would refuse to quantize a very large one.
        context.prec = max(context.prec, number.adjusted() + 4)
        return number.quantize(PENNY, rounding=ROUNDING)


def pence(value: Amount) -> int:
    """An amount in pounds as whole pence (as a bank file carries it), rounded to the nearest penny first."""
    return int(pounds(value).scaleb(2))


def from_pence(value: int) -> Decimal:
    """Whole pence as pounds with two places: 1250 is 12.50."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"Pence must be a whole number, not {type(value).__name__}: {value!r}")
    return Decimal(value).scaleb(-2).quantize(PENNY)


def format_money(value: Amount, *, whole_pounds: bool = False) -> str:
    """An amount as people read it: "£1,234.50", "-£5.00" (the minus sign before the pound sign).

    ``whole_pounds``: leave off ".00" when there are no pence ("£250"; "£250.50" is written in full).
    """
    amount = pounds(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if whole_pounds and amount == amount.to_integral_value():
        return f"{sign}£{int(amount):,}"
    return f"{sign}£{amount:,.2f}"


def file_amount(value: Amount) -> str:
    """An amount for a file a machine reads (CSV): pounds and two places of pence, no pound sign or commas."""
    return f"{pounds(value):.2f}"
