"""Forms for a week of a service's register and for following up absences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField

from .models import DAY_NAMES, AbsenceReason, Placement, SessionPart

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


class PlacementChangeForm(forms.Form):
    """New days or part of the day from a date."""

    days = forms.MultipleChoiceField(
        label="Days from now on",
        choices=list(DAY_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the days they go", "invalid_choice": "Choose days of the week"},
    )
    session = forms.ChoiceField(
        label="Part of the day",
        choices=SessionPart.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the part of the day"},
    )
    takes_effect = GovukDateField(label="From", label_for_errors="The date of the change",
                                  help_text="The first day of the new pattern, for example 27 3 2026")  # fmt: skip
    reason = forms.CharField(
        label="Why it is changing",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the placement is changing"},
    )


class PlacementEndForm(forms.Form):
    """The placement's last day, a new one, or none."""

    ends_on = GovukDateField(label="Last day", label_for_errors="The last day", required=False,
                             help_text="Leave it empty to take the end date away")  # fmt: skip
    reason = forms.CharField(
        label="Why it is ending, or its end date moving",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the placement is ending or its end date is moving"},
    )
