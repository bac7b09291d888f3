"""Charging rules: worked examples from the regulations and guidance, and properties that always hold."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.charging.rules.contribution import (
    Circumstances,
    CircumstancesError,
    Income,
    IncomeKind,
    RuleSetIncomplete,
    Service,
    assess,
    tariff_income,
)
from ownway.charging.rules.rulesets import RULES_2025_26, RuleSet

D = Decimal
#: The worked examples' figures: the working-age amounts and premiums of 2025/26, the pension-age amount of
#: 2023/24 (SI 2023/277) and the others as held before, so that each example's arithmetic stays as worked.
R = dataclasses.replace(
    RULES_2025_26,
    year="worked examples",
    mig_single_pension_age=D("214.35"),
    unconfirmed={**RULES_2025_26.unconfirmed, "mig_single_pension_age": "the 2023/24 amount, for the examples"},
)


@pytest.mark.parametrize(
    ("capital", "tariff"),
    [
        ("0", "0"),
        ("14250", "0"),  # at the lower limit: nothing
        ("14250.01", "1"),  # one penny over: a part of £250 counts as £1
        ("14500", "1"),
        ("14500.01", "2"),
        ("15000", "3"),  # worked example: £750 over → £3
        ("18450", "17"),  # worked example: £4,200 over → 17 part-slices → £17
        ("23250", "36"),  # worked example: 36 × £1
        ("40000", "36"),  # tariff stops at the upper limit
    ],
)
def test_tariff_income_worked_examples(capital, tariff):
    assert tariff_income(D(capital), R) == D(tariff)


def _pensioner(**kw):
    base = {
        "age": 70,
        "weekly_cost_of_care": D("300"),
        "incomes": (Income(IncomeKind.STATE_PENSION, D("230.25")), Income(IncomeKind.PRIVATE_PENSION, D("60"))),
    }
    base.update(kw)
    return Circumstances(**base)


def test_pensioner_pays_income_above_the_guarantee():
    result = assess(_pensioner(), R)
    # 290.25 counted − 214.35 MIG = 75.90
    assert result.weekly == D("75.90")
    assert not result.full_cost_payer
    assert "Minimum Income Guarantee: £214.35" in result.explanation
    assert result.warnings  # the pension-age figure is not confirmed, so flagged


def test_contribution_is_capped_at_the_cost_of_care():
    result = assess(_pensioner(weekly_cost_of_care=D("40")), R)
    assert result.weekly == D("40.00")
    assert "less than what you can afford" in result.steps[-1].why


def test_tariff_income_is_added_to_income():
    assert assess(_pensioner(capital=D("18450")), R).weekly == D("92.90")  # 75.90 + 17


def test_capital_above_upper_limit_is_a_full_cost_payer():
    result = assess(_pensioner(capital=D("23250.01")), R)
    assert result.full_cost_payer
    assert result.weekly == D("300.00")
    assert "upper limit of £23,250" in result.explanation


def test_capital_at_upper_limit_is_not_full_cost():
    result = assess(_pensioner(capital=D("23250")), R)
    assert not result.full_cost_payer
    assert result.weekly == D("111.90")  # 75.90 + 36


def test_joint_capital_counts_half():
    result = assess(_pensioner(joint_capital=D("30000")), R)  # 15,000 → £3
    assert result.weekly == D("78.90")
    assert "half of £30,000" in result.explanation


def test_light_touch_full_cost_needs_no_details():
    result = assess(_pensioner(incomes=(), light_touch_full_cost=True), R)
    assert result.full_cost_payer
    assert result.weekly == D("300.00")
    assert "light-touch" in result.explanation


def test_earnings_are_disregarded():
    c = Circumstances(age=30, weekly_cost_of_care=D("200"), incomes=(Income(IncomeKind.EARNINGS, D("400")),))
    result = assess(c, R)
    assert result.weekly == D("0.00")
    assert "reg 14" in result.explanation


@pytest.mark.parametrize("kind", [IncomeKind.DLA_MOBILITY, IncomeKind.PIP_MOBILITY])
def test_mobility_components_are_disregarded(kind):
    base = Circumstances(age=40, weekly_cost_of_care=D("200"), incomes=(Income(IncomeKind.ESA, D("150")),))
    with_mobility = dataclasses.replace(base, incomes=(*base.incomes, Income(kind, D("75.75"))))
    assert assess(with_mobility, R).weekly == assess(base, R).weekly == D("37.50")  # 150 − 112.50
    assert "Schedule 1 para 8" in assess(with_mobility, R).explanation


@pytest.mark.parametrize("kind", [IncomeKind.HOUSING_BENEFIT, IncomeKind.COUNCIL_TAX_REDUCTION])
def test_housing_benefits_are_disregarded(kind):
    c = Circumstances(age=40, weekly_cost_of_care=D("200"), incomes=(Income(kind, D("120")),))
    assert assess(c, R).weekly == D("0.00")


def test_daily_living_component_counts_and_dre_is_allowed():
    incomes = (Income(IncomeKind.ESA, D("150")), Income(IncomeKind.PIP_DAILY_LIVING, D("110.40")))
    c = Circumstances(age=40, weekly_cost_of_care=D("500"), incomes=incomes, disability_premium=True)
    assert assess(c, R).weekly == D("98.25")  # 260.40 − (112.50 + 49.65)
    with_dre = dataclasses.replace(c, disability_related_expenditure=D("20"))
    assert assess(with_dre, R).weekly == D("78.25")
    assert "Disability-related expenditure" in assess(with_dre, R).explanation


@pytest.mark.parametrize(
    "kind",
    [IncomeKind.STATE_PENSION, IncomeKind.PRIVATE_PENSION, IncomeKind.PENSION_CREDIT, IncomeKind.UNIVERSAL_CREDIT,
     IncomeKind.ESA, IncomeKind.INCOME_SUPPORT, IncomeKind.CARERS_ALLOWANCE, IncomeKind.ATTENDANCE_ALLOWANCE,
     IncomeKind.DLA_CARE, IncomeKind.PIP_DAILY_LIVING, IncomeKind.OTHER],
)  # fmt: skip
def test_other_income_is_counted(kind):
    c = Circumstances(age=40, weekly_cost_of_care=D("500"), incomes=(Income(kind, D("150")),))
    assert assess(c, R).weekly == D("37.50")  # 150 − 112.50
    assert kind.disregard is None


def test_afcs_guaranteed_income_is_disregarded():
    c = Circumstances(
        age=40, weekly_cost_of_care=D("500"), incomes=(Income(IncomeKind.AFCS_GUARANTEED_INCOME, D("300")),)
    )
    assert assess(c, R).weekly == D("0.00")
    assert "Schedule 1 para 18" in assess(c, R).explanation


def test_housing_costs_are_allowed():
    c = _pensioner(housing_costs=D("25.90"))
    assert assess(c, R).weekly == D("50.00")


@pytest.mark.parametrize(
    ("age", "mig"),
    [(18, "89.15"), (24, "89.15"), (25, "112.50"), (65, "112.50"), (66, "214.35"), (90, "214.35")],
)
def test_minimum_income_guarantee_by_age(age, mig):
    c = Circumstances(age=age, weekly_cost_of_care=D("1000"), incomes=(Income(IncomeKind.OTHER, D("300")),))
    assert assess(c, R).weekly == D("300") - D(mig)


def test_premiums_add_to_the_guarantee():
    c = Circumstances(
        age=30,
        weekly_cost_of_care=D("1000"),
        incomes=(Income(IncomeKind.UNIVERSAL_CREDIT, D("300")),),
        disability_premium=True,
        enhanced_disability_premium=True,
    )
    assert assess(c, R).weekly == D("113.60")  # 300 − (112.50 + 49.65 + 24.25)


def test_lone_parent_with_children():
    c = Circumstances(
        age=35,
        weekly_cost_of_care=D("1000"),
        incomes=(Income(IncomeKind.UNIVERSAL_CREDIT, D("400")),),
        lone_parent=True,
        dependent_children=2,
    )
    assert assess(c, R).weekly == D("106.55")  # 400 − (103.65 + 2 × 94.90)


def test_couple_member_counts_half_of_joint_income():
    c = Circumstances(
        age=70,
        weekly_cost_of_care=D("1000"),
        incomes=(Income(IncomeKind.STATE_PENSION, D("230.25")), Income(IncomeKind.PRIVATE_PENSION, D("100"), True)),
        member_of_couple=True,
    )
    assert assess(c, R).weekly == D("138.70")  # 230.25 + 50 − 141.55
    assert "your half of joint income" in assess(c, R).explanation


def test_couple_premiums_need_the_council_to_set_them():
    c = Circumstances(age=40, weekly_cost_of_care=D("1000"), incomes=(Income(IncomeKind.ESA, D("200")),),
                      member_of_couple=True, disability_premium=True)  # fmt: skip
    with pytest.raises(RuleSetIncomplete, match="disability premium couple member"):
        assess(c, R)
    rules = dataclasses.replace(R, disability_premium_couple_member=D("35.40"))
    assert assess(c, rules).weekly == D("93.55")  # 200 − (71.05 + 35.40)
    assert "reg 7(6)" in assess(c, rules).explanation


def test_working_age_couple_member():
    c = Circumstances(
        age=40, weekly_cost_of_care=D("1000"), incomes=(Income(IncomeKind.ESA, D("100")),), member_of_couple=True
    )
    assert assess(c, R).weekly == D("28.95")  # 100 − 71.05


def test_never_negative_when_income_is_below_the_guarantee():
    c = Circumstances(age=30, weekly_cost_of_care=D("200"), incomes=(Income(IncomeKind.ESA, D("90")),))
    result = assess(c, R)
    assert result.weekly == D("0.00")
    assert "less than nothing" in result.explanation


@pytest.mark.parametrize(
    ("service", "weeks", "free"),
    [
        (Service.REABLEMENT, 0, True),
        (Service.REABLEMENT, 5, True),
        (Service.REABLEMENT, 6, False),
        (Service.INTERMEDIATE_CARE, 3, True),
        (Service.INTERMEDIATE_CARE, 7, False),
    ],
)
def test_reablement_and_intermediate_care_free_for_six_weeks(service, weeks, free):
    result = assess(_pensioner(service=service, weeks_of_service_so_far=weeks), R)
    assert result.free is free
    assert (result.weekly == 0) is free


@pytest.mark.parametrize(("cost", "free"), [("999.99", True), ("1000", True), ("1000.01", False)])
def test_minor_adaptations_up_to_1000_are_free(cost, free):
    result = assess(_pensioner(service=Service.MINOR_ADAPTATION, adaptation_cost=D(cost)), R)
    assert result.free is free


def test_free_even_with_capital_over_the_upper_limit():
    result = assess(_pensioner(service=Service.REABLEMENT, capital=D("100000")), R)
    assert result.weekly == 0
    assert not result.full_cost_payer


def test_carer_premium_not_set_stops_with_a_clear_error():
    with pytest.raises(RuleSetIncomplete, match="carer premium"):
        assess(_pensioner(age=40, carer_premium=True), R)


def test_council_can_set_a_missing_figure_and_a_local_addition():
    rules = dataclasses.replace(R, carer_premium=D("45.60"), mig_local_addition=D("5.00"), unconfirmed={})
    c = Circumstances(
        age=40, weekly_cost_of_care=D("1000"), incomes=(Income(IncomeKind.ESA, D("200")),), carer_premium=True
    )
    result = assess(c, rules)
    assert result.weekly == D("36.90")  # 200 − (112.50 + 45.60 + 5)
    assert not result.warnings


def test_council_may_set_a_higher_upper_limit():
    rules = dataclasses.replace(R, upper_capital_limit=D("30000"))
    assert not assess(_pensioner(capital=D("25000")), rules).full_cost_payer
    assert tariff_income(D("30000"), rules) == D("63")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"age": 17}, "age"),
        ({"capital": D("-1")}, "capital"),
        ({"weekly_cost_of_care": D("-0.01")}, "weekly_cost_of_care"),
        ({"incomes": (Income(IncomeKind.ESA, D("-5")),)}, "incomes.0"),
        ({"member_of_couple": True, "lone_parent": True}, "lone_parent"),
        ({"enhanced_disability_premium": True}, "enhanced_disability_premium"),
    ],
)
def test_bad_circumstances_are_refused_field_by_field(changes, field):
    with pytest.raises(CircumstancesError) as error:
        assess(_pensioner(**changes), R)
    assert field in error.value.problems


def test_rule_set_round_trips_as_data():
    assert RuleSet.from_data(R.to_data()) == R
    assert RuleSet.from_data(RULES_2025_26.to_data()) == RULES_2025_26
    with pytest.raises(ValueError, match="Unknown figures"):
        RuleSet.from_data({**R.to_data(), "mig_made_up": "1"})


# --- Properties ---------------------------------------------------------------------------------------

money_st = st.decimals(min_value=0, max_value=2000, places=2, allow_nan=False, allow_infinity=False)
capital_st = st.decimals(min_value=0, max_value=60000, places=2, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from(list(IncomeKind))


@st.composite
def circumstances(draw):
    couple = draw(st.booleans())
    dp = draw(st.booleans())
    return Circumstances(
        age=draw(st.integers(18, 100)),
        weekly_cost_of_care=draw(money_st),
        incomes=tuple(Income(draw(kinds), draw(money_st), draw(st.booleans())) for _ in range(draw(st.integers(0, 4)))),
        capital=draw(capital_st),
        joint_capital=draw(capital_st),
        member_of_couple=couple,
        lone_parent=(not couple) and draw(st.booleans()),
        dependent_children=draw(st.integers(0, 3)),
        disability_premium=dp,
        enhanced_disability_premium=dp and draw(st.booleans()),
        housing_costs=draw(money_st),
        disability_related_expenditure=draw(money_st),
    )


# For the properties, every figure is set (the couple premiums have no confirmed figure yet).
ALL_SET = dataclasses.replace(
    R, disability_premium_couple_member=D("35.40"), enhanced_disability_premium_couple_member=D("17.35")
)


@given(circumstances())
def test_never_negative_and_never_above_the_cost_of_care(c):
    result = assess(c, ALL_SET)
    assert D(0) <= result.weekly <= c.weekly_cost_of_care
    assert result.weekly == result.weekly.quantize(D("0.01"))
    assert result.steps[-1].amount == result.weekly


@given(circumstances(), capital_st)
def test_never_lower_when_capital_rises(c, more):
    assert assess(dataclasses.replace(c, capital=c.capital + more), ALL_SET).weekly >= assess(c, ALL_SET).weekly


@given(circumstances(), kinds, money_st)
def test_never_lower_when_income_rises(c, kind, more):
    richer = dataclasses.replace(c, incomes=(*c.incomes, Income(kind, more)))
    assert assess(richer, ALL_SET).weekly >= assess(c, ALL_SET).weekly


@given(capital_st, st.decimals(min_value=0, max_value=1, places=2))
def test_tariff_never_falls_as_capital_rises(capital, penny):
    assert tariff_income(capital + penny, ALL_SET) >= tariff_income(capital, ALL_SET)


@given(circumstances())
def test_circumstances_round_trip_as_data(c):
    from ownway.charging.rules.contribution import circumstances_from_data, circumstances_to_data

    assert circumstances_from_data(circumstances_to_data(c)) == c


# --- Premiums at pension credit age (reg 7(5)-(7)) -----------------------------------------------------


def test_disability_premiums_are_not_added_at_pension_credit_age():
    """reg 7(5) and (6) give the disability premiums of Income Support, which are not paid with a pensioner
    premium (Income Support Regulations Sch 2 paras 5 and 6(2)): above pension credit age the guarantee is
    the pension-age amount alone. Worked: 290.25 counted − 214.35 = 75.90, with or without the premiums."""
    premiums = _pensioner(disability_premium=True, enhanced_disability_premium=True)
    result = assess(premiums, R)
    assert result.weekly == assess(_pensioner(), R).weekly == D("75.90")
    mig = next(s for s in result.steps if s.label == "Minimum Income Guarantee")
    assert mig.amount == D("214.35")
    assert "not added at pension credit age" in mig.why
    assert not any("disability premium (" in w for w in result.warnings)


def test_disability_premiums_are_added_below_pension_credit_age():
    c = _pensioner(age=65, incomes=(Income(IncomeKind.ESA, D("300")),), disability_premium=True)
    assert assess(c, R).weekly == D("137.85")  # 300 − (112.50 + 49.65)


def test_carer_premium_is_added_at_any_age():
    rules = dataclasses.replace(R, carer_premium=D("45.60"))
    assert assess(_pensioner(carer_premium=True), rules).weekly == D("30.30")  # 290.25 − (214.35 + 45.60)


# --- Incomes the regulations treat specially (Schedule 1) ---------------------------------------------


def test_war_disablement_pension_is_not_counted():
    """Sch 1 para 17A (inserted by SI 2017/555 from 10 April 2017): a war disablement pension for service in
    the armed forces is disregarded."""
    c = _pensioner(incomes=(*_pensioner().incomes, Income(IncomeKind.WAR_DISABLEMENT_PENSION, D("120"))))
    result = assess(c, R)
    assert result.weekly == D("75.90")
    assert "Sch 1 para 17A" in result.explanation


def test_war_widows_pension_has_10_pounds_disregarded():
    """Sch 1 para 17, applying Income Support Regulations Sch 9 para 16(b): £10 of a war widow's pension.
    Worked: 290.25 + (150 − 10) − 214.35 = 215.90."""
    c = _pensioner(incomes=(*_pensioner().incomes, Income(IncomeKind.WAR_WIDOWS_PENSION, D("150"))))
    result = assess(c, R)
    assert result.weekly == D("215.90")
    step = next(s for s in result.steps if s.label.startswith("War widow"))
    assert "£10 is not counted" in step.why


def test_council_may_disregard_all_of_a_war_widows_pension():
    rules = dataclasses.replace(R, war_widows_pension_disregarded_in_full=True)
    c = _pensioner(incomes=(*_pensioner().incomes, Income(IncomeKind.WAR_WIDOWS_PENSION, D("150"))))
    assert assess(c, rules).weekly == D("75.90")
    assert "council" in assess(c, rules).explanation


def test_night_time_part_of_attendance_allowance_is_not_counted_when_only_day_care_is_arranged():
    """The council's policy after R (Carton) v Coventry City Council (2001): higher rate Attendance Allowance
    is paid for day and night; when the council arranges only day care, the part above the lower rate is not
    counted. Worked (2025/26 rates): 290.25 + 73.90 counted of 110.40 − 214.35 = 149.80."""
    incomes = (*_pensioner().incomes, Income(IncomeKind.ATTENDANCE_ALLOWANCE, D("110.40")))
    both = _pensioner(incomes=incomes)
    day_only = _pensioner(incomes=incomes, day_care_only=True)
    assert assess(both, R).weekly == D("186.30")
    result = assess(day_only, R)
    assert result.weekly == D("149.80")
    step = next(s for s in result.steps if s.label == "Attendance Allowance")
    assert "£36.50 is not counted" in step.why
    assert "day" in step.why


def test_night_time_part_at_the_lower_rate_is_nothing():
    c = _pensioner(incomes=(Income(IncomeKind.DLA_CARE, D("73.90")),), day_care_only=True)
    assert assess(c, R).weekly == assess(dataclasses.replace(c, day_care_only=False), R).weekly


def test_night_time_part_of_pip_only_by_the_councils_choice():
    incomes = (Income(IncomeKind.ESA, D("150")), Income(IncomeKind.PIP_DAILY_LIVING, D("110.40")))
    c = Circumstances(age=40, weekly_cost_of_care=D("500"), day_care_only=True, incomes=incomes)
    assert assess(c, R).weekly == D("147.90")  # 260.40 − 112.50: PIP has no night-time rate
    rules = dataclasses.replace(R, night_care_disregard_includes_pip=True)
    assert assess(c, rules).weekly == D("111.40")  # 150 + 73.90 − 112.50


def test_night_time_disregard_is_the_councils_choice():
    rules = dataclasses.replace(R, night_care_disregarded_when_day_care_only=False)
    c = _pensioner(incomes=(Income(IncomeKind.ATTENDANCE_ALLOWANCE, D("110.40")),), day_care_only=True,
                   weekly_cost_of_care=D("1000"))  # fmt: skip
    assert assess(c, rules).weekly == D("0.00")  # 110.40 < 214.35 either way
    richer = dataclasses.replace(c, incomes=(*c.incomes, Income(IncomeKind.STATE_PENSION, D("230.25"))))
    assert assess(richer, rules).weekly == D("126.30")
    assert assess(richer, R).weekly == D("89.80")
