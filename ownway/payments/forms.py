"""Direct payment forms."""

from __future__ import annotations

from django import forms

from ownway.ui.forms import GovukDateField

from .models import Basis, Recipient


class AgreementForm(forms.Form):
    recipient = forms.ChoiceField(label="Who receives the payment", choices=Recipient.choices, widget=forms.RadioSelect)
    recipient_name = forms.CharField(
        label="Their full name", max_length=200, error_messages={"required": "Enter the name of who receives it"}
    )
    account_name = forms.CharField(
        label="Name on the account", max_length=18, error_messages={"required": "Enter the name on the account"}
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
        label="When the person agreed", label_for_errors="The date the person agreed", must_be_past=True
    )
