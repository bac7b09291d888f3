"""Starting assessments, recording answers and findings, and deciding eligibility through the API."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from ownway.accounts import events as account_events
from ownway.accounts.models import AuditEvent
from ownway.assessments import events
from ownway.assessments.models import Assessment, AssessmentStatus, EligibilityDetermination, OutcomeFinding
from ownway.assessments.services import assessment_start
from ownway.frontdoor.services import contact_create
from ownway.frontdoor.tests.services.test_contact_services import _data


def _send(client, method, path, body):
    return getattr(client, method)(path, data=json.dumps(body), content_type="application/json")


def _post(client, path, body):
    return _send(client, "post", path, body)


@pytest.fixture
def assessment(social_worker, person):
    return assessment_start(actor=social_worker, person=person)


# --- POST /assessments -------------------------------------------------------------------------------


def test_a_worker_starts_an_assessment(api_client, social_worker, person):
    response = _post(api_client(social_worker), "/api/v1/assessments", {"person_id": person.pk})
    assert response.status_code == 201
    body = response.json()
    assessment = Assessment.objects.get()
    assert body["id"] == assessment.pk
    assert body["kind"] == "needs"
    assert body["status"] == "in_progress"
    assert body["started_on"] == timezone.localdate().isoformat()
    assert body["findings"] == []
    assert body["determinations"] == []
    assert assessment.assessor == social_worker
    event = AuditEvent.objects.get(action=events.ASSESSMENT_STARTED)
    assert (event.actor, event.person) == (social_worker, person)


def test_a_carers_assessment_from_the_contact_that_led_to_it(api_client, social_worker, person, team):
    contact = contact_create(actor=social_worker, data=_data(person=person, team=team))
    started = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    response = _post(
        api_client(social_worker),
        "/api/v1/assessments",
        {"person_id": person.pk, "kind": "carer", "contact_id": contact.pk, "started_on": started},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["contact_id"], body["started_on"]) == ("carer", contact.pk, started)


def test_a_contact_about_someone_else_is_refused(api_client, social_worker, person, team):
    contact = contact_create(actor=social_worker, data=_data(team=team))  # not linked to a record
    response = _post(
        api_client(social_worker), "/api/v1/assessments", {"person_id": person.pk, "contact_id": contact.pk}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "contact_id": ["The contact is about someone else: link it to this person first"]
    }
    assert not Assessment.objects.exists()


def test_bad_details_for_a_new_assessment(api_client, social_worker, person):
    client = api_client(social_worker)
    response = _post(client, "/api/v1/assessments", {"kind": "financial"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["person_id"] == ["Enter a person ID"]
    assert errors["kind"] == ["Kind must be one of 'needs' or 'carer'"]
    response = _post(client, "/api/v1/assessments", {"person_id": 999999})
    assert response.json()["errors"] == {"person_id": ["There is no person with ID 999999"]}
    response = _post(client, "/api/v1/assessments", {"person_id": person.pk, "contact_id": 999999})
    assert response.json()["errors"] == {"contact_id": ["There is no contact with ID 999999"]}
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = _post(client, "/api/v1/assessments", {"person_id": person.pk, "started_on": tomorrow})
    assert response.json()["errors"] == {"started_on": ["The date the assessment started must be today or in the past"]}
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.filter(action=events.ASSESSMENT_STARTED).exists()


def test_another_teams_person_is_refused_and_the_refusal_audited(api_client, social_worker, other_team_person):
    response = _post(api_client(social_worker), "/api/v1/assessments", {"person_id": other_team_person.pk})
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have access to this person's record"}
    assert AuditEvent.objects.filter(action=account_events.ACCESS_REFUSED, person=other_team_person).exists()
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("role", "detail"),
    [
        ("citizen", "You cannot assess this person"),  # may read their own record, not assess themselves
        ("commissioner", "You do not have access to this person's record"),
        ("provider", "You do not have access to this person's record"),
    ],
)
def test_roles_that_may_not_assess(request, api_client, person, role, detail):
    response = _post(api_client(request.getfixturevalue(role)), "/api/v1/assessments", {"person_id": person.pk})
    assert response.status_code == 403
    assert response.json() == {"detail": detail}
    assert not Assessment.objects.exists()


# --- PATCH /assessments/{id} -----------------------------------------------------------------------


def test_answers_are_recorded_and_the_rest_left_alone(api_client, social_worker, assessment):
    client = api_client(social_worker)
    path = f"/api/v1/assessments/{assessment.pk}"
    response = _send(client, "patch", path, {"own_words": "  I want to cook for my grandchildren again. "})
    assert response.status_code == 200
    response = _send(
        client,
        "patch",
        path,
        {
            "arises_from_impairment_or_illness": True,
            "significant_impact_on_wellbeing": False,
            "capacity": "has_capacity",
        },
    )
    body = response.json()
    assert body["own_words"] == "I want to cook for my grandchildren again."
    assert body["arises_from_impairment_or_illness"] is True
    assert body["significant_impact_on_wellbeing"] is False
    assert body["capacity"] == "has_capacity"
    # null takes a condition back to "not yet answered".
    body = _send(client, "patch", path, {"significant_impact_on_wellbeing": None}).json()
    assert body["significant_impact_on_wellbeing"] is None
    events_ = AuditEvent.objects.filter(action=events.ASSESSMENT_UPDATED).order_by("id")
    assert events_.count() == 3
    assert events_[1].new == {
        "arises_from_impairment_or_illness": "True",
        "significant_impact_on_wellbeing": "False",
        "capacity": "has_capacity",
    }


def test_bad_answers_are_reported_and_nothing_is_saved(api_client, social_worker, assessment):
    client = api_client(social_worker)
    path = f"/api/v1/assessments/{assessment.pk}"
    response = _send(
        client,
        "patch",
        path,
        {"own_words": None, "needs_fluctuate": "sometimes", "advocacy": "lawyer", "status": "completed",
         "strengths": "Kind"},
    )  # fmt: skip
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["own_words"] == ["Own words must be text"]
    assert errors["needs_fluctuate"] == ["Needs fluctuate must be true or false"]
    assert errors["advocacy"][0].startswith("Advocacy must be one of 'none', 'family_or_friend'")
    assert errors["status"] == ["Remove status: it is not a field you can send here"]
    response = _send(client, "patch", path, {"period_considered": "x" * 501})
    assert response.json()["errors"] == {"period_considered": ["Period considered must be 500 characters or fewer"]}
    response = _send(client, "patch", path, {})
    assert response.status_code == 422
    assert "Send at least one answer" in response.json()["errors"]["body"][0]
    assessment.refresh_from_db()
    assert assessment.strengths == ""
    assert not AuditEvent.objects.filter(action=events.ASSESSMENT_UPDATED).exists()


def test_answers_to_an_unknown_or_refused_assessment(api_client, social_worker, commissioner, citizen, assessment):
    body = {"own_words": "Hello"}
    response = _send(api_client(social_worker), "patch", "/api/v1/assessments/999999", body)
    assert response.status_code == 404
    response = _send(api_client(commissioner), "patch", f"/api/v1/assessments/{assessment.pk}", body)
    assert response.status_code == 403
    response = _send(api_client(citizen), "patch", f"/api/v1/assessments/{assessment.pk}", body)
    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot assess this person"}
    assessment.refresh_from_db()
    assert assessment.own_words == ""


# --- PUT /assessments/{id}/outcomes -----------------------------------------------------------------


def test_findings_are_recorded_all_together(api_client, social_worker, assessment):
    client = api_client(social_worker)
    path = f"/api/v1/assessments/{assessment.pk}/outcomes"
    response = _send(
        client,
        "put",
        path,
        {"findings": [
            {"outcome": "nutrition", "unable_without_assistance": True, "notes": "Cannot stand at the cooker"},
            {"outcome": "clothing", "takes_significantly_longer": True},
        ]},
    )  # fmt: skip
    assert response.status_code == 200
    findings = {f["outcome"]: f for f in response.json()["findings"]}
    assert len(findings) == 10  # every outcome of reg 2(2), as the screen records them
    assert findings["nutrition"]["unable_without_assistance"] is True
    assert findings["nutrition"]["notes"] == "Cannot stand at the cooker"
    assert findings["clothing"]["takes_significantly_longer"] is True
    assert not any(
        findings["toilet_needs"][test] for test in ("unable_without_assistance", "endangers_health_or_safety")
    )
    # Sent again without clothing: clothing is now achieved without difficulty.
    response = _send(client, "put", path, {"findings": [{"outcome": "nutrition", "unable_without_assistance": True}]})
    findings = {f["outcome"]: f for f in response.json()["findings"]}
    assert findings["clothing"]["takes_significantly_longer"] is False
    assert findings["nutrition"]["notes"] == ""
    assert AuditEvent.objects.filter(action=events.OUTCOME_RECORDED).count() == 20


def test_a_wrong_finding_saves_none_of_them(api_client, social_worker, person):
    carers = assessment_start(actor=social_worker, person=person, kind="carer")
    client = api_client(social_worker)
    response = _send(
        client,
        "put",
        f"/api/v1/assessments/{carers.pk}/outcomes",
        {"findings": [
            {"outcome": "recreation", "unable_without_assistance": True},
            {"outcome": "toilet_needs", "unable_without_assistance": True},
            {"outcome": "nutrition", "takes_significantly_longer": True},
            {"outcome": "recreation"},
        ]},
    )  # fmt: skip
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["findings.1.outcome"][0].startswith("'toilet_needs' is not an outcome in a carer's assessment")
    assert errors["findings.2.takes_significantly_longer"] == [
        "Taking significantly longer is not a test for carers (reg 3(3))"
    ]
    assert errors["findings.3.outcome"] == ["'recreation' is sent twice: send each outcome once"]
    response = _send(client, "put", f"/api/v1/assessments/{carers.pk}/outcomes", {"findings": [{"notes": "x"}]})
    assert response.json()["errors"] == {"findings.0.outcome": ["Enter an outcome"]}
    assert not OutcomeFinding.objects.exists()
    assert not AuditEvent.objects.filter(action=events.OUTCOME_RECORDED).exists()


def test_findings_refused_for_others(api_client, commissioner, citizen, assessment):
    body = {"findings": [{"outcome": "nutrition", "unable_without_assistance": True}]}
    for user in (commissioner, citizen):
        response = _send(api_client(user), "put", f"/api/v1/assessments/{assessment.pk}/outcomes", body)
        assert response.status_code == 403
    assert not OutcomeFinding.objects.exists()


# --- POST /assessments/{id}/determination -----------------------------------------------------------


def _answer(client, assessment):
    path = f"/api/v1/assessments/{assessment.pk}"
    assert _send(client, "patch", path, {
        "own_words": "I want to get back to the allotment.",
        "arises_from_impairment_or_illness": True,
        "significant_impact_on_wellbeing": True,
        "wellbeing_impact": "He is isolated and losing weight.",
    }).status_code == 200  # fmt: skip
    assert _send(client, "put", f"{path}/outcomes", {"findings": [
        {"outcome": "nutrition", "unable_without_assistance": True},
        {"outcome": "community_facilities", "significant_pain_distress_or_anxiety": True},
    ]}).status_code == 200  # fmt: skip


def test_the_worker_confirms_what_the_regulations_give(api_client, social_worker, assessment):
    client = api_client(social_worker)
    _answer(client, assessment)
    response = _post(client, f"/api/v1/assessments/{assessment.pk}/determination", {"practitioner_differs": False})
    assert response.status_code == 201
    body = response.json()
    assert body["eligible"] is True
    assert body["rule_eligible"] is True
    assert body["rule_outcomes_not_achieved"] == ["nutrition", "community_facilities"]
    assert any("reg 2(1)(b)" in reason for reason in body["rule_reasons"])
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    assert AuditEvent.objects.get(action=events.ELIGIBILITY_DETERMINED).new == {
        "eligible": True,
        "rule_eligible": True,
        "differs": False,
    }
    # Decided once: a second decision, or more answers, are refused.
    response = _post(client, f"/api/v1/assessments/{assessment.pk}/determination", {"practitioner_differs": False})
    assert response.status_code == 422
    assert response.json()["errors"]["record"][0].startswith(
        "This assessment is now 'Completed', so you cannot decide on eligibility again."
    )
    response = _send(client, "patch", f"/api/v1/assessments/{assessment.pk}", {"own_words": "Changed"})
    assert response.json()["errors"]["record"][0].startswith(
        "This assessment is now 'Completed', so you cannot change its answers."
    )
    assert EligibilityDetermination.objects.count() == 1
    assert client.get(f"/api/v1/assessments/{assessment.pk}").json()["determinations"][0]["eligible"] is True


def test_the_worker_differs_with_a_reason(api_client, social_worker, assessment):
    client = api_client(social_worker)
    _answer(client, assessment)
    path = f"/api/v1/assessments/{assessment.pk}/determination"
    response = _post(client, path, {"practitioner_differs": True})
    assert response.status_code == 422
    assert response.json()["errors"] == {"reason": ["Explain why your decision differs from what the answers show"]}
    assert not EligibilityDetermination.objects.exists()
    reason = "His son now cooks every day and takes him to the allotment; the needs are met."
    response = _post(client, path, {"practitioner_differs": True, "reason": reason})
    assert response.status_code == 201
    body = response.json()
    assert (body["eligible"], body["rule_eligible"], body["practitioner_reason"]) == (False, True, reason)


def test_a_decision_needs_the_conditions_answered(api_client, social_worker, assessment):
    client = api_client(social_worker)
    path = f"/api/v1/assessments/{assessment.pk}/determination"
    response = _post(client, path, {})
    assert response.json()["errors"] == {"practitioner_differs": ["Enter a practitioner differs"]}
    response = _post(client, path, {"practitioner_differs": False})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "arises_from_impairment_or_illness": ["Answer whether the needs arise from an impairment or illness"],
        "significant_impact_on_wellbeing": ["Answer whether there is a significant impact on well-being"],
    }
    _answer(client, assessment)
    _send(client, "patch", f"/api/v1/assessments/{assessment.pk}", {"needs_fluctuate": True})
    response = _post(client, path, {"practitioner_differs": False})
    assert response.status_code == 422
    assert "reg 2(4)" in response.json()["errors"]["period_considered"][0]
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert not EligibilityDetermination.objects.exists()


@pytest.mark.parametrize("role", ["citizen", "commissioner", "provider", "broker"])
def test_others_cannot_decide(request, api_client, social_worker, assessment, role):
    _answer(api_client(social_worker), assessment)
    response = _post(
        api_client(request.getfixturevalue(role)),
        f"/api/v1/assessments/{assessment.pk}/determination",
        {"practitioner_differs": False},
    )
    assert response.status_code == 403
    assert not EligibilityDetermination.objects.exists()


def test_answers_sent_with_an_old_version_in_if_match_are_refused_with_412(
    api_client, social_worker, team_manager, assessment
):
    path = f"/api/v1/assessments/{assessment.pk}"
    worker, manager = api_client(social_worker), api_client(team_manager)
    read = worker.get(path).json()["version"]  # both systems read the same version
    assert manager.get(path).json()["version"] == read
    first = worker.patch(
        path,
        data=json.dumps({"own_words": "Cooking"}),
        content_type="application/json",
        headers={"If-Match": f'"{read}"'},
    )
    assert first.status_code == 200
    assert first.json()["version"] == read + 1
    second = manager.patch(
        path,
        data=json.dumps({"own_words": "Church"}),
        content_type="application/json",
        headers={"If-Match": f'"{read}"'},
    )
    assert second.status_code == 412
    assert "Someone else changed this assessment" in second.json()["detail"]
    assessment.refresh_from_db()
    assert assessment.own_words == "Cooking"
    bad = manager.patch(
        path, data=json.dumps({"own_words": "x"}), content_type="application/json", headers={"If-Match": "yesterday"}
    )
    assert bad.status_code == 400
    assert "If-Match" in bad.json()["detail"]
    # Without If-Match the answer is saved, as before.
    assert _send(manager, "patch", path, {"own_words": "Church"}).status_code == 200


def test_the_openapi_document_describes_if_match_and_412(client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/assessments/{assessment_id}"]["patch"]
    assert "412" in operation["responses"]
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in operation["parameters"])


@pytest.mark.parametrize("if_match", ["yesterday", "null", '"-1"', "1e309", "9" * 5000])
def test_a_bad_if_match_is_a_400_shaped_as_the_document_says(api_client, social_worker, assessment, if_match):
    """A 400 carries errors by field, as the OpenAPI document's 400 answer says: here the header."""
    import jsonschema

    path = f"/api/v1/assessments/{assessment.pk}"
    bad = api_client(social_worker).patch(
        path, data=json.dumps({"own_words": "x"}), content_type="application/json", headers={"If-Match": if_match}
    )
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"If-Match": ['If-Match must be the version of the record you read, like "3"']}
    document = api_client(social_worker).get("/api/v1/openapi.json").json()
    answer = document["paths"]["/api/v1/assessments/{assessment_id}"]["patch"]["responses"]["400"]
    schema = answer["content"]["application/json"]["schema"]
    jsonschema.validate(bad.json(), {**schema, "components": document["components"]})
    assessment.refresh_from_db()
    assert assessment.own_words != "x"
