"""Review forms, rendered as GOV.UK components by the project form renderer."""

from __future__ import annotations

from typing import Any

from django import forms

from ownway.accounts.models import Team
from ownway.accounts.roles import TeamKind
from ownway.planning.models import PlanOutcome
from ownway.ui.forms import GovukDateField

from .models import DecisionChoices, EndReasonChoices, ProgressChoices, ReasonChoices, ReviewMethod
from .services import TEXT_LIMIT

_TEXT = {"rows": 3}


def _text(label: str, *, required: str = "", help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEXT_LIMIT,
        required=bool(required),
        help_text=help_text,
        widget=forms.Textarea(attrs=_TEXT),
        error_messages={"required": required} if required else {},
    )


class RequestForm(forms.Form):
    reason = forms.ChoiceField(
        label="What has happened",
        choices=[c for c in ReasonChoices.choices if c[0] != ReasonChoices.PLANNED],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened that means the plan needs a review"},
    )
    note = _text(
        "What happened, and who asked for the review", required="Say what happened, and who asked for the review"
    )
    due_on = GovukDateField(label="Hold the review by", label_for_errors="The date to hold the review by",
                            help_text="Within 90 days. For example, 27 3 2027")  # fmt: skip


_YES_NO = [("yes", "Yes"), ("no", "No")]


class RecordForm(forms.Form):
    """A review held: a progress question for each outcome of the plan, then the conversation and the decision."""

    held_on = GovukDateField(label="Date of the review", label_for_errors="The date of the review", not_future=True,
                             help_text="For example, 27 3 2027")  # fmt: skip
    method = forms.ChoiceField(
        label="Who took part",
        choices=ReviewMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say who took part in the review"},
    )

    def __init__(self, *args: Any, outcomes: list[PlanOutcome], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        for outcome in outcomes:
            self.fields[f"progress_{outcome.pk}"] = forms.ChoiceField(
                label=f"“{outcome.own_words[:200]}”: how far has this come?",
                choices=ProgressChoices.choices,
                widget=forms.RadioSelect,
                error_messages={"required": "Say how far this has come"},
            )
            self.fields[f"words_{outcome.pk}"] = _text("What the person said about it (optional)")
        self.fields["working"] = _text("What is working", required="Say what is working")
        self.fields["not_working"] = _text("What is not working (optional)")
        self.fields["carer_view"] = _text("The carer's view (optional)", help_text="If the person has a carer")
        self.fields["needs_changed"] = forms.ChoiceField(
            label="Have the person's needs changed?",
            choices=_YES_NO,
            widget=forms.RadioSelect,
            error_messages={"required": "Say whether the person's needs have changed"},
        )
        self.fields["decision"] = forms.ChoiceField(
            label="What the review decided",
            choices=DecisionChoices.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose what the review decided"},
        )
        self.fields["decision_reasons"] = _text("Why", required="Say why")
        self.fields["next_review_on"] = GovukDateField(
            label="Next review (optional)",
            label_for_errors="The date of the next review",
            required=False,
            help_text="Leave it empty for the council's usual time, 12 months on",
        )
        self.fields["next_review_reason"] = _text("Why the next review is more than 12 months away (only if it is)")
        # Only for a decision to refer before increasing support.
        teams = Team.objects.filter(
            kind__in=[TeamKind.ENABLEMENT, TeamKind.OCCUPATIONAL_THERAPY], is_active=True
        ).order_by("kind", "name")
        self.fields["team"] = forms.TypedChoiceField(
            label="The team to refer to (only if trying enablement or an occupational therapy assessment)",
            choices=[("", "Choose a team")] + [(t.pk, f"{t.name} ({t.get_kind_display().lower()})") for t in teams],
            coerce=int,
            required=False,
        )
        self.fields["referral_reason"] = _text("What the referral should look at (only if referring)")
        # Only for a decision to end the support.
        self.fields["ends_on"] = GovukDateField(
            label="The last day of the support (only if ending it)",
            label_for_errors="The last day of the support",
            required=False,
            help_text="On or after the review. For example, 31 7 2027",
        )
        self.fields["end_reason"] = forms.ChoiceField(
            label="Why the support is ending (only if ending it)",
            choices=EndReasonChoices.choices,
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields["end_note"] = _text("Tell the person more about why (needed for another reason)")


class SelfReviewForm(forms.Form):
    """The person's own answers before their review: nothing is required until they send it. With ``easy_read``,
    the same questions in easy read words, in larger type."""

    def __init__(self, *args: Any, outcomes: list[PlanOutcome], easy_read: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        words = _EASY_READ if easy_read else _PLAIN
        for outcome in outcomes:
            self.fields[f"progress_{outcome.pk}"] = forms.ChoiceField(
                label=words["progress"].format(outcome=outcome.own_words[:200]),
                choices=words["choices"],
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"words_{outcome.pk}"] = _text(words["words"])
        self.fields["working"] = _text(words["working"])
        self.fields["not_working"] = _text(words["not_working"])
        self.fields["changed"] = _text(words["changed"], help_text=words["changed_hint"])
        if easy_read:
            for field in self.fields.values():
                field.widget.attrs.update(label_classes="govuk-label--m", legend_classes="govuk-fieldset__legend--m")


_PLAIN: dict[str, Any] = {
    "progress": "“{outcome}”: how is this going?",
    "choices": [
        ("achieved", "It has happened"),
        ("partly", "It is partly happening"),
        ("not_yet", "It has not happened yet"),
        ("not_wanted", "I do not want this any more"),
    ],
    "words": "Tell us more, if you want to",
    "working": "What is going well with your support?",
    "not_working": "What is not going well?",
    "changed": "Has anything changed for you?",
    "changed_hint": "For example your health, where you live, or the people who help you",
}
_EASY_READ: dict[str, Any] = {
    "progress": "You wanted: “{outcome}”. Is this happening?",
    "choices": [
        ("achieved", "Yes"),
        ("partly", "A bit"),
        ("not_yet", "Not yet"),
        ("not_wanted", "I do not want this now"),
    ],
    "words": "Tell us more. You do not have to",
    "working": "What is good about your support?",
    "not_working": "What is not good?",
    "changed": "Is anything different for you now?",
    "changed_hint": "Like your health, your home, or who helps you",
}
