"""Django forms rendered as GOV.UK Design System components.

:func:`field_component` turns any bound field into the name of a GOV.UK Frontend macro and its
parameters; the ``ui/forms.html`` macros call it, so a template renders a whole form with
``form_fields(form)`` and an error summary with ``error_summary(form)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.http import HttpRequest
from django.utils import timezone

from ownway.core.dates import format_date
from ownway.core.money import format_money
from ownway.core.numbers import NumberError, parse_id, parse_money, parse_number, parse_whole_number
from ownway.core.versioning import StaleEdit
from ownway.core.workflow import TransitionRefused

# ----------------------------------------------------------------------------------------------------
# Date input: day, month and year boxes, as the GOV.UK date input pattern asks.
# ----------------------------------------------------------------------------------------------------


class GovukDateWidget(forms.MultiWidget):
    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return [str(data.get(f"{name}-{part}", "")).strip() for part in ("day", "month", "year")]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in ("day", "month", "year"))


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK error messages for each mistake.

    Messages follow the GOV.UK Design System's date input guidance: "Date of birth must include a
    month", "Date of birth must be a real date", "Date of birth must be in the past" (``must_be_past``),
    "Date agreed must be today or in the past" (``not_future``: for something that has happened, which
    may have happened today).
    """

    widget = GovukDateWidget

    def __init__(
        self,
        *,
        label_for_errors: str,
        must_be_past: bool = False,
        not_future: bool = False,
        must_be_future: bool = False,
        earliest: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        self.label_for_errors = label_for_errors
        self.must_be_past = must_be_past
        self.not_future = not_future
        self.must_be_future = must_be_future
        self.earliest = earliest
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        name = self.label_for_errors
        day, month, year = value if isinstance(value, list | tuple) else (None, None, None)
        if not any((day, month, year)):
            if self.required:
                raise forms.ValidationError(f"Enter {name.lower()}", code="required")
            return None
        missing = [part for part, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(f"{name} must include a {' and a '.join(missing)}", code="incomplete")
        if not (str(day).isdigit() and str(month).isdigit() and str(year).isdigit()):
            raise forms.ValidationError(f"{name} must be a real date", code="invalid")
        if len(str(year)) != 4:
            raise forms.ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{name} must be a real date", code="invalid") from None

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if self.must_be_past and value >= today:
            raise forms.ValidationError(f"{self.label_for_errors} must be in the past", code="not_past")
        if self.not_future and value > today:
            raise forms.ValidationError(f"{self.label_for_errors} must be today or in the past", code="future")
        if self.must_be_future and value <= today:
            raise forms.ValidationError(f"{self.label_for_errors} must be in the future", code="not_future")
        if self.earliest and value < self.earliest:
            raise forms.ValidationError(
                f"{self.label_for_errors} must be after {format_date(self.earliest)}",
                code="too_early",
            )

    def bound_data(self, data: Any, initial: Any) -> Any:
        return data


# ----------------------------------------------------------------------------------------------------
# Numbers: money, whole numbers and decimals as people type them, each in the range its use allows.
# ----------------------------------------------------------------------------------------------------


class _BoundedNumberField(forms.Field):
    """A number read by ``ownway.core.numbers``: finite, in range, with a GOV.UK message for each mistake.

    ``subject`` names the value at the start of a message ("Weekly cost of care must be £100,000 or less");
    it defaults to the label. A message in ``error_messages`` under a code of
    :class:`~ownway.core.numbers.NumberError` (``invalid``, ``places``, ``too_small``, ``too_large``)
    replaces the standard one; ``required`` defaults to "Enter <subject>".
    """

    def __init__(self, *, subject: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.subject = subject or str(self.label or "The number")
        if "required" not in (kwargs.get("error_messages") or {}):
            self.error_messages["required"] = f"Enter {self.subject[0].lower()}{self.subject[1:]}"

    def parse(self, value: str) -> Any:  # pragma: no cover - each subclass parses its own kind
        raise NotImplementedError

    def to_python(self, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return self.parse(value)
        except NumberError as error:
            raise ValidationError(self.error_messages.get(error.code, error.message), code=error.code) from None


def _text_input(width: str, inputmode: str, prefix: str = "", suffix: str = "") -> forms.TextInput:
    attrs: dict[str, Any] = {"width": width, "inputmode": inputmode, "spellcheck": False}
    if prefix:
        attrs["prefix"] = prefix
    if suffix:
        attrs["suffix"] = suffix
    return forms.TextInput(attrs=attrs)


class MoneyField(_BoundedNumberField):
    """An amount in pounds and pence from ``low`` to ``high``, typed as people type it: ``8,500``,
    ``£1,000,000``, ``12.5``. Cleans to a Decimal with 2 places, or None when empty and not required."""

    def __init__(self, *, high: Decimal, low: Decimal = Decimal(0), width: str = "10", **kwargs: Any) -> None:
        self.low, self.high = low, high
        kwargs.setdefault("widget", _text_input(width, "decimal", prefix="£"))
        super().__init__(**kwargs)

    def parse(self, value: str) -> Decimal:
        return parse_money(value, low=self.low, high=self.high, subject=self.subject)


class WholeNumberField(_BoundedNumberField):
    """A whole number from ``low`` to ``high`` (a count, an age, minutes). Cleans to an int."""

    def __init__(self, *, low: int, high: int, width: str = "4", suffix: str = "", **kwargs: Any) -> None:
        self.low, self.high = low, high
        kwargs.setdefault("widget", _text_input(width, "numeric", suffix=suffix))
        super().__init__(**kwargs)

    def parse(self, value: str) -> int:
        return parse_whole_number(value, low=self.low, high=self.high, subject=self.subject)


class NumberField(_BoundedNumberField):
    """A number with up to ``places`` decimal places from ``low`` to ``high`` (hours, units). Cleans to a
    Decimal."""

    def __init__(
        self,
        *,
        low: Decimal,
        high: Decimal,
        places: int,
        example: str = "7.5",
        width: str = "4",
        suffix: str = "",
        **kwargs: Any,
    ) -> None:
        self.low, self.high, self.places, self.example = low, high, places, example
        kwargs.setdefault("widget", _text_input(width, "decimal", suffix=suffix))
        super().__init__(**kwargs)

    def parse(self, value: str) -> Decimal:
        return parse_number(
            value, low=self.low, high=self.high, places=self.places, subject=self.subject, example=self.example
        )


# ----------------------------------------------------------------------------------------------------
# Email addresses: as long as a mailbox and every column that keeps one (254 characters, RFC 5321).
# ----------------------------------------------------------------------------------------------------

#: The longest email address kept (Django's EmailField columns hold 254; its form field would take 320).
EMAIL_LENGTH = 254


def email_field(label: str, *, required: bool = False, **kwargs: Any) -> forms.EmailField:
    """An email address with the GOV.UK messages for a wrong one and a too long one; ``label`` may end
    "(optional)", which the messages leave out."""
    subject = label.removesuffix(" (optional)")
    kwargs.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}))
    return forms.EmailField(
        label=label,
        required=required,
        max_length=EMAIL_LENGTH,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": f"{subject} must be {EMAIL_LENGTH} characters or fewer",
        },
        **kwargs,
    )


# ----------------------------------------------------------------------------------------------------
# Field → component
# ----------------------------------------------------------------------------------------------------


def _error(bf: BoundField) -> dict[str, str] | None:
    if not bf.errors:
        return None
    return {"text": " ".join(str(e) for e in bf.errors)}


def _hint(bf: BoundField) -> dict[str, str] | None:
    return {"text": str(bf.help_text)} if bf.help_text else None


def _label(bf: BoundField, *, is_page_heading: bool = False) -> dict[str, Any]:
    label: dict[str, Any] = {"text": str(bf.label)}
    if is_page_heading:
        label.update({"isPageHeading": True, "classes": "govuk-label--l"})
    else:
        label["classes"] = bf.field.widget.attrs.get("label_classes", "govuk-label--s")
    return label


def _legend(bf: BoundField, *, is_page_heading: bool = False) -> dict[str, Any]:
    legend: dict[str, Any] = {"text": str(bf.label)}
    if is_page_heading:
        legend.update({"isPageHeading": True, "classes": "govuk-fieldset__legend--l"})
    else:
        legend["classes"] = bf.field.widget.attrs.get("legend_classes", "govuk-fieldset__legend--s")
    return legend


def _choices(bf: BoundField) -> list[tuple[str, str]]:
    return [(str(value), str(text)) for value, text in bf.field.choices]  # type: ignore[attr-defined]


def _selected(bf: BoundField) -> set[str]:
    value = bf.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)}


def field_component(bf: BoundField, is_page_heading: bool = False, **overrides: Any) -> tuple[str, dict[str, Any]]:
    """The GOV.UK component for a bound field and the parameters for its macro."""
    widget = bf.field.widget
    attrs = {k: v for k, v in widget.attrs.items() if k not in {"label_classes", "legend_classes", "width"}}
    width = widget.attrs.get("width")
    common: dict[str, Any] = {
        "id": bf.auto_id,
        "name": bf.html_name,
        "hint": _hint(bf),
        "errorMessage": _error(bf),
    }
    component: str
    params: dict[str, Any]
    if isinstance(widget, GovukDateWidget):
        day, month, year = (
            (bf.value() or [None, None, None])
            if isinstance(bf.value(), list | tuple)
            else (widget.decompress(bf.value()))
        )
        has_error = bool(bf.errors)
        component = "date"
        params = {
            "id": bf.auto_id,
            "namePrefix": bf.html_name,
            "fieldset": {"legend": _legend(bf, is_page_heading=is_page_heading)},
            "hint": _hint(bf),
            "errorMessage": _error(bf),
            "items": [
                {
                    "name": "day",
                    "label": "Day",
                    "classes": "govuk-input--width-2" + (" govuk-input--error" if has_error else ""),
                    "value": day or "",
                    "inputmode": "numeric",
                },
                {
                    "name": "month",
                    "label": "Month",
                    "classes": "govuk-input--width-2" + (" govuk-input--error" if has_error else ""),
                    "value": month or "",
                    "inputmode": "numeric",
                },
                {
                    "name": "year",
                    "label": "Year",
                    "classes": "govuk-input--width-4" + (" govuk-input--error" if has_error else ""),
                    "value": year or "",
                    "inputmode": "numeric",
                },
            ],
        }
        if attrs.get("autocomplete") == "bday":
            for item, ac in zip(params["items"], ("bday-day", "bday-month", "bday-year"), strict=True):
                item["autocomplete"] = ac
    elif isinstance(widget, forms.RadioSelect) and not isinstance(widget, forms.CheckboxSelectMultiple):
        # Django's CheckboxSelectMultiple is a subclass of RadioSelect: it is checkboxes, below.
        component = "radios"
        selected = _selected(bf)
        params = {
            **common,
            "fieldset": {"legend": _legend(bf, is_page_heading=is_page_heading)},
            "items": [{"value": v, "text": t, "checked": v in selected} for v, t in _choices(bf) if v != ""],
            "classes": attrs.get("class", ""),
        }
        params.pop("id")
        params["idPrefix"] = bf.auto_id
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        component = "checkboxes"
        selected = _selected(bf)
        params = {
            **common,
            "fieldset": {"legend": _legend(bf, is_page_heading=is_page_heading)},
            "items": [{"value": v, "text": t, "checked": v in selected} for v, t in _choices(bf)],
        }
        params.pop("id")
        params["idPrefix"] = bf.auto_id
    elif isinstance(widget, forms.CheckboxInput):
        component = "checkboxes"
        params = {
            "idPrefix": bf.auto_id,
            "name": bf.html_name,
            "errorMessage": _error(bf),
            "classes": "govuk-checkboxes--small",
            "items": [
                {
                    "value": "on",
                    "text": str(bf.label),
                    "checked": bool(bf.value()),
                    "id": bf.auto_id,
                    "hint": _hint(bf),
                }
            ],
        }
    elif isinstance(widget, forms.Select):
        component = "select"
        selected = _selected(bf)
        params = {
            **common,
            "label": _label(bf, is_page_heading=is_page_heading),
            "items": [{"value": v, "text": t or "Choose…", "selected": v in selected} for v, t in _choices(bf)],
        }
    elif isinstance(widget, forms.Textarea):
        component = "textarea"
        params = {
            **common,
            "label": _label(bf, is_page_heading=is_page_heading),
            "value": bf.value() or "",
            "rows": attrs.get("rows", 5),
        }
    elif isinstance(widget, forms.PasswordInput):
        component = "password"
        params = {
            **common,
            "label": _label(bf, is_page_heading=is_page_heading),
            "autocomplete": attrs.get("autocomplete", "current-password"),
        }
    elif isinstance(widget, forms.HiddenInput):
        component = "hidden"
        params = {"html": bf.as_widget()}
    else:
        component = "input"
        input_type = getattr(widget, "input_type", "text")
        value = bf.value()
        params = {
            **common,
            "label": _label(bf, is_page_heading=is_page_heading),
            "type": "text" if input_type == "number" else input_type,
            "value": "" if value is None else value,
            "autocomplete": attrs.get("autocomplete"),
            "spellcheck": attrs.get("spellcheck"),
            "inputmode": attrs.get("inputmode", "numeric" if input_type == "number" else None),
            "classes": (f"govuk-input--width-{width}" if width else "")
            + (" " + attrs["class"] if "class" in attrs else ""),
            "prefix": {"text": attrs["prefix"]} if "prefix" in attrs else None,
            "suffix": {"text": attrs["suffix"]} if "suffix" in attrs else None,
        }
    params.update(overrides)
    return component, {k: v for k, v in params.items() if v is not None}


def add_service_errors(form: forms.BaseForm, error: ValidationError, rename: Mapping[str, str] | None = None) -> None:
    """Show a service's validation errors on the form: each by its field, or at the top when no field has it.

    ``rename`` maps a service's field name to the form's where they differ.
    """
    for name, texts in error.message_dict.items():
        field = (rename or {}).get(name, name)
        for message in texts:
            form.add_error(field if field in form.fields else None, message)


def add_form_error(form: forms.BaseForm, message: str) -> None:
    """Show ``message`` at the top of a form, whether or not the form was the one submitted.

    Django's ``add_error`` needs a form that has been cleaned; a page with several forms may need to put an
    error on one that was not sent (a record chosen from a list that no longer exists).
    """
    if not hasattr(form, "cleaned_data"):
        form.errors  # noqa: B018 - makes the (empty) error list of a form that was not submitted
        form.cleaned_data = {}
    form.add_error(None, message)


def show_transition_refused(form: forms.BaseForm | None, error: TransitionRefused, request: HttpRequest) -> None:
    """Refuse a change to a record that is no longer in a state that allows it: say so at the top of ``form``
    (the form keeps what was typed), or, for a button with no form of its own, as an error message on the page
    the person is sent back to."""
    if form is not None:
        add_form_error(form, f"{error}.")
    else:
        messages.error(request, f"{error}.")


# ----------------------------------------------------------------------------------------------------
# Optimistic concurrency on pages: the version a form was shown, and a stale save shown beside theirs.
# ----------------------------------------------------------------------------------------------------

#: The hidden field that carries the version of the record a form edits (``ownway.core.versioning``).
VERSION_FIELD = "lock_version"


def add_version_field(form: forms.BaseForm, version: int) -> None:
    """Carry the version of the record the form edits, as the page showed it, in a hidden field."""
    form.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
    form.initial[VERSION_FIELD] = version


def edited_version(form: forms.BaseForm) -> int | None:
    """The version the form was shown (None if it carries none), taken out of ``cleaned_data``.

    Call it before handing ``cleaned_data`` to a service. A form without the field, or with a value that is
    not a version, is saved without the check.
    """
    if hasattr(form, "cleaned_data"):
        form.cleaned_data.pop(VERSION_FIELD, None)
    return parse_id(form.data.get(form.add_prefix(VERSION_FIELD))) if form.is_bound else None


def _shown(field: forms.Field, value: Any) -> str:
    """A value as the page shows it, so that what someone else saved and what was typed can be set side by side."""
    if isinstance(value, models.Model):
        value = value.pk
    if value is None or value == "" or (isinstance(value, list | tuple | set) and not value):
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): str(text) for key, text in field.choices}  # type: ignore[misc,union-attr]
        values = value if isinstance(value, list | tuple | set) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_money(value) if isinstance(field, MoneyField) else f"{value.normalize():f}"
    return str(value).strip()


def show_stale_edit(
    form: forms.BaseForm,
    error: StaleEdit,
    saved: Mapping[str, Any],
    *,
    conflicts: list[dict[str, str]] | None = None,
    headings: tuple[str, str] = ("Saved by someone else", "You typed (not saved yet)"),
) -> None:
    """Refuse a stale save on the page, losing nothing: say so at the top of the form, list each answer where
    what someone else saved differs from what was typed (``form.conflicts``, shown by ``error_summary``),
    keep what was typed in the form, and carry the version now saved, so that saving again, having seen
    their changes, keeps these.

    ``saved`` holds the record's values now, by form field, as the form's ``initial`` would. A page whose form
    is not the record's own fields (a broker deciding on a provider's change) passes its ``conflicts``
    (``label``, ``theirs``, ``yours``) and the ``headings`` of the two columns instead.
    """
    if conflicts is None:
        conflicts = []
        typed = getattr(form, "cleaned_data", {})
        for name, field in form.fields.items():
            if name == VERSION_FIELD or name not in saved:
                continue
            theirs, yours = _shown(field, saved[name]), _shown(field, typed.get(name))
            if theirs != yours:
                conflicts.append({"label": str(field.label), "theirs": theirs, "yours": yours})
    form.conflicts = conflicts  # type: ignore[attr-defined]
    form.conflict_headings = headings  # type: ignore[attr-defined]
    if conflicts:
        advice = "Check what has changed, below. If you still want your changes, send them again"
    else:
        advice = (
            f"Their changes were to other parts of the {error.what}. If you still want your changes, send them again"
        )
    add_form_error(form, f"{error}. {advice}")
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict (or a dict): copied, every value kept
    data[form.add_prefix(VERSION_FIELD)] = str(error.current_version)
    form.data = data


def error_summary_items(form: forms.BaseForm) -> list[dict[str, str]]:
    """Each error with a link to the field that has it, in the order the fields appear."""
    items = []
    for error in form.non_field_errors():
        items.append({"text": str(error), "href": "#main-content"})
    for bf in form:
        if not bf.errors:
            continue
        if isinstance(bf.field.widget, GovukDateWidget):
            message = " ".join(str(e) for e in bf.errors).lower()
            part = (
                "month"
                if "month" in message and "day" not in message
                else "year"
                if ("year" in message and "day" not in message and "month" not in message)
                else "day"
            )
            href = f"#{bf.auto_id}-{part}"
        elif isinstance(bf.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            href = f"#{bf.auto_id}"
        else:
            href = f"#{bf.auto_id}"
        for error in bf.errors:
            items.append({"text": str(error), "href": href})
    return items
