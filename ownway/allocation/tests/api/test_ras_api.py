import json

from ownway.allocation.rules.default_model import default_definition
from ownway.allocation.services import indicative_budget_calculate

NONE = {q["code"]: q["options"][0]["code"] for q in default_definition()["questions"]} | {"carer": "managing"}


def test_model_lists_questions_points_prices_and_bands(api_client, social_worker):
    body = api_client(social_worker).get("/api/v1/ras/model").json()
    assert body["version"] == 1
    assert len(body["questions"]) == 12
    assert body["questions"][0]["from_outcome"] == "nutrition"
    assert [b["name"] for b in body["bands"]] == ["basic", "standard", "enhanced"]
    assert body["bands"][1]["lower"] == "195.00"


def test_calculate_returns_figure_and_explanation_and_saves_nothing(api_client, citizen):
    answers = NONE | {"personal_hygiene": "a_lot", "nutrition": "some", "community_facilities": "full",
                      "carer": "at_risk"}  # fmt: skip
    response = api_client(citizen).post(
        "/api/v1/ras/calculate", json.dumps({"answers": answers}), content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["weekly"] == "147.00"
    assert body["band"] == "basic"
    assert body["points"] == 23
    assert body["areas"][0]["sentence"].startswith("£44.74 for looking after yourself because")
    assert "Your indicative personal budget is £147 a week" in body["explanation"]


def test_calculate_refuses_incomplete_answers(api_client, social_worker):
    response = api_client(social_worker).post(
        "/api/v1/ras/calculate", json.dumps({"answers": {"nutrition": "lots"}}), content_type="application/json"
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["answers.nutrition"] == [
        "Choose one of the answers to: How much help is needed with preparing food and drink and eating?"
    ]
    assert "answers.carer" in errors


def test_saved_budget_for_those_who_may_see_it(api_client, social_worker, commissioner, person):
    budget = indicative_budget_calculate(actor=social_worker, person=person, answers=NONE | {"nights": "every_night"})
    body = api_client(social_worker).get(f"/api/v1/ras/budgets/{budget.pk}").json()
    assert body["weekly"] == "72.00"
    assert (
        body["areas"][-1]["sentence"]
        == "£72 for nights and your carer because you need someone awake every night (12 points)."
    )
    assert api_client(commissioner).get(f"/api/v1/ras/budgets/{budget.pk}").status_code == 403
    assert api_client(social_worker).get("/api/v1/ras/budgets/999999").status_code == 404
