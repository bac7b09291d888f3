"""The person record in the JSON API: search, open, create, change, carers, and the code lists.

Endpoints are as thin as the screens' views: they parse the request, call the selectors (which apply
:mod:`ownway.people.permissions` and audit every record opened or refused) and the services (which
validate, save in one transaction and audit), and shape the answer. Nothing here queries ``Person``
directly.

Coded fields (gender, ethnicity, primary support reason, accommodation status, employment status) are
sent and returned as codes (``asian_pakistani``); answers carry the label alongside
(``ethnicity_label``). ``team_id`` and ``named_worker_id`` are sent as IDs and returned as
``{"id", "name"}``.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, create_model

from ownway.accounts.models import Team, User
from ownway.accounts.roles import STAFF_ROLES, Role
from ownway.api.auth import caller
from ownway.api.errors import FieldErrors, field_label, with_article
from ownway.api.schemas import AUTH_ERRORS, MAX_PAGE, ErrorOut, FieldErrorsOut, InputSchema, PageMeta, RecordId

from .models import CaringRelationship, CodeList, CodeValue, Person
from .permissions import PersonAction, user_can, user_can_for
from .selectors import (
    PersonNotFound,
    PersonQuery,
    carers_of,
    person_get_for_user,
    person_possible_duplicates,
    person_search_page_for_user,
)
from .services import CITIZEN_EDITABLE, CODED_FIELDS, PersonData, person_create, person_update, validate_person_data

people_router = Router(tags=["people"])
code_lists_router = Router(tags=["code lists"])

MAX_PER_PAGE = 100


# --- What the API returns ----------------------------------------------------------------------------


class TeamRef(Schema):
    id: int
    name: str


class WorkerRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj: User) -> str:
        return obj.get_full_name() or obj.username


class PersonRef(Schema):
    """Just enough to recognise a person by."""

    id: int
    reference: str = Field(description="The council's own reference, like P0001234.")
    full_name: str
    date_of_birth: dt.date


def _code(value: CodeValue | None) -> str | None:
    return value.code if value is not None else None


def _label(value: CodeValue | None) -> str | None:
    return value.label if value is not None else None


class PersonSummaryOut(Schema):
    """A person as listed in search results."""

    id: int
    reference: str
    full_name: str
    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: dt.date
    date_of_death: dt.date | None
    nhs_number: str = Field(description="10 digits, or empty when not known.")
    postcode: str
    team: TeamRef | None
    primary_support_reason: str | None
    primary_support_reason_label: str | None

    @staticmethod
    def resolve_primary_support_reason(obj: Person) -> str | None:
        return _code(obj.primary_support_reason)

    @staticmethod
    def resolve_primary_support_reason_label(obj: Person) -> str | None:
        return _label(obj.primary_support_reason)


class PersonOut(Schema):
    """A person's record."""

    id: int
    reference: str = Field(description="The council's own reference, like P0001234.")
    full_name: str
    title: str
    first_name: str
    middle_names: str
    last_name: str
    preferred_name: str
    date_of_birth: dt.date
    date_of_death: dt.date | None
    nhs_number: str = Field(description="10 digits, or empty when not known.")
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    phone: str
    mobile: str
    email: str
    gender: str | None
    gender_label: str | None
    ethnicity: str | None
    ethnicity_label: str | None
    primary_support_reason: str | None
    primary_support_reason_label: str | None
    accommodation_status: str | None
    accommodation_status_label: str | None
    employment_status: str | None
    employment_status_label: str | None
    autism: bool
    visual_impairment: bool
    hearing_impairment: bool
    dementia: bool
    needs_easy_read: bool
    needs_bsl: bool = Field(description="Needs a British Sign Language interpreter.")
    needs_interpreter: bool = Field(description="Needs a spoken language interpreter.")
    language: str = Field(description="The person's main language.")
    needs_large_print: bool
    communication_notes: str
    letters_by: str = Field(description="How letters are sent: post or email.")
    communication_needs: list[str] = Field(description="The communication needs above, in words.")
    has_unpaid_carer: Literal["yes", "no", "unknown"]
    has_unpaid_carer_label: str
    team: TeamRef | None = Field(description="The team the person is allocated to.")
    named_worker: WorkerRef | None
    consent_to_share: bool
    consent_recorded_on: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_gender(obj: Person) -> str | None:
        return _code(obj.gender)

    @staticmethod
    def resolve_gender_label(obj: Person) -> str | None:
        return _label(obj.gender)

    @staticmethod
    def resolve_ethnicity(obj: Person) -> str | None:
        return _code(obj.ethnicity)

    @staticmethod
    def resolve_ethnicity_label(obj: Person) -> str | None:
        return _label(obj.ethnicity)

    @staticmethod
    def resolve_primary_support_reason(obj: Person) -> str | None:
        return _code(obj.primary_support_reason)

    @staticmethod
    def resolve_primary_support_reason_label(obj: Person) -> str | None:
        return _label(obj.primary_support_reason)

    @staticmethod
    def resolve_accommodation_status(obj: Person) -> str | None:
        return _code(obj.accommodation_status)

    @staticmethod
    def resolve_accommodation_status_label(obj: Person) -> str | None:
        return _label(obj.accommodation_status)

    @staticmethod
    def resolve_employment_status(obj: Person) -> str | None:
        return _code(obj.employment_status)

    @staticmethod
    def resolve_employment_status_label(obj: Person) -> str | None:
        return _label(obj.employment_status)

    @staticmethod
    def resolve_has_unpaid_carer_label(obj: Person) -> str:
        return obj.get_has_unpaid_carer_display()


class PersonPage(PageMeta):
    items: list[PersonSummaryOut]


class CarerRef(Schema):
    """A carer, as far as the caller may see them: their name always; their ID, reference and date of birth
    only when the caller may open the carer's own record (a citizen sees their carer's name)."""

    id: int | None = Field(description="The carer's own record's ID, or null.")
    reference: str | None = Field(description="The council's own reference, like P0001234, or null.")
    full_name: str
    date_of_birth: dt.date | None = Field(description="The carer's date of birth, or null.")


class CarerOut(Schema):
    """A carer giving unpaid care to the person. Carers have records of their own."""

    id: int = Field(description="The caring relationship's ID.")
    carer: CarerRef
    relationship: str = Field(description="What the carer is to the person, as a code.")
    relationship_label: str
    hours_per_week: float | None = Field(description="Hours caring each week, if known.")
    lives_with: bool
    started_on: dt.date | None
    ended_on: dt.date | None
    is_current: bool

    @staticmethod
    def resolve_carer(obj: CaringRelationship) -> dict[str, Any]:
        carer = obj.carer
        if obj.may_open:
            return {"id": carer.pk, "reference": carer.reference, "full_name": carer.full_name,
                    "date_of_birth": carer.date_of_birth}  # fmt: skip
        return {"id": None, "reference": None, "full_name": carer.full_name, "date_of_birth": None}

    @staticmethod
    def resolve_relationship_label(obj: CaringRelationship) -> str:
        return obj.get_relationship_display()

    @staticmethod
    def resolve_hours_per_week(obj: CaringRelationship) -> float | None:
        return float(obj.hours_per_week) if obj.hours_per_week is not None else None


class DuplicateOut(Schema):
    reason: str = Field(description='Why it looks like the same person, like "has the same NHS number".')
    description: str
    person: PersonRef | None = Field(description="The record, or null when you do not have access to it.")


class DuplicatesOut(Schema):
    detail: str
    duplicates: list[DuplicateOut]


class CodeValueOut(Schema):
    code: str = Field(description="What to send in a coded field, like `asian_pakistani`.")
    label: str = Field(description="What to show people.")
    group: str
    cld_r1: str = Field(description="The value in the Client Level Data return, release 1.")
    cld_r2: str = Field(description="The value in the Client Level Data return, release 2.")
    active: bool = Field(description="Whether it can be chosen for a record now. Old values stay on old records.")

    @staticmethod
    def resolve_active(obj: CodeValue) -> bool:
        return obj.is_active


class CodeListOut(Schema):
    name: str = Field(description="The list's name, which is also the name of the field it is used in.")
    label: str
    values: list[CodeValueOut]


# --- What the API accepts ----------------------------------------------------------------------------

_CODE_HELP = "A code from /api/v1/code-lists/{list}, like `{example}`, or null when not recorded."


class PersonIn(InputSchema):
    """A new person record. Only first name, last name and date of birth are required."""

    title: str = Field("", max_length=20)
    first_name: str = Field(max_length=100)
    middle_names: str = Field("", max_length=100)
    last_name: str = Field(max_length=100)
    preferred_name: str = Field("", max_length=100, description="What the person likes to be called.")
    date_of_birth: dt.date = Field(description="An ISO date, like 1957-03-27.")
    date_of_death: dt.date | None = Field(None, description="If the person has died.")
    nhs_number: str = Field(
        "", max_length=20, description="10 digits; spaces and hyphens are allowed, like 943 476 5919."
    )
    address_line_1: str = Field("", max_length=200)
    address_line_2: str = Field("", max_length=200)
    town: str = Field("", max_length=100)
    postcode: str = Field("", max_length=10, description="A UK postcode, like B1 1BB.")
    phone: str = Field("", max_length=30)
    mobile: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    gender: str | None = Field(None, max_length=60, description=_CODE_HELP.format(list="gender", example="female"))
    ethnicity: str | None = Field(
        None, max_length=60, description=_CODE_HELP.format(list="ethnicity", example="asian_pakistani")
    )
    primary_support_reason: str | None = Field(
        None,
        max_length=60,
        description=_CODE_HELP.format(list="primary_support_reason", example="physical_personal_care"),
    )
    accommodation_status: str | None = Field(
        None, max_length=60, description=_CODE_HELP.format(list="accommodation_status", example="owner_occupier")
    )
    employment_status: str | None = Field(
        None, max_length=60, description=_CODE_HELP.format(list="employment_status", example="not_seeking_retired")
    )
    autism: bool = False
    visual_impairment: bool = False
    hearing_impairment: bool = False
    dementia: bool = False
    needs_easy_read: bool = False
    needs_bsl: bool = Field(False, description="Needs a British Sign Language interpreter.")
    needs_interpreter: bool = Field(False, description="Needs a spoken language interpreter.")
    language: str = Field("English", max_length=60, description="The person's main language.")
    needs_large_print: bool = False
    communication_notes: str = Field("", max_length=2000)
    letters_by: Literal["post", "email"] = Field(
        "post", description="How letters are sent: post, or email (which needs an email address)."
    )
    has_unpaid_carer: Literal["yes", "no", "unknown"] = "unknown"
    team_id: RecordId | None = Field(
        None, description="The team the person is allocated to. Left out, a worker's own team is used."
    )
    named_worker_id: RecordId | None = Field(None, description="The member of staff who is the person's named worker.")
    consent_to_share: bool = Field(
        False, description="The person agrees to their information being shared with partners who support them."
    )
    consent_recorded_on: dt.date | None = Field(
        None, description="When consent was recorded; needed when consent_to_share is true."
    )
    confirm_not_duplicate: bool = Field(
        False,
        description="Send true to save even though a record with the same NHS number, or the same name and "
        "date of birth, exists (after checking it is a different person). Without it such a request is "
        "answered 409 with the possible duplicates.",
    )


def _all_optional(schema: type[InputSchema], name: str, doc: str) -> type[InputSchema]:
    """The same fields as ``schema``, each optional: what is left out stays as it is."""
    fields: dict[str, Any] = {}
    for field_name, info in schema.model_fields.items():
        optional = copy.copy(info)
        optional.default = None
        fields[field_name] = (info.annotation, optional)
    model: type[InputSchema] = create_model(name, __base__=InputSchema, __doc__=doc, **fields)
    return model


if TYPE_CHECKING:
    # The same fields, as far as a type checker is concerned.
    PersonChanges = PersonIn
else:
    PersonChanges = _all_optional(
        PersonIn,
        "PersonChanges",
        "Changes to a person record: send only the fields to change. Send null to clear an optional date, "
        "code or ID, and an empty string to clear text.",
    )

#: Changing any of these might make the record a duplicate of another.
IDENTITY_FIELDS = frozenset({"first_name", "last_name", "date_of_birth", "nhs_number"})
#: The API's name for fields the services know by their object.
RELATED_IDS = {"team_id": "team", "named_worker_id": "named_worker"}


def _apply(data: PersonData, given: dict[str, Any]) -> dict[str, list[str]]:
    """Copy the fields sent onto ``data``, turning codes and IDs into records; returns the problems."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    codes = {name: given[name] for name in CODED_FIELDS if given.get(name)}
    found = {
        (value.list, value.code): value
        for value in CodeValue.objects.filter(
            list__in=[CODED_FIELDS[name].value for name in codes], code__in=codes.values(), is_active=True
        )
    }
    for name, value in given.items():
        if name == "confirm_not_duplicate":
            continue
        if name in CODED_FIELDS:
            code_list = CODED_FIELDS[name]
            current: CodeValue | None = getattr(data, name)
            if current is not None and current.code == value:
                continue  # unchanged, even if the value has since been retired from the list
            chosen = found.get((code_list.value, value)) if value else None
            if value and chosen is None:
                label = with_article(code_list.label.lower())
                add(name, f"Choose {label} from the list at /api/v1/code-lists/{code_list.value}")
            setattr(data, name, chosen)
        elif name == "team_id":
            if data.team is not None and data.team.pk == value:
                continue
            team = Team.objects.filter(pk=value, is_active=True).first() if value is not None else None
            if value is not None and team is None:
                add(name, f"Choose a team from the list: there is no active team with ID {value}")
            data.team = team
        elif name == "named_worker_id":
            if data.named_worker is not None and data.named_worker.pk == value:
                continue
            worker = (
                User.objects.filter(pk=value, is_active=True, role__in=[r.value for r in STAFF_ROLES]).first()
                if value is not None
                else None
            )
            if value is not None and worker is None:
                add(name, f"Choose a named worker who is an active member of council staff: {value} is not one")
            data.named_worker = worker
        else:
            setattr(data, name, value)
    return errors


def _check(data: PersonData, given: dict[str, Any]) -> None:
    """Every problem with the request, from this module and from the service's own checks, at once."""
    errors = _apply(data, given)
    for name, messages in validate_person_data(data).items():
        target = next((api_name for api_name, field in RELATED_IDS.items() if field == name), name)
        errors.setdefault(target, []).extend(m for m in messages if m not in errors.get(target, []))
    if errors:
        raise FieldErrors(errors)


def _duplicates_or_none(user: User, data: PersonData, exclude_pk: int | None = None) -> dict[str, Any] | None:
    found = person_possible_duplicates(
        user=user,
        first_name=data.first_name,
        last_name=data.last_name,
        date_of_birth=data.date_of_birth,
        nhs_number=data.nhs_number,
        exclude_pk=exclude_pk,
    )
    if not found:
        return None
    duplicates = []
    for match in found:
        if match.person is not None:
            description = (
                f"{match.person.reference} {match.person.full_name}, born {match.person.date_of_birth:%Y-%m-%d}, "
                f"{match.reason}"
            )
        else:
            description = (
                f"A record you do not have access to {match.reason}. Ask the team that holds it before making "
                "another record."
            )
        duplicates.append({"reason": match.reason, "description": description, "person": match.person})
    return {
        "detail": "There may already be a record for this person. Check the records listed; if this is a "
        'different person, send the request again with "confirm_not_duplicate": true.',
        "duplicates": duplicates,
    }


def _open(user: User, person_id: int) -> Person:
    """Open a record through the selector, which checks access and audits the read or the refusal."""
    try:
        return person_get_for_user(user=user, pk=person_id)
    except PersonNotFound:
        raise HttpError(404, f"There is no person with ID {person_id}") from None


# --- People ----------------------------------------------------------------------------------------


@people_router.get(
    "",
    response={200: PersonPage, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="Search for people",
    operation_id="people_search",
)
def search_people(
    request: HttpRequest,
    q: str = Query(
        "",
        max_length=100,
        description="A name (like `jo smi`), NHS number, date of birth (like `27/3/1957`), postcode or reference.",
    ),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="Which page of results, from 1."),
    per_page: int = Query(25, ge=1, le=MAX_PER_PAGE, description=f"Results on a page, up to {MAX_PER_PAGE}."),
) -> dict[str, Any]:
    """The people you may see who match the search, in name order, a page at a time.

    Only the records you have access to are searched. Each search is written to the audit trail.
    """
    user = caller(request)
    if not user_can(user, PersonAction.SEARCH):
        raise PermissionDenied("You cannot search person records")
    if not q.strip():
        raise FieldErrors(
            {"q": ["Enter a name, NHS number, date of birth (like 27/3/1957), postcode or reference to search for"]}
        )
    found = person_search_page_for_user(user=user, query=PersonQuery(text=q), page=page, per_page=per_page)
    items, count = found.items, found.count
    return {"items": items, "count": count, "page": page, "per_page": per_page, "pages": math.ceil(count / per_page)}


@people_router.get(
    "/{person_id}",
    response={200: PersonOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="Open a person's record",
    operation_id="person_get",
)
def get_person(request: HttpRequest, person_id: RecordId) -> Person:
    """One person's record. Opening it, or being refused, is written to the audit trail."""
    return _open(caller(request), person_id)


@people_router.post(
    "",
    response={201: PersonOut, 400: FieldErrorsOut, **AUTH_ERRORS, 409: DuplicatesOut, 422: FieldErrorsOut},
    summary="Add a person",
    operation_id="person_create",
)
def create_person(request: HttpRequest, payload: PersonIn) -> Status[Any]:
    """Make a new person record and answer with it.

    If a record with the same NHS number, or the same name and date of birth, already exists, nothing is
    saved and the answer is 409 with the possible duplicates, unless the request says
    `"confirm_not_duplicate": true`. The check covers the whole council: a record you cannot open is
    reported without its details.
    """
    user = caller(request)
    if not user_can(user, PersonAction.CREATE):
        raise PermissionDenied("You cannot create person records")
    data = PersonData(first_name=payload.first_name, last_name=payload.last_name, date_of_birth=payload.date_of_birth)
    _check(data, payload.model_dump(exclude_unset=True))
    if not payload.confirm_not_duplicate:
        duplicates = _duplicates_or_none(user, data)
        if duplicates is not None:
            return Status(409, duplicates)
    return Status(201, person_create(actor=user, data=data))


@people_router.patch(
    "/{person_id}",
    response={
        200: PersonOut,
        400: FieldErrorsOut,
        **AUTH_ERRORS,
        404: ErrorOut,
        409: DuplicatesOut,
        422: FieldErrorsOut,
    },
    summary="Change a person's record",
    operation_id="person_update",
)
def update_person(request: HttpRequest, person_id: RecordId, changes: PersonChanges) -> Status[Any]:
    """Change the fields sent and leave the rest as they are; answers with the whole record.

    A citizen may change only their own contact details and communication needs. A change to the name,
    date of birth or NHS number is checked for duplicates as a new record is.
    """
    user = caller(request)
    person = _open(user, person_id)
    if not user_can_for(user, PersonAction.EDIT, person):
        raise PermissionDenied("You cannot change this person's record")
    given: dict[str, Any] = changes.model_dump(exclude_unset=True)
    if user.role == Role.CITIZEN:
        refused = sorted(set(given) - CITIZEN_EDITABLE - {"confirm_not_duplicate"})
        if refused:
            raise PermissionDenied(
                "You can change your contact details and how we communicate with you. Ask your worker to "
                f"change: {', '.join(field_label(name) for name in refused)}."
            )
    data = PersonData.from_person(person)
    _check(data, given)
    if user.role != Role.CITIZEN and IDENTITY_FIELDS & given.keys() and not given.get("confirm_not_duplicate"):
        duplicates = _duplicates_or_none(user, data, exclude_pk=person.pk)
        if duplicates is not None:
            return Status(409, duplicates)
    return Status(200, person_update(actor=user, person=person, data=data))


@people_router.get(
    "/{person_id}/carers",
    response={200: list[CarerOut], **AUTH_ERRORS, 404: ErrorOut},
    summary="A person's carers",
    operation_id="person_carers",
)
def list_carers(request: HttpRequest, person_id: RecordId) -> list[CaringRelationship]:
    """The unpaid carers recorded for the person, current ones first. Opening the record is audited.

    A carer's ID, reference and date of birth are given only if you may open the carer's own record.
    """
    user = caller(request)
    person = _open(user, person_id)
    return carers_of(user=user, person=person)


# --- Code lists ------------------------------------------------------------------------------------


def _code_list(code_list: CodeList, values: list[CodeValue]) -> dict[str, Any]:
    # Plain data: Ninja validates it against CodeListOut once, on the way out.
    return {"name": code_list.value, "label": code_list.label, "values": values}


@code_lists_router.get(
    "", response={200: list[CodeListOut], **AUTH_ERRORS}, summary="All code lists", operation_id="code_lists"
)
def list_code_lists(request: HttpRequest) -> list[dict[str, Any]]:
    """Every national code list (Client Level Data) a person record uses, with each value's code and label."""
    by_list: dict[str, list[CodeValue]] = {code_list.value: [] for code_list in CodeList}
    for value in CodeValue.objects.order_by("list", "sort_order", "id"):
        by_list.setdefault(value.list, []).append(value)
    return [_code_list(code_list, by_list[code_list.value]) for code_list in CodeList]


@code_lists_router.get(
    "/{list_name}",
    response={200: CodeListOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="One code list",
    operation_id="code_list_get",
)
def get_code_list(request: HttpRequest, list_name: str) -> dict[str, Any]:
    """The values of one code list, like `ethnicity`: send a value's `code` in the field of that name."""
    if list_name not in CodeList.values:
        raise HttpError(404, f"There is no code list called {list_name}. The lists are: {', '.join(CodeList.values)}.")
    code_list = CodeList(list_name)
    return _code_list(code_list, list(CodeValue.objects.filter(list=code_list.value).order_by("sort_order", "id")))
