"""Forms for the person's proposals to change their plan, and the worker's answer."""

from __future__ import annotations

from typing import Any

from django import forms

from ownway.planning.models import PlanLine

from .models import ProposalKind, ProposalNextStep

#: The choice that sends the person to the day-opportunity request to change days, kept there, not here.
DAY = "day"
_TEXT = {"rows": 4}
_CHOOSE = "Choose what you want to change"


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(
        label="What do you want to change?",
        choices=[
            (ProposalKind.OUTCOME.value, ProposalKind.OUTCOME.label),
            (DAY, "A different day at my day service"),
            (ProposalKind.PROVIDER.value, ProposalKind.PROVIDER.label),
            (ProposalKind.OTHER.value, ProposalKind.OTHER.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _CHOOSE, "invalid_choice": _CHOOSE},
    )
    words = forms.CharField(
        label="Tell us what you want, in your own words",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="For example, “I want to go swimming once a week”. Your worker reads this",
        error_messages={"max_length": "What you want must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, lines: list[PlanLine], easy_read: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = {str(line.pk): line for line in lines}
        self.fields["line"] = forms.ChoiceField(
            label="Who do you want to change? Choose the support"
            if easy_read
            else "If you want someone else to support you: which part of your support?",
            choices=[("", "Choose a part of your support")]
            + [
                (key, f"{line.description[:80]}{', with ' + line.provider_name if line.provider_name else ''}")
                for key, line in self.lines.items()
            ],
            required=False,
            error_messages={"invalid_choice": "Choose a part of your support from the list"},
        )
        if easy_read:
            kind = self.fields["kind"]
            kind.label = "What do you want to change?"
            kind.choices = [  # type: ignore[attr-defined]
                (ProposalKind.OUTCOME.value, "I want to do something new"),
                (DAY, "I want to go to my day service on different days"),
                (ProposalKind.PROVIDER.value, "I want someone else to help me"),
                (ProposalKind.OTHER.value, "Something else"),
            ]
            self.fields["words"].label = "Tell us what you want"
            self.fields["words"].help_text = "Use your own words. Your worker will read this"
            for field in self.fields.values():
                field.widget.attrs.update(label_classes="govuk-label--m", legend_classes="govuk-fieldset__legend--m")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") not in (None, DAY) and not (data.get("words") or "").strip():
            self.add_error("words", "Tell us what you want, in your own words")
        return data


class ProposalAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Your answer",
        choices=[
            (ProposalNextStep.NEXT_VERSION.value, "Agree: take it into a new version of the plan"),
            (ProposalNextStep.REVIEW.value, "Agree: open a review of the plan, because the person asked"),
            ("declined", "Do not agree: explain why"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your answer", "invalid_choice": "Choose your answer"},
    )
    reply = forms.CharField(
        label="What to tell them",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="In plain words: they read this on their page and in a letter. Say why, if you do not agree",
        error_messages={"max_length": "Your answer must be 2,000 characters or fewer"},
    )
