"""Enablement forms read costs, hours and minutes as people type them, and explain each mistake."""

from decimal import Decimal

import pytest

from ownway.enablement.forms import HourlyCostForm, MoveForm, ShiftForm, WorkerProfileForm


def test_the_cost_of_a_paid_hour_is_read_as_typed():
    form = HourlyCostForm(data={"hourly_cost": "£25.5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["hourly_cost"] == Decimal("25.50")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e309", "Enter the cost of a paid hour in pounds, like 25.00"),
        ("NaN", "Enter the cost of a paid hour in pounds, like 25.00"),
        ("500.01", "The cost of a paid hour must be £500 or less"),
        ("0", "The cost of a paid hour must be more than £0"),
        ("25.555", "Enter the cost in pounds and pence, like 25.50"),
    ],
)
def test_a_cost_of_a_paid_hour_that_is_not_one_is_explained(typed, message):
    assert HourlyCostForm(data={"hourly_cost": typed}).errors == {"hourly_cost": [message]}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e309", "Enter the contracted hours as a number, like 37.5"),
        ("Infinity", "Enter the contracted hours as a number, like 37.5"),
        ("48.5", "Contracted hours are at most 48 a week"),
        ("37.25", "Enter the contracted hours to the nearest half hour, like 37.5"),
    ],
)
def test_contracted_hours_that_are_not_hours_are_explained(typed, message):
    form = WorkerProfileForm(data={"area": "North", "contracted_hours": typed})
    assert form.errors == {"contracted_hours": [message]}


def test_minutes_and_places_are_whole_numbers_in_range():
    shift = ShiftForm(data={"break_minutes": "1e309"})
    assert shift.errors["break_minutes"] == ["Break must be a whole number of minutes"]
    shift = ShiftForm(data={"break_minutes": "91"})
    assert shift.errors["break_minutes"] == ["Break must be 90 minutes or fewer"]
    move = MoveForm(data={"position": "9" * 50}, workers=[])
    assert move.errors["position"] == ["The place in the day is 99 or less"]
