"""Forms for complaints. They parse and check what was typed; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField, email_field

from .models import SHORT_LIMIT, TEXT_LIMIT, MadeBy, Outcome, Procedure
from .services import AcknowledgementData, ComplaintData, ResponseData

CARE = "Care and support: an assessment, a support plan, a budget, what you pay, or a service we arrange"
WHAT_ABOUT = [(Procedure.STATUTORY.value, CARE), (Procedure.CORPORATE.value, "Something else the council does")]


def _text(label: str, *, required: bool = False, max_length: int = SHORT_LIMIT, message: str = "", **attrs: Any):
    errors = {"max_length": f"{label.replace(' (optional)', '')} must be {max_length:,} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label, required=required, max_length=max_length, error_messages=errors,
        widget=forms.TextInput(attrs=attrs),
    )  # fmt: skip


def _area(label: str, *, required: bool = False, max_length: int = TEXT_LIMIT, message: str = "", help_text: str = ""):
    errors = {"max_length": f"{label.replace(' (optional)', '')} must be {max_length:,} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label, required=required, max_length=max_length, help_text=help_text, error_messages=errors,
        widget=forms.Textarea(attrs={"rows": 5}),
    )  # fmt: skip


def _radio(label: str, choices: list[tuple[str, str]], message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message}, **kwargs,
    )  # fmt: skip


class _ComplaintFields(forms.Form):
    what_happened = _area("What are you unhappy about?", required=True, message="Tell us what you are unhappy about")
    put_right = _area("What would you like us to do to put it right? (optional)")
    matter_on = GovukDateField(
        label="When did it happen?", label_for_errors="When it happened", not_future=True,
        help_text="If it went on for a while, when it started. For example, 27 3 2026",
    )  # fmt: skip
    noticed_on = GovukDateField(
        label="If you found out about it later, when did you find out? (optional)",
        label_for_errors="When you found out", required=False, not_future=True,
    )  # fmt: skip

    def data_for_service(self, **extra: Any) -> ComplaintData:
        d = self.cleaned_data
        return ComplaintData(
            what_happened=d["what_happened"], put_right=d.get("put_right", ""), matter_on=d["matter_on"],
            noticed_on=d.get("noticed_on"), **extra,
        )  # fmt: skip


class _Contact(forms.Form):
    email = email_field("Email address (optional)", required=False)
    phone = _text("Phone number (optional)", max_length=30, autocomplete="tel")
    address = _area("Postal address (optional)", max_length=500)


class PublicComplaintForm(_ComplaintFields, _Contact):
    """A complaint from anyone, signed in or not; they may stay anonymous."""

    procedure = _radio("What is it about?", WHAT_ABOUT, "Choose what your complaint is about")
    made_by = _radio(
        "Who is complaining?",
        [(MadeBy.PERSON.value, "I am complaining about my own care or dealings with the council"),
         (MadeBy.ON_BEHALF.value, "I am complaining for someone else"),
         (MadeBy.ANONYMOUS.value, "I do not want to give my name")],
        "Choose who is complaining",
        help_text="If you do not give your name or any way to reach you, we will look into it, but we cannot reply.",
    )  # fmt: skip
    complainant_name = _text("Your name (optional if you do not want to give it)", autocomplete="name")
    complainant_relationship = _text("If you are complaining for someone else, how do you know them? (optional)")
    about_name = _text("If you are complaining for someone else, their name (optional)")
    field_order = ["procedure", "made_by", "complainant_name", "complainant_relationship", "about_name",
                   "what_happened", "put_right", "matter_on", "noticed_on", "email", "phone", "address"]  # fmt: skip

    def to_data(self) -> ComplaintData:
        d = self.cleaned_data
        names = ("complainant_name", "complainant_relationship", "about_name", "email", "phone", "address")
        return self.data_for_service(
            procedure=d["procedure"], made_by=d["made_by"], **{n: d.get(n) or "" for n in names}
        )


class OnlineComplaintForm(_ComplaintFields, _Contact):
    """A signed-in citizen or carer: the complaint is tied to the record of the person it is about."""

    procedure = _radio("What is it about?", WHAT_ABOUT, "Choose what your complaint is about")
    about = _radio("Who is the complaint about?", [], "Choose who the complaint is about")
    field_order = ["about", "procedure", "what_happened", "put_right", "matter_on", "noticed_on", "email", "phone",
                   "address"]  # fmt: skip

    def __init__(self, *args: Any, people: list[Any], viewer_person_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["about"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (str(p.pk), "Me" if p.pk == viewer_person_id else f"{p.full_name}, whom I care for") for p in people
        ]
        self.fields["email"].help_text = "We will reply to the contact details on your record unless you give others."

    def to_data(self) -> ComplaintData:
        d = self.cleaned_data
        return self.data_for_service(
            procedure=d["procedure"], email=d.get("email") or "", phone=d.get("phone") or "",
            address=d.get("address") or "",
        )  # fmt: skip


class StaffComplaintForm(_ComplaintFields, _Contact):
    """Staff record a complaint from a person's record."""

    procedure = _radio("Which procedure does it follow?", list(Procedure.choices), "Choose the procedure")
    made_by = _radio(
        "Who made it?", [(MadeBy.PERSON.value, "The person themselves"),
                         (MadeBy.ON_BEHALF.value, "Someone on their behalf")],
        "Choose who made the complaint",
    )  # fmt: skip
    complainant_name = _text("If someone made it on their behalf, their name")
    complainant_relationship = _text("How they know the person (optional)")
    received_on = GovukDateField(
        label="When did it reach us?", label_for_errors="When it reached us", not_future=True,
        help_text="The clock starts from this day",
    )  # fmt: skip
    waiver_reason = _area(
        "If it is late, why the council takes it (optional)",
        help_text="A complaint more than 12 months after the matter is taken only for a good reason (reg 12(2))",
    )
    field_order = ["procedure", "made_by", "complainant_name", "complainant_relationship", "received_on",
                   "what_happened", "put_right", "matter_on", "noticed_on", "waiver_reason", "email", "phone",
                   "address"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["what_happened"].label = "What are they unhappy about?"
        self.fields["put_right"].label = "What would they like us to do? (optional)"
        self.fields["noticed_on"].label = "If they found out later, when? (optional)"
        self.fields["email"].label = "Email address to reply to, if not the record's (optional)"

    def to_data(self) -> ComplaintData:
        d = self.cleaned_data
        names = ("complainant_name", "complainant_relationship", "email", "phone", "address", "waiver_reason")
        return self.data_for_service(
            procedure=d["procedure"], made_by=d["made_by"], received_on=d["received_on"],
            **{n: d.get(n) or "" for n in names},
        )  # fmt: skip


class AcknowledgeForm(forms.Form):
    acknowledged_on = GovukDateField(label="Acknowledged on", label_for_errors="Acknowledged on", not_future=True)
    how = _text("How (a letter, an email, a phone call)", required=True, message="Say how you acknowledged it")
    discussion_offered = forms.BooleanField(
        label="We offered to discuss how the complaint will be handled and how long the answer will take",
        required=False,
    )
    discussion_note = _area("What was agreed (optional)")
    agreed_respond_by = GovukDateField(
        label="Response date agreed with them (optional: leave blank for the usual period)",
        label_for_errors="Response date", required=False,
    )  # fmt: skip
    waiver_reason = _area("If it was made late, why the council takes it")

    def to_data(self) -> AcknowledgementData:
        d = self.cleaned_data
        return AcknowledgementData(
            acknowledged_on=d["acknowledged_on"], how=d["how"], discussion_offered=d["discussion_offered"],
            discussion_note=d.get("discussion_note") or "", agreed_respond_by=d.get("agreed_respond_by"),
            waiver_reason=d.get("waiver_reason") or "",
        )  # fmt: skip


class ExtendForm(forms.Form):
    new_due = GovukDateField(label="New response date", label_for_errors="New response date")
    reason = _area("Why the answer needs longer", required=True, message="Say why the answer needs longer")
    agreed_with = _text("Who agreed, and how", required=True, message="Say who agreed to the new date, and how")
    agreed = forms.BooleanField(label="They agreed to the new date", required=False)


class RespondForm(forms.Form):
    outcome = _radio("Outcome", list(Outcome.choices), "Choose the outcome")
    findings = _area("What we found, and why (in plain English: the letter quotes it)", required=True,
                     message="Say what you found, and why")  # fmt: skip
    what_changed = _area("What has changed or will change (optional if not upheld)")
    review_of_plan = forms.BooleanField(label="A review of their plan (asked for from this complaint)", required=False)

    def to_data(self) -> ResponseData:
        d = self.cleaned_data
        return ResponseData(
            outcome=d["outcome"], findings=d["findings"], what_changed=d.get("what_changed") or "",
            review_of_plan=d["review_of_plan"],
        )  # fmt: skip


class ReviewRequestForm(forms.Form):
    note = _area("What happened, for the reviewer", required=True, message="Say what the reviewer needs to know")
    due_on = GovukDateField(label="Review needed by", label_for_errors="Review needed by")


class ConcernForm(forms.Form):
    what_happened = _area("What is happening?", required=True, message="Say what is happening")


class OmbudsmanForm(forms.Form):
    referred_on = GovukDateField(label="Went to the Ombudsman on", label_for_errors="The date", not_future=True)


class DeclineForm(forms.Form):
    not_taken_reason = _area(
        "Why the council does not take it (there is no good reason for the delay, or a fair investigation is no "
        "longer possible)",
        required=True, message="Say why the complaint is not taken",
    )  # fmt: skip
