from __future__ import annotations

import datetime as dt

from django import forms


class ScheduleForm(forms.Form):
    at = forms.CharField(
        label="Time it starts",
        help_text="A 24-hour time in the UK, like 06:00 or 18:30",
        max_length=5,
        error_messages={"required": "Enter the time it starts, like 06:00"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
    )
    enabled = forms.ChoiceField(
        label="Does it run?",
        choices=[("yes", "Yes, at this time"), ("no", "No, not until it is turned on again")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it runs"},
    )

    def clean_at(self) -> dt.time:
        text = self.cleaned_data["at"].strip()
        try:
            if len(text) != 5 or text[2] != ":":
                raise ValueError
            return dt.time.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError("Enter a 24-hour time as hours and minutes, like 06:00 or 18:30") from None
