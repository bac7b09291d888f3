import pytest

from ownway.planning.tests.factories import draft_plan

pytestmark = pytest.mark.django_db


def test_a_plan_with_its_lines_and_costs(api_client, social_worker, person, other_team):
    plan, _version = draft_plan(social_worker, person)
    response = api_client(social_worker).get(f"/api/v1/support-plans/{plan.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 1
    assert body["total_weekly"] == "310.21"
    assert body["management"] == "Direct payment"
    assert [line["kind"] for line in body["lines"]] == ["pa_hours", "service", "unpaid"]
    assert body["lines"][1]["directory_service_id"] == "6f1c1d2e-0000-4000-8000-000000000001"
    assert "£9.79 less than the indicative budget of £320.00. Why: Mary drives" in body["budget_explanation"]
    assert api_client(social_worker).get(f"/api/v1/support-plans/{plan.pk}?version=9").status_code == 404


def test_a_worker_in_another_team_is_refused(api_client, social_worker, person, django_user_model, other_team):
    plan, _version = draft_plan(social_worker, person)
    stranger = django_user_model.objects.create_user(username="other_sw", role="social_worker", team=other_team)
    assert api_client(stranger).get(f"/api/v1/support-plans/{plan.pk}").status_code == 403
