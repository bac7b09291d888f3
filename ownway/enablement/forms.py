"""Enablement forms, rendered as GOV.UK components by the project form renderer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField, MoneyField, NumberField, WholeNumberField

from .models import (
    EnablementWorker,
    Goal,
    GoalProgress,
    PlannedVisit,
    ReferralSource,
    RequestKind,
    ShiftKind,
    Skill,
    STS002aSequel,
)


class RotaDayForm(forms.Form):
    date = GovukDateField(
        label="Day of the rota", label_for_errors="The day of the rota", help_text="For example, 27 3 2026"
    )


class MoveForm(forms.Form):
    worker = forms.ChoiceField(label="Who does this visit")
    position = WholeNumberField(
        label="Place in their day",
        low=1,
        high=99,
        width="2",
        help_text="1 for their first visit. A number past their last visit puts it last.",
        error_messages={
            "required": "Enter the place in their day, for example 1",
            "too_small": "The place in the day is 1 or more",
            "too_large": "The place in the day is 99 or less",
            "invalid": "Enter the place in their day as a number, like 2",
        },
    )

    def __init__(self, *args: Any, workers: list[EnablementWorker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Take it off the rota"), *((str(w.pk), f"{w} ({w.area})") for w in workers)]
        field.required = False


class PublishRotaForm(forms.Form):
    """Publishing a draft rota; when it leaves visits out, the rosterer ticks that they publish without them."""

    publish_unplaced = forms.BooleanField(
        required=False,
        label="Publish without the visits that are not on the rota",
        help_text="Nobody will go to them unless you arrange them another way.",
    )


class HourlyCostForm(forms.Form):
    hourly_cost = MoneyField(
        label="Cost of a paid hour, in pounds",
        subject="The cost of a paid hour",
        low=Decimal("0.01"),
        high=Decimal("500"),
        width="5",
        help_text="Pay, on-costs and overheads for one hour of a worker's paid time",
        error_messages={
            "required": "Enter the cost of a paid hour, for example 25.00",
            "invalid": "Enter the cost of a paid hour in pounds, like 25.00",
            "too_small": "The cost of a paid hour must be more than £0",
            "places": "Enter the cost in pounds and pence, like 25.50",
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


class ReferralForm(forms.Form):
    person_reference = forms.CharField(
        label="The person's Ownway reference",
        required=False,
        max_length=12,
        help_text="For example, P0000123. Leave blank if you give a front-door contact instead.",
        widget=forms.TextInput(attrs={"width": "10", "spellcheck": False}),
    )
    contact_reference = forms.CharField(
        label="Or the front-door contact's reference",
        required=False,
        max_length=12,
        help_text="For example, C0000045, if the referral came through the front door",
        widget=forms.TextInput(attrs={"width": "10", "spellcheck": False}),
    )
    date_of_birth = GovukDateField(
        label="Their date of birth",
        label_for_errors="Their date of birth",
        must_be_past=True,
        help_text="For example, 27 3 1957. We check it against their record, so that a mistyped reference "
        "cannot bring up someone else's.",
    )
    source = forms.ChoiceField(
        label="Where the referral came from",
        choices=ReferralSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the referral came from"},
    )
    received_on = GovukDateField(
        label="When it was received", label_for_errors="The date it was received", help_text="For example, 27 3 2026"
    )
    reason = forms.CharField(
        label="Why enablement might help",
        widget=forms.Textarea,
        error_messages={"required": "Say why enablement might help"},
    )


class StartEpisodeForm(forms.Form):
    start_date = GovukDateField(
        label="First day of enablement", label_for_errors="The first day", help_text="For example, 27 3 2026"
    )
    planned_end_date = GovukDateField(
        label="Planned last day",
        label_for_errors="The planned last day",
        help_text="At most six weeks (42 days) after the first day",
    )
    postcode = forms.CharField(
        label="Postcode where the visits happen",
        max_length=8,
        help_text="Usually the person's home. Used to plan workers' travel.",
        widget=forms.TextInput(attrs={"width": "10", "autocomplete": "postal-code"}),
        error_messages={"required": "Enter the postcode where the visits happen"},
    )


class GoalForm(forms.Form):
    in_own_words = forms.CharField(
        label="The goal, in the person's own words",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the goal as the person says it"},
    )
    measure = forms.CharField(
        label="How we will know",
        max_length=300,
        help_text="Specific and measurable, for example 'makes a hot drink unaided, three days running'",
        error_messages={
            "required": "Say how you will both know the goal is met, for example 'make a hot drink unaided'",
            "max_length": "How we will know must be 300 characters or fewer",
        },
    )


def _minutes(label: str, required_message: str, low: int, high: int, *, required: bool = True) -> WholeNumberField:
    return WholeNumberField(
        label=label,
        required=required,
        low=low,
        high=high,
        width="3",
        suffix="minutes",
        error_messages={
            "required": required_message,
            "invalid": f"{label} must be a whole number of minutes",
            "too_small": f"{label} must be {low} minutes or more",
            "too_large": f"{label} must be {high} minutes or fewer",
        },
    )


class PlannedVisitForm(forms.Form):
    preferred_start = forms.TimeField(
        label="Time of the visit",
        input_formats=["%H:%M", "%H.%M"],
        help_text="On the 24-hour clock, for example 08:30",
        widget=forms.TimeInput(format="%H:%M", attrs={"width": "5"}),
        error_messages={
            "required": "Enter the time of the visit, for example 08:30",
            "invalid": "Enter the time of the visit on the 24-hour clock, like 08:30",
        },
    )
    window_minutes = _minutes("Window either way", "Enter how early or late the visit may start", 0, 180)
    duration_minutes = _minutes("Length of the visit", "Enter how long the visit lasts", 5, 240)
    workers_needed = forms.TypedChoiceField(
        label="Workers needed",
        coerce=int,
        choices=[("1", "One worker"), ("2", "Two workers (double-handed)")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one worker or two"},
    )
    skill = forms.ChoiceField(
        label="Skill the visit needs", choices=Skill.choices, error_messages={"required": "Choose the skill"}
    )
    follows = forms.ChoiceField(label="Follows another visit (optional)", required=False)
    min_gap_minutes = _minutes("Shortest gap after it", "", 0, 720, required=False)
    max_gap_minutes = _minutes("Longest gap after it", "", 0, 720, required=False)

    def __init__(self, *args: Any, others: list[PlannedVisit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["follows"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Does not follow another visit"), *((str(v.pk), str(v)) for v in others)]


class WorkerProfileForm(forms.Form):
    area = forms.CharField(
        label="Area the worker covers", max_length=80, error_messages={"required": "Enter the area the worker covers"}
    )
    skills = forms.MultipleChoiceField(
        label="Skills",
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    postcode = forms.CharField(
        label="Home base postcode",
        max_length=8,
        required=False,
        help_text="Where the worker starts and ends the day. Leave blank to keep the home base as it is.",
        widget=forms.TextInput(attrs={"width": "10"}),
    )
    contracted_hours = NumberField(
        label="Contracted hours a week",
        low=Decimal("0.1"),
        high=Decimal("48"),
        places=1,
        suffix="hours",
        error_messages={
            "required": "Enter the worker's contracted hours a week, for example 37.5",
            "invalid": "Enter the contracted hours as a number, like 37.5",
            "places": "Enter the contracted hours to the nearest half hour, like 37.5",
            "too_small": "Contracted hours must be more than 0",
            "too_large": "Contracted hours are at most 48 a week",
        },
    )


class ShiftForm(forms.Form):
    date = GovukDateField(label="Day of the shift", label_for_errors="The day of the shift")
    kind = forms.ChoiceField(
        label="Day or night",
        choices=ShiftKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a day or a night shift"},
    )
    starts = forms.TimeField(
        label="Starts",
        input_formats=["%H:%M", "%H.%M"],
        help_text="On the 24-hour clock, for example 07:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"width": "5"}),
        error_messages={"required": "Enter when the shift starts", "invalid": "Enter the start like 07:00"},
    )
    ends = forms.TimeField(
        label="Ends",
        input_formats=["%H:%M", "%H.%M"],
        help_text="A night shift may end the next morning",
        widget=forms.TimeInput(format="%H:%M", attrs={"width": "5"}),
        error_messages={"required": "Enter when the shift ends", "invalid": "Enter the end like 14:30"},
    )
    break_minutes = _minutes("Break", "Enter the length of the break, 0 if none", 0, 90)


class LeaveForm(forms.Form):
    first_day = GovukDateField(label="First day of leave", label_for_errors="The first day of leave")
    last_day = GovukDateField(label="Last day of leave", label_for_errors="The last day of leave")
    reason = forms.CharField(
        label="Reason",
        max_length=80,
        initial="Annual leave",
        error_messages={"required": "Enter the reason, for example Annual leave"},
    )
