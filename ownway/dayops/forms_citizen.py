"""Forms for the person's request to change days and the worker's answer (a carer's consent is the carers app's)."""

from __future__ import annotations

from django import forms

from ownway.ui.forms import GovukDateField

from .models import DAY_NAMES, SessionPart

_TEXT = {"rows": 4}


class ChangeDaysForm(forms.Form):
    days = forms.MultipleChoiceField(
        label="Which days do you want to go?",
        choices=list(DAY_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all the days you want",
        error_messages={"required": "Choose the days you want to go", "invalid_choice": "Choose days of the week"},
    )
    session = forms.ChoiceField(
        label="Which part of the day?",
        choices=SessionPart.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the part of the day you want",
                        "invalid_choice": "Choose the part of the day you want"},
    )  # fmt: skip
    wanted_from = GovukDateField(
        label="From when?", label_for_errors="The date you want the change from", help_text="For example, 27 3 2026"
    )
    reason = forms.CharField(
        label="Why do you want to change? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="Your worker reads this",
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened",
        choices=[("done", "I have changed the placement as they asked"), ("declined", "The days are not changing")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened", "invalid_choice": "Choose what happened"},
    )
    response = forms.CharField(
        label="What to tell them",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="They read this on their page. Say why, if the days are not changing",
    )
