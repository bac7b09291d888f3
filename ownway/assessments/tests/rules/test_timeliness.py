import datetime as dt

import pytest

from ownway.assessments.rules.timeliness import assessment_timeliness

START = dt.date(2026, 11, 1)


@pytest.mark.parametrize(
    ("today", "days", "overdue"),
    [
        (dt.date(2026, 11, 1), 0, False),
        (dt.date(2026, 11, 29), 28, False),  # the 28th day is still within the target
        (dt.date(2026, 11, 30), 29, True),
        (dt.date(2027, 1, 1), 61, True),
    ],
)
def test_days_open_against_28(today, days, overdue):
    t = assessment_timeliness(START, today)
    assert (t.days_open, t.overdue) == (days, overdue)


def test_explanation_and_a_council_target():
    assert assessment_timeliness(START, dt.date(2026, 11, 30)).explanation == (
        "Open 29 days: 1 days past the 28-day target"
    )
    assert not assessment_timeliness(START, dt.date(2026, 11, 30), target_days=42).overdue


def test_bad_input():
    with pytest.raises(ValueError, match="after today"):
        assessment_timeliness(START, dt.date(2026, 10, 1))
    with pytest.raises(ValueError, match="at least one day"):
        assessment_timeliness(START, START, target_days=0)
