from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.planning.rules.pa_costs import PAYROLL_YEARS, BelowMinimumWage, PAEmployment, pa_employer_cost


def _items(cost):
    return {item.name: item.weekly for item in cost.items}


def test_twenty_hours_at_thirteen_pounds_worked_example():
    # Pay 20 × £13 = £260; holiday 12.07% = £31.38; earnings £291.38 a week (£15,151.76 a year).
    # NI before the allowance (291.38 - 96) × 15% = £29.31 a week, £1,524 a year: all covered by the £10,500
    # Employment Allowance. Pension 3% × (15,151.76 - 6,240) / 52 = £5.14. Insurance £120 / 52 = £2.31,
    # payroll £150 / 52 = £2.88.
    cost = pa_employer_cost(
        PAEmployment(
            hourly_rate=Decimal("13.00"),
            hours_per_week=Decimal(20),
            insurance_annual=Decimal(120),
            payroll_fee_annual=Decimal(150),
        )
    )
    assert _items(cost) == {
        "Pay": Decimal("260.00"),
        "Holiday pay": Decimal("31.38"),
        "Employer's National Insurance": Decimal("0.00"),
        "Workplace pension": Decimal("5.14"),
        "Insurance": Decimal("2.31"),
        "Payroll service": Decimal("2.88"),
    }
    assert cost.weekly_total == Decimal("301.71")
    assert cost.cost_per_hour == Decimal("15.09")
    assert "covers all of it" in cost.explanation


def test_national_insurance_left_when_the_allowance_is_used_elsewhere():
    cost = pa_employer_cost(
        PAEmployment(
            hourly_rate=Decimal("13.00"), hours_per_week=Decimal(20), employment_allowance_available=Decimal(0)
        )
    )
    assert _items(cost)["Employer's National Insurance"] == Decimal("29.31")


def test_below_the_national_living_wage_is_refused_with_the_figure():
    with pytest.raises(BelowMinimumWage, match=r"£12\.00 an hour is below the legal minimum of £12\.21"):
        pa_employer_cost(PAEmployment(hourly_rate=Decimal("12.00"), hours_per_week=Decimal(10)))


def test_2026_27_uses_the_new_living_wage():
    with pytest.raises(BelowMinimumWage, match=r"£12\.71"):
        pa_employer_cost(PAEmployment(hourly_rate=Decimal("12.50"), hours_per_week=Decimal(10), year="2026/27"))


def test_a_younger_pa_may_be_paid_the_lower_minimum_and_has_no_employer_ni():
    cost = pa_employer_cost(
        PAEmployment(
            hourly_rate=Decimal("10.00"),
            hours_per_week=Decimal(30),
            worker_age=19,
            employment_allowance_available=Decimal(0),
        )
    )
    items = _items(cost)
    assert items["Employer's National Insurance"] == Decimal("0.00")
    assert items["Workplace pension"] == Decimal("0.00")  # under 22: not enrolled automatically


def test_few_hours_under_the_pension_trigger_unless_opted_in():
    small = PAEmployment(hourly_rate=Decimal("12.21"), hours_per_week=Decimal(10))
    assert _items(pa_employer_cost(small))["Workplace pension"] == Decimal("0.00")
    opted = PAEmployment(hourly_rate=Decimal("12.21"), hours_per_week=Decimal(10), pension_opted_in=True)
    # earnings 122.10 + 14.74 = 136.84 a week, 7,115.68 a year; 3% of (7,115.68 - 6,240) / 52 = 0.51
    assert _items(pa_employer_cost(opted))["Workplace pension"] == Decimal("0.51")


def test_unknown_year_and_bad_hours():
    with pytest.raises(ValueError, match="No payroll figures"):
        pa_employer_cost(PAEmployment(hourly_rate=Decimal(13), hours_per_week=Decimal(1), year="1999/00"))
    with pytest.raises(ValueError, match="more than 0"):
        pa_employer_cost(PAEmployment(hourly_rate=Decimal(13), hours_per_week=Decimal(0)))


def test_every_year_names_its_sources():
    for year in PAYROLL_YEARS.values():
        assert set(year.sources) >= {"wages", "national_insurance", "employment_allowance", "holiday", "pension"}


rates = st.decimals(min_value=Decimal("12.21"), max_value=Decimal("40"), places=2)
hours = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("60"), places=1)


@given(rate=rates, hrs=hours, allowance=st.decimals(min_value=0, max_value=10500, places=0))
def test_cost_is_the_sum_of_its_items_and_never_below_pay(rate, hrs, allowance):
    cost = pa_employer_cost(
        PAEmployment(hourly_rate=rate, hours_per_week=hrs, employment_allowance_available=allowance)
    )
    assert cost.weekly_total == sum(item.weekly for item in cost.items)
    assert cost.weekly_total >= _items(cost)["Pay"]
    assert all(item.weekly >= 0 for item in cost.items)


@given(rate=rates, hrs=hours)
def test_more_hours_never_cost_less(rate, hrs):
    fewer = pa_employer_cost(PAEmployment(hourly_rate=rate, hours_per_week=hrs))
    more = pa_employer_cost(PAEmployment(hourly_rate=rate, hours_per_week=hrs + 1))
    assert more.weekly_total >= fewer.weekly_total
