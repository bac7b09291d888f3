"""GOV.UK Frontend components drawn in Python where a page draws many of them.

The GOV.UK Frontend's Jinja macros (``govuk_frontend_jinja``) draw every component Ownway shows. A table is
the one drawn hundreds of times a page: the macro calls another macro for each cell's attributes, and a table
of 25 rows and 5 columns takes about 5 ms to draw, a third of a team worklist's time. :func:`govuk_table` draws
the same markup as the ``govukTable`` macro of GOV.UK Frontend 5 (classes, caption, head, ``firstCellIsHeader``,
``format``, ``colspan``, ``rowspan``, ``attributes``), takes the same parameters, and is checked against the
macro, cell for cell, by ``ownway/ui/tests/test_components.py``.
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
