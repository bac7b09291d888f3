"""Forms for the jargon buster's terms and the information pages: they parse and bound what is typed; the services
decide (:mod:`.services`)."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import Audience
from .services import PageData, TermData


def _text(label: str, max_length: int, *, required: bool = False, message: str = "", hint: str = "") -> forms.CharField:
    name = label.replace(" (optional)", "")
    errors = {"max_length": f"{name} must be {max_length:,} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label, required=required, max_length=max_length, help_text=hint, error_messages=errors, strip=True
    )


def _area(label: str, max_length: int, *, rows: int = 5, **options: Any) -> forms.CharField:
    field = _text(label, max_length, **options)
    field.widget = forms.Textarea(attrs={"rows": rows})
    field.widget.attrs["maxlength"] = str(max_length)
    return field


class TermForm(forms.Form):
    term = _text("Term", 80, required=True, message="Enter the term")
    meaning = _area(
        "What it means, in plain English",
        1000,
        required=True,
        message="Enter what the term means, in plain English",
        hint="Write to the reader as “you”, in short sentences.",
    )
    easy_read_meaning = _area(
        "What it means, in easy read (optional)", 600, hint="One or two very short sentences, with everyday words."
    )
    also_known_as = _text(
        "Other names and abbreviations (optional)",
        300,
        hint="Separate them with commas, like “DP, direct payments”. Each name can belong to one term only.",
    )
    audience = forms.ChoiceField(
        label="Who is this term for?",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the term is for", "invalid_choice": "Choose who the term is for"},
    )

    def to_data(self) -> TermData:
        data = self.cleaned_data
        return TermData(
            term=data["term"],
            meaning=data["meaning"],
            easy_read_meaning=data.get("easy_read_meaning", ""),
            also_known_as=data.get("also_known_as", ""),
            audience=data["audience"],
        )


MARKUP_HINT = (
    "Write ## before a heading, - before each item of a list, **bold** for bold and [words](https://address) for a "
    "link. Put [[budget bands]] or [[service standard]] on a line of its own to show the council's current figures."
)


class PageForm(forms.Form):
    title = _text("Title", 120, required=True, message="Enter the page's title")
    summary = _text(
        "Summary", 300, required=True, message="Enter a one-sentence summary of the page", hint="One sentence."
    )
    body = _area(
        "What the page says", 20_000, rows=20, required=True, message="Enter what the page says", hint=MARKUP_HINT
    )
    easy_read_body = _area(
        "The easy read version (optional)", 10_000, rows=10, hint="Short sentences, one idea in each. " + MARKUP_HINT
    )
    note = _text("What you changed, and why (optional)", 300, hint="Kept with this version of the page.")

    def to_data(self) -> PageData:
        data = self.cleaned_data
        return PageData(
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            easy_read_body=data.get("easy_read_body", ""),
            note=data.get("note", ""),
        )
