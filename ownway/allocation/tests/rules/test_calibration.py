from __future__ import annotations

import random
from decimal import Decimal

import pytest

from ownway.allocation.rules.calibration import (
    BudgetRecord,
    CalibrationError,
    Sample,
    age_band,
    fairness_report,
    fit_price_table,
)
from ownway.allocation.rules.ras import PriceRow, price

D = Decimal


def test_recovers_a_known_table_exactly():
    truth = (PriceRow(0, D("6.00")), PriceRow(20, D("9.00")), PriceRow(60, D("12.00")))
    samples = [Sample(p, price(p, truth)) for p in range(0, 100, 3)]
    fit = fit_price_table(samples, [0, 20, 60])
    assert fit.price_table == truth
    assert fit.r_squared == pytest.approx(1.0)
    assert fit.mean_absolute_error == D("0.00")
    assert "R² 1.000" in fit.explanation


def test_noisy_costs_report_the_fit():
    rng = random.Random(4)
    samples = [Sample(p, D(str(round(p * 8 + rng.uniform(-40, 40), 2)))) for p in range(5, 90) for _ in range(3)]
    fit = fit_price_table(samples, [0])
    assert fit.price_table[0].pounds_per_point == pytest.approx(D("8.00"), abs=D("0.3"))
    assert 0.9 < fit.r_squared < 1.0
    assert D(10) < fit.mean_absolute_error < D(30)


def test_too_few_plans_is_a_clear_error():
    with pytest.raises(CalibrationError, match="At least 3 support plans"):
        fit_price_table([Sample(10, D(60))], [0, 20])
    with pytest.raises(CalibrationError, match="Too few plans"):
        fit_price_table([Sample(10, D(60))] * 5, [0, 20])


@pytest.mark.parametrize(
    ("age", "band"), [(18, "18 to 24"), (24, "18 to 24"), (25, "25 to 64"), (70, "65 to 84"), (99, "85 and over")]
)
def test_age_bands(age, band):
    assert age_band(age) == band


def test_flags_younger_people_getting_more_for_equal_need():
    records = [BudgetRecord(32, D(400), "25 to 64", "learning_disability") for _ in range(6)]
    records += [BudgetRecord(35, D(300), "65 to 84", "physical_support") for _ in range(6)]
    records += [BudgetRecord(55, D(500), "65 to 84", "physical_support") for _ in range(2)]
    report = fairness_report(records)
    assert {(g.need_band, g.dimension) for g in report.gaps} == {
        ("30 to 39 points", "age band"),
        ("30 to 39 points", "client group"),
    }
    gap = next(g for g in report.gaps if g.dimension == "age band")
    assert gap.higher == "25 to 64"
    assert "£400 a week on average but 65 to 84 get £300" in gap.explanation
    assert any(m.need_band == "50 to 59 points" and m.count == 2 for m in report.means)


def test_no_gap_within_tolerance():
    records = [BudgetRecord(32, D(400), "25 to 64", "a") for _ in range(6)]
    records += [BudgetRecord(32, D(380), "65 to 84", "b") for _ in range(6)]
    report = fairness_report(records)
    assert not report.gaps
    assert report.explanation == (
        "Comparing groups of 5 or more people, no group's mean budget differs by more than 10% from another's "
        "with equal need."
    )


def test_a_small_group_is_shown_as_too_few_to_compare_not_left_out_of_the_sentence():
    """Three people at £69 against six at £102 with equal need: the three are too few to compare, and the
    sentence says so rather than claiming that no group differs."""
    records = [BudgetRecord(32, D(102), "25 to 64", "a") for _ in range(6)]
    records += [BudgetRecord(33, D(69), "85 and over", "a") for _ in range(3)]
    report = fairness_report(records)
    small = next(m for m in report.means if m.group == "85 and over")
    assert small.count == 3
    assert not small.compared
    assert next(m for m in report.means if m.group == "25 to 64").compared
    assert not report.gaps
    assert "1 group has fewer than 5 people" in report.explanation
    assert "too few to compare" in report.explanation
    assert "no group's mean budget differs" not in report.explanation.lower()
    assert "No two groups with equal need have 5 or more people each" in report.explanation


def test_the_sentence_says_which_groups_differ_by_how_much_at_which_need():
    records = [BudgetRecord(32, D(102), "25 to 64", "a") for _ in range(5)]
    records += [BudgetRecord(33, D(69), "85 and over", "a") for _ in range(5)]
    report = fairness_report(records)
    (gap,) = report.gaps
    assert gap.explanation == (
        "With 30 to 39 points of need, 25 to 64 get £102 a week on average but 85 and over get £69: "
        "47.9% more (by age band)."
    )
    assert report.explanation.startswith(gap.explanation)


@pytest.mark.parametrize("seed", range(40))
def test_the_sentence_is_computed_from_the_table(seed):
    """Whatever the budgets, a gap is reported for a need band and dimension exactly when the table's own
    means of groups of 5 or more differ by more than 10%, and no-difference is claimed only when none do."""
    rng = random.Random(seed)
    records = [
        BudgetRecord(
            rng.randint(0, 39),
            D(rng.randint(60, 130)),
            rng.choice(["18 to 24", "25 to 64", "65 to 84"]),
            rng.choice(["a", "b"]),
        )
        for _ in range(rng.randint(5, 60))
    ]
    report = fairness_report(records)
    expected = set()
    compared = 0
    for band in {m.need_band for m in report.means}:
        for dimension in ("age band", "client group"):
            rows = [
                m.mean_weekly for m in report.means if (m.need_band, m.dimension) == (band, dimension) and m.count >= 5
            ]
            compared += len(rows) > 1
            if len(rows) > 1 and max(rows) > min(rows) * D("1.1"):
                expected.add((band, dimension))
    assert {(g.need_band, g.dimension) for g in report.gaps} == expected
    claims_none = "no group's mean budget differs" in report.explanation.lower()
    assert claims_none == (not expected and compared > 0)
    small = sum(1 for m in report.means if m.count < 5)
    assert all(m.compared == (m.count >= 5) for m in report.means)
    assert ("fewer than 5 people" in report.explanation) == bool(small)
