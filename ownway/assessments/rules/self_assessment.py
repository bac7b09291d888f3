"""The online self-assessment: its questions, one per page, in plain English, and how the answers
become the start of an assessment.

A citizen, or someone helping them, answers these questions before they meet a worker. The worker
reviews the answers and turns them into an assessment (:func:`assessment_answers` and
:func:`outcome_findings`), which the worker then checks and completes: a self-assessment never
decides eligibility on its own. Care Act 2014 s.9 and the Care and Support (Assessment) Regulations
2014, reg 2, allow a supported self-assessment, carried out jointly with the local authority, which
must assure itself that it reflects the person's needs (reg 2(4)).

The questions about each outcome ask about the tests of "unable to achieve" in the Care and Support
(Eligibility Criteria) Regulations 2015: the four of reg 2(3) for adults, the three of reg 3(3) for
carers. Needing to be reminded (prompting) counts as needing assistance (SCIE, "Eligibility criteria
for adults with care and support needs").
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .eligibility import AdultOutcome, CarerOutcome


class SelfAssessmentKind(enum.StrEnum):
    NEEDS = "needs"
    CARER = "carer"


class QuestionType(enum.StrEnum):
    TEXT = "text"  # a few lines of free text
    CHOICE = "choice"  # one of a few answers
    OUTCOME = "outcome"  # which tests apply to one outcome, and anything else to say


#: The answer meaning "none of these apply", for an outcome question.
NONE_APPLY = "none"

#: The tests of "unable to achieve", in words a person uses about themselves.
ADULT_TESTS: tuple[tuple[str, str], ...] = (
    ("unable_without_assistance", "I need someone to help me, or to remind me"),
    ("significant_pain_distress_or_anxiety", "Doing it myself causes me a lot of pain, worry or distress"),
    ("endangers_health_or_safety", "Doing it myself puts me or other people at risk"),
    ("takes_significantly_longer", "It takes me much longer than it would take most people"),
)
CARER_TESTS: tuple[tuple[str, str], ...] = (
    ("unable_without_assistance", "I cannot do this because of my caring, unless someone helps"),
    ("significant_pain_distress_or_anxiety", "Doing it as well as caring causes me a lot of pain, worry or distress"),
    ("endangers_health_or_safety", "Doing it as well as caring puts me, or the person I care for, at risk"),
)

#: Each outcome as a person would say it: a short title and an example of what it covers.
_ADULT_OUTCOME_WORDS: dict[AdultOutcome, tuple[str, str]] = {
    AdultOutcome.NUTRITION: ("Food and drink", "Getting food in, making meals and drinks, and eating them."),
    AdultOutcome.PERSONAL_HYGIENE: ("Keeping clean", "Washing yourself, and washing your clothes."),
    AdultOutcome.TOILET_NEEDS: ("Using the toilet", "Getting to the toilet in time and using it."),
    AdultOutcome.CLOTHING: ("Getting dressed", "Putting on clothes that are right for the weather and the day."),
    AdultOutcome.USING_HOME_SAFELY: (
        "Moving around your home safely",
        "Getting in and out of your home, using the stairs, the kitchen and the bathroom.",
    ),
    AdultOutcome.HABITABLE_HOME: (
        "Looking after your home",
        "Keeping it clean and safe enough to live in, and paying the bills for heating, water and power.",
    ),
    AdultOutcome.RELATIONSHIPS: (
        "Family, friends and relationships",
        "Seeing the people who matter to you and keeping in touch with them.",
    ),
    AdultOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: (
        "Work, learning and volunteering",
        "Getting to and taking part in a job, a course, training or volunteering.",
    ),
    AdultOutcome.COMMUNITY_FACILITIES: (
        "Getting out and about",
        "Using local places and services, like shops, the doctor's, the library, buses and leisure centres.",
    ),
    AdultOutcome.CARING_FOR_A_CHILD: (
        "Looking after a child",
        "If you are a parent or look after a child: caring for them. Choose 'None of these' if you do not.",
    ),
}
_CARER_OUTCOME_WORDS: dict[CarerOutcome, tuple[str, str]] = {
    CarerOutcome.CARING_FOR_A_CHILD: (
        "Looking after a child",
        "If you are a parent or look after a child. Choose 'None of these' if you do not.",
    ),
    CarerOutcome.CARING_FOR_OTHERS: (
        "Caring for other people",
        "Anyone else you look after, as well as the person this is about.",
    ),
    CarerOutcome.HABITABLE_HOME: ("Looking after your home", "Keeping your own home clean and safe to live in."),
    CarerOutcome.NUTRITION: ("Food and drink", "Making meals and eating properly yourself."),
    CarerOutcome.RELATIONSHIPS: (
        "Family, friends and relationships",
        "Seeing the people who matter to you, apart from the person you care for.",
    ),
    CarerOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: (
        "Work, learning and volunteering",
        "Keeping a job, or taking part in a course, training or volunteering.",
    ),
    CarerOutcome.COMMUNITY_FACILITIES: (
        "Getting out and about",
        "Using local places and services, like shops, the doctor's and leisure centres.",
    ),
    CarerOutcome.RECREATION: ("Time for yourself", "Hobbies, rest and things you enjoy doing."),
}


@dataclass(frozen=True)
class Question:
    """One page of the self-assessment."""

    key: str
    type: QuestionType
    title: str
    hint: str = ""
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()
    #: For an outcome question: the outcome's code.
    outcome: str = ""
    #: Asked only when an earlier answer is one of these: (key, values).
    only_if: tuple[str, frozenset[str]] | None = None
    #: The short label on the "check your answers" page.
    summary: str = ""

    def applies(self, answers: Mapping[str, Any]) -> bool:
        if self.only_if is None:
            return True
        key, values = self.only_if
        return answers.get(key) in values

    @property
    def label(self) -> str:
        return self.summary or self.title


YES_NO = (("yes", "Yes"), ("no", "No"))
MAX_TEXT = 5000


def _outcome_questions(kind: SelfAssessmentKind) -> tuple[Question, ...]:
    """One question per outcome, in the regulation's order, with the tests that apply to this kind."""
    if kind == SelfAssessmentKind.CARER:
        words = [(outcome.value, text) for outcome, text in _CARER_OUTCOME_WORDS.items()]
        tests = CARER_TESTS
    else:
        words = [(outcome.value, text) for outcome, text in _ADULT_OUTCOME_WORDS.items()]
        tests = ADULT_TESTS
    return tuple(
        Question(key=f"outcome_{code}", type=QuestionType.OUTCOME, title=title, hint=hint, outcome=code, choices=tests)
        for code, (title, hint) in words
    )


def questions(kind: SelfAssessmentKind) -> tuple[Question, ...]:
    """Every question of a self-assessment, in the order they are asked."""
    about = "you" if kind == SelfAssessmentKind.NEEDS else "you as a carer"
    opening = (
        Question(
            key="who",
            type=QuestionType.CHOICE,
            title="Who is filling in this form?",
            choices=(("self", "I am, about myself"), ("helper", "I am helping someone to fill it in")),
            summary="Who is filling it in",
        ),
        Question(
            key="helper",
            type=QuestionType.TEXT,
            title="What is your name, and how do you know the person?",
            hint="For example, 'Sam Patel, her son' or 'Jo Smith, his support worker'.",
            only_if=("who", frozenset({"helper"})),
            summary="Helper",
        ),
    )
    carer_about: tuple[Question, ...] = ()
    if kind == SelfAssessmentKind.CARER:
        carer_about = (
            Question(
                key="cared_for",
                type=QuestionType.TEXT,
                title="Who do you look after, and what do you do for them?",
                hint="For example, 'My husband, who has dementia. I help him wash and dress and I do all the cooking.'",
                summary="Who you care for",
            ),
            Question(
                key="carer_health",
                type=QuestionType.CHOICE,
                title="Is caring affecting your own health?",
                choices=(
                    ("worse", "Yes, my health is getting worse because of caring"),
                    ("at_risk", "Not yet, but I worry it will"),
                    ("no", "No"),
                ),
                summary="Your health",
            ),
        )
    good_life = (
        Question(
            key="own_words",
            type=QuestionType.TEXT,
            title="What matters to you, and what would you like to be different?",
            hint="The people, places and things that are important to you, and what you would like help with.",
            summary="What matters",
        ),
        Question(
            key="strengths",
            type=QuestionType.TEXT,
            title="What are you good at, and what do you enjoy?",
            hint="You can leave this blank.",
            required=False,
            summary="Strengths",
        ),
        Question(
            key="networks",
            type=QuestionType.TEXT,
            title="Who helps you now?",
            hint="Family, friends, neighbours, groups or anyone else. You can leave this blank.",
            required=False,
            summary="Who helps",
        ),
        Question(
            key="community",
            type=QuestionType.TEXT,
            title="Where do you go in your community, or where would you like to go?",
            hint="Clubs, groups, places of worship, classes, cafés, sport. You can leave this blank.",
            required=False,
            summary="Community",
        ),
    )
    closing: tuple[Question, ...] = (
        Question(
            key="fluctuates",
            type=QuestionType.CHOICE,
            title="Do things change from day to day or week to week?",
            hint="For example, good days and bad days, or times when things are much harder.",
            choices=YES_NO,
            summary="Good and bad days",
        ),
        Question(
            key="fluctuates_details",
            type=QuestionType.TEXT,
            title="Tell us about the good days and the bad days",
            hint="How often the bad days come, how long they last and what is different then.",
            only_if=("fluctuates", frozenset({"yes"})),
            summary="What changes",
        ),
        Question(
            key="impact",
            type=QuestionType.TEXT,
            title=f"How do these things affect {about} and your life?",
            hint="For example, your health, your safety, how you feel, or the people around you.",
            summary="Effect on your life",
        ),
    )
    if kind == SelfAssessmentKind.NEEDS:
        closing += (
            Question(
                key="has_carer",
                type=QuestionType.CHOICE,
                title="Does a family member or friend look after you without being paid?",
                choices=YES_NO,
                summary="Unpaid carer",
            ),
            Question(
                key="carer_details",
                type=QuestionType.TEXT,
                title="Who looks after you, and what do they do?",
                hint="They may be able to have a carer's assessment of their own.",
                only_if=("has_carer", frozenset({"yes"})),
                summary="Your carer",
            ),
        )
    return opening + carer_about + good_life + _outcome_questions(kind) + closing


def question(kind: SelfAssessmentKind, key: str) -> Question:
    for q in questions(kind):
        if q.key == key:
            return q
    raise KeyError(key)


def applicable(kind: SelfAssessmentKind, answers: Mapping[str, Any]) -> list[Question]:
    """The questions that apply, given the answers so far."""
    return [q for q in questions(kind) if q.applies(answers)]


def next_question(kind: SelfAssessmentKind, answers: Mapping[str, Any], after: str) -> Question | None:
    """The question after ``after`` that applies, or None when the last one has been answered."""
    found = False
    for q in applicable(kind, answers):
        if found:
            return q
        found = q.key == after
    return None


def previous_question(kind: SelfAssessmentKind, answers: Mapping[str, Any], before: str) -> Question | None:
    previous = None
    for q in applicable(kind, answers):
        if q.key == before:
            return previous
        previous = q
    return None


def first_unanswered(kind: SelfAssessmentKind, answers: Mapping[str, Any]) -> Question | None:
    """Where to carry on: the first question that applies and has no answer yet."""
    for q in applicable(kind, answers):
        if q.key not in answers:
            return q
    return None


def clean_answer(q: Question, value: Any) -> Any:
    """The answer to store for a question, or :class:`AnswerError` saying what to change.

    Text is trimmed; a choice must be one offered; an outcome answer is ``{"tests": [...], "details": ""}``
    where "none" cannot go with any test.
    """
    if q.type == QuestionType.TEXT:
        text = str(value or "").strip()
        if q.required and not text:
            raise AnswerError(f"Answer '{q.title}', or ask someone to help you")
        if len(text) > MAX_TEXT:
            raise AnswerError(f"Your answer must be {MAX_TEXT} characters or fewer: it is {len(text)}")
        return text
    if q.type == QuestionType.CHOICE:
        allowed = {v for v, _ in q.choices}
        if value not in allowed:
            raise AnswerError(f"Choose an answer to '{q.title}'")
        return value
    if not isinstance(value, Mapping):
        raise AnswerError("Choose which of these are true for you, or 'None of these'")
    tests = [str(t) for t in value.get("tests", [])]
    details = str(value.get("details", "") or "").strip()
    allowed = {v for v, _ in q.choices}
    if not tests:
        raise AnswerError("Choose which of these are true for you, or 'None of these'")
    if NONE_APPLY in tests and len(tests) > 1:
        raise AnswerError("You chose 'None of these' and something else: choose one or the other")
    unknown = [t for t in tests if t != NONE_APPLY and t not in allowed]
    if unknown:
        raise AnswerError(f"'{unknown[0]}' is not one of the answers")
    if len(details) > MAX_TEXT:
        raise AnswerError(f"What you told us must be {MAX_TEXT} characters or fewer: it is {len(details)}")
    ordered = [v for v, _ in q.choices if v in tests] or [NONE_APPLY]
    return {"tests": ordered, "details": details}


class AnswerError(ValueError):
    """An answer that cannot be stored, with the message to show the person."""


def missing_answers(kind: SelfAssessmentKind, answers: Mapping[str, Any]) -> list[Question]:
    """Required questions that apply and have no answer: all must be answered before sending."""
    return [q for q in applicable(kind, answers) if q.required and q.key not in answers]


def answer_text(q: Question, answer: Any) -> str:
    """An answer as the person and the worker read it back."""
    if answer is None:
        return "Not answered"
    if q.type == QuestionType.TEXT:
        return str(answer) or "Left blank"
    if q.type == QuestionType.CHOICE:
        return dict(q.choices).get(answer, str(answer))
    labels = dict(q.choices)
    tests = answer.get("tests", [])
    said = "None of these: I manage this" if tests == [NONE_APPLY] else "; ".join(labels[t] for t in tests)
    details = answer.get("details", "")
    return f"{said}. {details}" if details else said


@dataclass(frozen=True)
class OutcomeFindingDraft:
    """What the person said about one outcome, as the worker's starting point for a finding."""

    outcome: str
    unable_without_assistance: bool
    significant_pain_distress_or_anxiety: bool
    endangers_health_or_safety: bool
    takes_significantly_longer: bool
    notes: str


def outcome_findings(kind: SelfAssessmentKind, answers: Mapping[str, Any]) -> list[OutcomeFindingDraft]:
    """One finding per outcome the person answered, the tests they chose set (reg 2(3) or 3(3)).

    The notes say these are the person's own answers, so the worker knows to check them with the person.
    """
    findings = []
    for q in questions(kind):
        if q.type != QuestionType.OUTCOME or q.key not in answers:
            continue
        answer = answers[q.key]
        tests = set(answer.get("tests", []))
        details = answer.get("details", "")
        said = answer_text(q, answer)
        notes = f"In their self-assessment: {said}" if details or tests != {NONE_APPLY} else ""
        findings.append(
            OutcomeFindingDraft(
                outcome=q.outcome,
                unable_without_assistance="unable_without_assistance" in tests,
                significant_pain_distress_or_anxiety="significant_pain_distress_or_anxiety" in tests,
                endangers_health_or_safety="endangers_health_or_safety" in tests,
                # Not a test for carers (reg 3(3)): never set in a carer's finding.
                takes_significantly_longer=kind == SelfAssessmentKind.NEEDS and "takes_significantly_longer" in tests,
                notes=notes,
            )
        )
    return findings


def assessment_answers(kind: SelfAssessmentKind, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The assessment's own fields, filled from the self-assessment's answers where it has them."""
    result: dict[str, Any] = {}
    own_words = str(answers.get("own_words", ""))
    if kind == SelfAssessmentKind.CARER and answers.get("cared_for"):
        own_words = f"{own_words}\n\nWho I care for: {answers['cared_for']}".strip()
    for field, key in (
        ("own_words", None),
        ("strengths", "strengths"),
        ("networks", "networks"),
        ("community_resources", "community"),
        ("wellbeing_impact", "impact"),
    ):
        value = own_words if key is None else str(answers.get(key, ""))
        if value:
            result[field] = value
    if "fluctuates" in answers:
        result["needs_fluctuate"] = answers["fluctuates"] == "yes"
        if answers["fluctuates"] == "yes":
            result["period_considered"] = str(answers.get("fluctuates_details", ""))[:500]
    if kind == SelfAssessmentKind.CARER and "carer_health" in answers:
        # Reg 3(1)(b): the carer's physical or mental health is deteriorating, or at risk of doing so.
        result["health_deteriorating_or_at_risk"] = answers["carer_health"] in {"worse", "at_risk"}
    if kind == SelfAssessmentKind.NEEDS and answers.get("has_carer") == "yes":
        result["carers_involvement"] = f"Unpaid carer, in the person's words: {answers.get('carer_details', '')}"
    if answers.get("who") == "helper" and answers.get("helper"):
        note = f"Self-assessment filled in with help from {answers['helper']}."
        result["carers_involvement"] = f"{result.get('carers_involvement', '')}\n{note}".strip()
    return result
