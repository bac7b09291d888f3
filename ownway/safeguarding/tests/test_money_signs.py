"""Signs of financial abuse in a direct payment's monitoring (ownway.safeguarding.money_signs), worked examples."""

from __future__ import annotations

from decimal import Decimal

from ownway.safeguarding.money_signs import Debit, money_signs

WEEKLY = Decimal("265.21")


def _codes(**kwargs) -> list[str]:
    options = {"debits": [], "weekly_payment": WEEKLY, "balance": Decimal("500.00"), "payees": ["Ada Lovelace"]}
    options.update(kwargs)
    return [sign.code for sign in money_signs(**options)]


def test_an_account_spent_on_the_plan_shows_no_sign():
    debits = [Debit("ANN LEE WAGES WK1", Decimal("260.00"), False), Debit("HMRC PAYE", Decimal("12.40"), False)]
    assert _codes(debits=debits) == []


def test_cash_withdrawals_are_a_sign_whatever_the_amount():
    signs = money_signs(
        debits=[
            Debit("LINK ATM 14:02 HIGH ST", Decimal("100.00"), True),
            Debit("CASH WITHDRAWAL", Decimal("50"), True),
        ],
        weekly_payment=WEEKLY,
        balance=Decimal("400.00"),
        payees=["Ada Lovelace"],
    )
    assert [s.code for s in signs] == ["cash"]
    assert signs[0].text == "2 cash withdrawals, £150.00"
    # "Cashmere" is not cash.
    assert _codes(debits=[Debit("CASHMERE KNITS", Decimal("30"), True)]) == []


def test_spending_not_in_the_plan_counts_when_it_is_more_than_a_weeks_payment():
    # £120 + £150 = £270.00 to check, more than the week's £265.21.
    debits = [Debit("ELECTRONICS WORLD", Decimal("120.00"), True), Debit("BETTING CO", Decimal("150.00"), True)]
    signs = money_signs(debits=debits, weekly_payment=WEEKLY, balance=Decimal("400.00"), payees=[])
    assert signs[0].code == "unrelated"
    assert signs[0].text.startswith("£270.00 spent on things not in the support plan (2 payments)")
    # £260 to check is less than a week's payment: not a sign on its own.
    assert _codes(debits=[Debit("GARDEN CENTRE", Decimal("260.00"), True)]) == []


def test_a_payee_change_is_a_sign():
    signs = money_signs(debits=[], weekly_payment=WEEKLY, balance=None, payees=["Ada Lovelace", "Tom Lovelace"])
    assert [(s.code, s.text) for s in signs] == [
        ("payee", "The direct payment is now paid to Tom Lovelace, not Ada Lovelace as before")
    ]
    assert _codes(payees=["Ada Lovelace", "ADA LOVELACE"]) == []


def test_money_running_out_overdrawn_or_under_a_week_left():
    assert _codes(balance=Decimal("-42.10")) == ["running_out"]
    assert money_signs(debits=[], weekly_payment=WEEKLY, balance=Decimal("-42.10"), payees=[])[0].text == (
        "The account is overdrawn by £42.10"
    )
    assert _codes(balance=Decimal("100.00")) == ["running_out"]
    assert _codes(balance=Decimal("265.21")) == []
    # Without a statement the balance is not known: no sign.
    assert _codes(balance=None) == []
