"""The RAS model Ownway ships with (version 1): a starting point a council calibrates and changes.

Ten questions follow the ten outcomes of the Care and Support (Eligibility Criteria) Regulations 2015,
reg 2(2)(a)–(j), so they are answered from the assessment's findings (:func:`answer_from_finding`);
two more ask about support at night and about the unpaid carer. Bands are Coventry's indicative
amounts (seed 001, §3.6: basic £90–£195, standard £195–£700, enhanced £700 upwards), read as amounts a
week (the report does not say for what period). The points and prices are Ownway's own first estimates,
to be fitted to the council's own support-plan costs with ``manage.py calibrate_ras`` before use.
"""

from __future__ import annotations

from typing import Any

#: (question code = assessment outcome code, domain, the activity in plain words)
_OUTCOME_QUESTIONS = (
    ("nutrition", "daily_living", "preparing food and drink and eating"),
    ("personal_hygiene", "daily_living", "washing and keeping clean"),
    ("toilet_needs", "daily_living", "using the toilet"),
    ("clothing", "daily_living", "getting dressed"),
    ("using_home_safely", "home", "moving around the home safely"),
    ("habitable_home", "home", "keeping the home clean and safe to live in"),
    ("relationships", "people_and_places", "keeping in touch with family and friends"),
    ("community_facilities", "people_and_places", "getting out and using local places and transport"),
    ("work_training_education_volunteering", "work_and_learning", "work, learning or volunteering"),
    ("caring_for_a_child", "work_and_learning", "looking after a child"),
)

DOMAINS = (
    ("daily_living", "Looking after yourself"),
    ("home", "Your home"),
    ("people_and_places", "Family, friends and getting out"),
    ("work_and_learning", "Work, learning and caring for children"),
    ("nights_and_carers", "Nights and your carer"),
)


def _outcome_options(activity: str) -> list[dict[str, Any]]:
    return [
        {"code": "none", "text": "Manages without help", "points": 0, "because": ""},
        {"code": "some", "text": "Needs some help or prompting", "points": 2,
         "because": f"you need some help or prompting with {activity}"},
        {"code": "a_lot", "text": "Needs help every time", "points": 5,
         "because": f"you need help every time with {activity}"},
        {"code": "full", "text": "Needs someone to do it, or it is unsafe alone", "points": 8,
         "because": f"you need someone with you for all of {activity}, or it is unsafe alone"},
    ]  # fmt: skip


def default_definition() -> dict[str, Any]:
    """Version 1 of the RAS, as stored data."""
    questions: list[dict[str, Any]] = [
        {
            "code": outcome,
            "domain": domain,
            "text": f"How much help is needed with {activity}?",
            "from_outcome": outcome,
            "options": _outcome_options(activity),
        }
        for outcome, domain, activity in _OUTCOME_QUESTIONS
    ]
    questions.append(
        {
            "code": "nights",
            "domain": "nights_and_carers",
            "text": "Is support needed at night?",
            "from_outcome": "",
            "options": [
                {"code": "none", "text": "No", "points": 0, "because": ""},
                {"code": "sometimes", "text": "Sometimes, someone on call", "points": 4,
                 "because": "you sometimes need someone at night"},
                {"code": "every_night", "text": "Every night, someone awake", "points": 12,
                 "because": "you need someone awake every night"},
            ],
        }
    )  # fmt: skip
    questions.append(
        {
            "code": "carer",
            "domain": "nights_and_carers",
            "text": "How is the person's unpaid carer managing?",
            "from_outcome": "",
            "options": [
                {"code": "no_carer", "text": "There is no unpaid carer", "points": 3,
                 "because": "nobody helps you without pay"},
                {"code": "managing", "text": "The carer is managing", "points": 0, "because": ""},
                {"code": "needs_breaks", "text": "The carer needs regular breaks", "points": 4,
                 "because": "your carer needs regular breaks"},
                {"code": "at_risk", "text": "Caring is at risk of breaking down", "points": 8,
                 "because": "caring for you is at risk of breaking down"},
            ],
        }
    )  # fmt: skip
    return {
        "version": 1,
        "domains": [{"code": code, "name": name} for code, name in DOMAINS],
        "questions": questions,
        "price_table": [
            {"from_points": 0, "pounds_per_point": "6.00"},
            {"from_points": 20, "pounds_per_point": "9.00"},
            {"from_points": 60, "pounds_per_point": "12.00"},
        ],
        "bands": [
            {"name": "basic", "lower": "90.00", "upper": "195.00"},
            {"name": "standard", "lower": "195.00", "upper": "700.00"},
            {"name": "enhanced", "lower": "700.00", "upper": None},
        ],
    }


def answer_from_finding(
    *,
    unable_without_assistance: bool,
    significant_pain_distress_or_anxiety: bool,
    endangers_health_or_safety: bool,
    takes_significantly_longer: bool,
) -> str:
    """The answer an assessment finding suggests (reg 2(3) tests): the worker confirms or changes it.

    Unable without help and unsafe → "full"; unable without help → "a_lot"; any other test met →
    "some"; none met → "none".
    """
    if unable_without_assistance and endangers_health_or_safety:
        return "full"
    if unable_without_assistance:
        return "a_lot"
    if significant_pain_distress_or_anxiety or endangers_health_or_safety or takes_significantly_longer:
        return "some"
    return "none"
