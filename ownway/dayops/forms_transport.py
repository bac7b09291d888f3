"""Transport forms: a placement's travel, travel training, the fleet's vehicles and drivers, planning a day."""

from __future__ import annotations

from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField

from .models import TrainingSupport, TravelMode

_TEXT = {"rows": 3}


def _time(label: str, required: bool = False) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=required,
        help_text="For example, 08:15",
        widget=forms.TimeInput(format="%H:%M", attrs={"width": "5"}),
        error_messages={"invalid": f"Enter the {label.lower().removesuffix(' (optional)')} as a time, like 08:15"},
    )


def _choose(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class TravelForm(forms.Form):
    placement = forms.ChoiceField(label="Placement", error_messages={"required": "Choose the placement"})
    mode = forms.ChoiceField(
        label="How they travel",
        choices=TravelMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they travel"},
    )
    pickup_address = forms.CharField(
        label="Address they are picked up from (if the provider or the council's fleet takes them)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    pickup_postcode = forms.CharField(label="Postcode of the pick-up address", max_length=10, required=False)
    wheelchair = forms.BooleanField(label="Travels in their wheelchair (needs a wheelchair space)", required=False)
    escort = forms.BooleanField(label="An escort travels with them", required=False)
    needs_notes = forms.CharField(
        label="Notes for the driver (optional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="What helps them travel, for example 'needs help with the seat belt'",
    )
    pickup_from = _time("Earliest pick-up time (optional)")
    pickup_until = _time("Latest pick-up time (optional)")
    return_at = _time("Time they are taken home (optional)")
    max_ride_minutes = forms.IntegerField(
        label="Longest time on board, in minutes",
        initial=60,
        min_value=10,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": "3"}),
        error_messages={
            "required": "Enter the longest time on board",
            "invalid": "Enter the longest time on board as a number of minutes",
            "min_value": "The longest time on board must be between 10 and 120 minutes",
            "max_value": "The longest time on board must be between 10 and 120 minutes",
        },
    )
    from_date = GovukDateField(label="From", label_for_errors="The date it starts", help_text="For example, 27 3 2026")
    reason = forms.CharField(label="Why it changes (optional)", max_length=1000, required=False,
                             widget=forms.Textarea(attrs=_TEXT))  # fmt: skip

    def __init__(self, *args: Any, placements: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "placement", placements)


class TrainingStartForm(forms.Form):
    placement = forms.ChoiceField(label="Placement", error_messages={"required": "Choose the placement"})
    goal = forms.CharField(
        label="What they are learning to do",
        max_length=1000,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="For example, take the 11 bus from home to the centre",
        error_messages={"required": "Say what they are learning to do"},
    )
    started_on = GovukDateField(label="Started on", label_for_errors="The start date", not_future=True)

    def __init__(self, *args: Any, placements: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "placement", placements)


class TrainingStepForm(forms.Form):
    date = GovukDateField(label="Date", label_for_errors="The date", not_future=True)
    step = forms.CharField(
        label="What they did",
        max_length=1000,
        widget=forms.Textarea(attrs=_TEXT),
        error_messages={"required": "Say what they did"},
    )
    support = forms.ChoiceField(
        label="Support they had",
        choices=TrainingSupport.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how much support they had"},
    )


class TrainingEndForm(forms.Form):
    ended_on = GovukDateField(label="Date", label_for_errors="The date", not_future=True)
    achieved = forms.ChoiceField(
        label="How it ended",
        choices=[("yes", "They travel on their own now"), ("no", "Stopped without travelling on their own")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it ended"},
    )


class VehicleForm(forms.Form):
    registration = forms.CharField(label="Registration", max_length=10,
                                   error_messages={"required": "Enter the registration"})  # fmt: skip
    name = forms.CharField(label="Name (optional)", max_length=100, required=False)
    seats = forms.IntegerField(
        label="Seats",
        min_value=1,
        max_value=80,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": "3"}),
        error_messages={"required": "Enter the number of seats", "invalid": "Enter the number of seats",
                        "min_value": "Enter the number of seats, from 1 to 80",
                        "max_value": "Enter the number of seats, from 1 to 80"},
    )  # fmt: skip
    wheelchair_spaces = forms.IntegerField(
        label="Wheelchair spaces",
        min_value=0,
        max_value=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": "3"}),
        error_messages={"required": "Enter the number of wheelchair spaces",
                        "invalid": "Enter the number of wheelchair spaces",
                        "min_value": "Enter the number of wheelchair spaces, from 0 to 10",
                        "max_value": "Enter the number of wheelchair spaces, from 0 to 10"},
    )  # fmt: skip
    depot_name = forms.CharField(label="Depot", max_length=100, error_messages={"required": "Enter the depot's name"})
    depot_postcode = forms.CharField(label="Depot postcode", max_length=10,
                                     error_messages={"required": "Enter the depot's postcode"})  # fmt: skip


class VehicleChangeForm(VehicleForm):
    """A vehicle's seats, wheelchair spaces, depot and name; its registration stays as it is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["registration"]


class VehicleRetireForm(forms.Form):
    from_date = GovukDateField(label="Retire it from", label_for_errors="The date to retire it from",
                               help_text="Runs before this day stay as planned. For example, 27 3 2026")  # fmt: skip


class DriverForm(forms.Form):
    driver_name = forms.CharField(label="Driver's name", max_length=100,
                                  error_messages={"required": "Enter the driver's name"})  # fmt: skip
    phone = forms.CharField(label="Phone (optional)", max_length=30, required=False)
    vehicle = forms.ChoiceField(label="Vehicle they usually drive", required=False)

    def __init__(self, *args: Any, vehicles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "vehicle", [("", "None"), *vehicles])


class FleetPlanForm(forms.Form):
    date = GovukDateField(label="Day to plan", label_for_errors="The day to plan", help_text="For example, 27 3 2026")
