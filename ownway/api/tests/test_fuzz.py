"""The API fuzzed from its own OpenAPI document with schemathesis, in-process, as a council administrator.

Every operation is sent valid and invalid requests generated from the document (bounded: a few dozen
examples each, so the whole run takes a minute or two), against the small council of
:mod:`ownway.accounts.tests.world`, with IDs in paths pointing at its records most of the time. Each
answer must be no server error and match the document: a documented status, the documented content type
and headers, a body of the documented shape; and a request that breaks the document must be refused.

The schemathesis checks that need a valid request to succeed are left out: a valid request can still be
refused for its meaning (a date of birth in the future, a person the caller may not see) with a 422 or 403.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from config.api import api
from ownway.accounts.services import api_token_create
from ownway.accounts.tests.world import World

load_all_checks()
CHECKED = [
    CHECKS.get_one(name)
    for name in (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "missing_required_header",
        "unsupported_method",
        "ignored_auth",
    )
]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = WSGIHandler()

#: The kind of record each path parameter names, by the start of the path.
PATH_RECORDS = {
    ("/api/v1/people/", "person_id"): "person",
    ("/api/v1/assessments/", "assessment_id"): "assessment",
    ("/api/v1/contacts/", "contact_id"): "contact",
    ("/api/v1/ras/budgets/", "budget_id"): "indicative_budget",
    ("/api/v1/charging/assessments/", "assessment_id"): "financial_assessment",
    ("/api/v1/support-plans/", "plan_id"): "plan",
    ("/api/v1/direct-payments/", "agreement_id"): "agreement",
}
#: The records of the council for this test run (set by the fixture below).
RECORDS: dict[str, list[int]] = {}


@schema.hook
def map_path_parameters(context, path_parameters):
    """Two times in three, a valid ID is swapped for one of the council's records of that kind, so the
    fuzzing reaches real records and not only 404s; invalid IDs are left to be refused."""
    if not path_parameters:
        return path_parameters
    for (prefix, name), kind in PATH_RECORDS.items():
        value = path_parameters.get(name)
        if context.operation.path.startswith(prefix) and isinstance(value, int) and not isinstance(value, bool):
            ids = RECORDS.get(kind, [])
            if ids and value >= 1 and value % 3:
                path_parameters[name] = ids[value % len(ids)]
    return path_parameters


@pytest.fixture
def token(world: World, db):
    """A token for the council's administrator, and the council's records for the hook above.

    Django's request signals close the database connection after each request, which would end the
    test's transaction: they are held off while the fuzzer runs, as Django's own test client does.
    """
    RECORDS.clear()
    RECORDS.update({kind: [record.pk for record in records.values()] for kind, records in world.records.items()})
    _token, secret = api_token_create(actor=None, user=world.users["administrator"], name="Fuzzer")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield secret
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_answers_as_its_document_says(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKED)
