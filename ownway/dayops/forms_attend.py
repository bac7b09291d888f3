"""Forms for a week of a service's register and for following up absences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from .models import AbsenceReason, Placement

#: What a register says of one person on a day, as the week's form offers it (blank: not marked yet).
WEEK_CHOICES = [
    ("", "Not marked"),
    ("attended", "Came"),
    *((value, f"Absent: {label.lower()}") for value, label in AbsenceReason.choices),
]


def mark_name(day: dt.date, placement: Placement) -> str:
    return f"m{day:%Y%m%d}_{placement.pk}"


class WeekRegisterForm(forms.Form):
    """One drop-down a person and day: did they come, and if not, why. Works on a phone's width, without
    scripts, sent with one button."""

    def __init__(self, *args: Any, placements: list[tuple[dt.date, Placement]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keys: dict[str, tuple[dt.date, int]] = {}
        for day, placement in placements:
            name = mark_name(day, placement)
            self._keys[name] = (day, placement.pk)
            self.fields[name] = forms.ChoiceField(
                label=placement.person.full_name,
                choices=WEEK_CHOICES,
                required=False,
                error_messages={"invalid_choice": f"Choose whether {placement.person.full_name} came"},
            )

    def marks(self) -> dict[dt.date, dict[int, str]]:
        """The marks given, by day and placement (a blank is left as it was)."""
        marks: dict[dt.date, dict[int, str]] = {}
        for name, value in self.cleaned_data.items():
            if value and name in self._keys:
                day, pk = self._keys[name]
                marks.setdefault(day, {})[pk] = value
        return marks


class FollowUpForm(forms.Form):
    alert = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    note = forms.CharField(
        label="What you did",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what you did to follow up the absences"},
    )
