"""The form a broker fills in with the person to find day services that suit them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from ownway.directory.forms import DISTANCES
from ownway.directory.models import Feature
from ownway.directory.rules.geo import METRES_PER_MILE
from ownway.directory.selectors import terms_of
from ownway.directory.taxonomies import INTERESTS
from ownway.people.rules.postcode import check_postcode
from ownway.ui.forms import GovukDateField, MoneyField

from .models import DAY_NAMES, SessionPart
from .selectors_match import MatchAsk

#: The most a person can say they pay for a session: far above any day service's price.
MAX_BUDGET = Decimal("1000")


class MatchForm(forms.Form):
    """A GET form: the suggestions have their own address and the page works without JavaScript."""

    days = forms.MultipleChoiceField(
        label="Days they want",
        required=False,
        choices=list(DAY_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose Saturday or Sunday for weekends. Leave empty for any day",
        error_messages={"invalid_choice": "Choose days of the week"},
    )
    session = forms.ChoiceField(
        label="Part of the day",
        choices=SessionPart.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the part of the day", "invalid_choice": "Choose the part of the day"},
    )
    interest = forms.MultipleChoiceField(
        label="Their interests", required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose interests from the list"},
    )  # fmt: skip
    access = forms.MultipleChoiceField(
        label="Access they need",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Feature.choices,
        error_messages={"invalid_choice": "Choose access needs from the list"},
    )
    postcode = forms.CharField(
        label="Travelling from (postcode)",
        required=False,
        max_length=10,
        help_text="Leave empty to look anywhere",
        widget=forms.TextInput(attrs={"width": "10", "autocomplete": "postal-code"}),
    )
    distance = forms.ChoiceField(label="How far they can travel", required=False, choices=DISTANCES, initial="3")
    needs_transport = forms.BooleanField(label="They need transport to get there", required=False)
    budget = MoneyField(
        label="Most they can pay for a session (optional)",
        subject="The most they can pay",
        required=False,
        high=MAX_BUDGET,
        width="5",
    )
    starts_on = GovukDateField(
        label="Wanted from (optional)",
        label_for_errors="The date they want to start",
        required=False,
        help_text="Places are counted for the week from this day; today if empty",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        interest = self.fields["interest"]
        assert isinstance(interest, forms.ChoiceField)
        interest.choices = [(str(t.pk), t.name) for t in terms_of(taxonomy_name=INTERESTS)]
        self.point: Any = None

    def clean_starts_on(self) -> dt.date | None:
        value = self.cleaned_data.get("starts_on")
        today = timezone.localdate()
        if value is not None and not today - dt.timedelta(days=366) <= value <= today + dt.timedelta(days=731):
            raise forms.ValidationError(
                "The date they want to start must be within a year before or two years after today"
            )
        return value

    def clean_postcode(self) -> str:
        raw = self.cleaned_data.get("postcode", "")
        if not raw.strip():
            return ""
        check = check_postcode(raw)
        if not check.valid:
            raise forms.ValidationError(check.explanation)
        from ownway.directory.geocode import locate

        self.point = locate(check.normalised)
        if self.point is None:
            raise forms.ValidationError(f"We cannot find {check.normalised}. Check it, or try a nearby postcode")
        return check.normalised

    def to_ask(self) -> MatchAsk:
        data = self.cleaned_data
        point = self.point
        return MatchAsk(
            days=list(data.get("days") or []),
            session=data["session"],
            interest_ids=list(data.get("interest") or []),
            features=list(data.get("access") or []),
            needs_transport=bool(data.get("needs_transport")),
            budget=data.get("budget"),
            latitude=point.latitude if point is not None else None,
            longitude=point.longitude if point is not None else None,
            within_m=float(data.get("distance") or 3) * METRES_PER_MILE if point is not None else None,
            starts_on=data.get("starts_on"),
        )
