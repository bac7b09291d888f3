"""Forms for a person's consent for a carer, and for booking a break from caring."""

from __future__ import annotations

from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField

from .models import WEEKDAYS, BreakKind

_TEXT = {"rows": 3}

COVER_CHOICES = [
    ("plan", "Their current support plan"),
    ("reviews", "Their reviews: when they are, how they went and what was decided"),
    ("day_breaks", "Which days and parts of the day they are at day opportunities (not where)"),
]


def _choose(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _time(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text="For example, 10:00 (a 24-hour time)",
        widget=forms.TimeInput(format="%H:%M", attrs={"width": "5"}),
        input_formats=["%H:%M", "%H.%M"],
        error_messages={"required": f"Enter the {label.lower()}",
                        "invalid": f"Enter the {label.lower()} as a time between 00:00 and 23:59, like 10:00"},
    )  # fmt: skip


class ConsentForm(forms.Form):
    carer = forms.ChoiceField(label="Carer", error_messages={"required": "Choose the carer",
                                                             "invalid_choice": "Choose the carer"})  # fmt: skip
    covers = forms.MultipleChoiceField(
        label="What they agree the carer may see",
        choices=COVER_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all they agree to",
        error_messages={"required": "Choose what they agree the carer may see",
                        "invalid_choice": "Choose from the list what they agree the carer may see"},
    )  # fmt: skip
    given_on = GovukDateField(label="Date they gave consent", label_for_errors="The date they gave consent",
                              not_future=True, help_text="For example, 27 3 2026")  # fmt: skip

    def __init__(self, *args: Any, carers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "carer", carers)


class BreakForm(forms.Form):
    cared_for = forms.ChoiceField(
        label="Who they care for", error_messages={"required": "Choose who they care for",
                                                   "invalid_choice": "Choose who they care for"},
    )  # fmt: skip
    service = forms.ChoiceField(
        label="Service", help_text="Short breaks, respite, sitting services and day opportunities in the directory",
        error_messages={"required": "Choose the service", "invalid_choice": "Choose the service from the list"},
    )  # fmt: skip
    kind = forms.ChoiceField(
        label="How often",
        choices=BreakKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often", "invalid_choice": "Choose how often"},
    )
    weekday = forms.TypedChoiceField(
        label="Day of the week (for a weekly break)",
        choices=[("", "Choose a day"), *[(str(n), name) for n, name in WEEKDAYS]],
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose the day of the week"},
    )
    starts_on = GovukDateField(label="First day", label_for_errors="The first day", help_text="For example, 2 6 2026")
    ends_on = GovukDateField(
        label="Last day", label_for_errors="The last day", required=False,
        help_text="For a one-off, the day it ends. For a weekly break, leave it empty if it goes on",
    )  # fmt: skip
    start_time = _time("Start time")
    end_time = _time("End time")
    plan_line = forms.ChoiceField(
        label="Paid from the carer's plan (optional)", required=False,
        error_messages={"invalid_choice": "Choose a line of the carer's current plan"},
    )  # fmt: skip
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs=_TEXT))  # fmt: skip

    def __init__(
        self,
        *args: Any,
        cared_for: list[tuple[str, str]],
        services: list[tuple[str, str]],
        plan_lines: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "cared_for", cared_for)
        _choose(self, "service", [("", "Choose a service"), *services])
        _choose(self, "plan_line", [("", "Not paid from the plan"), *plan_lines])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == BreakKind.WEEKLY and data.get("weekday") in (None, ""):
            self.add_error("weekday", "Choose the day of the week the break is on")
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why it is cancelled", max_length=2000, widget=forms.Textarea(attrs=_TEXT),
        error_messages={"required": "Say why the break is cancelled",
                        "max_length": "Why it is cancelled must be 2,000 characters or fewer"},
    )  # fmt: skip
