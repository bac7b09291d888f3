"""The form for a Safeguarding Adults Review. It parses and checks input; ``ownway.safeguarding.sars`` decides."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField

from .forms import _area, _choice_field, _radio, _text
from .models import SafeguardingAdultsReview
from .sars import MAX_INDIVIDUALS, SarData

YES_NO = [("yes", "Yes"), ("no", "No")]


def _count(label: str) -> forms.IntegerField:
    message = f"{label} must be a whole number from 0 to {MAX_INDIVIDUALS}"
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_INDIVIDUALS,
        initial=0,
        error_messages={"required": message, "invalid": message, "min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )


class SarForm(forms.Form):
    title = _text("Title of the review", required=True, message="Give the review a title")
    person_reference = _text("The adult's Ownway reference (optional)", max_length=20)
    concern_references = _text(
        "References of the safeguarding concerns about the case (optional)",
        max_length=700,
    )
    case_summary = _area("The case (optional)", max_length=5000)
    agencies_concern = _radio(
        "Is there reasonable cause for concern about how the board, its members or others worked together to "
        "safeguard the adult? (s.44(1)(a))",
        "Say whether there is cause for concern about how agencies worked together",
    )
    condition = _radio("Which condition applies? (s.44(2) and (3))", "Select which condition applies, or neither")
    criteria_reasons = _area(
        "Why the criteria are met, or why the board chose to review",
        required=True,
        message="Say why the criteria for a review are met, or why the board chose to review",
    )
    referred_on = GovukDateField(
        label="Referred to the board on (optional)", label_for_errors="Referred date", required=False, not_future=True
    )
    started_on = GovukDateField(label="Review started on", label_for_errors="Start date", not_future=True)
    concluded_on = GovukDateField(
        label="Review concluded on (optional)", label_for_errors="Conclusion date", required=False, not_future=True
    )
    individuals_died = _count("Individuals who suffered serious harm and died")
    individuals_survived = _count("Individuals who suffered serious harm and survived")
    findings_published_on = GovukDateField(
        label="Findings published on (optional)", label_for_errors="Publication date", required=False, not_future=True
    )
    findings_link = _text("Where the findings are published (optional)", max_length=200)
    findings_summary = _area("What was learned (optional)", max_length=5000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "agencies_concern").choices = YES_NO
        _choice_field(self, "condition").choices = SafeguardingAdultsReview.Condition.choices
        self.fields["concern_references"].help_text = "Like S0000012, separated by commas or spaces"

    @staticmethod
    def initial_for(review: SafeguardingAdultsReview) -> dict[str, Any]:
        return {
            "title": review.title,
            "person_reference": review.person.reference if review.person else "",
            "concern_references": ", ".join(c.reference or "" for c in review.concerns.all()),
            "case_summary": review.case_summary,
            "agencies_concern": "yes" if review.agencies_concern else "no",
            "condition": review.condition,
            "criteria_reasons": review.criteria_reasons,
            "referred_on": review.referred_on,
            "started_on": review.started_on,
            "concluded_on": review.concluded_on,
            "individuals_died": review.individuals_died,
            "individuals_survived": review.individuals_survived,
            "findings_published_on": review.findings_published_on,
            "findings_link": review.findings_link,
            "findings_summary": review.findings_summary,
        }

    def data_for_service(self) -> SarData:
        d = self.cleaned_data
        return SarData(
            title=d["title"],
            person_reference=d["person_reference"],
            concern_references=[r for r in re.split(r"[\s,;]+", d["concern_references"]) if r],
            case_summary=d["case_summary"],
            agencies_concern=d["agencies_concern"] == "yes",
            condition=d["condition"],
            criteria_reasons=d["criteria_reasons"],
            referred_on=d["referred_on"],
            started_on=d["started_on"],
            concluded_on=d["concluded_on"],
            individuals_died=d["individuals_died"],
            individuals_survived=d["individuals_survived"],
            findings_published_on=d["findings_published_on"],
            findings_link=d["findings_link"],
            findings_summary=d["findings_summary"],
        )
