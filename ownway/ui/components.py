"""GOV.UK Frontend components drawn in Python where a page draws many of them.

The GOV.UK Frontend's Jinja macros (``govuk_frontend_jinja``) draw every component Ownway shows. A table is
the one drawn hundreds of times a page: the macro calls another macro for each cell's attributes, and a table
of 25 rows and 5 columns takes about 5 ms to draw, a third of a team worklist's time. :func:`govuk_table` draws
the same markup as the ``govukTable`` macro of GOV.UK Frontend 5 (classes, caption, head, ``firstCellIsHeader``,
``format``, ``colspan``, ``rowspan``, ``attributes``), takes the same parameters, and is checked against the
macro, cell for cell, by ``ownway/ui/tests/test_components.py``.

Checkboxes and radios are the other: every item is a macro call for its label and another for its attributes,
and the directory's search form, with some forty checkboxes, spent a third of its time drawing them.
:func:`govuk_checkboxes` and :func:`govuk_radios` draw the markup of ``govukCheckboxes`` and ``govukRadios``
(with their hint, error message, fieldset and label) from the same parameters, checked the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape


def _text(value: Any) -> str:
    """What ``{{ value }}`` prints under autoescape: a missing value nothing, markup as it is, text escaped."""
    if value is None or _undefined(value):
        return ""
    return str(escape(value))


def _undefined(value: Any) -> bool:
    return type(value).__name__.endswith("Undefined")


def _get(params: Any, name: str) -> Any:
    if isinstance(params, Mapping):
        return params.get(name)
    return getattr(params, name, None)


def _content(item: Any) -> str:
    """``item.html | safe if item.html else item.text``."""
    html = _get(item, "html")
    if html and not _undefined(html):
        return str(html)
    return _text(_get(item, "text"))


def _classes(base: str, *extra: Any) -> str:
    return base + "".join(f" {_text(e)}" for e in extra if e and not _undefined(e))


def govuk_attributes(attributes: Any) -> str:
    """The GOV.UK Frontend's ``govukAttributes`` macro: a string as it is; a mapping as `` name="value"`` pairs
    (``True``/``False`` as ``true``/``false``), where ``{"value": …, "optional": True}`` leaves out an empty
    value and prints a true one as the name alone."""
    if not attributes or _undefined(attributes):
        return ""
    if isinstance(attributes, str):
        return str(attributes)
    out = []
    for name, value in attributes.items():
        if isinstance(value, Mapping) and value.get("val") is not None and len(value):
            value = value["val"]
        if isinstance(value, Mapping):
            options = {"value": value.get("value"), "optional": value.get("optional")}
        else:
            options = {"value": str(value).lower() if isinstance(value, bool) else value, "optional": False}
        optional, shown = options["optional"] is True, options["value"]
        if optional and shown is True:
            out.append(f" {escape(name)}")
        elif (optional and shown is not None and shown is not False and not _undefined(shown)) or not optional:
            out.append(f' {escape(name)}="{escape(shown)}"')
    return "".join(out)


def _span(item: Any) -> str:
    out = ""
    for name in ("colspan", "rowspan"):
        value = _get(item, name)
        if value and not _undefined(value):
            out += f' {name}="{_text(value)}"'
    return out


def govuk_table(params: Mapping[str, Any]) -> Markup:
    """The ``govukTable`` component, as the GOV.UK Frontend macro draws it, with the same parameters."""
    parts = [
        f'<table class="{_classes("govuk-table", _get(params, "classes"))}"'
        f"{govuk_attributes(_get(params, 'attributes'))}>"
    ]
    caption = _get(params, "caption")
    if caption and not _undefined(caption):
        parts.append(
            f'<caption class="{_classes("govuk-table__caption", _get(params, "captionClasses"))}">'
            f"{_text(caption)}</caption>"
        )
    head = _get(params, "head")
    if head and not _undefined(head):
        parts.append('<thead class="govuk-table__head"><tr class="govuk-table__row">')
        for item in head:
            fmt = _get(item, "format")
            parts.append(
                '<th scope="col" class="'
                + _classes(
                    "govuk-table__header",
                    f"govuk-table__header--{_text(fmt)}" if fmt and not _undefined(fmt) else None,
                    _get(item, "classes"),
                )
                + f'"{_span(item)}{govuk_attributes(_get(item, "attributes"))}>{_content(item)}</th>'
            )
        parts.append("</tr></thead>")
    parts.append('<tbody class="govuk-table__body">')
    first_is_header = _get(params, "firstCellIsHeader")
    for row in _get(params, "rows") or ():
        if not row:
            continue
        parts.append('<tr class="govuk-table__row">')
        for index, cell in enumerate(row):
            common = _span(cell) + govuk_attributes(_get(cell, "attributes"))
            if index == 0 and first_is_header and not _undefined(first_is_header):
                parts.append(
                    f'<th scope="row" class="{_classes("govuk-table__header", _get(cell, "classes"))}"{common}>'
                    f"{_content(cell)}</th>"
                )
            else:
                fmt = _get(cell, "format")
                classes = _classes(
                    "govuk-table__cell",
                    f"govuk-table__cell--{_text(fmt)}" if fmt and not _undefined(fmt) else None,
                    _get(cell, "classes"),
                )
                parts.append(f'<td class="{classes}"{common}>{_content(cell)}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return Markup("".join(parts))  # noqa: S704 - every value above is escaped or was given as markup


def _given(value: Any) -> bool:
    """Whether a parameter was given and is truthy, as ``{% if value %}`` reads it."""
    return bool(value) and not _undefined(value)


def _html_or_text(params: Any) -> str:
    """``params.html | safe | trim if params.html else params.text``."""
    html = _get(params, "html")
    if _given(html):
        return str(html).strip()
    return _text(_get(params, "text"))


def govuk_hint(params: Any) -> str:
    """The ``govukHint`` component."""
    ident = _get(params, "id")
    id_attr = f' id="{_text(ident)}"' if _given(ident) else ""
    return (
        f'<div{id_attr} class="{_classes("govuk-hint", _get(params, "classes"))}"'
        f"{govuk_attributes(_get(params, 'attributes'))}>{_html_or_text(params)}</div>"
    )


def govuk_error_message(params: Any) -> str:
    """The ``govukErrorMessage`` component: the message after a visually hidden "Error:" unless told otherwise."""
    hidden = _get(params, "visuallyHiddenText") if _has(params, "visuallyHiddenText") else "Error"
    ident = _get(params, "id")
    id_attr = f' id="{_text(ident)}"' if _given(ident) else ""
    prefix = f'<span class="govuk-visually-hidden">{_text(hidden)}:</span> ' if _given(hidden) else ""
    return (
        f'<p{id_attr} class="{_classes("govuk-error-message", _get(params, "classes"))}"'
        f"{govuk_attributes(_get(params, 'attributes'))}>{prefix}{_html_or_text(params)}</p>"
    )


def _has(params: Any, name: str) -> bool:
    """Whether a parameter is there at all (``| default`` replaces only a missing one)."""
    if isinstance(params, Mapping):
        return name in params and not _undefined(params[name])
    return hasattr(params, name) and not _undefined(getattr(params, name))


def govuk_label(params: Any) -> str:
    """The ``govukLabel`` component: nothing when it has no text."""
    if not (_given(_get(params, "html")) or _given(_get(params, "text"))):
        return ""
    target = _get(params, "for")
    for_attr = f' for="{_text(target)}"' if _given(target) else ""
    label = (
        f'<label class="{_classes("govuk-label", _get(params, "classes"))}"'
        f"{govuk_attributes(_get(params, 'attributes'))}{for_attr}>{_html_or_text(params)}</label>"
    )
    if _given(_get(params, "isPageHeading")):
        return f'<h1 class="govuk-label-wrapper">{label}</h1>'
    return label


def govuk_fieldset(params: Any, html: str) -> str:
    """The ``govukFieldset`` component around ``html``."""
    role, described = _get(params, "role"), _get(params, "describedBy")
    parts = [
        f'<fieldset class="{_classes("govuk-fieldset", _get(params, "classes"))}"'
        + (f' role="{_text(role)}"' if _given(role) else "")
        + (f' aria-describedby="{_text(described)}"' if _given(described) else "")
        + f"{govuk_attributes(_get(params, 'attributes'))}>"
    ]
    legend = _get(params, "legend")
    if _given(legend) and (_given(_get(legend, "html")) or _given(_get(legend, "text"))):
        content = _html_or_text(legend)
        if _given(_get(legend, "isPageHeading")):
            content = f'<h1 class="govuk-fieldset__heading">{content}</h1>'
        legend_classes = _classes("govuk-fieldset__legend", _get(legend, "classes"))
        parts.append(f'<legend class="{legend_classes}">{content}</legend>')
    parts.append(f"{html}</fieldset>")
    return "".join(parts)


def _choices(params: Mapping[str, Any], kind: str) -> Markup:
    """What ``govukCheckboxes`` (``kind`` "checkboxes") and ``govukRadios`` ("radios") draw: the two macros differ
    only in the input's type, how an item is found checked, and which described-by ids an item carries."""
    name = _get(params, "name")
    id_prefix = _get(params, "idPrefix") if _given(_get(params, "idPrefix")) else name
    fieldset = _get(params, "fieldset")
    has_fieldset = _given(fieldset)
    if kind == "checkboxes":
        described = _get(params, "describedBy") if _given(_get(params, "describedBy")) else ""
    else:
        described = ""
    if has_fieldset and _given(_get(fieldset, "describedBy")):
        described = _get(fieldset, "describedBy")
    described = _text(described)
    inner = []
    hint = _get(params, "hint")
    if _given(hint):
        hint_id = f"{_text(id_prefix)}-hint"
        described = f"{described} {hint_id}" if described else hint_id
        inner.append(
            govuk_hint(
                {
                    "id": hint_id,
                    "classes": _get(hint, "classes"),
                    "attributes": _get(hint, "attributes"),
                    "html": _get(hint, "html"),
                    "text": _get(hint, "text"),
                }
            )
        )
    error = _get(params, "errorMessage")
    if _given(error):
        error_id = f"{_text(id_prefix)}-error"
        described = f"{described} {error_id}" if described else error_id
        shown = {name: _get(error, name) for name in ("classes", "attributes", "html", "text")}
        if _has(error, "visuallyHiddenText"):
            shown["visuallyHiddenText"] = _get(error, "visuallyHiddenText")
        inner.append(govuk_error_message({"id": error_id, **shown}))
    form_group = _get(params, "formGroup")
    inner.append(
        f'<div class="{_classes(f"govuk-{kind}", _get(params, "classes"))}"'
        f'{govuk_attributes(_get(params, "attributes"))} data-module="govuk-{kind}">'
    )
    if _given(form_group) and _given(_get(form_group, "beforeInputs")):
        inner.append(f"\n{_html_or_text(_get(form_group, 'beforeInputs'))}\n")
    values = _get(params, "values") if kind == "checkboxes" else _get(params, "value")
    for index, item in enumerate(_get(params, "items") or (), start=1):
        if _given(item):
            inner.append(_choice(params, item, index, kind, id_prefix, values, described, has_fieldset))
    if _given(form_group) and _given(_get(form_group, "afterInputs")):
        inner.append(f"\n{_html_or_text(_get(form_group, 'afterInputs'))}\n")
    inner.append("</div>")
    html = "".join(inner)
    group_classes = _classes(
        "govuk-form-group",
        "govuk-form-group--error" if _given(error) else None,
        _get(form_group, "classes") if _given(form_group) else None,
    )
    group_attributes = govuk_attributes(_get(form_group, "attributes") if _given(form_group) else None)
    if has_fieldset:
        html = govuk_fieldset(
            {
                "describedBy": described,
                "classes": _get(fieldset, "classes"),
                "attributes": _get(fieldset, "attributes"),
                "legend": _get(fieldset, "legend"),
            },
            html,
        )
    return Markup(f'<div class="{group_classes}"{group_attributes}>{html}</div>')  # noqa: S704 - escaped above


def _choice(
    params: Any, item: Any, index: int, kind: str, id_prefix: Any, values: Any, described: str, has_fieldset: bool
) -> str:
    """One checkbox or radio, its label, its hint and what it reveals."""
    own_id = _get(item, "id")
    item_id = _text(own_id) if _given(own_id) else _text(id_prefix) + (f"-{index}" if index > 1 else "")
    divider = _get(item, "divider")
    if _given(divider):
        return f'<div class="govuk-{kind}__divider">{_text(divider)}</div>'
    checked, value = _get(item, "checked"), _get(item, "value")
    if not _given(checked):
        if not _given(values):
            checked = False
        elif kind == "checkboxes":
            checked = value in values and checked is not False
        else:
            checked = value == values and checked is not False
    hint = _get(item, "hint")
    has_hint = _given(hint) and (_given(_get(hint, "text")) or _given(_get(hint, "html")))
    hint_id = f"{item_id}-item-hint"
    if kind == "checkboxes":
        item_described = " ".join(filter(None, ((described if not has_fieldset else ""), hint_id if has_hint else "")))
        item_name = _get(item, "name") if _given(_get(item, "name")) else _get(params, "name")
    else:
        item_described = hint_id if has_hint else ""
        item_name = _get(params, "name")
    conditional = _get(item, "conditional")
    reveals = _given(conditional) and _given(_get(conditional, "html"))
    behaviour = _get(item, "behaviour")
    input_type = "checkbox" if kind == "checkboxes" else "radio"
    parts = [
        f'<div class="govuk-{kind}__item"><input class="govuk-{kind}__input" id="{item_id}" name="{_text(item_name)}" '
        f'type="{input_type}" value="{escape(value) if _has(item, "value") else ""}"'
        + (" checked" if checked else "")
        + (" disabled" if _given(_get(item, "disabled")) else "")
        + (f' data-aria-controls="conditional-{item_id}"' if reveals else "")
        + (f' data-behaviour="{_text(behaviour)}"' if kind == "checkboxes" and _given(behaviour) else "")
        + (f' aria-describedby="{item_described}"' if item_described else "")
        + f"{govuk_attributes(_get(item, 'attributes'))}>"
    ]
    label = _get(item, "label")
    label_classes = _get(label, "classes") if _given(label) else None
    parts.append(
        govuk_label(
            {
                "html": _get(item, "html"),
                "text": _get(item, "text"),
                "classes": f"govuk-{kind}__label" + (f" {_text(label_classes)}" if _given(label_classes) else ""),
                "attributes": _get(label, "attributes") if _given(label) else None,
                "for": item_id,
            }
        )
    )
    if has_hint:
        hint_classes = _get(hint, "classes")
        parts.append(
            govuk_hint(
                {
                    "id": hint_id,
                    "classes": f"govuk-{kind}__hint" + (f" {_text(hint_classes)}" if _given(hint_classes) else ""),
                    "attributes": _get(hint, "attributes"),
                    "html": _get(hint, "html"),
                    "text": _get(hint, "text"),
                }
            )
        )
    parts.append("</div>")
    if reveals:
        hidden = "" if checked else f" govuk-{kind}__conditional--hidden"
        parts.append(
            f'<div class="govuk-{kind}__conditional{hidden}" id="conditional-{item_id}">'
            f"{str(_get(conditional, 'html')).strip()}</div>"
        )
    return "".join(parts)


def govuk_checkboxes(params: Mapping[str, Any]) -> Markup:
    """The ``govukCheckboxes`` component, as the GOV.UK Frontend macro draws it, with the same parameters."""
    return _choices(params, "checkboxes")


def govuk_radios(params: Mapping[str, Any]) -> Markup:
    """The ``govukRadios`` component, as the GOV.UK Frontend macro draws it, with the same parameters."""
    return _choices(params, "radios")
