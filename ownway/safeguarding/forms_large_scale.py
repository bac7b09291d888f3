"""Forms for large-scale enquiries. They parse and check input; ``ownway.safeguarding.large_scale`` decides."""

from __future__ import annotations

import re

from django import forms

from ownway.ui.forms import GovukDateField

from .forms import _area, _text

#: The most concerns linked in one go (a care home's residents; more are linked in further goes).
MAX_LINKED_AT_ONCE = 100


class LargeScaleOpenForm(forms.Form):
    name = _text("Name of the enquiry", required=True, message="Give the enquiry a name, like the home and the year")
    service = forms.UUIDField(
        label="The service the enquiry is about",
        error_messages={
            "required": "Choose the service the enquiry is about: search for it by name above",
            "invalid": "Choose the service the enquiry is about: search for it by name above",
        },
        widget=forms.HiddenInput,
    )
    opened_on = GovukDateField(label="Opened on", label_for_errors="Opening date", not_future=True)


class LargeScaleLinkForm(forms.Form):
    references = _area(
        "References of the adults' concerns to link",
        required=True,
        max_length=2000,
        message="Give the reference of at least one concern, like S0000012",
        help_text="Like S0000012, separated by commas, spaces or new lines. Raise a concern for each adult first.",
    )

    def clean_references(self) -> list[str]:
        references = [r for r in re.split(r"[\s,;]+", self.cleaned_data["references"]) if r]
        if not references:
            raise forms.ValidationError("Give the reference of at least one concern, like S0000012")
        if len(references) > MAX_LINKED_AT_ONCE:
            raise forms.ValidationError(f"Link at most {MAX_LINKED_AT_ONCE} concerns at a time")
        return references


class LargeScaleCloseForm(forms.Form):
    closed_on = GovukDateField(label="Closed on", label_for_errors="Closing date", not_future=True)


class ServiceSearchForm(forms.Form):
    q = _text("Search the directory for the service", max_length=100)
