"""Forms for the council's day-service prices and the extras a placement takes."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from ownway.ui.forms import GovukDateField, MoneyField

from .models import AbsenceReason
from .services_charging import LABELS, MOST


def _price(name: str) -> MoneyField:
    return MoneyField(label=LABELS[name], high=MOST, low=Decimal(0))


class ChargeRatesForm(forms.Form):
    effective_from = GovukDateField(label="From", label_for_errors="The date the prices start",
                                    help_text="The first day these prices apply, for example 6 4 2027")  # fmt: skip
    morning = _price("morning")
    afternoon = _price("afternoon")
    full_day = _price("full_day")
    evening = _price("evening")
    transport_each_way = _price("transport_each_way")
    meal = _price("meal")
    chargeable_absences = forms.MultipleChoiceField(
        label="Absences still charged for",
        choices=AbsenceReason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The council's own policy: the session is charged when someone is absent for these reasons",
        error_messages={"invalid_choice": "Choose reasons for an absence from the list"},
    )
    decided = forms.CharField(
        label="Where the council decided these prices",
        max_length=300,
        help_text="For example, Cabinet, 12 March 2026, day services charging policy",
        error_messages={"required": "Say where the council decided these prices, like a cabinet decision and its date"},
    )


class PlacementExtrasForm(forms.Form):
    transport_there = forms.BooleanField(label="Council transport there", required=False)
    transport_home = forms.BooleanField(label="Council transport home", required=False)
    meal = forms.BooleanField(label="A meal", required=False)
