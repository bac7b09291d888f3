"""Forms for contacts. They parse and check input; the services decide and save."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import CASEWORK_ROLES
from ownway.frontdoor.models import MethodOfAssessment
from ownway.people.models import Person
from ownway.people.rules.postcode import check_postcode
from ownway.people.selectors import PersonNotFound, no_record_with_reference, person_get_by_reference_for_user
from ownway.ui.forms import GovukDateField, email_field

from .models import ContactSource, ConversationKind, EventOutcome, RouteOfAccess
from .services import ContactData


def _text(label: str, *, required: bool = True, max_length: int = 100, message: str = "", **attrs: Any):
    errors = {"max_length": f"{label.replace(' (optional)', '')} must be {max_length} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        error_messages=errors,
        widget=forms.TextInput(attrs=attrs),
    )


def _clean_postcode(value: str) -> str:
    if not value:
        return ""
    check = check_postcode(value)
    if not check.valid:
        raise forms.ValidationError("Enter a real postcode, like B1 1BB")
    return check.normalised


def _person_by_reference(user: User, text: str) -> Person | None:
    """The record with this Ownway reference, if the user may open it; blank gives None."""
    reference = text.strip().upper()
    if not reference:
        return None
    try:
        return person_get_by_reference_for_user(user=user, reference=reference)
    except PersonNotFound:
        raise forms.ValidationError(no_record_with_reference(reference)) from None


class ContactForm(forms.Form):
    """A contact taken by staff, by phone, email or in person."""

    source = forms.ChoiceField(
        label="Who made the contact?",
        choices=ContactSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who made the contact"},
    )
    referrer_name = _text("Name of the person who made the contact (optional)", required=False, max_length=200)
    referrer_phone = _text(
        "Their phone number (optional)", required=False, max_length=30, type="tel", autocomplete="off", width=20
    )
    route_of_access = forms.ChoiceField(
        label="Route of access",
        choices=RouteOfAccess.choices,
        initial=RouteOfAccess.COMMUNITY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a route of access"},
    )
    person_reference = _text(
        "Their Ownway reference, if they already have a record (optional)",
        required=False,
        max_length=12,
        spellcheck=False,
        width=10,
    )
    first_name = _text("First name", message="Enter a first name", autocomplete="off", spellcheck=False, width=20)
    last_name = _text("Last name", message="Enter a last name", autocomplete="off", spellcheck=False, width=20)
    date_of_birth = GovukDateField(
        label="Date of birth (optional)",
        label_for_errors="Date of birth",
        required=False,
        must_be_past=True,
        earliest=dt.date(1900, 1, 1),
        help_text="For example, 27 3 1957",
    )
    postcode = _text("Postcode (optional)", required=False, max_length=10, width=10)
    phone = _text("Phone number (optional)", required=False, max_length=30, type="tel", width=20)
    reason = forms.CharField(
        label="What is happening, in the person's own words",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter what is happening",
            "max_length": "What is happening must be 5000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data["postcode"])

    def clean_person_reference(self) -> Person | None:
        return _person_by_reference(self.user, self.cleaned_data["person_reference"])

    def to_contact_data(self) -> ContactData:
        d = self.cleaned_data
        return ContactData(
            person=d["person_reference"],
            first_name=d["first_name"],
            last_name=d["last_name"],
            date_of_birth=d["date_of_birth"],
            postcode=d["postcode"],
            phone=d["phone"],
            source=d["source"],
            referrer_name=d["referrer_name"],
            referrer_phone=d["referrer_phone"],
            route_of_access=d["route_of_access"],
            reason=d["reason"],
            received_at=timezone.now(),
        )


class Referring(models.TextChoices):
    MYSELF = "self", "Myself"
    SOMEONE_ELSE = "someone_else", "Someone else"


class ReferralForm(forms.Form):
    """The public referral form: one page, in plain English."""

    referring = forms.ChoiceField(
        label="Who are you asking for help for?",
        choices=Referring.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select if you are asking for help for yourself or someone else"},
    )
    referrer_name = _text(
        "If you are asking for someone else, what is your name? (optional)",
        required=False,
        max_length=200,
        autocomplete="name",
    )
    first_name = _text(
        "First name of the person who needs help",
        message="Enter the first name of the person who needs help",
        autocomplete="given-name",
        spellcheck=False,
        width=20,
    )
    last_name = _text(
        "Last name of the person who needs help",
        message="Enter the last name of the person who needs help",
        autocomplete="family-name",
        spellcheck=False,
        width=20,
    )
    date_of_birth = GovukDateField(
        label="Their date of birth",
        label_for_errors="Date of birth",
        must_be_past=True,
        earliest=dt.date(1900, 1, 1),
        help_text="For example, 27 3 1957",
    )
    postcode = _text(
        "Their postcode",
        message="Enter the postcode of the person who needs help",
        max_length=10,
        autocomplete="postal-code",
        width=10,
    )
    phone = _text(
        "Phone number we can call",
        message="Enter a phone number we can call",
        max_length=30,
        type="tel",
        autocomplete="tel",
        width=20,
    )
    email = email_field("Email address (optional)")
    reason = forms.CharField(
        label="What is happening?",
        help_text="Tell us in your own words what is happening and what help is needed.",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter what is happening",
            "max_length": "What is happening must be 3000 characters or fewer",
        },
    )
    #: A field people never see; automated senders fill it in. Rendered apart from the other fields.
    website = forms.CharField(required=False, max_length=200, label="Leave this field empty")

    def clean_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data["postcode"])

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        digits = [c for c in phone if c.isdigit()]
        if len(digits) < 10 or any(not (c.isdigit() or c in " +()-") for c in phone):
            raise forms.ValidationError("Enter a phone number, like 0121 496 0000 or 07700 900 982")
        return phone

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    @property
    def visible_fields_(self) -> list[forms.BoundField]:
        return [bf for bf in self if bf.name != "website"]

    def to_contact_data(self) -> ContactData:
        d = self.cleaned_data
        yourself = d["referring"] == Referring.MYSELF
        return ContactData(
            first_name=d["first_name"],
            last_name=d["last_name"],
            date_of_birth=d["date_of_birth"],
            postcode=d["postcode"],
            phone=d["phone"] if yourself else "",
            email=d["email"] if yourself else "",
            source=ContactSource.SELF if yourself else ContactSource.OTHER,
            referrer_name="" if yourself else d["referrer_name"],
            referrer_phone="" if yourself else d["phone"],
            referrer_email="" if yourself else d["email"],
            reason=d["reason"],
        )


class ConversationForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which conversation was this?",
        choices=ConversationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which conversation this was"},
    )
    held_on = GovukDateField(label="Date of the conversation", label_for_errors="The date of the conversation")
    method = forms.ChoiceField(
        label="How was the conversation held?",
        choices=MethodOfAssessment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the conversation was held"},
    )
    what_matters = forms.CharField(
        label="What matters to the person", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    strengths = forms.CharField(
        label="Their strengths", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    networks = forms.CharField(
        label="Family, friends and community networks",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    information_and_advice = forms.CharField(
        label="Information and advice given", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    connected_to = forms.CharField(
        label="Community groups and services they were connected to",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    safe_now = forms.CharField(
        label="In a crisis: what is needed to be safe now",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    short_term_plan = forms.CharField(
        label="In a crisis: the short-term plan",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    revisit_on = GovukDateField(
        label="In a crisis: when to come back to the plan",
        label_for_errors="The date to come back to the plan",
        required=False,
    )


class CloseContactForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did the contact end?",
        choices=[("", "Choose…"), *EventOutcome.choices],
        # The national Client Level Data wording, with its shorthand explained for new workers (ownway.guide).
        help_text="“NFA” means no further action. “ST-Max” means short-term support to maximise independence, "
        "such as reablement.",
        error_messages={"required": "Select how the contact ended"},
    )


class WorkerChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name() or obj.username} ({obj.get_role_display()})"


class AllocateContactForm(forms.Form):
    """Give the contact to a worker in its team (or in the user's team, if it has none yet)."""

    worker = WorkerChoiceField(
        label="Whose worklist should it be on?",
        queryset=User.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose a worker", "invalid_choice": "Choose a worker from the list"},
    )

    def __init__(self, *args: Any, team_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(team_id=team_id, is_active=True, role__in=CASEWORK_ROLES).order_by(
            "first_name", "last_name"
        )


class LinkPersonForm(forms.Form):
    """Say whose record a contact is about, by the record's reference."""

    person_reference = _text(
        "Their Ownway reference", message="Enter their Ownway reference, like P0001234", max_length=12,
        spellcheck=False, width=10,
    )  # fmt: skip

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_person_reference(self) -> Person | None:
        return _person_by_reference(self.user, self.cleaned_data["person_reference"])
