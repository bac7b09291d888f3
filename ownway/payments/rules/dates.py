"""Dates as people read them in the payment rules' explanations: "4 June 2026".

The same words as the project's ``govuk_date`` (``ownway.ui.jinja2``), which the rules cannot import (they
use no Django), written so they work everywhere: ``%-d`` (a day without its leading zero) is a glibc
extension that Windows and some other C libraries do not have.
"""

from __future__ import annotations

import datetime as dt


def govuk_day(value: dt.date) -> str:
    """A date in GOV.UK style: the day without a leading zero, the month in full, the year."""
    return f"{value.day} {value:%B %Y}"
