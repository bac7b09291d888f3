from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ownway.payments.rules.matching import Category, LineToMatch, match_transaction
from ownway.payments.rules.surplus import surplus_check


def test_surplus_above_eight_weeks_is_flagged():
    check = surplus_check(balance=Decimal("2500.00"), weekly_payment=Decimal("256.71"))
    assert check.allowed == Decimal("2053.68")
    assert check.surplus == Decimal("446.32")
    assert check.flagged
    assert "talk with the person" in check.explanation


def test_within_the_weeks_allowed_is_not_flagged_and_the_weeks_are_a_setting():
    assert not surplus_check(balance=Decimal("2000"), weekly_payment=Decimal("256.71")).flagged
    assert surplus_check(balance=Decimal("2000"), weekly_payment=Decimal("256.71"), weeks=4).flagged


@given(
    balance=st.decimals(min_value=-10000, max_value=100000, places=2),
    weekly=st.decimals(min_value=0, max_value=5000, places=2),
    weeks=st.integers(min_value=0, max_value=52),
)
def test_surplus_is_never_negative_and_flagged_only_when_positive(balance, weekly, weeks):
    check = surplus_check(balance=balance, weekly_payment=weekly, weeks=weeks)
    assert check.surplus >= 0
    assert check.flagged == (check.surplus > 0)
    assert check.surplus == max(Decimal(0), balance - check.allowed)


LINES = [
    LineToMatch(1, ("Ann Lee",)),
    LineToMatch(2, ("Ann Lee Care Ltd", "ALC Ltd")),
    LineToMatch(3, ("Friendly Day Services",)),
]


def test_spending_matched_to_the_plan_line_with_the_longest_name():
    match = match_transaction(description="FPO ANN LEE CARE LTD REF 123", amount=Decimal("-50"), lines=LINES)
    assert (match.category, match.line_id) == (Category.PLAN_LINE, 2)
    match = match_transaction(description="BACS ANN LEE WAGES", amount=Decimal("-300"), lines=LINES)
    assert match.line_id == 1


def test_employer_costs_by_words():
    assert match_transaction(description="HMRC PAYE 123PA0001", amount=Decimal("-20"), lines=LINES).category == (
        Category.PA_TAX
    )
    assert match_transaction(description="DD NEST", amount=Decimal("-5"), lines=LINES).category == Category.PENSION
    assert match_transaction(description="Payroll bureau", amount=Decimal("-12"), lines=[]).category == (
        Category.PAYROLL
    )


def test_money_in():
    assert (
        match_transaction(
            description="OWNWAY CC DP000123", amount=Decimal("1026.84"), lines=[], council_reference="DP000123"
        ).category
        == Category.COUNCIL_PAYMENT
    )
    assert (
        match_transaction(description="MY CONTRIBUTION", amount=Decimal("45"), lines=[]).category
        == Category.CONTRIBUTION
    )
    assert match_transaction(description="REFUND", amount=Decimal("5"), lines=[]).category == Category.OTHER_CREDIT


def test_unknown_spending_is_left_to_check_not_guessed():
    match = match_transaction(description="TESCO STORES 2231", amount=Decimal("-23.10"), lines=LINES)
    assert match.category == Category.TO_CHECK
    assert match.line_id is None
