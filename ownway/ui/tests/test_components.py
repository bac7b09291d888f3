"""The tables Ownway draws in Python are the GOV.UK Frontend's own: the same markup as the ``govukTable`` macro."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from markupsafe import Markup

from ownway.ui.components import govuk_table

MACRO = engines["jinja2"].env.from_string(  # type: ignore[attr-defined]
    '{% from "govuk_frontend_jinja/components/table/macro.html" import govukTable %}{{ govukTable(params) }}'
)


def _normalised(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html).strip()))


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
