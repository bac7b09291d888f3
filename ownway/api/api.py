"""Ownway's kind of Ninja API: the reader of bodies and query strings, and the OpenAPI document's input errors.

The API itself (its routers, one from each app's ``api.py``, and how callers authenticate) is put together in
the configuration layer, :mod:`config.api`; this package is the toolkit it is built with: this module,
:mod:`ownway.api.auth`, :mod:`ownway.api.errors`, :mod:`ownway.api.schemas` and :mod:`ownway.api.urls`.
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

from .errors import NulInBody, nul_message, nul_places
from .schemas import ErrorOut, FieldErrorsOut


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
