"""The RAS: points, prices, bands and the explanation by area, on the shipped model and on fixtures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.allocation.rules.default_model import answer_from_finding, default_definition
from ownway.allocation.rules.ras import (
    AnswersError,
    Band,
    ModelError,
    PriceRow,
    band_for,
    calculate,
    model_from_data,
    model_to_data,
    price,
)

D = Decimal
MODEL = model_from_data(default_definition())
NONE = {q.code: q.options[0].code for q in MODEL.questions} | {"carer": "managing"}
COVENTRY = (Band("basic", D(90), D(195)), Band("standard", D(195), D(700)), Band("enhanced", D(700), None))


def test_no_needs_no_budget():
    result = calculate(MODEL, NONE)
    assert result.points == 0
    assert result.weekly == D("0.00")
    assert result.band == "below the basic band"


def test_a_worked_example_with_its_explanation_by_area():
    answers = NONE | {
        "personal_hygiene": "a_lot",
        "nutrition": "some",
        "community_facilities": "full",
        "carer": "at_risk",
    }
    result = calculate(MODEL, answers)
    # 5 + 2 + 8 + 8 = 23 points: 20 × £6 + 3 × £9 = £147
    assert result.points == 23
    assert result.weekly == D("147.00")
    assert result.band == "basic"
    by_area = {a.domain: a for a in result.areas}
    assert by_area["daily_living"].points == 7
    assert by_area["daily_living"].amount == D("44.74")  # 147 × 7/23
    assert sum(a.amount for a in result.areas) == result.weekly
    assert "you need help every time with washing and keeping clean (5 points)" in by_area["daily_living"].sentence
    assert by_area["daily_living"].sentence.startswith("£44.74 for looking after yourself because")
    assert "£147 a week (basic band)" in result.explanation
    assert "no extra support is needed here" in by_area["work_and_learning"].sentence


def test_high_need_is_enhanced():
    answers = {q.code: q.options[-1].code for q in MODEL.questions}
    result = calculate(MODEL, answers)
    assert result.points == 10 * 8 + 12 + 8
    assert result.weekly == D(20 * 6 + 40 * 9 + 40 * 12)
    assert result.band == "enhanced"


@pytest.mark.parametrize(
    ("amount", "band"),
    [("89.99", "below the basic band"), ("90", "basic"), ("194.99", "basic"), ("195", "standard"),
     ("699.99", "standard"), ("700", "enhanced"), ("5000", "enhanced")],
)  # fmt: skip
def test_coventry_bands(amount, band):
    assert band_for(D(amount), COVENTRY) == band


def test_marginal_price_table():
    table = (PriceRow(0, D("6")), PriceRow(20, D("9")), PriceRow(60, D("12")))
    assert price(0, table) == 0
    assert price(20, table) == D(120)
    assert price(21, table) == D(129)
    assert price(61, table) == D(120 + 360 + 12)


def test_every_question_must_be_answered_with_one_of_its_answers():
    answers = dict(NONE)
    del answers["nutrition"]
    answers["clothing"] = "sometimes"
    answers["made_up"] = "none"
    with pytest.raises(AnswersError) as error:
        calculate(MODEL, answers)
    assert set(error.value.problems) == {"nutrition", "clothing", "made_up"}


def test_model_round_trips_and_bad_models_are_refused():
    assert model_from_data(model_to_data(MODEL)) == MODEL
    data = default_definition()
    data["price_table"] = [{"from_points": 5, "pounds_per_point": "-1"}]
    data["questions"][0]["domain"] = "nowhere"
    with pytest.raises(ModelError) as error:
        model_from_data(data)
    assert len(error.value.problems) == 3
    with pytest.raises(ModelError):
        model_from_data({"domains": []})


@pytest.mark.parametrize(
    ("tests", "answer"),
    [((False, False, False, False), "none"), ((False, True, False, False), "some"),
     ((False, False, False, True), "some"), ((True, False, False, False), "a_lot"),
     ((True, False, True, False), "full")],
)  # fmt: skip
def test_answers_drawn_from_assessment_findings(tests, answer):
    names = ("unable_without_assistance", "significant_pain_distress_or_anxiety",
             "endangers_health_or_safety", "takes_significantly_longer")  # fmt: skip
    assert answer_from_finding(**dict(zip(names, tests, strict=True))) == answer


answers_st = st.fixed_dictionaries({q.code: st.sampled_from([o.code for o in q.options]) for q in MODEL.questions})


@given(answers_st)
def test_areas_add_up_and_budget_never_negative(answers):
    result = calculate(MODEL, answers)
    assert result.weekly >= 0
    assert sum(a.amount for a in result.areas) == result.weekly
    assert all(a.amount >= 0 for a in result.areas)


@given(answers_st, st.sampled_from([q.code for q in MODEL.questions]))
def test_more_need_never_lowers_the_budget(answers, code):
    question = MODEL.question(code)
    current = question.option(answers[code])
    higher = [o for o in question.options if o.points >= current.points]
    for option in higher:
        assert calculate(MODEL, answers | {code: option.code}).weekly >= calculate(MODEL, answers).weekly


@given(answers_st)
def test_same_answers_same_budget_whoever_the_person_is(answers):
    # The RAS has no input for age or client group, so equal need always gives an equal budget.
    assert calculate(MODEL, dict(answers)) == calculate(MODEL, dict(reversed(list(answers.items()))))


def test_a_budget_below_the_lowest_band_is_named_once_without_band_band():
    result = calculate(MODEL, NONE | {"nutrition": "some"})
    assert result.band == "below the basic band"
    assert "band band" not in result.explanation
    assert f"a week (below the basic band), from {result.points} points" in result.explanation


def test_below_the_lowest_band_names_that_band():
    bands = (Band("starter", D(50), D(100)), Band("full", D(100), None))
    assert band_for(D(10), bands) == "below the starter band"
