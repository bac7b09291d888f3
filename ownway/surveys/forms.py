"""The survey as a form: one question at a time on screen would be long for 25 questions, so each section is a
group of radio questions on one page, in plain English or easy read; nothing is required, but at least one."""

from __future__ import annotations

from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField

from .models import Channel, Question


class SurveyForm(forms.Form):
    def __init__(self, *args: Any, questions: list[Question], easy_read: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = question.easy_read if easy_read else question.plain
            self.fields[question.code] = forms.ChoiceField(
                label=label,
                choices=[(value, easy if easy_read else plain) for value, plain, easy in question.options],
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": f"Choose one of the answers given for: {label}"},
            )
            if easy_read:
                self.fields[question.code].widget.attrs.update(legend_classes="govuk-fieldset__legend--m")

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The questions grouped by section, in order."""
        grouped: list[tuple[str, list[forms.BoundField]]] = []
        for question in self.questions:
            name = question.get_section_display()
            if not grouped or grouped[-1][0] != name:
                grouped.append((name, []))
            grouped[-1][1].append(self[question.code])
        return grouped

    def answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data.get(q.code) or "" for q in self.questions}


class KeyInForm(SurveyForm):
    """A worker keying in answers given on paper or with them: how, and on what day."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"] = forms.ChoiceField(
            label="How were the answers given?",
            choices=[(Channel.PAPER.value, "On the paper survey"), (Channel.WORKER.value, "With me, as we talked")],
            widget=forms.RadioSelect,
            error_messages={
                "required": "Say how the answers were given",
                "invalid_choice": "Say how the answers were given",
            },
        )
        self.fields["answered_on"] = GovukDateField(
            label="Day the answers were given", label_for_errors="The day the answers were given", not_future=True
        )
