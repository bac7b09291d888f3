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


def test_open_an_assessment(api_client, social_worker, person, other_team_person, team_manager):
    from ownway.assessments.services import (
        assessment_record_outcome,
        assessment_start,
        assessment_update,
        eligibility_determine,
    )

    assessment = assessment_start(actor=social_worker, person=person)
    assessment_update(
        actor=social_worker,
        assessment=assessment,
        answers={"arises_from_impairment_or_illness": True, "significant_impact_on_wellbeing": True},
    )
    assessment_record_outcome(
        actor=social_worker, assessment=assessment, outcome="nutrition", endangers_health_or_safety=True
    )
    eligibility_determine(actor=social_worker, assessment=assessment)
    body = api_client(social_worker).get(f"/api/v1/assessments/{assessment.pk}").json()
    assert body["status"] == "completed"
    assert body["findings"][0]["outcome"] == "nutrition"
    assert body["determinations"][0]["eligible"] is False  # one outcome is below the threshold
    assert any("reg 2(1)(b)" in r for r in body["determinations"][0]["rule_reasons"])

    team_manager.team = other_team_person.team
    team_manager.save()
    theirs = assessment_start(actor=team_manager, person=other_team_person)
    assert api_client(social_worker).get(f"/api/v1/assessments/{theirs.pk}").status_code == 403
    assert api_client(social_worker).get("/api/v1/assessments/999999").status_code == 404
