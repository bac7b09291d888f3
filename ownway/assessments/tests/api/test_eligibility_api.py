import json

from ownway.accounts.models import AuditEvent


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_adult_decision_with_reasons(api_client, social_worker):
    response = _post(
        api_client(social_worker),
        "/api/v1/eligibility/adult",
        {
            "arises_from_impairment_or_illness": True,
            "significant_impact_on_wellbeing": True,
            "outcomes": [
                {"outcome": "clothing", "significant_pain_distress_or_anxiety": True},
                {"outcome": "personal_hygiene", "unable_without_assistance": True},
            ],
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is True
    assert body["outcomes_not_achieved"] == ["personal_hygiene", "clothing"]
    assert "reg 2(1)(b)" in body["explanation"]
    assert not AuditEvent.objects.filter(action__startswith="people.").exists()  # nothing about anyone is read


def test_carer_decision(api_client, social_worker):
    response = _post(
        api_client(social_worker),
        "/api/v1/eligibility/carer",
        {
            "arises_from_providing_necessary_care": True,
            "health_deteriorating_or_at_risk": False,
            "significant_impact_on_wellbeing": True,
            "outcomes": [{"outcome": "recreation", "takes_significantly_longer": True}],
        },
    )
    assert response.status_code == 200
    assert response.json()["eligible"] is False  # "significantly longer" is not a test for carers


def test_unknown_outcome_is_a_field_error(api_client, social_worker):
    response = _post(
        api_client(social_worker),
        "/api/v1/eligibility/adult",
        {
            "arises_from_impairment_or_illness": True,
            "significant_impact_on_wellbeing": True,
            "outcomes": [{"outcome": "recreation", "unable_without_assistance": True}],
        },
    )
    assert response.status_code == 422
    assert "'recreation' is not an outcome here" in response.json()["errors"]["outcomes"][0]


def test_the_same_outcome_twice_is_a_field_error(api_client, social_worker):
    response = _post(
        api_client(social_worker),
        "/api/v1/eligibility/adult",
        {
            "arises_from_impairment_or_illness": True,
            "significant_impact_on_wellbeing": True,
            "outcomes": [{"outcome": "nutrition"}, {"outcome": "nutrition"}],
        },
    )
    assert response.status_code == 422
    assert "answered twice" in response.json()["errors"]["outcomes"][0]


def test_missing_answers_are_reported(api_client, social_worker):
    response = _post(api_client(social_worker), "/api/v1/eligibility/adult", {"outcomes": []})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "arises_from_impairment_or_illness" in errors
    assert "significant_impact_on_wellbeing" in errors


def test_needs_authentication(client, db):
    assert _post(client, "/api/v1/eligibility/adult", {}).status_code == 401
