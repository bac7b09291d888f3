"""The JSON API under /api/v1/, its OpenAPI document (/api/v1/openapi.json) and docs (/api/v1/docs).

Each app that offers endpoints keeps them in its own ``api.py`` as a Ninja ``Router``; this module
only mounts them, sets how callers authenticate (:mod:`ownway.api.auth`) and how errors are answered
(:mod:`ownway.api.errors`). Endpoints read and write through the apps' selectors and services, so the
API follows the same permission policy, validation and audit trail as the screens.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from pydantic import Field

from ownway.allocation.api import ras_router
from ownway.assessments.api import assessments_router, eligibility_router
from ownway.charging.api import charging_router
from ownway.enablement.api import enablement_router
from ownway.frontdoor.api import contacts_router
from ownway.payments.api import payments_router
from ownway.people.api import code_lists_router, people_router
from ownway.planning.api import plans_router

from .auth import BearerToken, BrowserSession, caller
from .errors import NulInBody, install_error_handlers, nul_message, nul_places
from .schemas import ErrorOut, FieldErrorsOut

DESCRIPTION = """
Ownway's JSON API, for the council's other systems (and for staff to try out from this page).

**Authentication.** Send a token as `Authorization: Bearer ow_…`. A council administrator makes one
for a system with `manage.py create_api_token --user USERNAME --name "System name"`; it acts as that
user, with exactly that user's access. If you are signed in to Ownway in this browser, these pages use
your session instead.

**Access.** The same rules as the screens: workers see their team's caseload and the people they are
named worker for, brokers, finance officers and administrators see everyone, commissioners see no
individual records, and a citizen sees only their own. Every record opened, and every refusal, is
written to the audit trail.

**Errors** are JSON: `{"detail": "…"}`, and for bad input (422)
`{"detail": "…", "errors": {"field": ["what to change"]}}`. Nothing is saved when there is an error.

**Dates** are ISO 8601 (`1957-03-27`). **Coded fields** (gender, ethnicity, primary support reason,
accommodation status, employment status) take the code from `/code-lists/{list}`, like
`asian_pakistani`, and responses give its label alongside.
"""


class OwnwayParser(Parser):
    """Ninja's reader of JSON bodies and query strings, refusing a NUL character anywhere in them.

    PostgreSQL cannot store a NUL (nor compare a column with one), and no one types one; every other character
    is passed on. A body with one answers 422 naming each field that holds it (:mod:`ownway.api.errors`), as a
    query parameter does.
    """

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if places := nul_places(data):
            raise NulInBody(places)  # Ninja answers it as a body it cannot read; errors.py names the fields
        return data

    def parse_querydict(self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest) -> Any:
        fields = [key for key, values in data.lists() if "\x00" in key or any("\x00" in str(v) for v in values)]
        if fields:
            raise NinjaValidationError(
                [{"loc": ("query", key), "msg": nul_message(key), "type": "value_error"} for key in fields]
            )
        return super().parse_querydict(data, list_fields, request)


class OwnwayAPI(NinjaAPI):
    """Ninja's API, whose OpenAPI document lists the input errors every operation can give.

    Ninja answers a request it cannot read before the endpoint runs: 400 when the body is not JSON, 422
    when a path or query parameter or the body has the wrong shape (``/people/abc``). Those answers are
    added here to each operation they can come from, so the document lists every status the API gives
    without each endpoint having to remember them.
    """

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (ErrorOut, FieldErrorsOut):
            schemas.setdefault(model.__name__, model.model_json_schema(ref_template="#/components/schemas/{model}"))
        for operations in schema["paths"].values():
            for operation in operations.values():
                document_input_errors(operation)
        return schema


def _error_response(status: HTTPStatus, model: type[Schema]) -> dict[str, Any]:
    return {
        "description": status.phrase,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}},
    }


def document_input_errors(operation: dict[str, Any]) -> None:
    """Add to one operation of the document the statuses Ninja gives for input it cannot read.

    Ninja keys an operation's responses by number and JSON by text: they are made text first, so that a
    status the operation already documents is not written twice (a document with a key twice is not valid
    JSON for most readers, Swagger UI among them)."""
    responses = {str(status): response for status, response in operation.get("responses", {}).items()}
    operation["responses"] = responses
    parameters = operation.get("parameters", [])
    if "requestBody" in operation:
        responses.setdefault("400", _error_response(HTTPStatus.BAD_REQUEST, FieldErrorsOut))
    if parameters or "requestBody" in operation:
        responses.setdefault("422", _error_response(HTTPStatus.UNPROCESSABLE_ENTITY, FieldErrorsOut))
    if any(parameter["in"] == "path" for parameter in parameters):
        responses.setdefault("404", _error_response(HTTPStatus.NOT_FOUND, ErrorOut))


api = OwnwayAPI(
    title="Ownway API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[BearerToken(), BrowserSession()],
    parser=OwnwayParser(),
)
install_error_handlers(api)

api.add_router("/people", people_router)
api.add_router("/code-lists", code_lists_router)
api.add_router("/eligibility", eligibility_router)
api.add_router("/assessments", assessments_router)
api.add_router("/contacts", contacts_router)
api.add_router("/ras", ras_router)
api.add_router("/charging", charging_router)
api.add_router("/support-plans", plans_router)
api.add_router("/direct-payments", payments_router)
api.add_router("/enablement", enablement_router)


class MeOut(Schema):
    username: str
    name: str
    role: str = Field(description="The role's code, like `social_worker`.")
    role_label: str
    team: str | None = Field(description="The team's name, if the account belongs to one.")


@api.get("/me", response={200: MeOut, 401: ErrorOut}, tags=["accounts"], summary="Who you are signed in as")
def me(request: HttpRequest) -> MeOut:
    """The account a token or session acts as: a quick way for a system to check its token works."""
    user = caller(request)
    return MeOut(
        username=user.username,
        name=user.get_full_name() or user.username,
        role=user.role,
        role_label=user.get_role_display(),
        team=user.team.name if user.team is not None else None,
    )
