"""Care Act eligibility: The Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313).

Two rules, each a pure function from recorded answers to a decision with its reasons in plain
English, so that the person, their carer and the worker all see why. Each reason is written twice:
``reasons`` about the person, for the worker's record ("Their needs arise…"), and
``reasons_to_person`` to them, for the letter the person receives ("Your needs arise…", "You are
unable to…"). A worker's own note (how the needs affect well-being) is not part of either: letters
show it as a quoted note, in the worker's words.

* :func:`decide_adult_eligibility` — regulation 2, adults who need care and support;
* :func:`decide_carer_eligibility` — regulation 3, carers.

"Unable to achieve" an outcome has the meaning in regulation 2(3) for adults (four tests) and 3(3)
for carers (three tests: there is no "significantly longer" test for carers). Needing prompting
counts as being unable without assistance (SCIE, "Eligibility criteria for adults with care and
support needs"). Where needs fluctuate, the answers must describe the person's circumstances over a
period long enough to establish the level of need (regulation 2(4) for adults, 3(4) for carers; the
paragraph numbers are to be confirmed against the regulations as made, see standards.md §4).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class AdultOutcome(enum.StrEnum):
    """The ten specified outcomes of regulation 2(2)(a)–(j), in the regulation's order."""

    NUTRITION = "nutrition"
    PERSONAL_HYGIENE = "personal_hygiene"
    TOILET_NEEDS = "toilet_needs"
    CLOTHING = "clothing"
    USING_HOME_SAFELY = "using_home_safely"
    HABITABLE_HOME = "habitable_home"
    RELATIONSHIPS = "relationships"
    WORK_TRAINING_EDUCATION_VOLUNTEERING = "work_training_education_volunteering"
    COMMUNITY_FACILITIES = "community_facilities"
    CARING_FOR_A_CHILD = "caring_for_a_child"

    @property
    def paragraph(self) -> str:
        return "reg 2(2)(" + "abcdefghij"[list(AdultOutcome).index(self)] + ")"

    @property
    def description(self) -> str:
        return _ADULT_OUTCOME_TEXT[self]

    @property
    def to_person(self) -> str:
        """The outcome as something the person does, said to them: "manage and maintain your nutrition"."""
        return _ADULT_TO_PERSON[self]

    @property
    def easy_read(self) -> str:
        """The outcome in easy read words: "Eating and drinking enough"."""
        return _ADULT_EASY_READ[self]


_ADULT_OUTCOME_TEXT = {
    AdultOutcome.NUTRITION: "managing and maintaining nutrition",
    AdultOutcome.PERSONAL_HYGIENE: "maintaining personal hygiene",
    AdultOutcome.TOILET_NEEDS: "managing toilet needs",
    AdultOutcome.CLOTHING: "being appropriately clothed",
    AdultOutcome.USING_HOME_SAFELY: "being able to make use of their home safely",
    AdultOutcome.HABITABLE_HOME: "maintaining a habitable home environment",
    AdultOutcome.RELATIONSHIPS: "developing and maintaining family or other personal relationships",
    AdultOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: (
        "accessing and engaging in work, training, education or volunteering"
    ),
    AdultOutcome.COMMUNITY_FACILITIES: (
        "making use of necessary facilities or services in the local community, including public transport "
        "and recreational facilities or services"
    ),
    AdultOutcome.CARING_FOR_A_CHILD: "carrying out any caring responsibilities they have for a child",
}


_ADULT_TO_PERSON = {
    AdultOutcome.NUTRITION: "manage and maintain your nutrition",
    AdultOutcome.PERSONAL_HYGIENE: "maintain your personal hygiene",
    AdultOutcome.TOILET_NEEDS: "manage your toilet needs",
    AdultOutcome.CLOTHING: "be appropriately clothed",
    AdultOutcome.USING_HOME_SAFELY: "make use of your home safely",
    AdultOutcome.HABITABLE_HOME: "maintain a habitable home environment",
    AdultOutcome.RELATIONSHIPS: "develop and maintain family or other personal relationships",
    AdultOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: "access and engage in work, training, education or volunteering",
    AdultOutcome.COMMUNITY_FACILITIES: (
        "make use of necessary facilities or services in the local community, including public transport and "
        "recreational facilities or services"
    ),
    AdultOutcome.CARING_FOR_A_CHILD: "carry out any caring responsibilities you have for a child",
}

_ADULT_EASY_READ = {
    AdultOutcome.NUTRITION: "Eating and drinking enough",
    AdultOutcome.PERSONAL_HYGIENE: "Keeping clean",
    AdultOutcome.TOILET_NEEDS: "Using the toilet",
    AdultOutcome.CLOTHING: "Getting dressed in the right clothes",
    AdultOutcome.USING_HOME_SAFELY: "Being safe in your home",
    AdultOutcome.HABITABLE_HOME: "Keeping your home clean and safe to live in",
    AdultOutcome.RELATIONSHIPS: "Seeing family and friends",
    AdultOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: "Work, learning or volunteering",
    AdultOutcome.COMMUNITY_FACILITIES: "Going out to places near you, like shops and buses",
    AdultOutcome.CARING_FOR_A_CHILD: "Looking after your children",
}


class CarerOutcome(enum.StrEnum):
    """The eight outcomes of regulation 3(2)(b)(i)–(viii), in the regulation's order."""

    CARING_FOR_A_CHILD = "caring_for_a_child"
    CARING_FOR_OTHERS = "caring_for_others"
    HABITABLE_HOME = "habitable_home"
    NUTRITION = "nutrition"
    RELATIONSHIPS = "relationships"
    WORK_TRAINING_EDUCATION_VOLUNTEERING = "work_training_education_volunteering"
    COMMUNITY_FACILITIES = "community_facilities"
    RECREATION = "recreation"

    @property
    def paragraph(self) -> str:
        numerals = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
        return f"reg 3(2)(b)({numerals[list(CarerOutcome).index(self)]})"

    @property
    def description(self) -> str:
        return _CARER_OUTCOME_TEXT[self]

    @property
    def to_person(self) -> str:
        return _CARER_TO_PERSON[self]

    @property
    def easy_read(self) -> str:
        return _CARER_EASY_READ[self]


_CARER_OUTCOME_TEXT = {
    CarerOutcome.CARING_FOR_A_CHILD: "carrying out any caring responsibilities they have for a child",
    CarerOutcome.CARING_FOR_OTHERS: "providing care to other people they care for",
    CarerOutcome.HABITABLE_HOME: "maintaining a habitable home environment",
    CarerOutcome.NUTRITION: "managing and maintaining nutrition",
    CarerOutcome.RELATIONSHIPS: "developing and maintaining family or other personal relationships",
    CarerOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: "engaging in work, training, education or volunteering",
    CarerOutcome.COMMUNITY_FACILITIES: (
        "making use of necessary facilities or services in the local community, including recreational facilities"
    ),
    CarerOutcome.RECREATION: "engaging in recreational activities",
}


_CARER_TO_PERSON = {
    CarerOutcome.CARING_FOR_A_CHILD: "carry out any caring responsibilities you have for a child",
    CarerOutcome.CARING_FOR_OTHERS: "provide care to other people you care for",
    CarerOutcome.HABITABLE_HOME: "maintain a habitable home environment",
    CarerOutcome.NUTRITION: "manage and maintain your nutrition",
    CarerOutcome.RELATIONSHIPS: "develop and maintain family or other personal relationships",
    CarerOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: "engage in work, training, education or volunteering",
    CarerOutcome.COMMUNITY_FACILITIES: (
        "make use of necessary facilities or services in the local community, including recreational facilities"
    ),
    CarerOutcome.RECREATION: "engage in recreational activities",
}

_CARER_EASY_READ = {
    CarerOutcome.CARING_FOR_A_CHILD: "Looking after your children",
    CarerOutcome.CARING_FOR_OTHERS: "Caring for other people",
    CarerOutcome.HABITABLE_HOME: "Keeping your home clean and safe to live in",
    CarerOutcome.NUTRITION: "Eating and drinking enough",
    CarerOutcome.RELATIONSHIPS: "Seeing family and friends",
    CarerOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: "Work, learning or volunteering",
    CarerOutcome.COMMUNITY_FACILITIES: "Going out to places near you",
    CarerOutcome.RECREATION: "Doing things you enjoy",
}


@dataclass(frozen=True)
class OutcomeAnswer:
    """What the assessment found about one outcome: each test of "unable to achieve".

    ``takes_significantly_longer`` is a test for adults only (reg 2(3)(d)); it is ignored for carers.
    """

    outcome: AdultOutcome | CarerOutcome
    unable_without_assistance: bool = False
    significant_pain_distress_or_anxiety: bool = False
    endangers_health_or_safety: bool = False
    takes_significantly_longer: bool = False
    notes: str = ""


@dataclass(frozen=True)
class AdultNeeds:
    """The answers an eligibility decision for an adult is made from (reg 2(1))."""

    arises_from_impairment_or_illness: bool
    outcomes: tuple[OutcomeAnswer, ...]
    significant_impact_on_wellbeing: bool
    wellbeing_impact: str = ""
    needs_fluctuate: bool = False
    period_considered: str = ""


@dataclass(frozen=True)
class CarerNeeds:
    """The answers an eligibility decision for a carer is made from (reg 3(1))."""

    arises_from_providing_necessary_care: bool
    health_deteriorating_or_at_risk: bool
    outcomes: tuple[OutcomeAnswer, ...]
    significant_impact_on_wellbeing: bool
    wellbeing_impact: str = ""
    needs_fluctuate: bool = False
    period_considered: str = ""


@dataclass(frozen=True)
class EligibilityDecision:
    eligible: bool
    #: The outcomes the person cannot achieve, in the regulation's order.
    outcomes_not_achieved: tuple[AdultOutcome | CarerOutcome, ...]
    #: One plain-English sentence per finding, each naming the regulation it applies, about the person.
    reasons: tuple[str, ...]
    #: Answers that must be completed before the decision can stand (the rule still decides).
    warnings: tuple[str, ...] = field(default=())
    #: The same findings, in the same order, said to the person ("You are unable to…"), for their letter.
    reasons_to_person: tuple[str, ...] = field(default=())

    @property
    def explanation(self) -> str:
        return " ".join(self.reasons)


class EligibilityInputError(ValueError):
    """The answers cannot be decided on, for a reason the message gives."""


#: The tests of "unable to achieve" (reg 2(3)(a)-(d), reg 3(3)(a)-(c)): the answer's flag, the words about the
#: person for the worker's record, the words to the person for their letter, and whether it is for adults only.
_TESTS = (
    ("unable_without_assistance", "cannot do this without help (including prompting)",
     "you cannot do it without help (including prompting)", False),
    ("significant_pain_distress_or_anxiety", "doing it causes significant pain, distress or anxiety",
     "doing it causes you significant pain, distress or anxiety", False),
    ("endangers_health_or_safety", "doing it puts their own or other people's health or safety at risk",
     "doing it puts your health or safety, or other people's, at risk", False),
    ("takes_significantly_longer", "it takes them significantly longer than would normally be expected",
     "it takes you significantly longer than would normally be expected", True),
)  # fmt: skip


def _why_unable(answer: OutcomeAnswer, *, adult: bool, to_person: bool = False) -> list[str]:
    """Which tests make the outcome unachievable, in words about the person or (``to_person``) to them."""
    return [
        yours if to_person else theirs
        for flag, theirs, yours, adults_only in _TESTS
        if getattr(answer, flag) and (adult or not adults_only)
    ]


def is_unable_to_achieve(answer: OutcomeAnswer, *, adult: bool = True) -> bool:
    """Reg 2(3) (adults: any of four tests) or reg 3(3) (carers: any of the first three)."""
    return bool(_why_unable(answer, adult=adult))


def _check_outcomes(outcomes: Iterable[OutcomeAnswer], expected: type[enum.Enum]) -> None:
    seen: set[object] = set()
    for answer in outcomes:
        if not isinstance(answer.outcome, expected):
            raise EligibilityInputError(
                f"{answer.outcome!r} is not one of the outcomes in the regulation for this decision"
            )
        if answer.outcome in seen:
            raise EligibilityInputError(f"The outcome {answer.outcome.value!r} is answered twice")
        seen.add(answer.outcome)


def _fluctuation_warning(needs: AdultNeeds | CarerNeeds, paragraph: str) -> tuple[str, ...]:
    if needs.needs_fluctuate and not needs.period_considered.strip():
        return (
            "The needs fluctuate: record the period the answers describe, long enough to establish the level of "
            f"need ({paragraph}).",
        )
    return ()


def _not_achieved_sentences(
    answers: Iterable[OutcomeAnswer], *, adult: bool
) -> tuple[list[AdultOutcome | CarerOutcome], list[str], list[str]]:
    """The outcomes not achieved, in the regulation's order, with a sentence about and to the person for each."""
    order = list(AdultOutcome if adult else CarerOutcome)
    unable = sorted((a for a in answers if is_unable_to_achieve(a, adult=adult)), key=lambda a: order.index(a.outcome))
    sentences = [
        f"They are unable to achieve {a.outcome.description} ({a.outcome.paragraph}): "
        + "; ".join(_why_unable(a, adult=adult))
        + "."
        for a in unable
    ]
    to_person = [
        f"You are unable to {a.outcome.to_person} ({a.outcome.paragraph}): "
        + "; ".join(_why_unable(a, adult=adult, to_person=True))
        + "."
        for a in unable
    ]
    return [a.outcome for a in unable], sentences, to_person


def decide_adult_eligibility(needs: AdultNeeds) -> EligibilityDecision:
    """Whether an adult's needs meet the eligibility criteria, with the reasons.

    Regulation 2(1): all three conditions must hold — (a) the needs arise from or are related to a
    physical or mental impairment or illness; (b) as a result the adult is unable to achieve two or
    more of the outcomes in reg 2(2); (c) as a consequence there is, or is likely to be, a
    significant impact on the adult's well-being.
    """
    _check_outcomes(needs.outcomes, AdultOutcome)
    outcomes, sentences, to_person = _not_achieved_sentences(needs.outcomes, adult=True)
    reasons: list[str] = []
    yours: list[str] = []
    condition_a = needs.arises_from_impairment_or_illness
    condition_b = len(outcomes) >= 2
    condition_c = needs.significant_impact_on_wellbeing
    if condition_a:
        reasons.append("Their needs arise from a physical or mental impairment or illness (reg 2(1)(a)).")
        yours.append("Your needs arise from a physical or mental impairment or illness (reg 2(1)(a)).")
    else:
        reasons.append(
            "Their needs do not arise from, and are not related to, a physical or mental impairment or illness, "
            "so they do not meet the first condition (reg 2(1)(a))."
        )
        yours.append(
            "Your needs do not arise from, and are not related to, a physical or mental impairment or illness, "
            "so the first condition is not met (reg 2(1)(a))."
        )
    reasons.extend(sentences)
    yours.extend(to_person)
    if condition_b:
        reasons.append(
            f"They are unable to achieve {len(outcomes)} of the outcomes, and the threshold is two (reg 2(1)(b))."
        )
        yours.append(
            f"You are unable to achieve {len(outcomes)} of the outcomes, and the threshold is two (reg 2(1)(b))."
        )
    elif len(outcomes) == 1:
        reasons.append("They are unable to achieve one outcome; the criteria need two or more (reg 2(1)(b)).")
        yours.append("You are unable to achieve one outcome; the criteria need two or more (reg 2(1)(b)).")
    else:
        reasons.append(
            "They are able to achieve all of the outcomes; the criteria need two or more they cannot (reg 2(1)(b))."
        )
        yours.append(
            "You are able to achieve all of the outcomes; the criteria need two or more that you cannot (reg 2(1)(b))."
        )
    if condition_c:
        reasons.append(
            "As a result there is, or is likely to be, a significant impact on their well-being (reg 2(1)(c))."
        )
        yours.append("As a result there is, or is likely to be, a significant impact on your well-being (reg 2(1)(c)).")
    else:
        reasons.append(
            "There is not a significant impact on their well-being, so they do not meet the third condition "
            "(reg 2(1)(c))."
        )
        yours.append(
            "There is not a significant impact on your well-being, so the third condition is not met (reg 2(1)(c))."
        )
    eligible = condition_a and condition_b and condition_c
    reasons.append(
        "So their needs meet the eligibility criteria."
        if eligible
        else "So their needs do not meet the eligibility criteria."
    )
    yours.append(
        "So your needs meet the eligibility criteria."
        if eligible
        else "So your needs do not meet the eligibility criteria."
    )
    return EligibilityDecision(
        eligible=eligible,
        outcomes_not_achieved=tuple(outcomes),
        reasons=tuple(reasons),
        warnings=_fluctuation_warning(needs, "reg 2(4)"),
        reasons_to_person=tuple(yours),
    )


def decide_carer_eligibility(needs: CarerNeeds) -> EligibilityDecision:
    """Whether a carer's needs meet the eligibility criteria, with the reasons.

    Regulation 3(1): (a) the needs arise as a consequence of providing necessary care for an adult;
    (b) the effect is that the carer's physical or mental health is, or is at risk of, deteriorating
    (reg 3(2)(a)) or the carer is unable to achieve any one of the outcomes in reg 3(2)(b); and
    (c) as a consequence there is, or is likely to be, a significant impact on the carer's
    well-being. A carer can be eligible whether or not the person they care for is.
    """
    _check_outcomes(needs.outcomes, CarerOutcome)
    outcomes, sentences, to_person = _not_achieved_sentences(needs.outcomes, adult=False)
    reasons: list[str] = []
    yours: list[str] = []
    condition_a = needs.arises_from_providing_necessary_care
    condition_b = needs.health_deteriorating_or_at_risk or bool(outcomes)
    condition_c = needs.significant_impact_on_wellbeing
    if condition_a:
        reasons.append("Their needs arise because they provide necessary care for an adult (reg 3(1)(a)).")
        yours.append("Your needs arise because you provide necessary care for an adult (reg 3(1)(a)).")
    else:
        reasons.append(
            "Their needs do not arise from providing necessary care for an adult, so they do not meet the first "
            "condition (reg 3(1)(a))."
        )
        yours.append(
            "Your needs do not arise from providing necessary care for an adult, so the first condition is not met "
            "(reg 3(1)(a))."
        )
    if needs.health_deteriorating_or_at_risk:
        reasons.append(
            "Their physical or mental health is deteriorating, or is at risk of deteriorating (reg 3(2)(a))."
        )
        yours.append("Your physical or mental health is deteriorating, or is at risk of deteriorating (reg 3(2)(a)).")
    reasons.extend(sentences)
    yours.extend(to_person)
    if not condition_b:
        reasons.append(
            "Their health is not at risk and they are able to achieve all of the outcomes, so caring does not have "
            "one of the effects the criteria need (reg 3(1)(b), 3(2))."
        )
        yours.append(
            "Your health is not at risk and you are able to achieve all of the outcomes, so caring does not have "
            "one of the effects the criteria need (reg 3(1)(b), 3(2))."
        )
    if condition_c:
        reasons.append(
            "As a result there is, or is likely to be, a significant impact on their well-being (reg 3(1)(c))."
        )
        yours.append("As a result there is, or is likely to be, a significant impact on your well-being (reg 3(1)(c)).")
    else:
        reasons.append(
            "There is not a significant impact on their well-being, so they do not meet the third condition "
            "(reg 3(1)(c))."
        )
        yours.append(
            "There is not a significant impact on your well-being, so the third condition is not met (reg 3(1)(c))."
        )
    eligible = condition_a and condition_b and condition_c
    reasons.append(
        "So their needs as a carer meet the eligibility criteria."
        if eligible
        else "So their needs as a carer do not meet the eligibility criteria."
    )
    yours.append(
        "So your needs as a carer meet the eligibility criteria."
        if eligible
        else "So your needs as a carer do not meet the eligibility criteria."
    )
    return EligibilityDecision(
        eligible=eligible,
        outcomes_not_achieved=tuple(outcomes),
        reasons=tuple(reasons),
        warnings=_fluctuation_warning(needs, "reg 3(4)"),
        reasons_to_person=tuple(yours),
    )
