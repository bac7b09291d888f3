"""Day-opportunity forms, rendered as GOV.UK components by the project form renderer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from ownway.ui.forms import GovukDateField

from .models import DAY_NAMES, AbsenceReason, Complexity, Provision, ReviewDecision, SessionPart, Tier

_TEXT = {"rows": 3}


class TierForm(forms.Form):
    tier = forms.ChoiceField(
        label="Tier", choices=Tier.choices, widget=forms.RadioSelect, error_messages={"required": "Choose a tier"}
    )
    reason = forms.CharField(
        label="Why this tier is right for them",
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXT),
        error_messages={"required": "Say why this tier is right for them"},
    )
    decided_on = GovukDateField(label="Date of the decision", label_for_errors="The date of the decision",
                                not_future=True, help_text="For example, 27 3 2026")  # fmt: skip
    review_due = GovukDateField(
        label="Date of the review (optional)",
        label_for_errors="The date of the review",
        required=False,
        help_text="Not for Enablement: it is reviewed after its set number of weeks",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        weeks = settings.OWNWAY_DAYOPS_ENABLEMENT_WEEKS
        self.fields["review_due"].help_text = f"Not for Enablement: it is reviewed {weeks} weeks after it starts"


class ReviewForm(forms.Form):
    reviewed_on = GovukDateField(label="Date of the review", label_for_errors="The date of the review",
                                 not_future=True, help_text="For example, 27 3 2026")  # fmt: skip
    outcomes_own_words = forms.CharField(
        label="What they have achieved, in their own words",
        max_length=4000,
        widget=forms.Textarea(attrs=_TEXT),
        error_messages={"required": "Write what they have achieved, in their own words"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the review decided"},
    )
    tier = forms.ChoiceField(
        label="The tier they move to (if they move)", choices=Tier.choices, widget=forms.RadioSelect, required=False
    )
    reasons = forms.CharField(
        label="Reasons for the decision",
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXT),
        error_messages={"required": "Give the reasons for the decision"},
    )
    next_review_on = GovukDateField(
        label="Date of the next review (if they stay)",
        label_for_errors="The date of the next review",
        required=False,
        help_text="For example, 27 3 2026",
    )


class PlacementForm(forms.Form):
    service = forms.ChoiceField(label="Day service", error_messages={"required": "Choose the day service"})
    days = forms.MultipleChoiceField(
        label="Days",
        choices=list(DAY_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose Saturday or Sunday for weekends",
        error_messages={"required": "Choose the days they go", "invalid_choice": "Choose days of the week"},
    )
    session = forms.ChoiceField(
        label="Part of the day",
        choices=SessionPart.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the part of the day"},
    )
    starts_on = GovukDateField(
        label="Start date", label_for_errors="The start date", help_text="For example, 27 3 2026"
    )
    ends_on = GovukDateField(label="End date (optional)", label_for_errors="The end date", required=False)
    plan_line = forms.ChoiceField(label="Paid for through", required=False)

    def __init__(self, *args: Any, services: list[tuple[str, str]], lines: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        assert isinstance(service, forms.ChoiceField)
        service.choices = [("", "Choose a service"), *services]
        line = self.fields["plan_line"]
        assert isinstance(line, forms.ChoiceField)
        line.choices = [("", "They pay for it themselves"), *lines]


class RegisterForm(forms.Form):
    """One question a person on the register: did they come, and if not, why (a phone's width of radios)."""

    def __init__(self, *args: Any, placements: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            ("attended", "Came"),
            *((value, f"Absent: {label.lower()}") for value, label in AbsenceReason.choices),
        ]
        for placement in placements:
            self.fields[f"p{placement.pk}"] = forms.ChoiceField(
                label=placement.person.full_name,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": f"Choose whether {placement.person.full_name} came"},
            )

    def marks(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value}


class ComplexityForm(forms.Form):
    complexity = forms.ChoiceField(
        label="How complex is their need?",
        choices=[*Complexity.choices, ("not_classified", "Not classified")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how complex their need is",
                        "invalid_choice": "Choose how complex their need is"},
    )  # fmt: skip
    classified_on = GovukDateField(label="Date classified", label_for_errors="The date classified", not_future=True,
                                   help_text="For example, 27 3 2026")  # fmt: skip


class ProvisionForm(forms.Form):
    provision = forms.ChoiceField(
        label="Who runs the service?",
        choices=Provision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who runs the service", "invalid_choice": "Choose who runs the service"},
    )
