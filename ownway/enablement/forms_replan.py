"""The forms of re-planning a published day: who is off sick, or which visit is added or cancelled, and from when."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import EnablementWorker, PlannedVisit


def _at() -> forms.TimeField:
    return forms.TimeField(
        label="From what time",
        input_formats=["%H:%M", "%H.%M"],
        help_text="On the 24-hour clock, for example 10:00. Visits that start before then stay as they are.",
        widget=forms.TimeInput(format="%H:%M", attrs={"width": "5"}),
        error_messages={"required": "Enter the time of the change, like 10:00", "invalid": "Enter the time like 10:00"},
    )


def _visit_label(visit: PlannedVisit) -> str:
    return f"{visit.preferred_start:%H:%M}: {visit.episode.person.full_name} ({visit.duration_minutes} minutes)"


class OffSickForm(forms.Form):
    worker = forms.ChoiceField(label="Who is off sick", error_messages={"required": "Choose who is off sick"})
    at = _at()

    def __init__(self, *args: Any, workers: list[EnablementWorker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a worker"), *((str(w.pk), str(w)) for w in workers)]
        field.error_messages["invalid_choice"] = "Choose a worker on the rota for this day"


class VisitChangeForm(forms.Form):
    visit = forms.ChoiceField(label="Which visit", error_messages={"required": "Choose the visit"})
    at = _at()

    def __init__(self, *args: Any, visits: list[PlannedVisit], adding: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["visit"]
        assert isinstance(field, forms.ChoiceField)
        field.label = "Which visit to add" if adding else "Which visit to cancel"
        field.choices = [("", "Choose a visit"), *((str(v.pk), _visit_label(v)) for v in visits)]
        field.error_messages["invalid_choice"] = (
            "Choose a visit in the plan that is not on the rota" if adding else "Choose a visit on the rota"
        )
