"""Forms for offering carers' assessments and writing contingency plans (GOV.UK components via the renderer)."""

from __future__ import annotations

from django import forms

from ownway.ui.forms import GovukDateField

from .models import OfferAnswer, OfferMethod
from .services_offers import TEXT_LIMIT


def _text(label: str, *, required: str = "", help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEXT_LIMIT,
        required=bool(required),
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required} if required else {},
    )


class OfferForm(forms.Form):
    offered_on = GovukDateField(label="Date it was offered", label_for_errors="The date it was offered",
                                not_future=True, help_text="For example, 27 3 2026")  # fmt: skip
    method = forms.ChoiceField(
        label="How it was offered",
        choices=OfferMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the assessment was offered"},
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="What did the carer say?",
        choices=[(OfferAnswer.ACCEPTED, "They want a carer's assessment"), (OfferAnswer.DECLINED, "They declined it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the carer accepted or declined the assessment"},
    )
    answered_on = GovukDateField(label="Date they answered", label_for_errors="The date they answered",
                                 not_future=True, help_text="For example, 27 3 2026")  # fmt: skip
    declined_reason = _text(
        "If they declined, the reason they gave",
        help_text="They can be offered an assessment again later, or ask for one at any time.",
        rows=3,
    )


class ContingencyForm(forms.Form):
    who_steps_in = _text(
        "Who steps in if the carer cannot carry on, and how to reach them",
        required="Enter who steps in if the carer cannot carry on, and how to reach them",
    )
    daily_needs = _text("What the person needs day to day", required="Enter what the person needs day to day")
    medicines_and_routines = _text("Medicines and routines")
    emergency_contacts = _text("Who to call in an emergency", required="Enter who to call in an emergency", rows=3)
    written_on = GovukDateField(label="Date written", label_for_errors="The date it was written", not_future=True,
                                help_text="For example, 27 3 2026")  # fmt: skip
    look_again_on = GovukDateField(label="Date to look at it again", label_for_errors="The date to look at it again",
                                   help_text="Within 2 years. For example, 27 3 2027")  # fmt: skip
    expected_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=1_000_000, required=False)
