import datetime as dt
import json
from decimal import Decimal

from ownway.charging.models import FinancialAssessment
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind, circumstances_from_data
from ownway.charging.services import charging_rule_set_save, financial_assessment_record


def fa_circumstances(fa):
    return circumstances_from_data(fa.circumstances)


def _post(client, body):
    return client.post("/api/v1/charging/calculate", json.dumps(body), content_type="application/json")


def test_calculate_returns_figure_steps_and_explanation(api_client, social_worker):
    response = _post(api_client(social_worker), {
        "year": "2025/26", "age": 70, "weekly_cost_of_care": "300",
        "incomes": [{"kind": "state_pension", "weekly": "230.25"},
                    {"kind": "private_pension", "weekly": "100", "joint": True},
                    {"kind": "pip_mobility", "weekly": "75.75"}],
        "capital": "18450",
    })  # fmt: skip
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["weekly"] == "64.65"  # 230.25 + 50 + 17 − 232.60
    assert body["rule_set_year"] == "2025/26"
    assert body["steps"][-1]["label"] == "Your weekly contribution"
    assert "Schedule 1 para 8" in body["explanation"]
    assert body["warnings"]
    assert not FinancialAssessment.objects.exists()


def test_bad_input_is_refused_by_field(api_client, social_worker):
    response = _post(
        api_client(social_worker),
        {"age": 16, "weekly_cost_of_care": "-1", "incomes": [{"kind": "lottery", "weekly": "1"}]},
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"age", "weekly_cost_of_care"} <= set(errors)
    response = _post(api_client(social_worker), {"age": 40, "weekly_cost_of_care": "100", "member_of_couple": True,
                                                  "lone_parent": True})  # fmt: skip
    assert response.json()["errors"] == {"lone_parent": ["A member of a couple cannot also be a lone parent"]}
    response = _post(api_client(social_worker), {"year": "1999/00", "age": 40, "weekly_cost_of_care": "100"})
    assert "No charging figures are held for 1999/00" in response.json()["errors"]["year"][0]


def test_needs_credentials(client, db):
    assert _post(client, {"age": 40, "weekly_cost_of_care": "100"}).status_code == 401


def test_saved_assessment(api_client, finance_officer, citizen, person, provider):
    fa = financial_assessment_record(
        actor=finance_officer, person=person,
        circumstances=Circumstances(age=70, weekly_cost_of_care=Decimal("300"),
                                    incomes=(Income(IncomeKind.STATE_PENSION, Decimal("230.25")),)),
    )  # fmt: skip
    # The person is not told what they pay while it rests on a figure not confirmed; staff see why.
    response = api_client(citizen).get(f"/api/v1/charging/assessments/{fa.pk}")
    assert response.status_code == 409
    assert response.json() == {"detail": "Your letter about what you pay is not ready yet: we will send it when it is"}
    staff = api_client(finance_officer).get(f"/api/v1/charging/assessments/{fa.pk}").json()
    assert staff["warnings"]
    charging_rule_set_save(actor=finance_officer, year="2026/27", starts_on=dt.date(2026, 4, 6),
                           figures={"mig_single_pension_age": "241.45"})  # fmt: skip
    fa = financial_assessment_record(actor=finance_officer, person=person, circumstances=fa_circumstances(fa))
    body = api_client(citizen).get(f"/api/v1/charging/assessments/{fa.pk}").json()
    assert body["warnings"] == []
    assert body["weekly"] == "0.00"  # 230.25 is below 241.45, the 2026/27 pension-age guarantee
    assert body["status"] == "current"
    assert body["charges_from"] == fa.charges_from.isoformat()
    assert "You pay £0.00 a week." in body["explanation"]
    assert api_client(provider).get(f"/api/v1/charging/assessments/{fa.pk}").status_code == 403


def test_the_document_describes_every_charging_field(client, db):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("CircumstancesIn", "IncomeIn", "ContributionOut", "StepOut", "SavedAssessmentOut"):
        for field, schema in schemas[name]["properties"].items():
            assert schema.get("description", "").strip(), f"{name}.{field} has no description"
    fields = schemas["CircumstancesIn"]["properties"]
    assert "net of Housing Benefit" in fields["housing_costs"]["description"]
    assert (
        "reablement or intermediate care the person has had so far" in fields["weeks_of_service_so_far"]["description"]
    )
    assert "date the charge applies from" in fields["charges_from"]["description"]
    assert "war_widows_pension" in schemas["IncomeKind"]["enum"]


def test_the_year_follows_the_date_the_charge_applies_from(api_client, social_worker):
    body = {"age": 70, "weekly_cost_of_care": "300", "incomes": [{"kind": "state_pension", "weekly": "290.25"}]}
    response = _post(api_client(social_worker), {**body, "charges_from": "2026-05-01"})
    assert (response.json()["rule_set_year"], response.json()["weekly"]) == ("2026/27", "48.80")
    response = _post(api_client(social_worker), {**body, "charges_from": "2026-03-01"})
    assert (response.json()["rule_set_year"], response.json()["weekly"]) == ("2025/26", "57.65")
    response = _post(api_client(social_worker), {**body, "charges_from": "2031-05-01"})
    assert response.status_code == 422
    assert "No charging figures are held for 2031/32" in response.json()["errors"]["charges_from"][0]
    response = _post(api_client(social_worker), {**body, "charges_from": "2026-05-01", "year": "2025/26"})
    assert response.json()["errors"]["charges_from"] == ["A charge from 1 May 2026 falls in 2026/27, not 2025/26"]


def test_special_incomes_and_day_care_only(api_client, social_worker):
    response = _post(api_client(social_worker), {
        "charges_from": "2026-05-01", "age": 70, "weekly_cost_of_care": "300", "day_care_only": True,
        "incomes": [{"kind": "state_pension", "weekly": "290.25"}, {"kind": "war_disablement_pension", "weekly": "99"},
                    {"kind": "attendance_allowance", "weekly": "114.60"}],
    })  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["weekly"] == "125.50"  # 290.25 + 76.70 (the day rate) − 241.45


def test_a_citizen_working_out_a_contribution_is_told_nothing_of_figures_not_confirmed(api_client, citizen, provider):
    """The warnings name figures the council has not confirmed, and where they came from: they are for staff."""
    body = {"year": "2026/27", "age": 70, "weekly_cost_of_care": "300",
            "incomes": [{"kind": "state_pension", "weekly": "230.25"}]}  # fmt: skip
    for user in (citizen, provider):
        response = _post(api_client(user), body)
        assert response.status_code == 200, response.content
        assert response.json()["warnings"] == []
        assert "confirm" not in response.content.decode().lower()
