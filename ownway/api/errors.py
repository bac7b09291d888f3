"""Every error the API gives is JSON, with a message a person can act on.

* 400 ``{"detail": …, "errors": {"body": […]}}`` — a request body that is not JSON; and
  ``{"detail": …, "errors": {"If-Match": […]}}`` for a header that cannot be read.
* 401 ``{"detail": …}`` — no credentials, or a token that is unknown or revoked.
* 403 ``{"detail": …}`` — the caller's role or caseload does not allow it (the selectors audit refusals).
* 404 ``{"detail": …}`` — no such record or address.
* 409 — a conflict the caller can resolve, such as a likely duplicate person (see the endpoint).
* 412 ``{"detail": …}`` — the record changed after the version sent in ``If-Match`` (optimistic concurrency,
  ``ownway.core.versioning``): read it again, then send the change with the new version. Nothing is saved.
* 422 ``{"detail": …, "errors": {field: [message, …]}}`` — bad input, by field, in the same words the
  screens use ("Date of birth must be in the past", "Enter a real NHS number: …"), for a path or
  query parameter of the wrong type (``/people/abc``), and for a NUL character anywhere in a body or a
  query (which PostgreSQL cannot store; :class:`ownway.api.api.OwnwayParser`). Nothing is saved.

The OpenAPI document lists each of these for every operation that can give it
(:class:`ownway.api.api.OwnwayAPI` adds 400 and 422 wherever Ninja reads input).

Input is checked in two steps: first its shape (types, lengths, dates in ISO form), by the request
schemas, whose errors are turned from pydantic's wording into ours here; then its meaning, by the
services, whose :class:`django.core.exceptions.ValidationError` is passed on field by field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from ownway.core.numbers import parse_id
from ownway.core.versioning import StaleEdit

CHECK_FIELDS = "There is a problem with the details you sent: check each field listed under errors."


class BadHeader(Exception):
    """A request header that cannot be read, answered with 400 and the header named under ``errors``."""

    def __init__(self, header: str, message: str) -> None:
        self.header = header
        self.message = message
        super().__init__(message)


class FieldErrors(Exception):
    """Problems with particular fields of a request, answered with 422 and nothing saved."""

    def __init__(self, errors: Mapping[str, Iterable[str]], detail: str = CHECK_FIELDS) -> None:
        self.errors = {name: list(messages) for name, messages in errors.items()}
        self.detail = detail
        super().__init__(detail)


# --- Turning pydantic's errors into ours ----------------------------------------------------------

_WORDS = {"nhs": "NHS", "bsl": "BSL", "id": "ID"}


def field_label(name: str) -> str:
    """``date_of_birth`` → "date of birth", ``nhs_number`` → "NHS number"."""
    return " ".join(_WORDS.get(word, word) for word in name.split("_"))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def with_article(label: str) -> str:
    """ "a first name", "an email address" (and "an NHS number", as it is said)."""
    article = "an" if label[:1].lower() in "aeiou" or label.startswith("NHS") else "a"
    return f"{article} {label}"


def _field_name(loc: Iterable[Any]) -> str:
    parts = [str(part) for part in loc]
    if not parts:
        return "body"
    source, rest = parts[0], parts[1:]
    if source == "body":
        # ("body", <parameter>, field, …): the parameter name is an implementation detail.
        rest = rest[1:]
    return ".".join(rest) or "body"


def message_for(error: Mapping[str, Any]) -> tuple[str, str]:
    """The field an error belongs to, and what to tell the caller about it."""
    field = _field_name(error.get("loc", ()))
    kind = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    last = field.rsplit(".", 1)[-1]
    label = field_label(last)
    if field == "body":
        if kind == "json_invalid":
            return field, "The request body must be valid JSON"
        if kind == "missing":
            return field, "Send the details as a JSON object in the request body"
        return field, 'Send the details as a JSON object, like {"first_name": "Ada"}'
    if kind == "missing":
        return field, f"Enter {with_article(label)}"
    if kind == "extra_forbidden":
        return field, f"Remove {last}: it is not a field you can send here"
    if kind in {"string_type"}:
        return field, f"{_sentence(label)} must be text"
    if kind == "string_too_long":
        return field, f"{_sentence(label)} must be {ctx.get('max_length')} characters or fewer"
    if kind == "string_too_short":
        return field, f"Enter {with_article(label)}"
    if kind in {"bool_type", "bool_parsing"}:
        return field, f"{_sentence(label)} must be true or false"
    if kind in {"int_type", "int_parsing", "int_from_float", "int_parsing_size"}:
        return field, f"{_sentence(label)} must be a whole number"
    if kind in {"decimal_type", "decimal_parsing", "float_type", "float_parsing", "finite_number"}:
        return field, f"{_sentence(label)} must be a number"
    if kind in {"decimal_max_digits", "decimal_whole_digits"}:
        return field, f"{_sentence(label)} is too large"
    if kind == "decimal_max_places":
        return field, f"{_sentence(label)} can have at most {ctx.get('decimal_places')} decimal places"
    if kind in {"greater_than_equal", "greater_than"}:
        return field, f"{_sentence(label)} must be {ctx.get('ge', ctx.get('gt'))} or more"
    if kind in {"less_than_equal", "less_than"}:
        return field, f"{_sentence(label)} must be {ctx.get('le', ctx.get('lt'))} or fewer"
    if kind.startswith(("date", "datetime")):
        return field, f"Enter the {label} as a real date in the format YYYY-MM-DD, like 1957-03-27"
    if kind in {"literal_error", "enum"}:
        return field, f"{_sentence(label)} must be one of {ctx.get('expected')}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return field, f"{_sentence(label)} must be a JSON object"
    if kind == "list_type":
        return field, f"{_sentence(label)} must be a list"
    message = str(error.get("msg", "is not valid"))
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
        return field, message
    return field, f"Check the {label}: {message}"


def errors_by_field(errors: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in errors:
        field, message = message_for(error)
        if message not in result.get(field, []):
            result.setdefault(field, []).append(message)
    return result


def django_errors_by_field(error: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError, with errors about the record as a whole under ``record``."""
    if hasattr(error, "error_dict"):
        return {("record" if name == NON_FIELD_ERRORS else name): msgs for name, msgs in error.message_dict.items()}
    return {"record": list(error.messages)}


def service_errors(error: DjangoValidationError, renames: Mapping[str, str] | None = None) -> FieldErrors:
    """A service's errors as the API's, with the services' names for fields turned into the API's
    (``{"person": "person_id"}``), to raise as a 422."""
    renames = renames or {}
    return FieldErrors({renames.get(name, name): msgs for name, msgs in django_errors_by_field(error).items()})


# --- NUL characters ------------------------------------------------------------------------------------


def nul_message(field: str) -> str:
    """What to say about a NUL character in a field: PostgreSQL cannot store one, and no one types one."""
    return f"{_sentence(field_label(field.split('.')[-1] or field))} must not contain a NUL character (\\u0000)"


class NulInBody(ValueError):
    """A JSON body holds a NUL character (in a key or a string) at these places (``first_name``, ``answers``)."""

    def __init__(self, fields: list[str]) -> None:
        self.fields = fields
        super().__init__(", ".join(fields))


def nul_places(data: Any, path: tuple[str, ...] = ()) -> list[str]:
    """Where in decoded JSON a NUL character is: each place as the API names fields (``a.b``; a key's own place
    for a NUL in a key, and a list's for one in its items)."""
    here = ".".join(path) or "body"
    if isinstance(data, str):
        return [here] if "\x00" in data else []
    if isinstance(data, dict):
        places: list[str] = []
        for key, value in data.items():
            places += [here] if "\x00" in str(key) else nul_places(value, (*path, str(key)))
        return list(dict.fromkeys(places))
    if isinstance(data, list):
        return list(dict.fromkeys(place for item in data for place in nul_places(item, path)))
    return []


# --- Optimistic concurrency ------------------------------------------------------------------------

IF_MATCH = (
    'The version of the record you read (its `version`), as an entity tag like "3". If someone else has '
    "changed the record since, nothing is saved and the answer is 412. Leave it out to save whatever the "
    "version."
)


def expected_version(if_match: str | None) -> int | None:
    """The version sent in an ``If-Match`` header (``"3"``, ``W/"3"`` or ``3``); None when there is none or ``*``."""
    if if_match is None or not if_match.strip() or if_match.strip() == "*":
        return None
    text = if_match.strip().removeprefix("W/").strip('"')
    version = parse_id(text)
    if version is None:
        raise BadHeader("If-Match", 'If-Match must be the version of the record you read, like "3"')
    return version


# --- The handlers ----------------------------------------------------------------------------------

NOT_AUTHENTICATED = (
    "Send an API token in an Authorization header (Authorization: Bearer ow_…), or sign in to Ownway in this browser."
)
CREDENTIALS_NOT_ACCEPTED = (
    "The API token was not accepted: it is unknown, revoked, or belongs to an account that is no longer "
    "active. Ask a council administrator for a new one."
)


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every error from ``api`` as JSON in the shapes described above."""

    def respond(request: HttpRequest, body: dict[str, Any], status: int) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = CREDENTIALS_NOT_ACCEPTED if "authorization" in request.headers else NOT_AUTHENTICATED
        response = respond(request, {"detail": detail}, 401)
        response["WWW-Authenticate"] = 'Bearer realm="Ownway API"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, NulInBody):
            errors = {field: [nul_message(field)] for field in exc.__cause__.fields}
            return respond(request, {"detail": CHECK_FIELDS, "errors": errors}, 422)
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
            # Ninja could not read the body as JSON: say so, and where.
            detail = "The request body must be valid JSON"
            return respond(request, {"detail": detail, "errors": {"body": [f"{detail} ({exc.__cause__})"]}}, 400)
        return respond(request, {"detail": exc.message}, exc.status_code)

    @api.exception_handler(BadHeader)
    def bad_header(request: HttpRequest, exc: BadHeader) -> HttpResponse:
        return respond(request, {"detail": exc.message, "errors": {exc.header: [exc.message]}}, 400)

    @api.exception_handler(StaleEdit)
    def stale_edit(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
        detail = f"{exc}. Read it again (it is now version {exc.current_version}), then send your change"
        return respond(request, {"detail": detail}, 412)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, {"detail": str(exc) or "You do not have permission to do this"}, 403)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, {"detail": str(exc) or "Not found"}, 404)

    @api.exception_handler(NinjaValidationError)
    def bad_shape(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return respond(request, {"detail": CHECK_FIELDS, "errors": errors_by_field(exc.errors)}, 422)

    @api.exception_handler(FieldErrors)
    def bad_fields(request: HttpRequest, exc: FieldErrors) -> HttpResponse:
        return respond(request, {"detail": exc.detail, "errors": exc.errors}, 422)

    @api.exception_handler(DjangoValidationError)
    def bad_meaning(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return respond(request, {"detail": CHECK_FIELDS, "errors": django_errors_by_field(exc)}, 422)
