"""Forms for person records. They parse and check input; the services decide and save."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from ownway.accounts.models import Team, User
from ownway.accounts.roles import STAFF_ROLES
from ownway.core.numbers import HOURS_IN_A_WEEK
from ownway.ui.forms import GovukDateField, NumberField

from .models import AccountInvitation, CodeList, CodeValue, HasUnpaidCarer, LetterChannel, Person, Relationship
from .rules.nhs_number import check_nhs_number
from .rules.postcode import check_postcode
from .selectors import PersonNotFound, no_record_with_reference, person_get_by_reference_for_user
from .services import CITIZEN_EDITABLE, PersonData


class CodeChoiceField(forms.ModelChoiceField[CodeValue]):
    def __init__(self, code_list: CodeList, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", "Not recorded")
        kwargs.setdefault("error_messages", {"invalid_choice": f"Choose a {code_list.label.lower()} from the list"})
        super().__init__(queryset=CodeValue.objects.filter(list=code_list, is_active=True), **kwargs)


class PersonForm(forms.Form):
    title = forms.CharField(
        label="Title (optional)", required=False, max_length=20, widget=forms.TextInput(attrs={"width": 5})
    )
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter a first name", "max_length": "First name must be 100 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False, "width": 20}),
    )
    middle_names = forms.CharField(
        label="Middle names (optional)",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"spellcheck": False, "width": 20}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter a last name", "max_length": "Last name must be 100 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False, "width": 20}),
    )
    preferred_name = forms.CharField(
        label="What they like to be called (optional)",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"spellcheck": False, "width": 20}),
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        label_for_errors="Date of birth",
        must_be_past=True,
        help_text="For example, 27 3 1957",
        earliest=dt.date(1900, 1, 1),
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        required=False,
        max_length=14,
        help_text="A 10 digit number, like 485 777 3457",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": False, "width": 10}),
    )
    date_of_death = GovukDateField(
        label="Date of death (if the person has died)", label_for_errors="Date of death", required=False
    )
    address_line_1 = forms.CharField(
        label="Address line 1",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_line_2 = forms.CharField(
        label="Address line 2 (optional)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    town = forms.CharField(
        label="Town or city",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2", "width": 20}),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "width": 10}),
    )
    phone = forms.CharField(
        label="Phone (optional)",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "width": 20}),
    )
    mobile = forms.CharField(
        label="Mobile (optional)",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "width": 20}),
    )
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
    )
    gender = CodeChoiceField(CodeList.GENDER, label="Gender")
    ethnicity = CodeChoiceField(CodeList.ETHNICITY, label="Ethnicity")
    primary_support_reason = CodeChoiceField(CodeList.PRIMARY_SUPPORT_REASON, label="Primary support reason")
    accommodation_status = CodeChoiceField(
        CodeList.ACCOMMODATION_STATUS, label="Where they live (accommodation status)"
    )
    employment_status = CodeChoiceField(CodeList.EMPLOYMENT_STATUS, label="Employment status")
    autism = forms.BooleanField(label="Autistic", required=False)
    visual_impairment = forms.BooleanField(label="Visual impairment", required=False)
    hearing_impairment = forms.BooleanField(label="Hearing impairment", required=False)
    dementia = forms.BooleanField(label="Dementia", required=False)
    needs_easy_read = forms.BooleanField(label="Easy read", required=False)
    needs_bsl = forms.BooleanField(label="British Sign Language interpreter", required=False)
    needs_interpreter = forms.BooleanField(label="Spoken language interpreter", required=False)
    language = forms.CharField(
        label="Main language", required=False, max_length=60, widget=forms.TextInput(attrs={"width": 20})
    )
    needs_large_print = forms.BooleanField(label="Large print", required=False)
    letters_by = forms.ChoiceField(
        label="How we send letters",
        help_text="Letters about their assessment, budget and what they pay. By email, they come as a PDF.",
        choices=LetterChannel.choices,
        initial=LetterChannel.POST,
        required=False,
        widget=forms.RadioSelect,
    )
    communication_notes = forms.CharField(
        label="Anything else about how to communicate with them (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    has_unpaid_carer = forms.ChoiceField(
        label="Does the person have an unpaid carer?",
        choices=HasUnpaidCarer.choices,
        initial=HasUnpaidCarer.UNKNOWN,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        error_messages={"required": "Select whether the person has an unpaid carer"},
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.filter(is_active=True),
        required=False,
        label="Allocated team",
        empty_label="Not allocated",
    )
    named_worker = forms.ModelChoiceField(
        queryset=User.objects.filter(role__in=[r.value for r in STAFF_ROLES], is_active=True)
        .select_related("team")
        .order_by("last_name"),
        required=False,
        label="Named worker",
        help_text="Someone in the allocated team",
        empty_label="No named worker",
    )
    consent_to_share = forms.BooleanField(
        label="The person agrees to their information being shared with partners who support them", required=False
    )
    consent_recorded_on = GovukDateField(
        label="Date consent was recorded", label_for_errors="Date consent was recorded", required=False
    )
    confirm_not_duplicate = forms.BooleanField(
        label="I have checked, and this is a different person", required=False, widget=forms.HiddenInput
    )

    groups: tuple[tuple[str, tuple[str, ...]], ...] = (
        (
            "Name and date of birth",
            (
                "title",
                "first_name",
                "middle_names",
                "last_name",
                "preferred_name",
                "date_of_birth",
                "nhs_number",
                "date_of_death",
            ),
        ),
        (
            "Address and contact details",
            ("address_line_1", "address_line_2", "town", "postcode", "phone", "mobile", "email"),
        ),
        (
            "About the person",
            (
                "gender",
                "ethnicity",
                "primary_support_reason",
                "accommodation_status",
                "employment_status",
                "autism",
                "visual_impairment",
                "hearing_impairment",
                "dementia",
            ),
        ),
        (
            "Communication needs",
            (
                "needs_easy_read",
                "needs_bsl",
                "needs_interpreter",
                "language",
                "needs_large_print",
                "communication_notes",
                "letters_by",
            ),
        ),
        (
            "Support and consent",
            ("has_unpaid_carer", "team", "named_worker", "consent_to_share", "consent_recorded_on"),
        ),
    )

    def __init__(self, *args: Any, team_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "named_worker" in self.fields and team_id is not None:
            # A team's worker names one of its own staff; a short list, not every account in the council.
            field = self.fields["named_worker"]
            assert isinstance(field, forms.ModelChoiceField)
            assert field.queryset is not None
            field.queryset = field.queryset.filter(team_id=team_id)

    def clean_nhs_number(self) -> str:
        value: str = self.cleaned_data["nhs_number"]
        if not value:
            return ""
        check = check_nhs_number(value)
        if not check.valid:
            raise forms.ValidationError(check.explanation)
        return check.normalised

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data["postcode"]
        if not value:
            return ""
        check = check_postcode(value)
        if not check.valid:
            raise forms.ValidationError(check.explanation)
        return check.normalised

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("needs_interpreter") and not (data.get("language") or "").strip():
            self.add_error("language", "Enter the language the person needs an interpreter for")
        return data

    def to_person_data(self) -> PersonData:
        values = {k: v for k, v in self.cleaned_data.items() if k in PersonData.__dataclass_fields__}
        values["letters_by"] = values.get("letters_by") or LetterChannel.POST
        for key in (
            "title",
            "middle_names",
            "preferred_name",
            "address_line_1",
            "address_line_2",
            "town",
            "phone",
            "mobile",
            "email",
            "language",
            "communication_notes",
        ):
            values[key] = (values.get(key) or "").strip()
        return PersonData(**values)

    @classmethod
    def initial_from(cls, person: Person) -> dict[str, Any]:
        data = PersonData.from_person(person)
        return {k: getattr(data, k) for k in cls.base_fields if hasattr(data, k)}


class CitizenDetailsForm(PersonForm):
    """What a citizen can change about themselves: how to reach them and how to talk with them."""

    groups: tuple[tuple[str, tuple[str, ...]], ...] = (
        (
            "Address and contact details",
            ("address_line_1", "address_line_2", "town", "postcode", "phone", "mobile", "email"),
        ),
        (
            "How we should communicate with you",
            (
                "preferred_name",
                "needs_easy_read",
                "needs_bsl",
                "needs_interpreter",
                "language",
                "needs_large_print",
                "communication_notes",
                "letters_by",
            ),
        ),
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        for name in list(self.fields):
            if name not in CITIZEN_EDITABLE:
                del self.fields[name]
        self.fields["preferred_name"].label = "What you like to be called (optional)"
        self.fields["communication_notes"].label = "Anything else about how we should talk or write to you (optional)"
        self.fields["letters_by"].label = "How we send you letters"
        self.fields[
            "letters_by"
        ].help_text = (
            "Letters about your assessment, your budget and what you pay. By email, they come as a PDF you can keep."
        )

    def to_person_data(self) -> PersonData:
        data = PersonData.from_person(self.person)
        for key, value in self.cleaned_data.items():
            if key == "letters_by" and not value:
                continue  # not answered: the choice stays as it was
            setattr(data, key, value.strip() if isinstance(value, str) else value)
        return data

    def clean(self) -> dict[str, Any]:
        data = forms.Form.clean(self) or {}
        if data.get("needs_interpreter") and not (data.get("language") or "").strip():
            self.add_error("language", "Enter the language you need an interpreter for")
        return data


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for a person",
        required=False,
        max_length=100,
        help_text="Name, NHS number, date of birth (like 27/3/1957), postcode or reference",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": False, "autocomplete": "off"}),
    )


class CaringRelationshipForm(forms.Form):
    carer_reference = forms.CharField(
        label="Carer's reference",
        max_length=12,
        help_text=(
            "The carer needs a record of their own. Find it with the search, then type its reference, like P0001234."
        ),
        error_messages={"required": "Enter the carer's reference"},
        widget=forms.TextInput(attrs={"width": 10, "spellcheck": False}),
    )
    relationship = forms.ChoiceField(
        label="What is the carer to the person?",
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the carer is to the person"},
    )
    hours_per_week = NumberField(
        label="Hours caring each week (optional)",
        subject="Hours caring each week",
        required=False,
        low=Decimal(0),
        high=HOURS_IN_A_WEEK,
        places=1,
        suffix="hours",
        error_messages={
            "invalid": "Hours caring each week must be a number, like 35",
            "too_large": "Hours caring each week must be 168 or fewer (there are 168 hours in a week)",
            "places": "Hours caring each week can have at most one decimal place",
        },
    )
    lives_with = forms.BooleanField(label="The carer lives with the person", required=False)
    started_on = GovukDateField(
        label="When did the caring start? (optional)", label_for_errors="The date caring started", required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_carer_reference(self) -> Person:
        """The carer's record, found only among those the user may open (the look is audited)."""
        reference = self.cleaned_data["carer_reference"].strip().upper()
        try:
            return person_get_by_reference_for_user(user=self.user, reference=reference)
        except PersonNotFound:
            raise forms.ValidationError(no_record_with_reference(reference)) from None


class InvitationForm(forms.Form):
    method = forms.ChoiceField(
        label="How should we send the link?",
        choices=AccountInvitation.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to send the link: by email or by letter"},
    )


class AccountSetUpForm(forms.Form):
    """Setting up an online account from an invitation: who you are (your date of birth), and how you sign in."""

    date_of_birth = GovukDateField(
        label="Your date of birth",
        label_for_errors="Your date of birth",
        must_be_past=True,
        help_text="For example, 27 3 1957. We check it against our record, so that only you can set up your account.",
    )
    username = forms.CharField(
        label="Choose a username",
        help_text="You will use it to sign in. Your email address is fine.",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": False}),
        error_messages={"required": "Choose a username"},
    )
    password = forms.CharField(
        label="Choose a password",
        help_text="At least 12 characters. A few words you will remember are good: “purple kettle singing loudly”.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Choose a password"},
    )
    password_again = forms.CharField(
        label="Type the password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", "The passwords do not match: type them again")
        return data
