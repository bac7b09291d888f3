"""Plan forms read money and numbers as people type them, within what a plan can hold."""

from decimal import Decimal

import pytest

from ownway.planning.forms import LineForm, StartPlanForm


def test_start_form_takes_amounts_as_typed():
    form = StartPlanForm(data={"indicative_budget_weekly": "£1,250.5", "contribution_weekly": " 45 "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["indicative_budget_weekly"] == Decimal("1250.50")
    assert form.cleaned_data["contribution_weekly"] == Decimal("45.00")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e309", "Indicative budget a week must be an amount in pounds, like 12.50"),
        ("NaN", "Indicative budget a week must be an amount in pounds, like 12.50"),
        ("100,000.01", "Indicative budget a week must be £100,000 or less"),
        ("12.345", "Indicative budget a week must be in pounds and pence, with no more than 2 decimal places"),
    ],
)
def test_start_form_refuses_what_is_not_a_weekly_amount(typed, message):
    form = StartPlanForm(data={"indicative_budget_weekly": typed, "contribution_weekly": "0"})
    assert not form.is_valid()
    assert form.errors["indicative_budget_weekly"][0].startswith(message)


def test_line_form_takes_a_cost_and_how_many_as_typed():
    form = LineForm(data={"unit_cost": "£8,500", "units": "7.5", "pa_hourly_rate": ""})
    form.is_valid()
    assert form.cleaned_data["unit_cost"] == Decimal("8500.00")
    assert form.cleaned_data["units"] == Decimal("7.5")
    assert form.cleaned_data["pa_hourly_rate"] is None


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("unit_cost", "1e309", "Cost of one unit must be an amount in pounds, like 12.50"),
        ("unit_cost", "100,001", "Cost of one unit must be £100,000 or less"),
        ("units", "Infinity", "How many must be a number, like 7.5"),
        ("units", "1,001", "How many must be 1,000 or less"),
        ("pa_hourly_rate", "1e18", "PA's hourly pay must be an amount in pounds, like 12.50"),
        ("pa_hourly_rate", "201", "PA's hourly pay must be £200 or less"),
    ],
)
def test_line_form_refuses_figures_a_plan_cannot_hold(field, typed, message):
    form = LineForm(data={field: typed})
    form.is_valid()
    assert form.errors[field] == [message]
