"""The tables Ownway draws in Python are the GOV.UK Frontend's own: the same markup as the ``govukTable`` macro."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from markupsafe import Markup

from ownway.ui.components import govuk_checkboxes, govuk_radios, govuk_table

MACRO = engines["jinja2"].env.from_string(  # type: ignore[attr-defined]
    '{% from "govuk_frontend_jinja/components/table/macro.html" import govukTable %}{{ govukTable(params) }}'
)


def _normalised(html: str) -> str:
    """The markup with the whitespace a browser does not show taken out: between tags, and at the start and end
    of an element's content (the macros break lines there; a space beside a closing tag's end stays)."""
    html = re.sub(r">\s+<", "><", str(html).strip())
    html = re.sub(r"(<[a-z][^>]*>)\s+", r"\1", html)
    html = re.sub(r"\s+(</)", r"\1", html)
    return re.sub(r"\s+", " ", html)


CASES = {
    "plain": {"rows": [[{"text": "a"}, {"text": "b"}]]},
    "caption and head": {
        "caption": "Each worker's open work",
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": "Worker"}, {"text": "Open", "format": "numeric"}, {"html": Markup("<a href='#'>Sort</a>")}],
        "rows": [[{"text": "Ann"}, {"text": 3, "format": "numeric"}, {"text": "x"}]],
    },
    "escaping": {
        "caption": "<b>Tom & Jerry</b>",
        "rows": [[{"text": "<script>alert(1)</script>"}, {"html": Markup("<strong>bold</strong>")}]],
    },
    "first cell is header, spans and classes": {
        "classes": "ownway-wide",
        "firstCellIsHeader": True,
        "rows": [
            [{"text": "Monday", "classes": "ownway-nowrap"}, {"text": "9am", "colspan": 2}],
            [],
            [{"text": "Tuesday"}, {"text": "", "rowspan": 2, "format": "numeric", "classes": "x y"}],
        ],
    },
    "attributes": {
        "attributes": {"data-module": "sortable", "id": 'a"b'},
        "head": [{"text": "Name", "attributes": {"aria-sort": "ascending"}}],
        "rows": [
            [
                {"text": "n", "attributes": {"hidden": {"value": True, "optional": True}}},
                {"text": "m", "attributes": {"data-x": {"value": None, "optional": True}, "data-flag": False}},
                {"text": "o", "attributes": ' data-raw="1"'},
            ]
        ],
    },
    "empty": {"rows": []},
    "missing text": {"rows": [[{}, {"html": ""}, {"text": 0}]]},
}


@pytest.mark.parametrize("params", CASES.values(), ids=CASES.keys())
def test_the_table_is_the_macros_markup(params):
    assert _normalised(govuk_table(params)) == _normalised(MACRO.render(params=params))


def test_the_table_escapes_what_it_is_given_as_text():
    html = govuk_table({"caption": "<i>", "rows": [[{"text": "<script>"}]]})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;i&gt;" in html


CHOICE_MACROS = {
    kind: engines["jinja2"].env.from_string(  # type: ignore[attr-defined]
        f'{{% from "govuk_frontend_jinja/components/{kind}/macro.html" import {macro} %}}{{{{ {macro}(params) }}}}'
    )
    for kind, macro in (("checkboxes", "govukCheckboxes"), ("radios", "govukRadios"))
}

CHOICE_CASES = {
    "plain, checked by the item": {
        "name": "interest",
        "items": [{"value": "art", "text": "Art", "checked": True}, {"value": "music", "text": "Music"}],
    },
    "fieldset, legend as page heading, hint and error": {
        "idPrefix": "id_day",
        "name": "day",
        "classes": "govuk-checkboxes--small",
        "fieldset": {"legend": {"text": "Which days?", "isPageHeading": True, "classes": "govuk-fieldset__legend--l"}},
        "hint": {"text": "Choose all that apply"},
        "errorMessage": {"text": "Choose a day"},
        "items": [{"value": "mon", "text": "Monday"}, {"value": "tue", "text": "Tuesday & <b>more</b>"}],
    },
    "chosen by values and value": {
        "name": "sort",
        "values": ["b"],
        "value": "b",
        "items": [
            {"value": "a", "text": "A"},
            {"value": "b", "text": "B"},
            {"value": "c", "text": "C", "checked": False},
        ],
    },
    "item hints, dividers, conditional, disabled, ids and label classes": {
        "name": "how",
        "describedBy": "outside",
        "fieldset": {"describedBy": "extra", "legend": {"html": Markup("<span>How</span>")}, "classes": "fs"},
        "items": [
            {"value": "email", "text": "Email", "hint": {"text": "We will write", "classes": "h"}, "id": "own"},
            {"divider": "or"},
            {
                "value": "phone",
                "html": Markup("<b>Phone</b>"),
                "conditional": {"html": Markup("<p>Your number</p>")},
                "checked": True,
                "label": {"classes": "govuk-label--s", "attributes": {"data-l": "1"}},
            },
            {"value": "post", "text": "Post", "conditional": {"html": Markup("<p>Address</p>")}},
            {"value": "none", "text": "None of these", "behaviour": "exclusive", "disabled": True},
            None,
            {"value": "x", "text": "X", "attributes": {"data-x": "y"}, "name": "other"},
        ],
    },
    "no fieldset, described by hint and error": {
        "name": "agree",
        "describedBy": "before",
        "hint": {"html": Markup("<i>hint</i>"), "classes": "hc", "attributes": {"data-h": 1}},
        "errorMessage": {"text": "Tick the box", "visuallyHiddenText": "Problem", "classes": "ec"},
        "formGroup": {
            "classes": "fg",
            "attributes": {"data-fg": "1"},
            "beforeInputs": {"text": "<before>"},
            "afterInputs": {"html": Markup("<p>after</p>")},
        },
        "attributes": {"data-a": "b"},
        "items": [{"value": "yes", "text": "I agree", "hint": {"text": "Read it first"}}],
    },
    "error with no hidden prefix": {
        "name": "n",
        "errorMessage": {"text": "Wrong", "visuallyHiddenText": ""},
        "items": [{"value": 1, "text": "One"}, {"value": "", "text": "Blank"}, {"text": "No value"}],
    },
    "empty": {"name": "n", "items": []},
}


@pytest.mark.parametrize("kind", ["checkboxes", "radios"])
@pytest.mark.parametrize("params", CHOICE_CASES.values(), ids=CHOICE_CASES.keys())
def test_checkboxes_and_radios_are_the_macros_markup(kind, params):
    drawn = {"checkboxes": govuk_checkboxes, "radios": govuk_radios}[kind](params)
    assert _normalised(drawn) == _normalised(CHOICE_MACROS[kind].render(params=params))


def test_checkboxes_escape_what_they_are_given_as_text():
    html = govuk_checkboxes({"name": '"n', "items": [{"value": '"><script>', "text": "<script>"}]})
    assert "<script>" not in html
    assert "&#34;&gt;&lt;script&gt;" in html
