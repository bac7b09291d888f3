"""Support plan forms: each part of the task list is one form; the services check and save."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from ownway.directory.services import MAX_PA_HOURLY_RATE
from ownway.ui.forms import GovukDateField, MoneyField, NumberField

from .models import FrequencyChoices, LineKind, ManagementChoices, PlanOutcome
from .rules.costs import MAX_UNIT_COST, MAX_UNITS, MAX_WEEKLY, MIN_UNITS
from .rules.management import SERVICE_COMPONENTS, SERVICE_TYPES
from .rules.timetable import SLOT_LABELS, SLOTS


def _money(label: str, hint: str = "", required: bool = True, high: Decimal = MAX_WEEKLY) -> MoneyField:
    return MoneyField(
        label=label,
        help_text=hint,
        required=required,
        high=high,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


class StartPlanForm(forms.Form):
    indicative_budget_weekly = _money(
        "Indicative budget a week", "From the Resource Allocation System, or as agreed at assessment", required=False
    )
    indicative_budget_source = forms.CharField(
        label="Where the indicative budget came from", required=False, max_length=200
    )
    contribution_weekly = _money("Contribution a week", "From the person's financial assessment; 0 if none")
    contribution_source = forms.CharField(label="Where the contribution came from", required=False, max_length=200)


class OutcomeForm(forms.Form):
    own_words = forms.CharField(
        label="What the person wants, in their own words",
        help_text="Write it as they say it, for example “I want to get to choir on Thursdays”",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the outcome in the person's own words"},
    )


class LineForm(forms.Form):
    outcome = forms.ModelChoiceField(
        queryset=PlanOutcome.objects.none(),
        label="Which outcome this meets",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the outcome this meets"},
    )
    kind = forms.ChoiceField(
        label="How it will be met",
        choices=LineKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how this outcome will be met"},
    )
    #: Set when the line was started from a service in the directory.
    directory_service = forms.UUIDField(required=False, widget=forms.HiddenInput)
    description = forms.CharField(
        label="What the support is", max_length=500, error_messages={"required": "Describe the support"}
    )
    provider_name = forms.CharField(
        label="Who gives it",
        help_text="A family member, a PA's name, a provider or group",
        required=False,
        max_length=200,
        error_messages={"max_length": "Who gives it must be 200 characters or fewer"},
    )
    pa_hourly_rate = _money(
        "PA's hourly pay", "For personal assistant hours only", required=False, high=MAX_PA_HOURLY_RATE
    )
    unit = forms.CharField(label="Unit", help_text="For example session, day, item", required=False, max_length=40)
    unit_cost = _money(
        "Cost of one unit", "Not needed for PA hours or unpaid support", required=False, high=MAX_UNIT_COST
    )
    units = NumberField(
        label="How many",
        help_text="Hours a week for a PA; units each time otherwise",
        required=False,
        low=MIN_UNITS,
        high=MAX_UNITS,
        places=2,
    )
    frequency = forms.ChoiceField(label="How often", choices=FrequencyChoices.choices, initial="weekly")
    management = forms.ChoiceField(
        label="How this part of the budget is managed", choices=ManagementChoices.choices, initial="not_paid"
    )
    recipient_name = forms.CharField(label="Name of the nominated or authorised person", required=False, max_length=200)
    service_type = forms.ChoiceField(
        label="CLD service type",
        required=False,
        choices=[("", "Not recorded"), *((v, v) for v in SERVICE_TYPES)],
        # The national Client Level Data wording, with its shorthand explained for new workers (ownway.guide).
        help_text="CLD is the Client Level Data return to the Department of Health and Social Care. “ST-Max” means "
        "short-term support to maximise independence, such as reablement.",
    )
    service_component = forms.ChoiceField(
        label="CLD service component",
        required=False,
        choices=[("", "Not recorded"), *((v, v) for v in SERVICE_COMPONENTS)],
    )
    timetable = forms.MultipleChoiceField(
        label="When in the week",
        required=False,
        choices=[(slot, SLOT_LABELS[slot]) for slot in SLOTS],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, outcomes: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if outcomes is not None:
            self.fields["outcome"].queryset = outcomes  # type: ignore[attr-defined]
            self.fields["outcome"].label_from_instance = lambda o: o.own_words  # type: ignore[attr-defined]


class DetailsForm(forms.Form):
    written_with = forms.CharField(
        label="Who wrote the plan with the person", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    risks = forms.CharField(
        label="Risks, and how they are managed", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    contingency = forms.CharField(
        label="What happens if something goes wrong",
        help_text="For example, “if my PA is ill…”",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reason_for_difference = forms.CharField(
        label="Why the plan costs more or less than the indicative budget",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    starts_on = GovukDateField(
        label="When the plan starts", label_for_errors="The date the plan starts", required=False
    )
    confirm_start = forms.BooleanField(
        label="Yes, the support really started on this date",
        help_text="Only needed for a start more than 4 weeks ago: the budget, direct payments and what the person "
        "pays are all backdated to it",
        required=False,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve the plan"), ("send_back", "Send it back to be changed")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve the plan"},
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reasons for your decision"},
    )


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label="Search the directory of services",
        help_text="Words from the service's name or what it does, for example “choir” or “day centre”",
        required=False,
        max_length=200,
    )
