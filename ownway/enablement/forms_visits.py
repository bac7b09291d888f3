"""The form a worker fills in on their phone at a visit (with or without the page's script)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from .models import Goal, GoalProgress, RecordingKind, VisitReason


class VisitRecordForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, error_messages={"invalid": "The recording's id is not valid"})
    kind = forms.ChoiceField(
        choices=RecordingKind.choices,
        widget=forms.HiddenInput,
        error_messages={"required": "Choose whether you arrived, left, or could not do the visit"},
    )
    device_time = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    note = forms.CharField(
        label="What happened on the visit (optional)", required=False, max_length=5000, widget=forms.Textarea
    )
    goal = forms.ChoiceField(label="Which goal it was about (optional)", required=False)
    progress = forms.ChoiceField(
        label="How far the goal has come (optional)",
        required=False,
        choices=[("", "No change to say"), *GoalProgress.choices],
    )
    reason = forms.ChoiceField(
        label="If the visit was missed or cut short, why",
        required=False,
        choices=[("", "It was not"), *VisitReason.choices],
    )

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["goal"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Not about one goal"), *((str(g.pk), g.in_own_words) for g in goals)]

    def clean_device_time(self) -> dt.datetime | None:
        value = self.cleaned_data["device_time"].strip()
        if not value:
            return None
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise forms.ValidationError("The phone's time is not a time") from None
        if moment.tzinfo is None:
            raise forms.ValidationError("The phone's time must say its time zone")
        return moment
