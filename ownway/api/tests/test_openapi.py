"""The OpenAPI document and the docs page."""

import json

import pytest

EXPECTED = {
    "/api/v1/me": {"get"},
    "/api/v1/eligibility/adult": {"post"},
    "/api/v1/eligibility/carer": {"post"},
    "/api/v1/assessments": {"post"},
    "/api/v1/assessments/{assessment_id}": {"get", "patch"},
    "/api/v1/assessments/{assessment_id}/outcomes": {"put"},
    "/api/v1/assessments/{assessment_id}/determination": {"post"},
    "/api/v1/contacts": {"get", "post"},
    "/api/v1/contacts/{contact_id}": {"get"},
    "/api/v1/contacts/{contact_id}/conversations": {"post"},
    "/api/v1/contacts/{contact_id}/close": {"post"},
    "/api/v1/contacts/{contact_id}/person": {"post"},
    "/api/v1/contacts/{contact_id}/worker": {"post"},
    "/api/v1/enablement/my-day": {"get"},
    "/api/v1/enablement/rota": {"get"},
    "/api/v1/people": {"get", "post"},
    "/api/v1/people/{person_id}": {"get", "patch"},
    "/api/v1/people/{person_id}/carers": {"get"},
    "/api/v1/code-lists": {"get"},
    "/api/v1/code-lists/{list_name}": {"get"},
    "/api/v1/ras/model": {"get"},
    "/api/v1/ras/calculate": {"post"},
    "/api/v1/ras/budgets/{budget_id}": {"get"},
    "/api/v1/charging/calculate": {"post"},
    "/api/v1/charging/assessments/{assessment_id}": {"get"},
    "/api/v1/support-plans/{plan_id}": {"get"},
    "/api/v1/direct-payments/pa-costs": {"post"},
    "/api/v1/direct-payments/{agreement_id}": {"get"},
}


@pytest.fixture
def document(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_the_document_is_openapi_3_and_lists_every_endpoint(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Ownway API"
    assert {path: set(ops) for path, ops in document["paths"].items()} == EXPECTED


def test_every_operation_needs_a_token_or_a_session(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["BearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "ow_…",
        "description": schemes["BearerToken"]["description"],
    }
    assert schemes["BrowserSession"]["in"] == "cookie"
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert {"BearerToken": []} in operation["security"], (method, path)
            assert "401" in operation["responses"], (method, path)
            assert operation["operationId"], (method, path)


def test_request_and_response_schemas_are_published(document):
    schemas = document["components"]["schemas"]
    person_in = schemas["PersonIn"]
    assert set(person_in["required"]) == {"first_name", "last_name", "date_of_birth"}
    assert person_in["properties"]["date_of_birth"]["format"] == "date"
    assert person_in["additionalProperties"] is False
    assert "required" not in schemas["PersonChanges"]
    assert "ethnicity_label" in schemas["PersonOut"]["properties"]
    create = document["paths"]["/api/v1/people"]["post"]
    assert set(create["responses"]) >= {"201", "401", "403", "409", "422"}
    assert create["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/PersonIn"}
    search_params = {p["name"] for p in document["paths"]["/api/v1/people"]["get"]["parameters"]}
    assert search_params == {"q", "page", "per_page"}


def test_the_front_door_and_assessment_writes_are_published(document):
    schemas = document["components"]["schemas"]
    assert set(schemas["ContactIn"]["required"]) == {"first_name", "last_name", "reason", "source"}
    assert schemas["ContactIn"]["additionalProperties"] is False
    assert set(schemas["ConversationIn"]["required"]) == {"kind"}
    assert "sts001_sequel" in schemas["ClosedContactOut"]["properties"]
    assert set(schemas["AssessmentIn"]["required"]) == {"person_id"}
    assert "required" not in schemas["AssessmentChanges"]
    assert schemas["AssessmentChanges"]["additionalProperties"] is False
    assert set(schemas["DeterminationIn"]["required"]) == {"practitioner_differs"}
    assert schemas["FindingsIn"]["properties"]["findings"]["maxItems"] == 10
    for path, method, created in [
        ("/api/v1/contacts", "post", "201"),
        ("/api/v1/contacts/{contact_id}/conversations", "post", "201"),
        ("/api/v1/contacts/{contact_id}/close", "post", "200"),
        ("/api/v1/assessments", "post", "201"),
        ("/api/v1/assessments/{assessment_id}", "patch", "200"),
        ("/api/v1/assessments/{assessment_id}/outcomes", "put", "200"),
        ("/api/v1/assessments/{assessment_id}/determination", "post", "201"),
    ]:
        operation = document["paths"][path][method]
        assert operation["summary"], path
        assert operation["tags"] in (["Contacts"], ["Assessments"]), path
        assert set(operation["responses"]) >= {created, "401", "403", "422"}, path


def test_every_reference_in_the_document_resolves(document):
    text = json.dumps(document)
    refs = {part.split('"')[0] for part in text.split('"$ref": "#/components/schemas/')[1:]}
    assert refs
    assert refs <= set(document["components"]["schemas"])


def test_the_docs_page_is_served_from_this_server(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn." not in body


def test_unknown_api_addresses_answer_in_json(client, db):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert "/api/v1/docs" in response.json()["detail"]
