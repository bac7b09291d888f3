"""Contacts in the JSON API: the open-contacts worklist and one contact, under the screens' rules."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from ownway.api.auth import caller
from ownway.api.schemas import AUTH_ERRORS, ErrorOut

from .models import Contact
from .selectors import ContactNotFound, contact_get_for_user, open_contacts_for_user

contacts_router = Router(tags=["Contacts"])


class ConversationOut(Schema):
    kind: str
    held_on: dt.date
    what_matters: str
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


class ContactDetailOut(ContactOut):
    conversations: list[ConversationOut]


@contacts_router.get(
    "",
    response={200: list[ContactOut], **AUTH_ERRORS},
    summary="Open contacts for your team and unallocated ones, oldest first (at most 500)",
)
def list_contacts(request: HttpRequest) -> list[Contact]:
    return list(open_contacts_for_user(user=caller(request))[:500])


@contacts_router.get(
    "/{contact_id}",
    response={200: ContactDetailOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="Open a contact, with its conversations",
)
def get_contact(request: HttpRequest, contact_id: int) -> ContactDetailOut:
    try:
        contact = contact_get_for_user(user=caller(request), pk=contact_id)
    except ContactNotFound:
        raise Http404("There is no contact with that ID") from None
    data = ContactOut.model_validate(contact, from_attributes=True).model_dump()
    conversations = [ConversationOut.model_validate(c, from_attributes=True) for c in contact.conversations.all()]
    return ContactDetailOut(**data, conversations=conversations)
