"""The OpenAPI document and the docs page."""

import json
import re

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
    "/api/v1/safeguarding/concerns": {"post"},
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


def test_no_key_is_written_twice_in_the_document(client, db):
    """Swagger UI, and most readers of JSON, refuse a document with the same key twice in one object."""
    twice: list[list[str]] = []

    def pairs(items):
        keys = [key for key, _ in items]
        if len(keys) != len(set(keys)):
            twice.append(keys)
        return dict(items)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert twice == []


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


# --- Every status the API gives is in the document ----------------------------------------------------


def _operations(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _filled(path, value):
    """The path with each {parameter} replaced by ``value``."""
    return re.sub(r"\{[^}]+\}", value, path)


def _send(client, method, url, body=None):
    send = getattr(client, method)
    return send(url, data=body, content_type="application/json") if body is not None else send(url)


def test_an_id_that_is_not_a_number_is_answered_422_as_the_document_says(document, api_client, administrator):
    """A path ID like /people/abc is refused with 422 and the field, and every such operation lists 422."""
    client = api_client(administrator)
    checked = []
    for path, method, operation in _operations(document):
        parameters = operation.get("parameters", [])
        id_params = [p for p in parameters if p["in"] == "path" and p["schema"]["type"] == "integer"]
        if not id_params:
            continue
        body = "{}" if "requestBody" in operation else None
        response = _send(client, method, _filled(path, "abc"), body)
        assert response.status_code == 422, (method, path, response.status_code)
        assert str(response.status_code) in operation["responses"], (method, path)
        assert id_params[0]["name"] in response.json()["errors"], (method, path)
        checked.append((method, path))
    assert len(checked) >= 15


def test_a_body_that_is_not_json_is_answered_400_as_the_document_says(document, api_client, administrator):
    """Every operation that takes a body answers 400 with a message when the body is not JSON, and lists 400."""
    client = api_client(administrator)
    checked = []
    for path, method, operation in _operations(document):
        if "requestBody" not in operation:
            continue
        response = _send(client, method, _filled(path, "1"), "{not json")
        assert response.status_code == 400, (method, path, response.status_code)
        assert response.json()["detail"] == "The request body must be valid JSON", (method, path)
        assert "400" in operation["responses"], (method, path)
        checked.append((method, path))
    assert len(checked) >= 12


def test_bad_query_parameters_are_answered_422_as_the_document_says(document, api_client, administrator):
    """A query parameter of the wrong type (a date that is not a date, a page that is not a number) is a 422,
    and every operation with query parameters lists 422."""
    client = api_client(administrator)
    for path, method, operation in _operations(document):
        query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
        if not query:
            continue
        assert "422" in operation["responses"], (method, path)
    response = client.get("/api/v1/enablement/rota", {"date": "tomorrow"})
    assert response.status_code == 422
    assert "date" in response.json()["errors"]
    response = client.get("/api/v1/support-plans/1", {"version": "latest"})
    assert response.status_code == 422
    assert "version" in response.json()["errors"]


def test_every_error_status_in_the_document_has_a_json_body(document):
    for path, method, operation in _operations(document):
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                schema = response["content"]["application/json"]["schema"]
                assert "$ref" in schema, (method, path, status)
