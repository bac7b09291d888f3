"""Direct payment forms."""

from __future__ import annotations

from django import forms

from ownway.planning.models import BudgetLine
from ownway.ui.forms import GovukDateField, MoneyField

from .models import Basis, Recipient, StartCheck
from .rules.bacs import ACCOUNT_NAME_LENGTH, ALLOWED_IN_WORDS
from .statements import MAX_BALANCE


class AgreementForm(forms.Form):
    recipient = forms.ChoiceField(label="Who receives the payment", choices=Recipient.choices, widget=forms.RadioSelect)
    recipient_name = forms.CharField(
        label="Their full name", max_length=200, error_messages={"required": "Enter the name of who receives it"}
    )
    account_name = forms.CharField(
        label="Name on the account",
        help_text=f"Up to {ACCOUNT_NAME_LENGTH} characters: a bank payment carries no more. Use {ALLOWED_IN_WORDS} "
        "only. Accents are taken off and capitals used, so Zoë Ní Bhriain becomes ZOE NI BHRIAIN. If the name is "
        "longer, shorten it the way the bank does, for example with initials.",
        error_messages={"required": "Enter the name on the account"},
    )
    sort_code = forms.CharField(
        label="Sort code", max_length=8, error_messages={"required": "Enter a sort code, like 30-94-57"}
    )
    account_number = forms.CharField(
        label="Account number", max_length=10, error_messages={"required": "Enter an account number of 8 digits"}
    )
    basis = forms.ChoiceField(label="The contribution", choices=Basis.choices, widget=forms.RadioSelect)
    starts_on = GovukDateField(label="When the direct payment starts", label_for_errors="The start date")
    agreed_on = GovukDateField(
        label="When the person agreed", label_for_errors="The date the person agreed", not_future=True
    )


#: The most a reason or a note on a direct payment may be.
MAX_REASON = 2000


def _reason(label: str = "Reason") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REASON,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "max_length": f"{label} must be {MAX_REASON:,} characters or fewer",
        },
    )


class SuspendForm(forms.Form):
    starts_on = GovukDateField(label="Suspend from", label_for_errors="The date payments stop")
    reason = _reason()


class ResumeForm(forms.Form):
    resumes_on = GovukDateField(label="Pay again from", label_for_errors="The date payments start again")


class EndForm(forms.Form):
    ends_on = GovukDateField(label="Last day of the direct payment", label_for_errors="The last day")
    reason = _reason()


class ReviewForm(forms.Form):
    held_on = GovukDateField(label="When the review took place", label_for_errors="The date of the review")
    notes = _reason("What the review found")


class RecoveryForm(forms.Form):
    persons_view = _reason("What the person said")
    amount_to_recover = MoneyField(
        label="Amount to ask back",
        subject="The amount to ask back",
        help_text="0 if the person keeps it",
        high=MAX_BALANCE,
        error_messages={"required": "Enter the amount to ask back, or 0"},
    )
    reasons = _reason("Reasons for the decision")


class SwitchForm(forms.Form):
    line: forms.ModelChoiceField[BudgetLine] = forms.ModelChoiceField(
        queryset=BudgetLine.objects.none(),
        label="Which support the council will arrange instead",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the support"},
    )
    effective_on = GovukDateField(label="From", label_for_errors="The date it changes")
    reason = _reason()

    def __init__(self, *args: object, lines: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["line"].queryset = lines  # type: ignore[attr-defined]
        self.fields["line"].label_from_instance = lambda line: line.plan_line.description  # type: ignore[attr-defined]


class StartChecksForm(forms.Form):
    checks = forms.MultipleChoiceField(
        label="Which checks are done",
        choices=StartCheck.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick each check that is done", "invalid_choice": "Choose checks from the list"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=300,
        help_text="For example, the insurer and policy number, or who gives back-up cover",
        error_messages={"max_length": "The note must be 300 characters or fewer"},
    )
