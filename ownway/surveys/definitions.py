"""The surveys Ownway asks people to answer, as data: each survey's questions, each in plain English and in easy
read, with its answer scale. The words are the council's own; each instrument names where it comes from.

* **Your support and your budget** follows the shape of **POET**, the Personal Outcomes Evaluation Tool that
  In Control developed with the Centre for Disability Research at Lancaster University (the basis of the National
  Personal Budget Surveys, 2011–2014; standards.md §7.1). City of York Council used it in 2012 (seed 002, Annex
  E): whether the person was told their budget, how easy the council made **9 aspects of the process**, and
  whether the personal budget changed **14 areas of life**. The areas and aspects here are the ones York's report
  names; POET's own wording is not published (wave2-reference §5.3), so the questions are written afresh.
* **How things are for you** asks the "I" statements: the 17 Nottinghamshire County Council's people who use
  services and carers wrote for its day opportunities strategy, "to inform future commissioning" (seed 003), and
  six of Think Local Act Personal's *Making it Real* statements (2012 markers, seed 002 Annex B).
* Both ask the **Adult Social Care Survey's** question about control over daily life (ASCS Q3a, the question
  behind ASCOF 1B; standards.md §7.2), so the share who say they have as much or enough control can be counted
  from either.

A change of wording is a new version of the survey (:func:`ownway.surveys.services.survey_definitions_load`),
so each answer stays with the words the person was asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: An answer that does not count for or against ("this does not apply to me"): left out of every share.
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Option:
    value: str
    plain: str
    easy_read: str


@dataclass(frozen=True)
class Scale:
    key: str
    options: tuple[Option, ...]
    #: The answers counted as good in the results.
    positive: frozenset[str]


@dataclass(frozen=True)
class QuestionDef:
    code: str
    section: str
    plain: str
    easy_read: str
    scale: str
    source: str


@dataclass(frozen=True)
class SurveyDef:
    key: str
    name: str
    easy_read_name: str
    source: str
    #: Which follows what: after a plan has run for the council's time, or after a review.
    sent_after: str
    version: int
    questions: tuple[QuestionDef, ...]


SCALES: dict[str, Scale] = {
    "control": Scale(
        "control",
        (
            Option("as_much", "I have as much control over my daily life as I want", "I choose everything I want to"),
            Option("adequate", "I have enough control over my daily life", "I choose enough things"),
            Option("some", "I have some control, but not enough", "I choose some things, but not enough"),
            Option("none", "I have no control over my daily life", "I do not choose anything"),
        ),
        frozenset({"as_much", "adequate"}),
    ),
    "told": Scale(
        "told",
        (
            Option("yes", "Yes", "Yes"),
            Option("no", "No", "No"),
            Option("not_sure", "I am not sure", "I do not know"),
        ),
        frozenset({"yes"}),
    ),
    "easy": Scale(
        "easy",
        (
            Option("very_easy", "Very easy", "Very easy"),
            Option("fairly_easy", "Fairly easy", "Easy"),
            Option("neither", "Neither easy nor hard", "OK"),
            Option("fairly_hard", "Fairly hard", "Hard"),
            Option("very_hard", "Very hard", "Very hard"),
            Option(NOT_APPLICABLE, "This did not apply to me", "Not for me"),
        ),
        frozenset({"very_easy", "fairly_easy"}),
    ),
    "change": Scale(
        "change",
        (
            Option("much_better", "A lot better", "A lot better"),
            Option("better", "A bit better", "A bit better"),
            Option("same", "No different", "The same"),
            Option("worse", "A bit worse", "A bit worse"),
            Option("much_worse", "A lot worse", "A lot worse"),
            Option(NOT_APPLICABLE, "This does not apply to me", "Not for me"),
        ),
        frozenset({"much_better", "better"}),
    ),
    "agree": Scale(
        "agree",
        (
            Option("always", "Yes, always", "Yes"),
            Option("mostly", "Mostly", "Most of the time"),
            Option("sometimes", "Sometimes", "Sometimes"),
            Option("never", "No, not at all", "No"),
        ),
        frozenset({"always", "mostly"}),
    ),
}

ASCS = "Adult Social Care Survey, question 3a (ASCOF 1B)"
POET = "POET (In Control and Lancaster University), as City of York Council used it in 2012"
NOTTS = "Nottinghamshire County Council's I statements (day opportunities strategy)"
MIR = "Think Local Act Personal, Making it Real (2012)"

CONTROL = QuestionDef(
    "control",
    "about",
    "Which of these best describes how much control you have over your daily life?",
    "Do you choose what you do each day?",
    "control",
    ASCS,
)

#: The 9 aspects of the process York's POET report asked about.
_ASPECTS = [
    ("advice", "getting advice and support", "getting help and advice"),
    ("assessing", "working out what your needs are (your assessment)", "finding out what help you need"),
    ("restrictions", "understanding what your budget can and cannot be spent on", "knowing what your money is for"),
    ("money", "having control of the money", "being in charge of your money"),
    ("planning", "planning your support", "making your plan"),
    ("managing", "managing your support from day to day", "sorting out your help each day"),
    ("views", "making your views known", "telling us what you think"),
    ("complaint", "making a complaint", "telling us when you are not happy"),
    ("choosing", "choosing between different services", "choosing who helps you"),
]
#: The 14 areas of life York's POET report asked about.
_AREAS = [
    ("dignity", "being supported with dignity and respect", "people being kind and respectful when they help you"),
    ("mental", "your mental wellbeing", "how you feel in yourself"),
    ("support", "getting the support you need, when you need it", "getting help when you need it"),
    ("safe", "feeling safe, at home and when you go out", "feeling safe"),
    ("independent", "being as independent as you can be", "doing things for yourself"),
    ("control_support", "control over your support", "choosing your help"),
    ("physical", "your physical health", "your body and health"),
    ("control_life", "control over the important things in your life", "choosing the big things in your life"),
    ("paid_support", "your relationships with the people paid to support you", "getting on with your support workers"),
    ("family", "your relationships with your family", "getting on with your family"),
    ("friends", "your relationships with your friends", "seeing your friends"),
    ("community", "being part of your local community", "being part of where you live"),
    ("home", "where you live and who you live with", "where you live and who with"),
    ("job", "getting or keeping a paid job", "having a paid job"),
]

POET_QUESTIONS: tuple[QuestionDef, ...] = (
    CONTROL,
    QuestionDef(
        "told_budget",
        "about",
        "Have you been told how much money is in your personal budget each week?",
        "Did we tell you how much money you get for your support each week?",
        "told",
        POET,
    ),
    *(
        QuestionDef(
            f"process_{code}",
            "process",
            f"How easy or hard did the council make {plain}?",
            f"Was it easy or hard: {easy}?",
            "easy",
            POET,
        )
        for code, plain, easy in _ASPECTS
    ),
    *(
        QuestionDef(
            f"outcome_{code}",
            "outcome",
            f"Since you had your personal budget, how has it changed {plain}?",
            f"Since you got your money for support: {easy}. Is it better or worse?",
            "change",
            POET,
        )
        for code, plain, easy in _AREAS
    ),
)

#: Nottinghamshire's 17 statements, then six of Making it Real's, each as the person would say it.
_STATEMENTS = [
    ("individual", "I am treated as the individual I am", "People see me as me", NOTTS),
    ("can_do", "I am asked about the things I can already do", "People ask what I can do", NOTTS),
    ("want_to_do", "I am asked about the things I would like to do", "People ask what I want to do", NOTTS),
    ("achieve", "I am asked what I want to achieve and how I can be helped to get there",
     "People ask what I want to do next, and how they can help", NOTTS),
    ("family_needs", "I am asked what my family needs", "People ask what my family needs", NOTTS),
    ("own_network", "I am helped to use the support I already have, such as friends and family",
     "People help me use help I already have, like friends and family", NOTTS),
    ("community", "I am part of my local community", "I am part of where I live", NOTTS),
    ("welcoming", "The community I belong to welcomes me and understands what I need",
     "People where I live are friendly and understand me", NOTTS),
    ("independent", "I can be as independent as possible", "I can do things for myself", NOTTS),
    ("budget", "I can get a personal budget or a direct payment", "I can get money for my support", NOTTS),
    ("right_support", "I get the support that is right for me, and it changes when I need it to",
     "I get the right help. It can change when I need it to", NOTTS),
    ("keep_in_touch", "I can keep in touch with the people I want to see", "I can see the people I want to see", NOTTS),
    ("activities", "I can do the activities I want to do, and choose where I do them when that is possible",
     "I can do the things I like. I can choose where", NOTTS),
    ("evenings", "I can use services and activities in the evenings and at weekends",
     "I can do things in the evening and at the weekend", NOTTS),
    ("as_long", "I am supported for as long as I need to be", "I get help for as long as I need it", NOTTS),
    ("learn", "I can learn new things", "I can learn new things", NOTTS),
    ("safe", "I feel safe", "I feel safe", NOTTS),
    ("information", "I have the information and support I need to stay as independent as I can",
     "I get the information I need", MIR),
    ("planning", "I am in control of planning my care and support", "I help make my plan", MIR),
    ("who_to_contact", "My support works well together, and I know who to contact to get things changed",
     "I know who to talk to if I want to change something", MIR),
    ("network", "I have people around me who support me: family, friends, my community and paid staff if I need them",
     "I have people who help me", MIR),
    ("know_money", "I know how much money there is for my care and support, and I can decide how it is used",
     "I know how much money I get for support. I can choose how to use it", MIR),
    ("crisis", "I can plan ahead and keep control if things go wrong", "I have a plan if things go wrong", MIR),
]  # fmt: skip

STATEMENT_QUESTIONS: tuple[QuestionDef, ...] = (
    CONTROL,
    *(QuestionDef(f"i_{code}", "statement", plain, easy, "agree", source) for code, plain, easy, source in _STATEMENTS),
)

POET_SURVEY = SurveyDef(
    key="poet",
    name="Your support and your budget",
    easy_read_name="Your help and your money",
    source=POET + "; " + ASCS,
    sent_after="plan",
    version=1,
    questions=POET_QUESTIONS,
)
STATEMENTS_SURVEY = SurveyDef(
    key="i_statements",
    name="How things are for you",
    easy_read_name="How things are for you",
    source=NOTTS + "; " + MIR + "; " + ASCS,
    sent_after="review",
    version=1,
    questions=STATEMENT_QUESTIONS,
)
SURVEYS: tuple[SurveyDef, ...] = (POET_SURVEY, STATEMENTS_SURVEY)


def definitions_write(survey_model: Any, version_model: Any, question_model: Any) -> int:
    """Write each survey and its current version, with its questions, unless that version is already there (the
    data migration calls this with the migration's models; safe to run again). Returns how many versions it
    wrote. A survey's earlier versions stay, with the answers given to them; only the newest is sent."""
    written = 0
    for definition in SURVEYS:
        survey, _ = survey_model.objects.update_or_create(
            key=definition.key,
            defaults={"name": definition.name, "easy_read_name": definition.easy_read_name,
                      "source": definition.source, "sent_after": definition.sent_after},
        )  # fmt: skip
        if version_model.objects.filter(survey=survey, number=definition.version).exists():
            continue
        version_model.objects.filter(survey=survey).update(is_current=False)
        version = version_model.objects.create(survey=survey, number=definition.version, is_current=True)
        question_model.objects.bulk_create(
            question_model(
                version=version, code=q.code, section=q.section, position=number, plain=q.plain,
                easy_read=q.easy_read, source=q.source, scale=q.scale,
                options=[[o.value, o.plain, o.easy_read] for o in SCALES[q.scale].options],
                positive=sorted(SCALES[q.scale].positive),
            )
            for number, q in enumerate(definition.questions, start=1)
        )  # fmt: skip
        written += 1
    return written
