import json
from decimal import Decimal

from ownway.charging.models import FinancialAssessment
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
from ownway.charging.services import financial_assessment_record


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
    assert body["weekly"] == "82.90"  # 230.25 + 50 + 17 − 214.35
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
    body = api_client(citizen).get(f"/api/v1/charging/assessments/{fa.pk}").json()
    assert body["weekly"] == "15.90"
    assert body["status"] == "current"
    assert "You pay £15.90 a week." in body["explanation"]
    assert api_client(provider).get(f"/api/v1/charging/assessments/{fa.pk}").status_code == 403
