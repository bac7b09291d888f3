"""Which parts of a plan are charged for (Charging Regulations reg 3; Care Act 2014 s.14(3))."""

from decimal import Decimal

from ownway.planning.rules.charging import CostedLine, chargeable_cost

D = Decimal


def test_the_plan_of_the_worked_example_is_charged_for_in_full_less_the_family():
    lines = [
        CostedLine("20 PA hours", "pa_hours", D("301.71"), D("301.71")),
        CostedLine("Choir", "service", D("8.50"), D("8.50")),
        CostedLine("A lift from my daughter", "unpaid", D("0"), D("0")),
    ]
    cost = chargeable_cost(lines)
    assert cost.weekly == D("310.21")
    assert cost.free == ()
    assert cost.explanation == "The chargeable cost of the plan is £310.21 a week."


def test_reablement_and_small_equipment_are_free():
    lines = [
        CostedLine("Reablement visits", "service", D("175.00"), D("175.00"), service_component="Reablement"),
        CostedLine("ST-Max visits", "service", D("50.00"), D("50.00"), service_type="Short Term Support: ST-Max"),
        CostedLine("Perching stool", "equipment", D("1.15"), D("60.00")),
        CostedLine("Stair lift", "equipment", D("57.69"), D("3000.00")),
        CostedLine("Day centre", "day_opportunity", D("40.00"), D("40.00")),
    ]
    cost = chargeable_cost(lines)
    assert cost.weekly == D("97.69")  # the stair lift (over £1,000) and the day centre
    assert [description for description, _why in cost.free] == ["Reablement visits", "ST-Max visits", "Perching stool"]
    assert "reg 3" in cost.explanation


def test_the_equipment_limit_is_inclusive_and_can_be_set():
    stool = CostedLine("Kitchen trolley", "equipment", D("19.23"), D("1000.00"))
    assert chargeable_cost([stool]).weekly == D("0.00")
    assert chargeable_cost([stool], adaptation_limit=D("500.00")).weekly == D("19.23")


def test_a_carer_is_not_charged_for_support_to_the_person_they_care_for():
    lines = [
        CostedLine("Sitting service so I can go out", "service", D("60.00"), D("60.00"),
                   service_type="Carer Support: Support involving the person cared-for"),
        CostedLine("Gym membership", "service", D("8.00"), D("8.00"), service_type="Carer Support: Direct to Carer"),
    ]  # fmt: skip
    cost = chargeable_cost(lines)
    assert cost.weekly == D("8.00")
    assert "s.14(3)" in cost.explanation
