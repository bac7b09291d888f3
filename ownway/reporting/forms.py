from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField


class CldPeriodForm(forms.Form):
    """The period of a check: at most a year (the submission is a rolling twelve months)."""

    start = GovukDateField(label="First day", label_for_errors="The first day", earliest=dt.date(2000, 1, 1))
    end = GovukDateField(label="Last day", label_for_errors="The last day", earliest=dt.date(2000, 1, 1))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The last day must be on or after the first day")
            elif (end - start).days > 366:
                self.add_error("end", "The period can be at most a year")
        return data
