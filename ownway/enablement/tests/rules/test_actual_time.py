"""A hand-worked day: planned against actual contact time and cost per contact hour."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ownway.enablement.rules.actual_time import Stop, worker_day
from ownway.enablement.rules.utilisation import utilisation


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


#: A 07:00-14:30 shift with a 30-minute break: 420 paid minutes. The rota planned 210 minutes of visits and 70
#: of travel. What happened: five visits (a sixth was missed, the person not in), the break between the third
#: and the fourth, 15 minutes' planned drive to the first.
DAY = [
    Stop(hm("07:30"), hm("08:15"), planned_travel=15),  # 45 minutes
    Stop(hm("08:35"), hm("09:05")),  # 30, after 20 travelling
    Stop(hm("09:30"), hm("10:00")),  # 30, after 25
    Stop(hm("10:50"), hm("11:35"), break_before=30),  # 45, after 50 less the 30-minute break: 20
    Stop(hm("12:00"), hm("12:25")),  # 25, after 25
]


def test_a_hand_worked_day_planned_against_actual():
    planned = utilisation(contact_minutes=210, travel_minutes=70, paid_minutes=420, hourly_cost=Decimal("25.00"))
    assert planned.contact_pct == Decimal("50.0")
    assert planned.cost_per_contact_hour == Decimal("50.00")  # 25 x 420 / 210
    day = worker_day(DAY, planned_paid_minutes=420)
    assert (day.contact_minutes, day.travel_minutes, day.paid_minutes) == (175, 105, 420)
    actual = utilisation(
        contact_minutes=day.contact_minutes,
        travel_minutes=day.travel_minutes,
        paid_minutes=day.paid_minutes,
        hourly_cost=Decimal("25.00"),
    )
    assert actual.contact_pct == Decimal("41.7")  # 175 / 420
    assert actual.travel_pct == Decimal("25.0")  # 105 / 420
    assert actual.cost_per_contact_hour == Decimal("60.00")  # 25 x 420 / 175: above the £45-£50 benchmark
    assert not actual.viable


def test_the_order_recorded_does_not_matter_and_time_beyond_the_shift_is_paid():
    day = worker_day(list(reversed(DAY)), planned_paid_minutes=200)
    assert (day.contact_minutes, day.travel_minutes, day.paid_minutes) == (175, 105, 280)
    assert "80 minutes beyond the shift" in day.explanation


def test_overlapping_visits_add_no_travel_and_a_day_of_none_is_empty():
    day = worker_day([Stop(600, 660), Stop(650, 700)], planned_paid_minutes=300)
    assert (day.contact_minutes, day.travel_minutes) == (110, 0)
    assert worker_day([], planned_paid_minutes=300).contact_minutes == 0
    with pytest.raises(ValueError, match="cannot end before"):
        worker_day([Stop(600, 500)], planned_paid_minutes=300)
