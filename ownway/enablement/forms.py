"""Enablement forms, rendered as GOV.UK components by the project form renderer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField

from .models import EnablementWorker, Goal, GoalProgress, RequestKind, STS002aSequel


class RotaDayForm(forms.Form):
    date = GovukDateField(
        label="Day of the rota", label_for_errors="The day of the rota", help_text="For example, 27 3 2026"
    )


class MoveForm(forms.Form):
    worker = forms.ChoiceField(label="Who does this visit")
    position = forms.IntegerField(
        label="Place in their day",
        min_value=1,
        max_value=99,
        help_text="1 for their first visit. A number past their last visit puts it last.",
        error_messages={
            "required": "Enter the place in their day, for example 1",
            "min_value": "The place in the day is 1 or more",
            "max_value": "The place in the day is 99 or less",
            "invalid": "Enter the place in their day as a number, like 2",
        },
    )

    def __init__(self, *args: Any, workers: list[EnablementWorker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Take it off the rota"), *((str(w.pk), f"{w} ({w.area})") for w in workers)]
        field.required = False


class HourlyCostForm(forms.Form):
    hourly_cost = forms.DecimalField(
        label="Cost of a paid hour, in pounds",
        min_value=Decimal("0.01"),
        max_value=Decimal("500"),
        decimal_places=2,
        help_text="Pay, on-costs and overheads for one hour of a worker's paid time",
        error_messages={
            "required": "Enter the cost of a paid hour, for example 25.00",
            "invalid": "Enter the cost of a paid hour in pounds, like 25.00",
            "min_value": "The cost of a paid hour must be more than £0",
            "max_value": "The cost of a paid hour must be £500 or less",
            "max_decimal_places": "Enter the cost in pounds and pence, like 25.50",
        },
    )


class RosterRequestForm(forms.Form):
    date = GovukDateField(label="Which day", label_for_errors="The day", help_text="For example, 27 3 2026")
    kind = forms.ChoiceField(
        label="What would you like",
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you would like on that day"},
    )
    note = forms.CharField(label="Anything the rosterer should know (optional)", required=False, max_length=200)


class VisitNoteForm(forms.Form):
    note = forms.CharField(
        label="What happened on the visit",
        widget=forms.Textarea,
        error_messages={"required": "Write what happened on the visit"},
    )
    goal = forms.ChoiceField(label="Which goal it was about (optional)", required=False)
    progress = forms.ChoiceField(
        label="How far the goal has come (optional)",
        required=False,
        choices=[("", "No change to say"), *GoalProgress.choices],
    )

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["goal"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Not about one goal"), *((str(g.pk), g.in_own_words) for g in goals)]


class EndEpisodeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What followed the enablement",
        choices=STS002aSequel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what followed the enablement"},
    )
