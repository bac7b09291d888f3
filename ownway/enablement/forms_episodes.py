"""Forms to extend an episode, hand it to long-term support, and record its follow-ups."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from ownway.accounts.models import Team
from ownway.ui.forms import GovukDateField, NumberField

from .models import SupportAfter


class ExtendForm(forms.Form):
    new_end = GovukDateField(
        label="New planned end", label_for_errors="The new planned end", help_text="For example, 27 3 2026"
    )
    reason = forms.CharField(
        label="Why the person needs longer",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Say why the person needs longer"},
    )


class HandOffForm(forms.Form):
    to_team = forms.ChoiceField(
        label="The team that will give long-term support",
        error_messages={"required": "Choose the team that will give long-term support"},
    )
    needs = forms.CharField(
        label="What support the person still needs",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Say what support the person still needs"},
    )

    def __init__(self, *args: Any, teams: list[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_team"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a team"), *((str(t.pk), t.name) for t in teams)]


def _hours(label: str) -> NumberField:
    return NumberField(
        label=label, low=Decimal(0), high=Decimal(168), places=2, example="10.5", suffix="hours a week",
        error_messages={"required": f"Enter the {label.lower()}, 0 if none"},
    )  # fmt: skip


class FollowUpForm(forms.Form):
    at_home = forms.ChoiceField(
        label="Is the person living at home?",
        choices=[("yes", "Yes"), ("no", "No: in hospital, a care home, or they have died")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the person is living at home"},
    )
    support_after = forms.ChoiceField(
        label="The long-term support they need now",
        choices=SupportAfter.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the long-term support the person needs now"},
    )
    care_hours_start = _hours("Care hours a week at the start")
    care_hours_now = _hours("Care hours a week now")
    note = forms.CharField(label="Anything else (optional)", required=False, max_length=5000, widget=forms.Textarea)
