from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.planning.rules.approval import Approver, approval_route
from ownway.planning.rules.costs import Frequency, compare_with_indicative, line_weekly_cost
from ownway.planning.rules.management import DELIVERY_MECHANISM, Management, budget_management_summary
from ownway.planning.rules.timetable import SLOTS, build_timetable, check_slots


def test_weekly_cost_of_hours_sessions_and_one_off_items():
    assert line_weekly_cost(unit_cost=Decimal("15.09"), units=Decimal(20), frequency="weekly").weekly_cost == (
        Decimal("301.80")
    )
    # two day-opportunity sessions a fortnight at £42.50
    assert line_weekly_cost(unit_cost=Decimal("42.50"), units=Decimal(2), frequency="fortnightly").weekly_cost == (
        Decimal("42.50")
    )
    # a £30 gym membership a month: 30 × 12 / 52 = 6.923 → £6.92
    cost = line_weekly_cost(unit_cost=Decimal(30), units=Decimal(1), frequency=Frequency.MONTHLY, unit="month")
    assert cost.weekly_cost == Decimal("6.92")
    assert "£6.92 a week" in cost.explanation
    # a £390 riser recliner chair, once: £7.50 a week over the year of the plan
    assert line_weekly_cost(unit_cost=Decimal(390), units=Decimal(1), frequency="one_off").weekly_cost == (
        Decimal("7.50")
    )


def test_bad_figures_refused():
    with pytest.raises(ValueError, match="more than 0"):
        line_weekly_cost(unit_cost=Decimal(1), units=Decimal(0), frequency="weekly")
    with pytest.raises(ValueError, match="negative"):
        line_weekly_cost(unit_cost=Decimal(-1), units=Decimal(1), frequency="weekly")
    with pytest.raises(ValueError, match="Choose how often"):
        line_weekly_cost(unit_cost=Decimal(1), units=Decimal(1), frequency="hourly")


def test_difference_from_the_indicative_budget_needs_a_reason():
    over = compare_with_indicative(line_costs=[Decimal("301.80"), Decimal("42.50")], indicative_weekly=Decimal(320))
    assert over.difference == Decimal("24.30")
    assert over.needs_explanation
    assert "£24.30 more than the indicative budget of £320.00" in over.explanation
    explained = compare_with_indicative(
        line_costs=[Decimal("301.80"), Decimal("42.50")],
        indicative_weekly=Decimal(320),
        reason_for_difference="Evening support on Fridays so Sam can go to choir",
    )
    assert not explained.needs_explanation
    assert "Why: Evening support" in explained.explanation
    assert not compare_with_indicative(line_costs=[Decimal(320)], indicative_weekly=Decimal(320)).needs_explanation


def test_approval_above_the_threshold_goes_to_a_manager():
    assert approval_route(weekly_total=Decimal("250.00"), manager_threshold_weekly=Decimal(250)).approver == (
        Approver.WORKER
    )
    route = approval_route(weekly_total=Decimal("250.01"), manager_threshold_weekly=Decimal(250))
    assert route.approver == Approver.MANAGER
    assert "team manager" in route.explanation


@given(
    total=st.decimals(min_value=0, max_value=10000, places=2),
    threshold=st.decimals(min_value=0, max_value=10000, places=2),
    more=st.decimals(min_value=Decimal("0.01"), max_value=1000, places=2),
)
def test_a_dearer_plan_never_needs_less_approval(total, threshold, more):
    cheaper = approval_route(weekly_total=total, manager_threshold_weekly=threshold).approver
    dearer = approval_route(weekly_total=total + more, manager_threshold_weekly=threshold).approver
    assert not (cheaper == Approver.MANAGER and dearer == Approver.WORKER)


@given(
    cost=st.decimals(min_value=0, max_value=1000, places=2),
    units=st.decimals(min_value=Decimal("0.25"), max_value=100, places=2),
    frequency=st.sampled_from(list(Frequency)),
)
def test_weekly_cost_is_never_negative_and_grows_with_units(cost, units, frequency):
    one = line_weekly_cost(unit_cost=cost, units=units, frequency=frequency).weekly_cost
    two = line_weekly_cost(unit_cost=cost, units=units * 2, frequency=frequency).weekly_cost
    assert Decimal(0) <= one <= two


def test_timetable_grid_and_slot_checks():
    table = build_timetable([("Ann (PA)", ["mon-morning", "wed-morning"]), ("Choir", ["fri-evening"])])
    monday = table.grid[0]
    assert monday[0] == "Monday"
    assert monday[1][0] == ("Morning", ("Ann (PA)",))
    assert len(table.empty_slots) == 18
    assert check_slots(["sun-evening", "mon-morning", "mon-morning"]) == ["mon-morning", "sun-evening"]
    with pytest.raises(ValueError, match="funday-morning"):
        check_slots(["funday-morning"])
    assert len(SLOTS) == 21


def test_management_and_cld_delivery_mechanism():
    assert DELIVERY_MECHANISM[Management.DIRECT_PAYMENT_NOMINATED] == "Direct Payment"
    assert DELIVERY_MECHANISM[Management.INDIVIDUAL_SERVICE_FUND] == "CASSR Managed Personal Budget"
    assert budget_management_summary(["direct_payment", "direct_payment_nominated", "not_paid"]) == "Direct payment"
    assert budget_management_summary(["direct_payment", "council_managed"]) == "Mixed"
    assert budget_management_summary(["not_paid"]) == "No paid support"
