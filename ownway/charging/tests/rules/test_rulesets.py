"""Each year's figures as the software ships them, with their sources, and figures read by their kind."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind, Service, assess
from ownway.charging.rules.rulesets import (
    BUILT_IN,
    RULES_2025_26,
    RULES_2026_27,
    RuleSet,
    RuleSetError,
    figure_fields,
    figure_groups,
    figure_label,
    is_council_choice,
    new_year_from,
    repair_figures,
)

D = Decimal


def test_2025_26_pension_age_guarantee_is_not_the_2023_24_figure_carried_forward():
    # SI 2023/277 set £214.35 for 2023/24; DHSC's announcement gives £232.60 for 2025/26 (to £241.45 in 2026/27).
    assert RULES_2025_26.mig_single_pension_age == D("232.60")
    assert "232.60" in RULES_2025_26.unconfirmed["mig_single_pension_age"]
    assert "2023/24" not in RULES_2025_26.unconfirmed["mig_single_pension_age"]


def test_2026_27_is_held_with_the_figures_found_and_the_rest_marked():
    assert set(BUILT_IN) == {"2025/26", "2026/27"}
    assert RULES_2026_27.mig_single_18_to_24 == D("95.40")
    assert RULES_2026_27.mig_single_pension_age == D("241.45")
    assert RULES_2026_27.disability_benefit_day_rate == D("76.70")
    assert "2025/26 figure is held" in RULES_2026_27.unconfirmed["mig_single_25_to_pension_age"]
    assert "searched" in RULES_2026_27.unconfirmed["mig_single_25_to_pension_age"]


@pytest.mark.parametrize("rules", [RULES_2025_26, RULES_2026_27], ids=["2025/26", "2026/27"])
def test_every_figure_held_has_a_source_or_says_why_not(rules):
    for f in figure_fields():
        value = getattr(rules, f.name)
        if f.metadata["kind"] == "choice" or f.name == "mig_local_addition":
            continue  # the council's own choices, not figures from the law
        if value is None:
            assert f.name in rules.unconfirmed, f.name
        else:
            assert f.name in rules.sources or f.name in rules.unconfirmed, f.name
        assert not (f.name in rules.sources and f.name in rules.unconfirmed), f.name


def test_whole_numbers_typed_as_text_are_read_as_numbers():
    rules = RuleSet.from_data({**RULES_2025_26.to_data(), "free_reablement_weeks": "8", "pension_credit_age": " 66 "})
    assert rules.free_reablement_weeks == 8
    assert rules.pension_credit_age == 66
    c = Circumstances(age=70, weekly_cost_of_care=D("300"), incomes=(Income(IncomeKind.STATE_PENSION, D("300")),),
                      service=Service.REABLEMENT, weeks_of_service_so_far=7)  # fmt: skip
    result = assess(c, rules)
    assert result.free
    assert "first 8 weeks" in result.steps[-1].why


def test_money_as_people_type_it_and_choices_as_yes_or_no():
    rules = RuleSet.from_data(
        {"year": "2025/26", "upper_capital_limit": "£30,000", "carer_premium": "48.15",
         "war_widows_pension_disregarded_in_full": "yes", "night_care_disregarded_when_day_care_only": "no"}
    )  # fmt: skip
    assert rules.upper_capital_limit == D("30000.00")
    assert rules.carer_premium == D("48.15")
    assert rules.war_widows_pension_disregarded_in_full is True
    assert rules.night_care_disregarded_when_day_care_only is False
    assert RuleSet.from_data(rules.to_data()) == rules


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("free_reablement_weeks", "six", "Weeks of reablement that are free must be a whole number"),
        ("free_reablement_weeks", "6.5", "must be a whole number"),
        ("free_reablement_weeks", "4", "must be 6 or more"),
        ("pension_credit_age", "sixty-six", "Pension credit qualifying age must be a whole number"),
        ("carer_premium", "lots", "Carer premium must be an amount in pounds, like 12.50"),
        ("carer_premium", "48.155", "in pounds and pence"),
        ("carer_premium", "-1", "£0 or more"),
        ("carer_premium", "1e309", "must be an amount in pounds"),
        ("carer_premium", "1000001", "£1,000,000 or less"),
        ("carer_premium", "9" * 5000, "must be an amount in pounds"),
        ("carer_premium", "NaN", "must be an amount in pounds"),
        ("free_adaptation_limit", "500", "£1,000 or more"),
        ("war_widows_pension_disregarded_in_full", "maybe", "yes or no"),
        ("lower_capital_limit", "", "Enter lower capital limit"),
    ],
)
def test_a_figure_that_cannot_be_read_is_refused_by_its_name(name, value, message):
    with pytest.raises(RuleSetError, match=message) as error:
        RuleSet.from_data({**RULES_2025_26.to_data(), name: value})
    assert set(error.value.problems) == {name}


def test_each_figure_has_a_plain_english_name_a_kind_and_one_group():
    grouped = [name for group in figure_groups() for name in group.names]
    assert sorted(grouped) == sorted(f.name for f in figure_fields())  # each figure in exactly one group
    assert len(grouped) == len(set(grouped))
    assert [group.heading for group in figure_groups()] == [
        "Capital limits and tariff income",
        "Minimum Income Guarantee",
        "Premiums added to the guarantee",
        "Disregards and benefit rates",
        "Free services and care homes",
        "The council's choices",
    ]
    for f in figure_fields():
        label = figure_label(f.name)
        assert label[0].isupper(), label
        assert "_" not in label, label
    assert figure_label("mig_single_18_to_24") == "Guarantee for a single person aged 18 to 24"
    assert is_council_choice("war_widows_pension_disregarded_in_full")
    assert is_council_choice("mig_local_addition")
    assert not is_council_choice("carer_premium")


def test_a_new_year_copied_from_the_last_marks_the_figures_uprated_each_april():
    """The reg 7 amounts and premiums, the personal expenses allowance and the lower rate of Attendance
    Allowance change every April: copied into a new year, each is marked to set; the rest keep their marks."""
    rules = new_year_from(RULES_2026_27, year="2027/28")
    assert rules.year == "2027/28"
    assert rules.mig_single_pension_age == D("241.45")
    for name in ("mig_single_pension_age", "carer_premium", "disability_premium", "disability_benefit_day_rate",
                 "personal_expenses_allowance", "mig_per_child"):  # fmt: skip
        assert rules.unconfirmed[name] == "copied from 2026/27: set the 2027/28 figure", name
        assert name not in rules.sources
    assert rules.sources["upper_capital_limit"] == RULES_2026_27.sources["upper_capital_limit"]
    assert "upper_capital_limit" not in rules.unconfirmed
    assert rules.unconfirmed["free_adaptation_limit"] == RULES_2026_27.unconfirmed["free_adaptation_limit"]


def test_stored_figures_are_repaired_to_their_kinds():
    stored = {**RULES_2025_26.to_data(), "free_reablement_weeks": "8", "pension_credit_age": "sixty-six"}
    repaired = repair_figures(stored)
    assert repaired["free_reablement_weeks"] == 8
    assert repaired["pension_credit_age"] == 66  # the default, marked for the council to check
    assert "'sixty-six' could not be read" in repaired["unconfirmed"]["pension_credit_age"]
    assert RuleSet.from_data(repaired).free_reablement_weeks == 8


def test_the_council_may_keep_reablement_free_for_longer():
    rules = dataclasses.replace(RULES_2025_26, free_reablement_weeks=12)
    c = Circumstances(age=70, weekly_cost_of_care=D("300"), service=Service.REABLEMENT, weeks_of_service_so_far=10)
    assert assess(c, rules).free
    assert not assess(dataclasses.replace(c, weeks_of_service_so_far=12), rules).free
