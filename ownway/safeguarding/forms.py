"""Forms for safeguarding. They parse and check input; the services decide and save."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from ownway.accounts.models import User
from ownway.accounts.roles import CASEWORK_ROLES
from ownway.ui.forms import GovukDateField, email_field

from .models import Advocacy, AskedWho, DecisionOutcome, Disclosure, Knows, SafeguardingValue, ValueList, ViewSought
from .services import ClosingData, ConcernData, DecisionData, PersonalData, RiskData

YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label: str, *, required: bool = False, max_length: int = 200, message: str = "", **attrs: Any):
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


def _area(label: str, *, required: bool = False, max_length: int = 5000, message: str = "", help_text: str = ""):
    errors = {"max_length": f"{label.replace(' (optional)', '')} must be {max_length} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        error_messages=errors,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def _choices(value_list: str) -> list[tuple[str, str]]:
    return list(SafeguardingValue.objects.filter(list=value_list, is_active=True).values_list("code", "label"))


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def _model_field(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def _radio(label: str, message: str, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _checkboxes(label: str, message: str, *, required: bool = True) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": message, "invalid_choice": "Select from the options"},
    )


class ConcernForm(forms.Form):
    """A concern: from the public (nothing about you is required) or from staff."""

    what_happened = _area(
        "What is happening?",
        required=True,
        max_length=5000,
        message="Tell us what is happening",
        help_text="In your own words. You do not need proof: tell us what you have seen, heard or been told.",
    )
    suspected_types = _checkboxes("What do you think is happening? (optional)", "", required=False)
    hate_crime = forms.BooleanField(
        label="I think they are being targeted because of who they are (a hate crime)", required=False
    )
    adult_name = _text("Name of the adult you are worried about (optional)", autocomplete="off")
    adult_address = _text("Their address (optional)", max_length=300)
    adult_postcode = _text("Their postcode (optional)", max_length=10, width=10)
    adult_age = _text("Their age, roughly, or date of birth (optional)", max_length=40, width=20)
    adult_knows = _radio("Do they know you are telling us?", "Select if they know", required=False)
    adult_wants = _area("What do they want to happen, if you know? (optional)", max_length=3000)
    where_and_when = _area("Where and when did it happen? (optional)", max_length=2000)
    alleged = _text("Who do you think is causing the harm? (optional)", max_length=300)
    raised_by = _radio("Who are you? (optional)", "Select who you are", required=False)
    raiser_name = _text("Your name (optional)", autocomplete="name")
    raiser_phone = _text("Your phone number (optional)", max_length=30, type="tel", autocomplete="tel", width=20)
    raiser_email = email_field("Your email address (optional)")
    #: A field people never see; automated senders fill it in.
    website = forms.CharField(required=False, max_length=200, label="Leave this field empty")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "suspected_types").choices = _choices(ValueList.RISK_TYPE)
        _choice_field(self, "raised_by").choices = _choices(ValueList.RAISED_BY)
        _choice_field(self, "adult_knows").choices = Knows.choices

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    @property
    def visible_fields_(self) -> list[forms.BoundField]:
        return [bf for bf in self if bf.name != "website"]

    def clean_raiser_phone(self) -> str:
        phone = self.cleaned_data["raiser_phone"]
        if phone and (sum(c.isdigit() for c in phone) < 10 or any(not (c.isdigit() or c in " +()-") for c in phone)):
            raise forms.ValidationError("Enter a phone number, like 0121 496 0000 or 07700 900 982, or leave it empty")
        return phone

    def to_data(self) -> ConcernData:
        d = self.cleaned_data
        return ConcernData(
            what_happened=d["what_happened"],
            adult_name=d["adult_name"],
            adult_address=d["adult_address"],
            adult_postcode=d["adult_postcode"].upper(),
            adult_age=d["adult_age"],
            adult_knows=d["adult_knows"] or Knows.NOT_KNOWN,
            where_and_when=d["where_and_when"],
            adult_wants=d["adult_wants"],
            suspected_types=list(d["suspected_types"]),
            hate_crime=d["hate_crime"],
            raised_by=d["raised_by"],
            raiser_name=d["raiser_name"],
            raiser_phone=d["raiser_phone"],
            raiser_email=d["raiser_email"],
            alleged=d["alleged"],
        )


class StaffConcernForm(ConcernForm):
    """Raised by staff from a person's record: the adult is the person, so their details are not asked again."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("adult_name", "adult_address", "adult_postcode", "adult_age", "website", "raiser_name",
                     "raiser_phone", "raiser_email"):  # fmt: skip
            del self.fields[name]
        self.fields["what_happened"].help_text = "What was seen, heard or told, by whom and when."

    def to_data(self) -> ConcernData:
        d = self.cleaned_data
        return ConcernData(
            what_happened=d["what_happened"],
            adult_knows=d["adult_knows"] or Knows.NOT_KNOWN,
            where_and_when=d["where_and_when"],
            adult_wants=d["adult_wants"],
            suspected_types=list(d["suspected_types"]),
            hate_crime=d["hate_crime"],
            raised_by=d["raised_by"] or "council",
            alleged=d["alleged"],
        )


def _yes_no(label: str) -> forms.ChoiceField:
    field = _radio(label, f"Select yes or no: {label[0].lower()}{label[1:].rstrip('?')}")
    field.choices = YES_NO
    return field


class DecisionForm(forms.Form):
    """The s.42 decision (Care Act 2014 s.42(1)): the adult's view first, each criterion with its reasons."""

    view_sought = _radio("Was the adult asked for their view?", "Select whether the adult was asked for their view")
    adult_view = _area("What did they say, in their own words?", max_length=5000)
    has_care_needs = _yes_no("Do they have needs for care and support (whether or not the council meets them)?")
    has_care_needs_reasons = _area("Reasons about their needs for care and support", max_length=3000)
    at_risk = _yes_no("Are they experiencing, or at risk of, abuse or neglect?")
    at_risk_reasons = _area("Reasons about abuse or neglect", max_length=3000)
    cannot_protect = _yes_no("As a result of those needs, are they unable to protect themselves?")
    cannot_protect_reasons = _area("Reasons about protecting themselves", max_length=3000)
    outcome = _radio("Decision", "Select the decision")
    disposal = _radio("If there is no enquiry, what happens instead?", "Select what happens instead", required=False)
    advice_given = _area("Advice, information or signposting given", max_length=3000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "view_sought").choices = ViewSought.choices
        _choice_field(self, "outcome").choices = DecisionOutcome.choices
        _choice_field(self, "disposal").choices = _choices(ValueList.DISPOSAL)

    def to_data(self) -> DecisionData:
        d = self.cleaned_data
        return DecisionData(
            view_sought=d["view_sought"],
            adult_view=d["adult_view"],
            has_care_needs=d["has_care_needs"] == "yes",
            has_care_needs_reasons=d["has_care_needs_reasons"],
            at_risk=d["at_risk"] == "yes",
            at_risk_reasons=d["at_risk_reasons"],
            cannot_protect=d["cannot_protect"] == "yes",
            cannot_protect_reasons=d["cannot_protect_reasons"],
            outcome=d["outcome"],
            disposal=d["disposal"],
            advice_given=d["advice_given"],
        )


class WorkerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class AllocateForm(forms.Form):
    worker = WorkerField(
        label="Give the concern to",
        queryset=User.objects.none(),
        error_messages={"required": "Select a worker", "invalid_choice": "Select a worker from the list"},
    )

    def __init__(self, *args: Any, team_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_field(self, "worker").queryset = User.objects.filter(
            team_id=team_id or 0, is_active=True, role__in=list(CASEWORK_ROLES)
        ).order_by("last_name", "first_name")


class PersonalForm(forms.Form):
    """Making Safeguarding Personal, capacity and advocacy."""

    msp_asked = _radio(
        "Was the adult (or their representative) asked what they want to happen?", "Select whether they were asked"
    )
    asked_who = _radio("Who was asked?", "Select who was asked", required=False)
    desired_outcomes = _area("What do they want to happen, in their own words?", max_length=5000)
    capacity = _radio(
        "Did they lack capacity to make decisions about the enquiry?",
        "Select whether they lacked capacity",
        required=False,
    )
    advocacy = _radio("Who supported them (Care Act s.68 advocacy)?", "Select who supported them", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "msp_asked").choices = _choices(ValueList.MSP_ASKED)
        _choice_field(self, "asked_who").choices = AskedWho.choices
        _choice_field(self, "capacity").choices = _choices(ValueList.CAPACITY)
        _choice_field(self, "advocacy").choices = Advocacy.choices

    def to_data(self) -> PersonalData:
        d = self.cleaned_data
        return PersonalData(
            msp_asked=d["msp_asked"],
            asked_who=d["asked_who"],
            desired_outcomes=d["desired_outcomes"],
            capacity=d["capacity"],
            advocacy=d["advocacy"],
        )


class RiskForm(forms.Form):
    risk_types = _checkboxes("Type of risk (one or more)", "Select at least one type of risk")
    location = _radio("Where is the risk?", "Select where the risk is")
    sources = _checkboxes("Source of the risk (one or more)", "Select at least one source of risk")
    risk_assessment = _area("Risk assessment", max_length=10000)
    protection_plan = _area("Protection plan", max_length=10000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "risk_types").choices = _choices(ValueList.RISK_TYPE)
        _choice_field(self, "location").choices = _choices(ValueList.LOCATION)
        _choice_field(self, "sources").choices = _choices(ValueList.SOURCE)

    def to_data(self) -> RiskData:
        d = self.cleaned_data
        return RiskData(
            risk_types=list(d["risk_types"]),
            location=d["location"],
            sources=list(d["sources"]),
            risk_assessment=d["risk_assessment"],
            protection_plan=d["protection_plan"],
        )


class ActionForm(forms.Form):
    what = _text("What needs doing", required=True, max_length=500, message="Enter what needs doing")
    owner = WorkerField(
        label="Who will do it (optional if another organisation is)",
        queryset=User.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select a worker from the list"},
    )
    organisation = _text("Or the organisation doing it (optional)", max_length=200)
    due_on = GovukDateField(label="Done by", label_for_errors="Done by date")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_field(self, "owner").queryset = User.objects.filter(
            is_active=True, role__in=list(CASEWORK_ROLES)
        ).order_by("last_name", "first_name")


class CloseForm(forms.Form):
    risk_assessment_outcome = _radio(
        "Outcome of the risk assessment", "Select the outcome of the risk assessment", required=False
    )
    risk_outcome = _radio("Risk outcome", "Select whether the risk was removed, reduced or remains", required=False)
    msp_achieved = _radio(
        "Were the outcomes they wanted achieved?", "Select whether their outcomes were achieved", required=False
    )
    closing_summary = _area("Summary, and whom the adult should contact if they are worried again", max_length=5000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "risk_assessment_outcome").choices = _choices(ValueList.RISK_ASSESSMENT_OUTCOME)
        _choice_field(self, "risk_outcome").choices = _choices(ValueList.RISK_OUTCOME)
        _choice_field(self, "msp_achieved").choices = _choices(ValueList.MSP_ACHIEVED)

    def to_data(self) -> ClosingData:
        d = self.cleaned_data
        return ClosingData(
            risk_assessment_outcome=d["risk_assessment_outcome"],
            risk_outcome=d["risk_outcome"],
            msp_achieved=d["msp_achieved"],
            closing_summary=d["closing_summary"],
        )


class ReviewRequestForm(forms.Form):
    """An unplanned review of the adult's support plan, asked for because of the concern."""

    note = _area(
        "What their workers need to know",
        required=True,
        max_length=2000,
        message="Say why the plan needs a review",
        help_text="Their workers see this: write only what they need to know for the review.",
    )
    due_on = GovukDateField(label="Review needed by", label_for_errors="Review needed by")


class LinkPersonForm(forms.Form):
    reference = _text(
        "Their Ownway reference", required=True, max_length=20, message="Enter the reference of their record"
    )


class DisclosureForm(forms.Form):
    """What the person alleged to have caused harm is told, decided deliberately."""

    alleged = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    disclosure = _radio("What are they told?", "Select what they are told")
    disclosure_reasons = _area("Reasons", required=True, max_length=3000, message="Give the reasons for the decision")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "disclosure").choices = [c for c in Disclosure.choices if c[0] != Disclosure.NOT_DECIDED]


class ProviderConcernForm(ConcernForm):
    """Raised by a provider from its portal: who is raising it is the signed-in provider, so it is not asked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("website", "raised_by", "raiser_name", "raiser_email"):
            del self.fields[name]
        self.fields["raiser_phone"].label = "A phone number we can call you on (optional)"

    @property
    def is_bot(self) -> bool:
        return False

    def to_data(self) -> ConcernData:
        self.cleaned_data.update(raised_by="provider", raiser_name="", raiser_email="")
        return super().to_data()
