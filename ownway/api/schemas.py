"""Shapes every part of the API shares: error bodies, and the envelope round a page of results."""

from __future__ import annotations

import copy
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field, create_model


class InputSchema(Schema):
    """Base for request bodies: surrounding spaces are trimmed, and unknown fields are refused.

    Refusing unknown fields means a misspelt field ("frist_name") is reported, not silently ignored.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def all_optional(schema: type[InputSchema], name: str, doc: str) -> type[InputSchema]:
    """The same fields as ``schema``, each optional: for a PATCH, where what is left out stays as it is."""
    fields: dict[str, Any] = {}
    for field_name, info in schema.model_fields.items():
        optional = copy.copy(info)
        optional.default = None
        fields[field_name] = (info.annotation, optional)
    model: type[InputSchema] = create_model(name, __base__=InputSchema, __doc__=doc, **fields)
    return model


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in plain English.")


class FieldErrorsOut(Schema):
    detail: str = Field(description="What went wrong, in plain English.")
    errors: dict[str, list[str]] = Field(
        description="Each field with a problem, and what to change, like "
        '`{"date_of_birth": ["Date of birth must be in the past"]}`. A problem with the request '
        "as a whole is listed under `body`.",
    )


class PageMeta(Schema):
    count: int = Field(description="How many results there are on all pages together.")
    page: int = Field(description="This page's number, from 1.")
    per_page: int = Field(description="How many results a full page holds.")
    pages: int = Field(description="How many pages there are (0 when nothing matched).")


#: The error responses every endpoint may give, for the OpenAPI document.
AUTH_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut}
