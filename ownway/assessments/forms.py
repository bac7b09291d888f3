"""Assessment forms: each section of the task list is one form; the services check and save."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import Advocacy, Assessment, Capacity, LetterMethod, MethodOfAssessment
from .rules import self_assessment as self_questions
from .rules.eligibility import AdultOutcome, CarerOutcome

_YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


def _yes_no(label: str, message: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=_YES_NO,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        error_messages={"required": message},
    )


class AboutForm(forms.Form):
    """What matters to the person, and what they already have (strengths-based)."""

    method = forms.ChoiceField(
        label="How was the assessment carried out?",
        choices=MethodOfAssessment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the assessment was carried out"},
    )
    own_words = _text("What matters to the person, in their own words", "Write what they say, as they say it")
    strengths = _text("Their strengths", "What they are good at, and what they enjoy")
    personal_resources = _text("Their own resources", "For example, equipment, money, skills")
    networks = _text("Family, friends and other networks")
    community_resources = _text("Community resources they use or could use")
    health_and_wellbeing = _text("Health and wellbeing")
    choice_and_control = _text("Choice and control")
    economic_and_educational = _text("Work, learning and money")
    social_and_community = _text("Social life and community")
    carers_involvement = _text("How carers were involved")


class ConditionsForm(forms.Form):
    """The conditions of reg 2(1)(a) and (c), fluctuating needs, capacity and advocacy."""

    arises_from_impairment_or_illness = _yes_no(
        "Do the needs arise from, or relate to, a physical or mental impairment or illness?",
        "Select yes if the needs arise from an impairment or illness",
    )
    significant_impact_on_wellbeing = _yes_no(
        "Is there, or is there likely to be, a significant impact on their well-being?",
        "Select yes if there is a significant impact on their well-being",
    )
    wellbeing_impact = _text("What the impact on their well-being is")
    needs_fluctuate = forms.BooleanField(label="Their needs fluctuate", required=False)
    period_considered = forms.CharField(
        label="If so, over what period have you considered their needs?",
        help_text="Long enough to establish the level of need, for example the last three months",
        required=False,
        max_length=500,
    )
    capacity = forms.ChoiceField(label="Capacity", choices=Capacity.choices, widget=forms.RadioSelect)
    advocacy = forms.ChoiceField(label="Advocacy", choices=Advocacy.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, carer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if carer:
            del self.fields["arises_from_impairment_or_illness"]
            self.fields = {
                "arises_from_providing_necessary_care": _yes_no(
                    "Do the needs arise because they provide necessary care for an adult?",
                    "Select yes if the needs arise from providing necessary care",
                ),
                "health_deteriorating_or_at_risk": _yes_no(
                    "Is the carer's physical or mental health deteriorating, or at risk of deteriorating?",
                    "Select yes if the carer's health is deteriorating or at risk",
                ),
                **self.fields,
            }

    def answers(self) -> dict[str, Any]:
        return {
            name: (value == "yes") if name in _YES_NO_FIELDS else value for name, value in self.cleaned_data.items()
        }

    @staticmethod
    def initial_from(assessment: Assessment) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for name in ("wellbeing_impact", "needs_fluctuate", "period_considered", "capacity", "advocacy"):
            initial[name] = getattr(assessment, name)
        for name in _YES_NO_FIELDS:
            value = getattr(assessment, name)
            if value is not None:
                initial[name] = "yes" if value else "no"
        return initial


_YES_NO_FIELDS = (
    "arises_from_impairment_or_illness",
    "arises_from_providing_necessary_care",
    "health_deteriorating_or_at_risk",
    "significant_impact_on_wellbeing",
)

#: The tests of "unable to achieve": reg 2(3)(a)–(d); carers have the first three (reg 3(3)).
TESTS = (
    ("unable_without_assistance", "Cannot do it without help, including prompting"),
    ("significant_pain_distress_or_anxiety", "Can, but it causes significant pain, distress or anxiety"),
    ("endangers_health_or_safety", "Can, but it puts their own or other people's health or safety at risk"),
    ("takes_significantly_longer", "Can, but it takes significantly longer than would normally be expected"),
)


class OutcomesForm(forms.Form):
    """For each outcome of the regulations, which tests of "unable to achieve" apply."""

    def __init__(self, *args: Any, carer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes: list[AdultOutcome | CarerOutcome] = list(CarerOutcome) if carer else list(AdultOutcome)
        tests = TESTS[:3] if carer else TESTS
        for outcome in self.outcomes:
            self.fields[outcome.value] = forms.MultipleChoiceField(
                label=outcome.description.capitalize(),
                help_text=f"Select all that apply ({outcome.paragraph})",
                choices=tests,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"{outcome.value}__notes"] = forms.CharField(
                label="Notes (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def findings(self) -> list[dict[str, Any]]:
        result = []
        for outcome in self.outcomes:
            chosen = set(self.cleaned_data.get(outcome.value) or [])
            result.append(
                {
                    "outcome": outcome.value,
                    **{test: test in chosen for test, _ in TESTS},
                    "notes": self.cleaned_data.get(f"{outcome.value}__notes", ""),
                }
            )
        return result

    @staticmethod
    def initial_from(assessment: Assessment) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for finding in assessment.findings.all():
            initial[finding.outcome] = [test for test, _ in TESTS if getattr(finding, test)]
            initial[f"{finding.outcome}__notes"] = finding.notes
        return initial


class DecisionForm(forms.Form):
    agrees = forms.ChoiceField(
        label="Do you agree with this decision?",
        choices=[("yes", "Yes, I agree"), ("no", "No, my decision is different")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree with the decision"},
    )
    reason = forms.CharField(
        label="If your decision is different, explain why",
        help_text="The person will see this",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("agrees") == "no" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Explain why your decision differs from what the answers show")
        return data


class SelfAssessmentQuestionForm(forms.Form):
    """One question of the self-assessment, on a page of its own (the GOV.UK question page pattern).

    The service checks the answer (rules/self_assessment.py); the form only collects it. A text or a
    choice is the ``answer`` field; an outcome question has ``tests`` (checkboxes, with an exclusive
    "None of these") and ``details``.
    """

    def __init__(self, *args: Any, question: self_questions.Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        q = question
        if q.type == self_questions.QuestionType.TEXT:
            self.fields["answer"] = forms.CharField(
                label=q.title, help_text=q.hint, required=False, widget=forms.Textarea(attrs={"rows": 6})
            )
        elif q.type == self_questions.QuestionType.CHOICE:
            self.fields["answer"] = forms.ChoiceField(
                label=q.title, help_text=q.hint, choices=q.choices, required=False, widget=forms.RadioSelect
            )
        else:
            self.fields["tests"] = forms.MultipleChoiceField(
                label=f"{q.title}: which of these are true for you?",
                help_text=f"{q.hint} Choose all that are true.",
                choices=[*q.choices, (self_questions.NONE_APPLY, "None of these: I manage this")],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields["details"] = forms.CharField(
                label="Is there anything else you want to tell us about this? (optional)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    @staticmethod
    def initial_for(question: self_questions.Question, answer: Any) -> dict[str, Any]:
        if answer is None:
            return {}
        if question.type == self_questions.QuestionType.OUTCOME:
            return {"tests": answer.get("tests", []), "details": answer.get("details", "")}
        return {"answer": answer}

    def answer(self) -> Any:
        if self.question.type == self_questions.QuestionType.OUTCOME:
            return {"tests": self.cleaned_data["tests"], "details": self.cleaned_data["details"]}
        return self.cleaned_data["answer"]

    @property
    def answer_field(self) -> str:
        return "tests" if self.question.type == self_questions.QuestionType.OUTCOME else "answer"


class SendLetterForm(forms.Form):
    method = forms.ChoiceField(
        label="How will the letter go to them?",
        choices=LetterMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the letter is sent"},
    )
    easy_read = forms.BooleanField(
        label="Send the easy read version too",
        required=False,
        help_text="It goes anyway if their record says they need easy read.",
    )
