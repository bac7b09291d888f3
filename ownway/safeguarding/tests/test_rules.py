"""The safeguarding rules, from worked examples: the decision's deadline, the s.42(1) criteria and closing."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from ownway.safeguarding.models import Timescale, TimescaleStage
from ownway.safeguarding.services import DecisionData, countdown_text, decision_check, due_after

LONDON = zoneinfo.ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Thursday morning: by the end of Friday.
        (_at(2026, 12, 3, 9, 30), dt.date(2026, 12, 4)),
        # Friday afternoon: by the end of Monday.
        (_at(2026, 12, 4, 16, 0), dt.date(2026, 12, 7)),
        # Saturday: by the end of Monday (the next working day after the day it came).
        (_at(2026, 12, 5, 11, 0), dt.date(2026, 12, 7)),
        # Christmas Eve 2026 (Thursday): Christmas Day and the Boxing Day holiday (Monday 28th) are not working days.
        (_at(2026, 12, 24, 10, 0), dt.date(2026, 12, 29)),
        # Maundy Thursday 2027 (Good Friday 26 March, Easter Monday 29 March).
        (_at(2027, 3, 25, 12, 0), dt.date(2027, 3, 30)),
    ],
)
def test_the_decision_is_due_by_the_end_of_the_next_working_day(received, due):
    at = due_after(received, TimescaleStage.DECISION).astimezone(LONDON)
    assert at.date() == due
    assert (at.hour, at.minute) == (23, 59)


def test_the_council_sets_the_decision_timescale():
    Timescale.objects.filter(stage=TimescaleStage.DECISION).update(working_days=2)
    assert due_after(_at(2026, 12, 3, 9, 30), TimescaleStage.DECISION).astimezone(LONDON).date() == dt.date(2026, 12, 7)


def test_the_countdown_reads_plainly():
    now = _at(2026, 12, 3, 9, 0)
    assert countdown_text(_at(2026, 12, 4, 23, 59, 59), now) == "1 day 14 hours left"
    assert countdown_text(_at(2026, 12, 3, 9, 40), now) == "40 minutes left"
    assert countdown_text(_at(2026, 12, 3, 8, 0), now) == "Overdue by 1 hour"


def _decision(**changes) -> DecisionData:
    data = DecisionData(
        view_sought="asked", adult_view="I want my nephew to stop taking my pension", has_care_needs=True,
        has_care_needs_reasons="Dementia; home care twice a day", at_risk=True,
        at_risk_reasons="Cash withdrawals she did not make", cannot_protect=True,
        cannot_protect_reasons="Cannot manage her bank account", outcome="s42",
    )  # fmt: skip
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_all_three_criteria_met_must_lead_to_a_section_42_enquiry():
    assert decision_check(_decision()) == {}
    problems = decision_check(_decision(outcome="other"))
    assert problems["outcome"] == "All three criteria are met, so the council must make a section 42 enquiry"


def test_a_section_42_enquiry_needs_all_three_criteria():
    problems = decision_check(_decision(cannot_protect=False))
    assert "needs all three criteria" in problems["outcome"]
    assert decision_check(_decision(cannot_protect=False, outcome="other")) == {}


def test_no_enquiry_records_what_happens_instead_and_the_advice_given():
    problems = decision_check(_decision(at_risk=False, outcome="none"))
    assert set(problems) == {"disposal", "advice_given"}
    assert decision_check(_decision(at_risk=False, outcome="none", disposal="signposted", advice_given="Age UK")) == {}


def test_each_criterion_needs_its_reasons_and_the_adults_view_its_words():
    problems = decision_check(_decision(at_risk_reasons=" ", adult_view=""))
    assert set(problems) == {"at_risk_reasons", "adult_view"}
    assert decision_check(_decision(view_sought="not_safe", adult_view="")) == {}


def test_validation_error_shape_is_by_field():
    with pytest.raises(ValidationError) as caught:
        raise ValidationError(decision_check(_decision(outcome="other")))
    assert "outcome" in caught.value.message_dict
