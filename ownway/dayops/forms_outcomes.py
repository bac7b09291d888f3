"""Forms for a placement's goals, their review, work taken up and the employment outcomes' period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from ownway.core.text import shortened
from ownway.ui.forms import GovukDateField, NumberField

from .models import PROGRESS_SCALE, GoalKind, PlacementGoal, WorkKind

_TEXT = {"rows": 3}


class GoalForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of goal",
        choices=GoalKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what kind of goal it is",
            "invalid_choice": "Choose what kind of goal it is",
        },
    )
    own_words = forms.CharField(
        label="The goal, in their own words",
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="For example, “I want to catch the bus to college on my own”",
        error_messages={"required": "Write the goal in their own words"},
    )
    set_on = GovukDateField(label="Date the goal was set", label_for_errors="The date the goal was set",
                            not_future=True, help_text="For example, 27 3 2026")  # fmt: skip


class PlacementReviewForm(forms.Form):
    """The date, and for each goal being worked towards: how far they have got and what they say about it."""

    reviewed_on = GovukDateField(label="Date of the review", label_for_errors="The date of the review",
                                 not_future=True, help_text="For example, 27 3 2026")  # fmt: skip
    progression_review = forms.ChoiceField(label="Held with a progression review", required=False)

    def __init__(self, *args: Any, goals: list[PlacementGoal], progression: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        held = self.fields["progression_review"]
        assert isinstance(held, forms.ChoiceField)
        held.choices = [("", "No, a placement review on its own")] + [
            (str(r.pk), f"Progression review of {r.reviewed_on:%d/%m/%Y}") for r in progression
        ]
        self.goals = goals
        for goal in goals:
            name = shortened(goal.own_words, 80)
            self.fields[f"scale_{goal.pk}"] = forms.TypedChoiceField(
                label=f"How far have they got with “{name}”?",
                choices=[("", "Not reviewed this time"), *((str(k), f"{k}: {v}") for k, v in PROGRESS_SCALE.items())],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": f"Choose how far they have got with “{shortened(name, 60)}”"},
            )
            self.fields[f"words_{goal.pk}"] = forms.CharField(
                label="What they say about it, in their own words",
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs=_TEXT),
            )

    def progress(self) -> dict[int, tuple[int, str]]:
        """Each goal given a point on the scale (or words), by id."""
        data = self.cleaned_data
        result = {}
        for goal in self.goals:
            scale, words = data.get(f"scale_{goal.pk}"), data.get(f"words_{goal.pk}") or ""
            if scale not in (None, "") or words.strip():
                result[goal.pk] = (scale if isinstance(scale, int) else 0, words)
        return result


class WorkForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of work", choices=WorkKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose paid work or voluntary work",
                        "invalid_choice": "Choose paid work or voluntary work"},
    )  # fmt: skip
    role = forms.CharField(
        label="What they do and where",
        max_length=200,
        help_text="For example, café assistant at the Arts Centre",
        error_messages={"required": "Say what they do and where"},
    )
    hours_per_week = NumberField(
        label="Hours a week", low=Decimal("0.5"), high=Decimal(168), places=1, subject="Hours a week", suffix="hours"
    )
    starts_on = GovukDateField(label="Date they started", label_for_errors="The date they started", not_future=True,
                               help_text="For example, 27 3 2026")  # fmt: skip
    ends_on = GovukDateField(label="Date it ended (optional)", label_for_errors="The date it ended", required=False)


class PeriodForm(forms.Form):
    """A GET form: the period the employment outcomes are counted for."""

    starts_on = GovukDateField(label="From", label_for_errors="The start of the period", earliest=dt.date(2000, 1, 1))
    ends_on = GovukDateField(label="To", label_for_errors="The end of the period", earliest=dt.date(2000, 1, 1))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end:
            if end < start:
                self.add_error("ends_on", "The end of the period must be on or after its start")
            elif end > dt.date(2100, 1, 1):
                self.add_error("ends_on", "The end of the period must be before 2100")
        return data
