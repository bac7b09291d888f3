"""The data-quality rules, field by field, from DHSC's published procedure (GetDQValues): worked examples."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ownway.reporting.cld import cost_cells
from ownway.reporting.rules.cld_lists import EVENT_OUTCOME_R1_TO_R2, REVIEW_REASON_R1_TO_R2, value_lists
from ownway.reporting.rules.cld_quality import COLUMNS, RULES, Result, Tally, check_row
from ownway.reporting.services import last_quarter_end, rolling_year_to
from ownway.reviews.rules import CLD_END_OUTCOME, CLD_EVENT_OUTCOME, CLD_REVIEW_REASON

#: A complete, valid service row for a service user.
SERVICE = {
    "LA Code": "E08000025", "Reporting Period Start Date": "2026-04-01", "Reporting Period End Date": "2027-03-31",
    "NHS Number": "9434765919", "LA Person Unique Identifier": "P0000001", "Gender": "Female",
    "Ethnicity": "White: Irish", "Date of Birth": "1950-06-04", "Client Type": "Service user",
    "Primary Support Reason": "Mental health support", "Postcode": "B1 1BB",
    "Accommodation Status": "Tenant: Private landlord", "Has Unpaid Carer": "No",
    "Client Funding Status": "Fully social care funded", "Event Type": "Service", "Event Reference": "SVC-1",
    "Event Start Date": "2026-05-01", "Event Outcome": "Continuation of support or services",
    "Service Type": "Long term support: Community", "Service Component": "Home support or domiciliary care",
    "Delivery Mechanism": "Direct payment", "Unit Cost": "21.50", "Cost Frequency (Unit Type)": "Hourly",
    "Planned units per week": "10.00",
}  # fmt: skip


def results(row):
    return dict(check_row(row))


def test_a_complete_row_passes_every_field_that_applies():
    found = results(SERVICE)
    assert not [name for name, result in found.items() if result.failed]
    # Not applicable to a service: the request, assessment and review fields, and the carer fields.
    for name in ("Request: Route of Access", "Assessment Type", "Review Reason", "Total Hrs Caring per week"):
        assert name not in found
    # Applicable but not mandatory, and blank: passed.
    assert found["Event End Date"] is Result.BLANK
    assert found["Employment Status"] is Result.BLANK


def test_employment_is_mandatory_only_for_working_age_service_users_with_a_learning_disability():
    ld = {**SERVICE, "Primary Support Reason": "Learning disability support", "Date of Birth": "1990-01-15"}
    assert results(ld)["Employment Status"] is Result.MISSING
    # Aged 65 on 31 March 2027 (born 31 March 1962): no longer of working age.
    assert results({**ld, "Date of Birth": "1962-03-31"})["Employment Status"] is Result.BLANK
    # Aged 64 (born 1 April 1962).
    assert results({**ld, "Date of Birth": "1962-04-01"})["Employment Status"] is Result.MISSING


def test_the_end_date_is_mandatory_except_for_an_open_service_and_never_before_the_start():
    assert results({**SERVICE, "Event Type": "Review", "Review Reason": "Planned"})["Event End Date"] is Result.MISSING
    assert results({**SERVICE, "Date of Death": "2026-06-01"})["Event End Date"] is Result.MISSING
    assert results({**SERVICE, "Event End Date": "2026-04-30"})["Event End Date"] is Result.INVALID


def test_costs_are_mandatory_for_long_term_support_not_commissioned_by_the_council():
    blank = {**SERVICE, "Unit Cost": "", "Cost Frequency (Unit Type)": "", "Planned units per week": ""}
    assert results(blank)["Unit Cost"] is Result.MISSING
    commissioned = {**blank, "Delivery Mechanism": "CASSR commissioned support"}
    assert results(commissioned)["Unit Cost"] is Result.BLANK
    short = {**blank, "Service Type": "Short term support: Other short term", "Service Component": "Transport"}
    assert results(short)["Unit Cost"] is Result.BLANK
    respite = {**short, "Service Component": "Unpaid carer respite"}
    assert results(respite)["Unit Cost"] is Result.MISSING


def test_planned_units_are_mandatory_when_the_cost_is_more_often_than_weekly():
    assert results({**SERVICE, "Planned units per week": ""})["Planned units per week"] is Result.MISSING
    weekly = {**SERVICE, "Cost Frequency (Unit Type)": "Weekly", "Planned units per week": ""}
    assert results(weekly)["Planned units per week"] is Result.BLANK


@pytest.mark.parametrize(
    ("field", "value"),
    [("NHS Number", "9434765918"), ("NHS Number", "1111111111"), ("Postcode", "NOT A PC"), ("LA Code", "Birmingham"),
     ("Gender", "female"), ("Ethnicity", "White - Irish"), ("Unit Cost", "21.505"), ("Unit Cost", "-1"),
     ("Unit Cost", "NaN"), ("Date of Birth", "2027-04-01"), ("Event Start Date", "2026-02-30"),
     ("Service Type", "Long Term Support: Community")],
)  # fmt: skip
def test_a_value_outside_its_rule_is_invalid(field, value):
    assert results({**SERVICE, field: value})[field] is Result.INVALID


def test_fields_do_not_apply_to_a_carer_known_by_association():
    known = {**SERVICE, "Client Type": "Unpaid carer known by association", "Event Type": ""}
    found = results(known)
    assert "Event Type" not in found
    assert "Event Outcome" not in found
    assert "Autism Spectrum Disorder (ASD)" not in found  # service users only


def test_a_financial_assessment_needs_no_outcome_nor_method_but_its_funding_status():
    financial = {**SERVICE, "Event Type": "Assessment", "Assessment Type": "Financial assessment",
                 "Event End Date": "2026-05-02", "Event Outcome": "", "Client Funding Status": ""}  # fmt: skip
    found = results(financial)
    assert found["Event Outcome"] is Result.BLANK
    assert found["Method of Assessment"] is Result.BLANK
    assert found["Client Funding Status"] is Result.MISSING
    long_term = {**financial, "Assessment Type": "Long term assessment"}
    assert results(long_term)["Method of Assessment"] is Result.MISSING
    assert results(long_term)["Client Funding Status"] is Result.BLANK


def test_the_tally_scores_each_field():
    tally = Tally()
    tally.add(check_row(SERVICE))
    tally.add(check_row({**SERVICE, "Postcode": ""}))
    tally.add(check_row({**SERVICE, "Postcode": "B1"}))
    postcode = tally.fields["Postcode"]
    assert (postcode.applicable, postcode.valid, postcode.missing, postcode.invalid) == (3, 1, 1, 1)
    assert postcode.score == Decimal("33.3")
    assert tally.rows == 3
    assert tally.failures == 2
    assert tally.fields["Assessment Type"].score is None


def test_every_rule_is_a_column_and_every_list_is_a_field():
    assert {rule.name for rule in RULES} <= set(COLUMNS)
    assert set(value_lists()) <= set(COLUMNS)


def test_ownways_release_1_values_all_map_to_release_2():
    outcomes = value_lists()["Event Outcome"]
    for value in [*CLD_EVENT_OUTCOME.values(), *CLD_END_OUTCOME.values()]:
        assert EVENT_OUTCOME_R1_TO_R2[value] in outcomes
    reasons = value_lists()["Review Reason"]
    for value in CLD_REVIEW_REASON.values():
        assert REVIEW_REASON_R1_TO_R2[value] in reasons


def test_costs_of_a_plan_line():
    # Six hours a fortnight at £19.50 an hour: three hours a week.
    assert cost_cells(unit="hour", unit_cost=Decimal("19.50"), units=Decimal(6), frequency="fortnightly",
                      weekly_cost=Decimal("58.50")) == {
        "Unit Cost": "19.50", "Cost Frequency (Unit Type)": "Hourly", "Planned units per week": "3.00"}  # fmt: skip
    # £26 a month for a pendant alarm: the monthly cost, no units.
    assert cost_cells(unit="month", unit_cost=Decimal(26), units=Decimal(1), frequency="monthly",
                      weekly_cost=Decimal("6.00"))["Cost Frequency (Unit Type)"] == "Monthly"  # fmt: skip
    # Two return trips a week at £22: £44 a week.
    assert cost_cells(unit="return trip", unit_cost=Decimal(22), units=Decimal(2), frequency="weekly",
                      weekly_cost=Decimal(44))["Unit Cost"] == "44.00"  # fmt: skip
    assert (
        cost_cells(unit="", unit_cost=Decimal(0), units=Decimal(0), frequency="weekly", weekly_cost=Decimal(0))[
            "Cost Frequency (Unit Type)"
        ]
        == "No charge to client"
    )


def test_the_rolling_year_to_each_quarter():
    assert last_quarter_end(dt.date(2027, 4, 7)) == dt.date(2027, 3, 31)
    assert last_quarter_end(dt.date(2026, 7, 1)) == dt.date(2026, 6, 30)
    assert last_quarter_end(dt.date(2027, 1, 7)) == dt.date(2026, 12, 31)
    period = rolling_year_to(dt.date(2027, 3, 31))
    assert (period.start, period.end) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    period = rolling_year_to(dt.date(2026, 9, 30))
    assert (period.start, period.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
