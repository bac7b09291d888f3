"""Contacts in the JSON API: the open-contacts worklist, one contact, and recording the front door's work.

Writes go through :mod:`ownway.frontdoor.services`, which check permissions, validate and audit, so the
API records contacts, the Three Conversations and their closing exactly as the screens do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from ownway.accounts.models import User
from ownway.api.auth import caller
from ownway.api.errors import FieldErrors, service_errors
from ownway.api.schemas import AUTH_ERRORS, ErrorOut, FieldErrorsOut, InputSchema, RecordId
from ownway.frontdoor.models import MethodOfAssessment
from ownway.people.models import Person
from ownway.people.selectors import PersonNotFound, person_get_for_user

from .models import STS001_SEQUEL, Contact, ContactSource, ConversationKind, EventOutcome, RouteOfAccess
from .selectors import ContactNotFound, contact_get_for_user, contacts_shown, open_contacts_for_user
from .services import (
    ContactData,
    ConversationData,
    contact_allocate,
    contact_close,
    contact_create,
    contact_create_person,
    contact_link_person,
    conversation_record,
)

contacts_router = Router(tags=["Contacts"])


class ConversationOut(Schema):
    id: int
    kind: str
    held_on: dt.date
    method: str
    what_matters: str
    strengths: str
    networks: str
    information_and_advice: str
    connected_to: str
    safe_now: str
    short_term_plan: str
    revisit_on: dt.date | None


class ContactOut(Schema):
    id: int
    reference: str | None
    person_id: int | None
    first_name: str
    last_name: str
    source: str
    route_of_access: str
    reason: str
    channel: str
    received_at: dt.datetime
    status: str
    outcome: str
    team_id: int | None
    worker_id: int | None = Field(description="The worker whose worklist the contact is on, if any.")


class ContactDetailOut(ContactOut):
    conversations: list[ConversationOut]


@contacts_router.get(
    "",
    response={200: list[ContactOut], **AUTH_ERRORS},
    summary="Open contacts for your team and unallocated ones, oldest first (at most 500)",
)
def list_contacts(request: HttpRequest) -> list[Contact]:
    """Each contact answered is written to the audit trail."""
    user = caller(request)
    contacts = list(open_contacts_for_user(user=user)[:500])
    contacts_shown(user=user, contacts=contacts)
    return contacts


@contacts_router.get(
    "/{contact_id}",
    response={200: ContactDetailOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="Open a contact, with its conversations",
)
def get_contact(request: HttpRequest, contact_id: RecordId) -> ContactDetailOut:
    return _detail(_open(caller(request), contact_id))


def _open(user: User, contact_id: int) -> Contact:
    """Open a contact through the selector, which checks access and audits the read or the refusal."""
    try:
        return contact_get_for_user(user=user, pk=contact_id)
    except ContactNotFound:
        raise Http404("There is no contact with that ID") from None


def _detail(contact: Contact) -> ContactDetailOut:
    data = ContactOut.model_validate(contact, from_attributes=True).model_dump()
    conversations = [ConversationOut.model_validate(c, from_attributes=True) for c in contact.conversations.all()]
    return ContactDetailOut(**data, conversations=conversations)


# --- Recording a contact, its conversations and its closing ----------------------------------------


def _code_list(
    choices: type[ContactSource]
    | type[RouteOfAccess]
    | type[EventOutcome]
    | type[ConversationKind]
    | type[MethodOfAssessment],
) -> str:
    return ", ".join(f"`{value}` ({label})" for value, label in choices.choices)


class ContactIn(InputSchema):
    """A contact taken by a member of staff. It is placed with your team if you hold a caseload."""

    first_name: str = Field(max_length=100, description="The first name of the person the contact is about.")
    last_name: str = Field(max_length=100)
    reason: str = Field(max_length=5000, description="What is happening, in the person's own words.")
    source: ContactSource = Field(description=f"Who got in touch: {_code_list(ContactSource)}.")
    route_of_access: RouteOfAccess = Field(
        RouteOfAccess.COMMUNITY, description=f"How the request came in, as SALT counts it: {_code_list(RouteOfAccess)}."
    )
    date_of_birth: dt.date | None = Field(None, description="An ISO date, like 1940-03-02, if known.")
    postcode: str = Field("", max_length=10, description="A UK postcode, like B18 7AB.")
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    referrer_name: str = Field("", max_length=200, description="Who made the contact, if not the person.")
    referrer_phone: str = Field("", max_length=30)
    referrer_email: str = Field("", max_length=254)
    received_at: dt.datetime | None = Field(
        None,
        description="When the contact came in, like 2026-11-25T09:30:00 (UK time unless an offset is given). "
        "Left out: now.",
    )
    person_id: RecordId | None = Field(
        None, description="The person's record, if they have one and you may open it (see /people)."
    )


class ConversationIn(InputSchema):
    """One of the Three Conversations. Conversation 2 (crisis) needs what keeps the person safe now, a
    short-term plan and the date to come back to it; the others need what matters to the person."""

    kind: ConversationKind = Field(description=f"Which conversation: {_code_list(ConversationKind)}.")
    held_on: dt.date | None = Field(None, description="The day it was held, like 2026-11-25. Left out: today.")
    method: str = Field(
        "", max_length=20, description=f"How it was held (CLD Method of Assessment): {_code_list(MethodOfAssessment)}."
    )
    what_matters: str = Field("", max_length=5000, description="What matters to the person.")
    strengths: str = Field("", max_length=5000)
    networks: str = Field("", max_length=5000, description="Family, friends and community networks.")
    information_and_advice: str = Field("", max_length=5000, description="Information and advice given.")
    connected_to: str = Field(
        "", max_length=5000, description="Community groups and services the person was connected to."
    )
    safe_now: str = Field("", max_length=5000, description="What is needed to keep the person safe now (crisis).")
    short_term_plan: str = Field("", max_length=5000, description="The short-term plan (crisis).")
    revisit_on: dt.date | None = Field(
        None, description="The date to come back to the plan (crisis), on or after the conversation."
    )


class CloseIn(InputSchema):
    outcome: EventOutcome = Field(
        description=f"How the contact ended, from the Client Level Data event outcomes: {_code_list(EventOutcome)}."
    )


class ClosedContactOut(ContactOut):
    outcome_label: str
    closed_at: dt.datetime | None
    sts001_sequel: str | None = Field(
        description='The sequel SALT table STS001 counts this contact under, like "Universal Services / '
        'Signposted to other services". null when the sequel is what follows within 28 days (an '
        "assessment, or a service), which the return works out from later events."
    )


def _person_for_contact(user: User, person_id: int) -> Person:
    try:
        return person_get_for_user(user=user, pk=person_id)
    except PersonNotFound:
        raise FieldErrors({"person_id": [f"There is no person with ID {person_id}"]}) from None
    except PermissionDenied:
        # The refusal is already in the audit trail.
        raise FieldErrors({"person_id": ["You do not have access to this person's record"]}) from None


@contacts_router.post(
    "",
    response={201: ContactDetailOut, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="Record a contact",
    operation_id="contact_create",
)
def create_contact(request: HttpRequest, body: ContactIn) -> Status[Any]:
    """Record a contact taken by phone, email or in person, and answer with it and its reference.

    For casework staff and administrators. Recording it is written to the audit trail.
    """
    user = caller(request)
    errors: dict[str, list[str]] = {}
    for name in ("email", "referrer_email"):
        value = getattr(body, name)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                errors[name] = ["Enter an email address in the correct format, like name@example.com"]
    received_at = body.received_at
    if received_at is not None and timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    person = _person_for_contact(user, body.person_id) if body.person_id is not None else None
    if errors:
        raise FieldErrors(errors)
    data = ContactData(
        first_name=body.first_name,
        last_name=body.last_name,
        reason=body.reason,
        source=body.source.value,
        route_of_access=body.route_of_access.value,
        date_of_birth=body.date_of_birth,
        postcode=body.postcode,
        phone=body.phone,
        email=body.email,
        referrer_name=body.referrer_name,
        referrer_phone=body.referrer_phone,
        referrer_email=body.referrer_email,
        received_at=received_at,
        person=person,
        team=user.team if user.holds_caseload else None,
    )
    try:
        contact = contact_create(actor=user, data=data)
    except ValidationError as error:
        raise service_errors(error, {"person": "person_id"}) from error
    return Status(201, _detail(contact))


@contacts_router.post(
    "/{contact_id}/conversations",
    response={201: ConversationOut, **AUTH_ERRORS, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Record one of the Three Conversations on a contact",
    operation_id="conversation_record",
)
def record_conversation(request: HttpRequest, contact_id: RecordId, body: ConversationIn) -> Status[Any]:
    """Record a conversation on an open contact of your team, or an unallocated one.

    Conversation 1 (`listen_and_connect`) and 3 (`good_life`) need `what_matters`. Conversation 2
    (`crisis`) needs `safe_now`, `short_term_plan` and `revisit_on`.
    """
    user = caller(request)
    contact = _open(user, contact_id)
    data = ConversationData(**{**body.model_dump(), "kind": body.kind.value})
    data.held_on = body.held_on or timezone.localdate()
    try:
        conversation = conversation_record(actor=user, contact=contact, data=data)
    except ValidationError as error:
        raise service_errors(error) from error
    return Status(201, conversation)


@contacts_router.post(
    "/{contact_id}/close",
    response={200: ClosedContactOut, **AUTH_ERRORS, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Close a contact with its outcome",
    operation_id="contact_close",
)
def close_contact(request: HttpRequest, contact_id: RecordId, body: CloseIn) -> ClosedContactOut:
    """Close an open contact with how it ended; the answer gives the SALT STS001 sequel that follows."""
    user = caller(request)
    contact = _open(user, contact_id)
    try:
        closed = contact_close(actor=user, contact=contact, outcome=body.outcome.value)
    except ValidationError as error:
        raise service_errors(error) from error
    data = ContactOut.model_validate(closed, from_attributes=True).model_dump()
    return ClosedContactOut(
        **data,
        outcome_label=closed.get_outcome_display(),
        closed_at=closed.closed_at,
        sts001_sequel=STS001_SEQUEL[closed.outcome],
    )


class LinkPersonIn(InputSchema):
    person_id: RecordId | None = Field(
        default=None,
        description="The person record the contact is about. Leave it out (or null) with `create: true` to make "
        "a new record from the contact's own details (they need a date of birth).",
    )
    create: bool = Field(default=False, description="Make a new person record from the contact's details.")


@contacts_router.post(
    "/{contact_id}/person",
    response={200: ContactDetailOut, **AUTH_ERRORS, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Say whose record a contact is about, or make one from it",
    operation_id="contact_link_person",
)
def link_person(request: HttpRequest, contact_id: RecordId, body: LinkPersonIn) -> ContactDetailOut:
    """Triage a contact (say, a referral from the public form): link it to a person record you can open,
    or, with `create: true`, make a new record from the contact's details and link it. All or nothing."""
    user = caller(request)
    contact = _open(user, contact_id)
    if body.create == (body.person_id is not None):
        raise FieldErrors({"person_id": ["Send either a person_id, or create: true, but not both"]})
    try:
        if body.create:
            contact_create_person(actor=user, contact=contact)
        else:
            assert body.person_id is not None
            contact_link_person(actor=user, contact=contact, person=_person_for_contact(user, body.person_id))
    except ValidationError as error:
        raise service_errors(error, {"person": "person_id"}) from error
    contact.refresh_from_db()
    return _detail(contact)


class AllocateIn(InputSchema):
    worker_id: RecordId = Field(description="The worker (a user ID) whose worklist the contact goes on.")


@contacts_router.post(
    "/{contact_id}/worker",
    response={200: ContactDetailOut, **AUTH_ERRORS, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Give a contact to a worker",
    operation_id="contact_allocate",
)
def allocate(request: HttpRequest, contact_id: RecordId, body: AllocateIn) -> ContactDetailOut:
    """Put an open contact on a worker's worklist: a worker in the contact's team, or, for a contact with
    no team yet, any worker who holds a caseload (the contact joins their team)."""
    user = caller(request)
    contact = _open(user, contact_id)
    worker = User.objects.filter(pk=body.worker_id).first()
    if worker is None:
        raise FieldErrors({"worker_id": [f"There is no user with ID {body.worker_id}"]})
    try:
        contact_allocate(actor=user, contact=contact, worker=worker)
    except ValidationError as error:
        raise service_errors(error, {"worker": "worker_id"}) from error
    contact.refresh_from_db()
    return _detail(contact)
