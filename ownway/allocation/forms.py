"""Forms of the allocation pages: the RAS questionnaire, asking for a reconsideration, deciding it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from ownway.ui.forms import MoneyField

from .rules.ras import RasModel
from .services import MAX_WEEKLY_BUDGET


class RasForm(forms.Form):
    """One radio question per RAS question, in the model's order."""

    def __init__(self, *args: Any, model: RasModel, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in model.questions:
            self.fields[q.code] = forms.ChoiceField(
                label=q.text,
                help_text=f"{model.domain_name(q.domain)}"
                + (" · suggested from the assessment" if q.from_outcome else ""),
                choices=[(o.code, f"{o.text} ({o.points} points)") for o in q.options],
                widget=forms.RadioSelect,
                error_messages={"required": f"Select an answer to: {q.text[0].lower()}{q.text[1:]}"},
            )


class AppealForm(forms.Form):
    reasons = forms.CharField(
        label="Why do you think your budget is not right?",
        help_text="Tell us what we missed or got wrong. Someone who did not do your assessment will look at it again.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us why you think the budget is not right"},
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What is your decision?",
        choices=[("upheld", "Change the budget"), ("not_upheld", "Keep the budget as it is")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to change the budget"},
    )
    revised_weekly_amount = MoneyField(
        label="New weekly budget, in pounds",
        subject="The new weekly budget",
        help_text="Only if you change the budget. For example, 250.00",
        required=False,
        low=Decimal("0.01"),
        high=MAX_WEEKLY_BUDGET,
        error_messages={"invalid": "Enter the new weekly budget in pounds, like 250.00"},
    )
    reasons = forms.CharField(
        label="Reasons for the decision",
        help_text="The person will read this: write it in plain English",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Explain the decision: the person will read it"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == "upheld" and data.get("revised_weekly_amount") is None and not self.errors:
            self.add_error("revised_weekly_amount", "Enter the new weekly budget in pounds, like 250.00")
        return data


class CostsUploadForm(forms.Form):
    """Not used on the page (loading is a command); kept for the thresholds a commissioner may try."""

    thresholds = forms.CharField(
        label="Price table thresholds (points)",
        help_text="Where each price band starts, separated by commas, starting at 0. For example: 0, 20, 60",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"width": "10", "spellcheck": False}),
    )

    def clean_thresholds(self) -> list[int] | None:
        text = self.cleaned_data["thresholds"].strip()
        if not text:
            return None
        try:
            values = [int(part) for part in text.replace(" ", "").split(",") if part]
        except ValueError:
            raise forms.ValidationError("Enter whole numbers of points separated by commas, like 0, 20, 60") from None
        if not values or values[0] != 0 or values != sorted(set(values)):
            raise forms.ValidationError("Thresholds must start at 0 and rise, like 0, 20, 60")
        return values
