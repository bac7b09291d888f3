"""Forms of the directory: search, a provider's proposed change, a broker's review and shortlists."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms

from ownway.people.rules.postcode import check_postcode
from ownway.ui.forms import MoneyField, WholeNumberField, email_field

from .models import CostKind, CostPer, Feature
from .rules.geo import METRES_PER_MILE
from .rules.schedule import DAY_NAMES, DAYS
from .selectors import DirectorySearch, terms_of
from .services import MAX_PA_HOURLY_RATE, CostData, RowEdits, SessionData
from .taxonomies import CLIENT_GROUPS, INTERESTS

DISTANCES = [("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles"), ("25", "25 miles")]


#: The most a search can ask to pay for a session, and the most a provider's price can be: each far above any
#: real price, and within what the database columns hold.
MAX_COST_SEARCH = Decimal("10000")
MAX_PRICE = Decimal("100000")


class SearchForm(forms.Form):
    """The directory search. A GET form, so results have their own address and work without JavaScript."""

    q = forms.CharField(
        label="What are you looking for?",
        required=False,
        max_length=200,
        help_text="For example, art group, swimming, lunch club or a carers' break",
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"width": "10", "autocomplete": "postal-code"}),
    )
    distance = forms.ChoiceField(label="Distance", required=False, choices=DISTANCES, initial="3")
    interest = forms.MultipleChoiceField(label="Interests", required=False, widget=forms.CheckboxSelectMultiple)
    client_group = forms.MultipleChoiceField(label="Who it is for", required=False, widget=forms.CheckboxSelectMultiple)
    day = forms.MultipleChoiceField(
        label="Days",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, DAY_NAMES[code]) for code in DAYS],
    )
    evenings = forms.BooleanField(label="Evenings (after 5pm)", required=False)
    weekends = forms.BooleanField(label="Weekends", required=False)
    access = forms.MultipleChoiceField(
        label="Accessibility", required=False, widget=forms.CheckboxSelectMultiple, choices=Feature.choices
    )
    max_cost = MoneyField(
        label="Most you want to pay for a session",
        subject="The most you want to pay",
        required=False,
        high=MAX_COST_SEARCH,
        width="5",
    )
    free_only = forms.BooleanField(label="Free only", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--small govuk-radios--inline"}),
        choices=[("relevance", "Best match"), ("distance", "Nearest first")],
        initial="relevance",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, taxonomy in (("interest", INTERESTS), ("client_group", CLIENT_GROUPS)):
            choice_field = self.fields[name]
            assert isinstance(choice_field, forms.ChoiceField)
            choice_field.choices = [(str(t.pk), t.name) for t in terms_of(taxonomy_name=taxonomy)]
        self.point: Any = None

    def clean_postcode(self) -> str:
        raw = self.cleaned_data.get("postcode", "")
        if not raw.strip():
            return ""
        check = check_postcode(raw)
        if not check.valid:
            raise forms.ValidationError(check.explanation)
        from .geocode import locate

        self.point = locate(check.normalised)
        if self.point is None:
            raise forms.ValidationError(f"We cannot find {check.normalised}. Check it, or try a nearby postcode")
        return check.normalised

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sort") == "distance" and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter a postcode to sort by distance")
        return data

    def to_search(self) -> DirectorySearch:
        data = self.cleaned_data
        search = DirectorySearch(
            text=data.get("q", ""),
            interest_ids=list(data.get("interest") or []),
            client_group_ids=list(data.get("client_group") or []),
            days=list(data.get("day") or []),
            evenings=bool(data.get("evenings")),
            weekends=bool(data.get("weekends")),
            features=list(data.get("access") or []),
            max_cost=data.get("max_cost"),
            free_only=bool(data.get("free_only")),
            sort=data.get("sort") or "relevance",
        )
        if self.point is not None:
            search.latitude, search.longitude = self.point.latitude, self.point.longitude
            search.within_m = float(data.get("distance") or 3) * METRES_PER_MILE
        return search


class ServiceChangeForm(forms.Form):
    """What a provider may change about a service; the broker sees it as a list of differences.

    The sessions and the costs are rows of their own (:class:`SessionRowForm`, :class:`CostRowForm`), so that a
    provider adds, changes or removes one without touching the others.
    """

    name = forms.CharField(label="Name of the service", max_length=255)
    description = forms.CharField(label="What it is", widget=forms.Textarea, required=False)
    alert = forms.CharField(label="Notice to people (for example, a change of venue)", required=False, max_length=500)
    url = forms.URLField(
        label="Website",
        required=False,
        assume_scheme="https",
        max_length=500,
        error_messages={
            "invalid": "Enter a web address in the correct format, like www.example.com",
            "max_length": "Website must be 500 characters or fewer",
        },
    )
    email = email_field("Email", widget=forms.EmailInput)
    minimum_age = WholeNumberField(
        label="Youngest age", subject="The youngest age", required=False, low=0, high=150, width="3"
    )
    maximum_age = WholeNumberField(
        label="Oldest age", subject="The oldest age", required=False, low=0, high=150, width="3"
    )
    capacity = WholeNumberField(label="Places per session", required=False, low=0, high=100_000, width="4")
    transport_provided = forms.BooleanField(label="We offer transport", required=False)
    getting_there = forms.CharField(label="Getting there", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def proposed(self, before: dict[str, Any]) -> dict[str, Any]:
        """Only what differs from the published details, in the form services.service_change_propose takes."""
        data = self.cleaned_data
        result: dict[str, Any] = {}
        for name in self.fields:
            value = data.get(name)
            if (None if value == "" else value) != (None if before.get(name) == "" else before.get(name)):
                result[name] = value
        return result


class _RowForm(forms.Form):
    """One row of a section (a session, a cost): numbered, so that its labels and errors say which row they are."""

    noun = "row"

    def __init__(self, *args: Any, number: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        for bound_name, bound_field in self.fields.items():
            if bound_name != "DELETE":
                bound_field.label = f"{self.noun.capitalize()} {number}: {str(bound_field.label).lower()}"

    def deleting(self) -> bool:
        return bool(self.cleaned_data.get("DELETE")) if hasattr(self, "cleaned_data") else False

    def say(self, message: str) -> str:
        return f"{self.noun.capitalize()} {self.number}: {message[0].lower()}{message[1:]}"


class SessionRowForm(_RowForm):
    """A weekly session of the service. A session that repeats monthly or every few weeks is shown, not changed."""

    noun = "session"
    days = forms.MultipleChoiceField(
        label="Days it runs",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        choices=[(code, DAY_NAMES[code]) for code in DAYS],
    )
    opens_at = forms.TimeField(
        label="Starts at",
        required=False,
        help_text="For example, 10:00 or 18:30",
        widget=forms.TextInput(attrs={"width": "5"}),
    )
    closes_at = forms.TimeField(
        label="Finishes at",
        required=False,
        help_text="For example, 12:00 or 20:30",
        widget=forms.TextInput(attrs={"width": "5"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            self.fields[name].error_messages["invalid"] = self.say("Enter a time like 10:00 or 18:30")
        if self.initial.get("fixed"):
            for name in ("days", "opens_at", "closes_at"):
                self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.initial.get("fixed") or self.deleting() or not self.has_changed():
            return data
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if not data.get("days"):
            self.add_error("days", self.say("Select the days it runs"))
        if not opens and "opens_at" not in self.errors:
            self.add_error("opens_at", self.say("Enter the time it starts"))
        if not closes and "closes_at" not in self.errors:
            self.add_error("closes_at", self.say("Enter the time it finishes"))
        if opens and closes and closes <= opens:
            self.add_error("closes_at", self.say("The finishing time must be after the starting time"))
        return data

    def session(self) -> SessionData:
        data = self.cleaned_data
        return SessionData(byday=",".join(data["days"]), opens_at=data["opens_at"], closes_at=data["closes_at"])


class CostRowForm(_RowForm):
    """A cost option: a price (one of the prices applies to each person) or an extra everyone pays on top."""

    noun = "cost"
    option = forms.CharField(
        label="Name",
        required=False,
        max_length=255,
        help_text="Who the price is for, like Standard or Concession, or what an extra pays for, like Lunch",
    )
    amount = MoneyField(
        label="Amount",
        subject="The cost",
        required=False,
        help_text="Leave empty or 0 if it is free",
        high=MAX_PRICE,
        width="5",
    )
    kind = forms.ChoiceField(label="Price or extra", choices=CostKind.choices, initial=CostKind.PRICE)
    per = forms.ChoiceField(label="It is for", choices=CostPer.choices, initial=CostPer.SESSION)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        amount = cast(MoneyField, self.fields["amount"])
        amount.subject = self.say("The cost")
        amount.error_messages["required"] = self.say("Enter the cost")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.deleting() and self.has_changed() and not (data.get("option") or "").strip():
            self.add_error("option", self.say("Give the cost a name, like Standard, Concession or Lunch"))
        return data

    def cost(self) -> CostData:
        data = self.cleaned_data
        return CostData(option=data["option"], amount=data.get("amount"), kind=data["kind"], per=data["per"])


class RowFormSet(forms.BaseFormSet):
    """Rows of one section, with "Remove" on each published row; :meth:`edits` says what the provider changed."""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "number": (index or 0) + 1}

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            noun = getattr(form, "noun", "row")
            form.fields["DELETE"].label = f"Remove {noun} {(index or 0) + 1}"

    def edits(self, row: str) -> RowEdits[Any]:
        """The rows added (new rows filled in), changed (published rows whose answers differ, by id) and removed."""
        added: list[Any] = []
        changed: dict[str, Any] = {}
        removed: list[str] = []
        for form in self.forms:
            pk = form.initial.get("id")
            if pk and form.cleaned_data.get("DELETE"):
                removed.append(str(pk))
            elif pk and not form.initial.get("fixed") and form.has_changed():
                changed[str(pk)] = getattr(form, row)()
            elif not pk and form.has_changed():
                added.append(getattr(form, row)())
        return RowEdits(added=tuple(added), changed=changed, removed=tuple(removed))


#: At most this many sessions or costs on one form.
MAX_ROWS = 20
SessionFormSet = cast(
    type[RowFormSet],
    forms.formset_factory(
        SessionRowForm,
        formset=RowFormSet,
        extra=0,
        can_delete=True,
        can_delete_extra=False,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    ),
)
CostFormSet = cast(
    type[RowFormSet],
    forms.formset_factory(
        CostRowForm,
        formset=RowFormSet,
        extra=0,
        can_delete=True,
        can_delete_extra=False,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    ),
)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[("approve", "Approve and publish"), ("reject", "Send it back to the provider")],
        error_messages={"required": "Select whether to approve the change or send it back"},
    )
    note = forms.CharField(
        label="Note to the provider",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if you send the change back",
    )


class ShortlistForm(forms.Form):
    purpose = forms.CharField(
        label="What is the person looking for?",
        max_length=255,
        error_messages={"required": "Say what the person is looking for"},
    )


class ChoiceForm(forms.Form):
    service = forms.ChoiceField(
        label="Which service did the person choose?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the service the person chose"},
    )
    reason = forms.CharField(
        label="Why they chose it, in their words", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PersonalAssistantForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    phone = forms.CharField(label="Phone number", required=False, max_length=50)
    email = email_field("Email address", widget=forms.EmailInput)
    skills = forms.CharField(
        label="What they do well, in their own words",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"max_length": "What they do well must be 2,000 characters or fewer"},
    )
    areas = forms.CharField(
        label="Postcode districts they work in",
        max_length=255,
        help_text="For example, B13, B14, B30",
        error_messages={"max_length": "The list of postcode districts must be 255 characters or fewer"},
    )
    availability = forms.CharField(
        label="When they are free",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Days and times, including evenings and weekends",
        max_length=2000,
        error_messages={"max_length": "When they are free must be 2,000 characters or fewer"},
    )
    languages = forms.CharField(
        label="Languages they speak besides English",
        required=False,
        max_length=255,
        help_text="For example, Punjabi, Urdu",
        error_messages={"max_length": "The list of languages must be 255 characters or fewer"},
    )
    hourly_rate = MoneyField(
        label="Hourly rate",
        low=Decimal("0.01"),
        high=MAX_PA_HOURLY_RATE,
        width="5",
        error_messages={
            "required": "Enter an hourly rate in pounds and pence, like 14.50",
            "invalid": "Enter an hourly rate in pounds and pence, like 14.50",
            "too_small": "Enter an hourly rate of more than £0",
        },
    )
    consent = forms.BooleanField(
        label="They have agreed to be listed, and know they can ask to come off the list at any time",
        required=False,
    )
