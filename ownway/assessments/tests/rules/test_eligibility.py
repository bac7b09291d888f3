"""Care Act eligibility from worked cases (SI 2015/313, regs 2 and 3) and properties."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.assessments.rules.eligibility import (
    AdultNeeds,
    AdultOutcome,
    CarerNeeds,
    CarerOutcome,
    EligibilityInputError,
    OutcomeAnswer,
    decide_adult_eligibility,
    decide_carer_eligibility,
    is_unable_to_achieve,
)

A = AdultOutcome
C = CarerOutcome


def adult(*answers, impairment=True, impact=True, **extra):
    return decide_adult_eligibility(
        AdultNeeds(
            arises_from_impairment_or_illness=impairment,
            outcomes=tuple(answers),
            significant_impact_on_wellbeing=impact,
            **extra,
        )
    )


def carer(*answers, necessary_care=True, health=False, impact=True, **extra):
    return decide_carer_eligibility(
        CarerNeeds(
            arises_from_providing_necessary_care=necessary_care,
            health_deteriorating_or_at_risk=health,
            outcomes=tuple(answers),
            significant_impact_on_wellbeing=impact,
            **extra,
        )
    )


def unable(outcome, test="unable_without_assistance"):
    return OutcomeAnswer(outcome, **{test: True})


# ---- Adults, regulation 2 -------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(AdultOutcome))
def test_each_adult_outcome_counts_towards_the_threshold(outcome):
    other = A.NUTRITION if outcome != A.NUTRITION else A.PERSONAL_HYGIENE
    decision = adult(unable(outcome), unable(other))
    assert decision.eligible
    assert set(decision.outcomes_not_achieved) == {outcome, other}
    assert outcome.paragraph in decision.explanation


@pytest.mark.parametrize(
    ("test", "words"),
    [
        ("unable_without_assistance", "cannot do this without help (including prompting)"),
        ("significant_pain_distress_or_anxiety", "significant pain, distress or anxiety"),
        ("endangers_health_or_safety", "health or safety at risk"),
        ("takes_significantly_longer", "significantly longer than would normally be expected"),
    ],
)
def test_each_test_of_reg_2_3_makes_an_outcome_unachievable(test, words):
    decision = adult(unable(A.PERSONAL_HYGIENE, test), unable(A.CLOTHING, test))
    assert decision.eligible
    assert words in decision.explanation


def test_worked_case_older_woman_after_a_fall():
    # Mrs K, 84, arthritis: can wash only with help and dress only in pain; afraid to go out since a fall.
    decision = adult(
        OutcomeAnswer(A.PERSONAL_HYGIENE, unable_without_assistance=True),
        OutcomeAnswer(A.CLOTHING, significant_pain_distress_or_anxiety=True),
        OutcomeAnswer(A.COMMUNITY_FACILITIES, significant_pain_distress_or_anxiety=True),
        OutcomeAnswer(A.NUTRITION),
        wellbeing_impact="She has stopped seeing friends and feels low.",
    )
    assert decision.eligible
    assert decision.outcomes_not_achieved == (A.PERSONAL_HYGIENE, A.CLOTHING, A.COMMUNITY_FACILITIES)
    assert "unable to achieve 3 of the outcomes, and the threshold is two (reg 2(1)(b))" in decision.explanation
    # The worker's note is the worker's words, kept apart (letters show it as a quoted note), not pasted on.
    assert decision.reasons[-2].endswith("(reg 2(1)(c)).")
    assert not any("She has stopped seeing friends" in r for r in decision.reasons + decision.reasons_to_person)
    assert decision.reasons[-1] == "So their needs meet the eligibility criteria."
    assert decision.reasons_to_person == (
        "Your needs arise from a physical or mental impairment or illness (reg 2(1)(a)).",
        "You are unable to maintain your personal hygiene (reg 2(2)(b)): you cannot do it without help "
        "(including prompting).",
        "You are unable to be appropriately clothed (reg 2(2)(d)): doing it causes you significant pain, distress "
        "or anxiety.",
        "You are unable to make use of necessary facilities or services in the local community, including public "
        "transport and recreational facilities or services (reg 2(2)(i)): doing it causes you significant pain, "
        "distress or anxiety.",
        "You are unable to achieve 3 of the outcomes, and the threshold is two (reg 2(1)(b)).",
        "As a result there is, or is likely to be, a significant impact on your well-being (reg 2(1)(c)).",
        "So your needs meet the eligibility criteria.",
    )


def test_one_outcome_is_below_the_threshold():
    decision = adult(unable(A.HABITABLE_HOME))
    assert not decision.eligible
    assert "one outcome; the criteria need two or more (reg 2(1)(b))" in decision.explanation


def test_no_outcomes_unachievable():
    decision = adult(OutcomeAnswer(A.NUTRITION), OutcomeAnswer(A.RELATIONSHIPS))
    assert not decision.eligible
    assert decision.outcomes_not_achieved == ()
    assert "able to achieve all of the outcomes" in decision.explanation


def test_needs_without_an_impairment_or_illness_are_not_eligible():
    decision = adult(unable(A.NUTRITION), unable(A.HABITABLE_HOME), impairment=False)
    assert not decision.eligible
    assert "do not meet the first condition (reg 2(1)(a))" in decision.explanation


def test_no_significant_impact_on_wellbeing_is_not_eligible():
    decision = adult(unable(A.NUTRITION), unable(A.HABITABLE_HOME), impact=False)
    assert not decision.eligible
    assert "do not meet the third condition (reg 2(1)(c))" in decision.explanation


def test_all_three_conditions_fail_and_each_is_explained():
    decision = adult(impairment=False, impact=False)
    assert not decision.eligible
    assert "reg 2(1)(a)" in decision.explanation
    assert "reg 2(1)(b)" in decision.explanation
    assert "reg 2(1)(c)" in decision.explanation


def test_outcomes_are_listed_in_the_regulations_order():
    decision = adult(unable(A.CARING_FOR_A_CHILD), unable(A.NUTRITION), unable(A.TOILET_NEEDS))
    assert decision.outcomes_not_achieved == (A.NUTRITION, A.TOILET_NEEDS, A.CARING_FOR_A_CHILD)
    assert A.CARING_FOR_A_CHILD.paragraph == "reg 2(2)(j)"


def test_fluctuating_needs_need_a_period():
    decision = adult(unable(A.NUTRITION), unable(A.CLOTHING), needs_fluctuate=True)
    assert decision.eligible
    assert decision.warnings
    assert "reg 2(4)" in decision.warnings[0]
    assert not adult(unable(A.NUTRITION), needs_fluctuate=True, period_considered="The last three months").warnings


def test_an_outcome_answered_twice_is_refused():
    with pytest.raises(EligibilityInputError, match="answered twice"):
        adult(unable(A.NUTRITION), OutcomeAnswer(A.NUTRITION))


def test_a_carers_outcome_in_an_adults_decision_is_refused():
    with pytest.raises(EligibilityInputError, match="not one of the outcomes"):
        adult(unable(C.RECREATION))


# ---- Carers, regulation 3 -------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(CarerOutcome))
def test_any_one_carer_outcome_is_enough(outcome):
    decision = carer(unable(outcome))
    assert decision.eligible
    assert decision.outcomes_not_achieved == (outcome,)
    assert outcome.paragraph in decision.explanation


def test_carer_whose_health_is_deteriorating_is_eligible_without_an_outcome():
    decision = carer(OutcomeAnswer(C.RECREATION), health=True)
    assert decision.eligible
    assert "reg 3(2)(a)" in decision.explanation


def test_significantly_longer_is_not_a_test_for_carers():
    answer = OutcomeAnswer(C.HABITABLE_HOME, takes_significantly_longer=True)
    assert not is_unable_to_achieve(answer, adult=False)
    assert not carer(answer).eligible


@pytest.mark.parametrize(
    "test", ["unable_without_assistance", "significant_pain_distress_or_anxiety", "endangers_health_or_safety"]
)
def test_each_test_of_reg_3_3(test):
    assert carer(unable(C.WORK_TRAINING_EDUCATION_VOLUNTEERING, test)).eligible


def test_carer_needs_not_from_necessary_care_are_not_eligible():
    decision = carer(unable(C.RECREATION), necessary_care=False)
    assert not decision.eligible
    assert "reg 3(1)(a)" in decision.explanation


def test_carer_without_significant_impact_is_not_eligible():
    decision = carer(unable(C.RECREATION), health=True, impact=False)
    assert not decision.eligible
    assert "reg 3(1)(c)" in decision.explanation


def test_carer_with_no_effect_is_not_eligible():
    decision = carer(OutcomeAnswer(C.NUTRITION))
    assert not decision.eligible
    assert "reg 3(1)(b)" in decision.explanation


def test_worked_case_daughter_caring_for_her_father():
    # A daughter works part time and cares 40 hours a week for her father with dementia; she has given up
    # her choir and her sleep is broken.
    decision = carer(
        OutcomeAnswer(C.RECREATION, unable_without_assistance=True),
        OutcomeAnswer(C.WORK_TRAINING_EDUCATION_VOLUNTEERING, significant_pain_distress_or_anxiety=True),
        health=True,
        wellbeing_impact="She is exhausted and worried about losing her job.",
    )
    assert decision.eligible
    assert decision.outcomes_not_achieved == (C.WORK_TRAINING_EDUCATION_VOLUNTEERING, C.RECREATION)
    assert decision.reasons[-1] == "So their needs as a carer meet the eligibility criteria."


def test_fluctuating_carer_needs_need_a_period():
    assert "reg 3(4)" in carer(unable(C.NUTRITION), needs_fluctuate=True).warnings[0]


def test_an_adults_outcome_in_a_carers_decision_is_refused():
    with pytest.raises(EligibilityInputError):
        carer(unable(A.TOILET_NEEDS))


# ---- Properties ------------------------------------------------------------------------------------------

_flags = st.booleans()
_adult_answers = st.lists(
    st.builds(OutcomeAnswer, st.sampled_from(list(AdultOutcome)), _flags, _flags, _flags, _flags),
    unique_by=lambda a: a.outcome,
)


@given(_adult_answers, _flags, _flags)
def test_adult_decision_is_exactly_the_three_conditions(answers, impairment, impact):
    decision = adult(*answers, impairment=impairment, impact=impact)
    unable_count = sum(is_unable_to_achieve(a) for a in answers)
    assert decision.eligible == (impairment and impact and unable_count >= 2)
    assert len(decision.outcomes_not_achieved) == unable_count
    assert decision.reasons[-1].startswith("So their needs")


@given(_adult_answers)
def test_a_further_difficulty_never_takes_eligibility_away(answers):
    before = adult(*answers)
    worse = [OutcomeAnswer(a.outcome, True, a.significant_pain_distress_or_anxiety) for a in answers]
    assert adult(*worse).eligible or not before.eligible


# ---- Words to the person ------------------------------------------------------------------------------

THIRD_PERSON = ("their needs", "they are unable", "their well-being", "their health", "they provide", "they are able",
                "their own")  # fmt: skip


@pytest.mark.parametrize(
    "decision",
    [
        adult(unable(A.NUTRITION), unable(A.USING_HOME_SAFELY, "endangers_health_or_safety"),
              OutcomeAnswer(A.CARING_FOR_A_CHILD, takes_significantly_longer=True)),
        adult(unable(A.HABITABLE_HOME), impairment=False, impact=False),
        adult(),
        carer(unable(C.RECREATION), unable(C.CARING_FOR_A_CHILD, "endangers_health_or_safety"), health=True),
        carer(necessary_care=False, impact=False),
    ],
    ids=["adult eligible", "adult not eligible", "adult able", "carer eligible", "carer not eligible"],
)  # fmt: skip
def test_the_reasons_to_the_person_say_you(decision):
    assert len(decision.reasons_to_person) == len(decision.reasons)
    for reason in decision.reasons_to_person:
        lowered = reason.lower()
        assert not any(words in lowered for words in THIRD_PERSON), reason
        assert lowered.startswith(("you", "as a result", "there is", "so your")), reason


def test_the_carers_reasons_to_the_person():
    decision = carer(unable(C.RECREATION), health=True)
    assert decision.reasons_to_person[:3] == (
        "Your needs arise because you provide necessary care for an adult (reg 3(1)(a)).",
        "Your physical or mental health is deteriorating, or is at risk of deteriorating (reg 3(2)(a)).",
        "You are unable to engage in recreational activities (reg 3(2)(b)(viii)): you cannot do it without help "
        "(including prompting).",
    )
    assert decision.reasons_to_person[-1] == "So your needs as a carer meet the eligibility criteria."


@pytest.mark.parametrize("outcome", [*AdultOutcome, *CarerOutcome])
def test_every_outcome_has_words_for_the_person_and_for_easy_read(outcome):
    assert outcome.to_person
    assert not re.search(r"\b(their|they)\b", outcome.to_person)
    assert outcome.easy_read[0].isupper()
