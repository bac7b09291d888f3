"""Shapes every part of the API shares: request bodies, IDs and page numbers, error bodies, and the
envelope round a page of results."""

from __future__ import annotations

import copy
import datetime as dt
import types
from decimal import Decimal
from typing import Annotated, Any, Union, get_args, get_origin

from ninja import Schema
from pydantic import ConfigDict, Field, ValidationInfo, create_model, field_validator
from pydantic_core import PydanticCustomError

#: The largest ID a record can have (the database's 64-bit keys): a larger one is refused, not looked up.
MAX_RECORD_ID = 2**63 - 1
#: A record's ID, in a path, a query or a body.
RecordId = Annotated[int, Field(ge=1, le=MAX_RECORD_ID, description="A record's ID, from 1.")]
#: The last page of results one may ask for: far beyond any real list, and small enough to work out an offset from.
MAX_PAGE = 1_000_000
#: A version of a record, from 1 (a plan's versions, say).
MAX_VERSION = 1_000_000
VersionNumber = Annotated[int, Field(ge=1, le=MAX_VERSION)]


def _json_kind(annotation: Any) -> tuple[tuple[type, ...], bool, str] | None:
    """For a field's type: the JSON values it takes (as Python types after ``json.loads``), whether null is
    one of them, and the error to give otherwise; None for types pydantic already reads strictly enough."""
    nullable = False
    if get_origin(annotation) in (Union, types.UnionType):
        members = [member for member in get_args(annotation) if member is not type(None)]
        nullable = len(members) < len(get_args(annotation))
        if len(members) != 1:
            return None
        annotation = members[0]
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if annotation is bool:
        return (bool,), nullable, "bool_type"
    if annotation is int:
        return (int,), nullable, "int_type"
    if annotation in (float, Decimal):
        return (int, float, str), nullable, "decimal_type"
    if annotation in (dt.date, dt.datetime):
        return (str,), nullable, "date_type"
    return None


class InputSchema(Schema):
    """Base for request bodies: surrounding spaces are trimmed, and unknown fields are refused.

    Refusing unknown fields means a misspelt field ("frist_name") is reported, not silently ignored.

    Each field takes only the JSON type the OpenAPI document gives it: a boolean is ``true`` or ``false``
    (not ``0`` or ``"yes"``), an integer is a whole number (not ``"5"`` or ``5.0``), a date is a string
    like ``"1957-03-27"`` (not a number of seconds) and an amount is a number or a string of digits (never
    ``true``). Pydantic on its own would quietly read each of those as something else.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _json_type_as_documented(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        kind = _json_kind(cls.model_fields[info.field_name].annotation)
        if kind is None:
            return value
        accepted, nullable, error = kind
        if value is None and nullable:
            return value
        if isinstance(value, bool) and bool not in accepted:
            raise PydanticCustomError(error, "Input has the wrong type")
        if not isinstance(value, accepted):
            raise PydanticCustomError(error, "Input has the wrong type")
        return value


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
