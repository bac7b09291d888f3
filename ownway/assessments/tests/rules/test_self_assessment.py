"""The self-assessment's questions, the checks on answers, and how answers become an assessment's findings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.assessments.rules import self_assessment as sa
from ownway.assessments.rules.eligibility import (
    AdultNeeds,
    AdultOutcome,
    CarerOutcome,
    OutcomeAnswer,
    decide_adult_eligibility,
)
from ownway.assessments.rules.self_assessment import SelfAssessmentKind as Kind

ADULT = Kind.NEEDS
CARER = Kind.CARER


def test_an_adult_is_asked_about_each_of_the_ten_outcomes_in_the_regulations_order():
    outcomes = [q.outcome for q in sa.questions(ADULT) if q.type == sa.QuestionType.OUTCOME]
    assert outcomes == [o.value for o in AdultOutcome]
    assert len(outcomes) == 10


def test_a_carer_is_asked_about_the_eight_carer_outcomes_and_not_about_taking_longer():
    outcome_questions = [q for q in sa.questions(CARER) if q.type == sa.QuestionType.OUTCOME]
    assert [q.outcome for q in outcome_questions] == [o.value for o in CarerOutcome]
    assert all("takes_significantly_longer" not in dict(q.choices) for q in outcome_questions)
    keys = {q.key for q in sa.questions(CARER)}
    assert {"cared_for", "carer_health"} <= keys
    assert "has_carer" not in keys


def test_question_keys_are_unique_and_fit_in_a_url():
    for kind in Kind:
        keys = [q.key for q in sa.questions(kind)]
        assert len(keys) == len(set(keys))
        assert all(k.replace("_", "").isalnum() for k in keys)


def test_the_helper_question_is_asked_only_of_someone_helping():
    assert sa.next_question(ADULT, {"who": "self"}, "who").key == "own_words"
    assert sa.next_question(ADULT, {"who": "helper"}, "who").key == "helper"
    assert sa.previous_question(ADULT, {"who": "helper"}, "own_words").key == "helper"
    assert sa.previous_question(ADULT, {"who": "self"}, "own_words").key == "who"
    assert sa.previous_question(ADULT, {}, "who") is None


def test_the_last_question_has_no_next_one():
    answers = {"has_carer": "no"}
    assert sa.next_question(ADULT, answers, "has_carer") is None
    assert sa.next_question(ADULT, {"has_carer": "yes"}, "has_carer").key == "carer_details"


def test_carrying_on_starts_at_the_first_unanswered_question():
    assert sa.first_unanswered(ADULT, {}).key == "who"
    assert sa.first_unanswered(ADULT, {"who": "helper"}).key == "helper"
    assert sa.first_unanswered(ADULT, {"who": "self", "own_words": "x"}).key == "strengths"


def test_text_is_trimmed_and_required_text_cannot_be_blank():
    q = sa.question(ADULT, "own_words")
    assert sa.clean_answer(q, "  I want to get out more  ") == "I want to get out more"
    with pytest.raises(sa.AnswerError, match="What matters to you"):
        sa.clean_answer(q, "   ")
    assert sa.clean_answer(sa.question(ADULT, "strengths"), "") == ""


def test_text_has_a_length_limit_that_says_how_long_it_is():
    with pytest.raises(sa.AnswerError, match="5000 characters or fewer: it is 5001"):
        sa.clean_answer(sa.question(ADULT, "own_words"), "x" * 5001)


def test_a_choice_must_be_one_offered():
    q = sa.question(ADULT, "who")
    assert sa.clean_answer(q, "helper") == "helper"
    with pytest.raises(sa.AnswerError, match="Choose an answer to 'Who is filling in this form"):
        sa.clean_answer(q, "someone")
    with pytest.raises(sa.AnswerError):
        sa.clean_answer(q, None)


def test_an_outcome_answer_needs_at_least_one_box_and_none_stands_alone():
    q = sa.question(ADULT, "outcome_nutrition")
    with pytest.raises(sa.AnswerError, match="or 'None of these'"):
        sa.clean_answer(q, {"tests": [], "details": ""})
    with pytest.raises(sa.AnswerError, match="choose one or the other"):
        sa.clean_answer(q, {"tests": ["none", "unable_without_assistance"]})
    with pytest.raises(sa.AnswerError, match="is not one of the answers"):
        sa.clean_answer(q, {"tests": ["flying"]})
    with pytest.raises(sa.AnswerError):
        sa.clean_answer(q, "unable_without_assistance")


def test_an_outcome_answer_is_kept_in_the_order_of_the_regulation():
    q = sa.question(ADULT, "outcome_nutrition")
    answer = sa.clean_answer(
        q, {"tests": ["takes_significantly_longer", "unable_without_assistance"], "details": " slow "}
    )
    assert answer == {"tests": ["unable_without_assistance", "takes_significantly_longer"], "details": "slow"}


def test_a_carer_cannot_choose_taking_longer():
    with pytest.raises(sa.AnswerError, match="is not one of the answers"):
        sa.clean_answer(sa.question(CARER, "outcome_nutrition"), {"tests": ["takes_significantly_longer"]})


def test_missing_answers_lists_required_questions_that_apply():
    missing = {q.key for q in sa.missing_answers(ADULT, {"who": "helper"})}
    assert "helper" in missing
    assert "own_words" in missing
    assert "strengths" not in missing  # optional
    assert "carer_details" not in missing  # asked only if someone cares for them
    assert len([k for k in missing if k.startswith("outcome_")]) == 10


def _full_adult_answers() -> dict:
    answers = {
        "who": "helper",
        "helper": "Sam Patel, her son",
        "own_words": "I want to go back to the lunch club",
        "strengths": "I love gardening",
        "networks": "My son visits on Sundays",
        "community": "St Mary's lunch club",
        "fluctuates": "yes",
        "fluctuates_details": "Bad days twice a week when my arthritis flares",
        "impact": "I am lonely and I have lost weight",
        "has_carer": "yes",
        "carer_details": "My son Sam does my shopping",
    }
    for outcome in AdultOutcome:
        answers[f"outcome_{outcome.value}"] = {"tests": ["none"], "details": ""}
    answers["outcome_nutrition"] = {"tests": ["unable_without_assistance"], "details": "I cannot stand to cook"}
    answers["outcome_personal_hygiene"] = {
        "tests": ["significant_pain_distress_or_anxiety", "takes_significantly_longer"],
        "details": "",
    }
    return answers


def test_a_complete_adult_self_assessment_has_nothing_missing():
    assert sa.missing_answers(ADULT, _full_adult_answers()) == []


def test_findings_carry_the_tests_the_person_chose_and_their_words():
    findings = {f.outcome: f for f in sa.outcome_findings(ADULT, _full_adult_answers())}
    assert len(findings) == 10
    nutrition = findings["nutrition"]
    assert nutrition.unable_without_assistance
    assert not nutrition.significant_pain_distress_or_anxiety
    assert nutrition.notes == (
        "In their self-assessment: I need someone to help me, or to remind me. I cannot stand to cook"
    )
    hygiene = findings["personal_hygiene"]
    assert hygiene.significant_pain_distress_or_anxiety
    assert hygiene.takes_significantly_longer
    clothing = findings["clothing"]
    assert not any(
        (clothing.unable_without_assistance, clothing.significant_pain_distress_or_anxiety,
         clothing.endangers_health_or_safety, clothing.takes_significantly_longer)
    )  # fmt: skip
    assert clothing.notes == ""


def test_the_assessment_is_filled_from_the_answers():
    fields = sa.assessment_answers(ADULT, _full_adult_answers())
    assert fields["own_words"] == "I want to go back to the lunch club"
    assert fields["strengths"] == "I love gardening"
    assert fields["networks"] == "My son visits on Sundays"
    assert fields["community_resources"] == "St Mary's lunch club"
    assert fields["wellbeing_impact"] == "I am lonely and I have lost weight"
    assert fields["needs_fluctuate"] is True
    assert fields["period_considered"] == "Bad days twice a week when my arthritis flares"
    assert "My son Sam does my shopping" in fields["carers_involvement"]
    assert "with help from Sam Patel, her son" in fields["carers_involvement"]


def test_a_carers_health_answer_is_the_condition_of_reg_3_1_b():
    base = {"cared_for": "My husband", "own_words": "A break"}
    assert sa.assessment_answers(CARER, {**base, "carer_health": "worse"})["health_deteriorating_or_at_risk"]
    assert sa.assessment_answers(CARER, {**base, "carer_health": "at_risk"})["health_deteriorating_or_at_risk"]
    assert not sa.assessment_answers(CARER, {**base, "carer_health": "no"})["health_deteriorating_or_at_risk"]
    assert "Who I care for: My husband" in sa.assessment_answers(CARER, base)["own_words"]


def test_answers_read_back_in_words():
    q = sa.question(ADULT, "outcome_nutrition")
    assert sa.answer_text(q, {"tests": ["none"], "details": ""}) == "None of these: I manage this"
    assert sa.answer_text(sa.question(ADULT, "who"), "self") == "I am, about myself"
    assert sa.answer_text(sa.question(ADULT, "strengths"), "") == "Left blank"
    assert sa.answer_text(sa.question(ADULT, "strengths"), None) == "Not answered"


_ADULT_TEST_CODES = [code for code, _ in sa.ADULT_TESTS]


@given(st.lists(st.sets(st.sampled_from(_ADULT_TEST_CODES)), min_size=10, max_size=10))
def test_each_finding_sets_exactly_the_tests_chosen(chosen):
    answers = {
        f"outcome_{o.value}": {"tests": sorted(tests) or ["none"], "details": ""}
        for o, tests in zip(AdultOutcome, chosen, strict=True)
    }
    for finding, tests in zip(sa.outcome_findings(ADULT, answers), chosen, strict=True):
        assert {code for code in _ADULT_TEST_CODES if getattr(finding, code)} == tests


@given(st.lists(st.sets(st.sampled_from(_ADULT_TEST_CODES)), min_size=10, max_size=10))
def test_the_answers_count_towards_eligibility_as_the_person_gave_them(chosen):
    """Two or more outcomes the person cannot achieve meet reg 2(1)(b), as the rule decides."""
    answers = {
        f"outcome_{o.value}": {"tests": sorted(tests) or ["none"], "details": ""}
        for o, tests in zip(AdultOutcome, chosen, strict=True)
    }
    findings = sa.outcome_findings(ADULT, answers)
    decision = decide_adult_eligibility(
        AdultNeeds(
            arises_from_impairment_or_illness=True,
            outcomes=tuple(
                OutcomeAnswer(
                    AdultOutcome(f.outcome),
                    f.unable_without_assistance,
                    f.significant_pain_distress_or_anxiety,
                    f.endangers_health_or_safety,
                    f.takes_significantly_longer,
                )
                for f in findings
            ),
            significant_impact_on_wellbeing=True,
        )
    )
    assert decision.eligible == (sum(1 for tests in chosen if tests) >= 2)
