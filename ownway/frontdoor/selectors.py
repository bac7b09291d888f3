"""Reading contacts, only as far as the reader may, with every opening audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from ownway.accounts import events as account_events
from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.core.names import name_filter

from . import events
from .models import Contact, ContactStatus
from .permissions import ContactAction, user_can, user_can_for, visible_to


class ContactNotFound(Exception):
    """No contact with that id exists."""


def contact_get_for_user(*, user: User, pk: int) -> Contact:
    """Open one contact. The read is audited; so is a refusal, before it is raised."""
    contact = Contact.objects.select_related("person", "team", "recorded_by").filter(pk=pk).first()
    if contact is None:
        raise ContactNotFound(pk)
    allowed = user_can_for(user, ContactAction.VIEW, contact)
    with transaction.atomic():
        audit_record(
            actor=user,
            action=events.CONTACT_VIEWED if allowed else account_events.ACCESS_REFUSED,
            subject=contact,
            person=contact.person,
        )
    if not allowed:
        raise PermissionDenied("You do not have access to this contact")
    return contact


def open_contacts_for_user(*, user: User, query: str = "") -> QuerySet[Contact]:
    """The open contacts for the user's team and the unallocated ones, oldest first; with a ``query``, those whose
    names each of its words begins, whatever the accents or case (:mod:`ownway.core.names`). Show them through
    :func:`contacts_shown`, which writes each one to the audit trail."""
    if not user_can(user, ContactAction.VIEW):
        raise PermissionDenied("You cannot see contacts")
    contacts = (
        visible_to(user)
        .filter(status=ContactStatus.OPEN)
        .filter(name_filter("search_name", query))
        .select_related("team", "person")
        .order_by("received_at", "id")
    )
    return contacts


def contacts_shown(*, user: User, contacts: list[Contact]) -> None:
    """Write each contact shown, and the person it is linked to, to the audit trail."""
    with transaction.atomic():
        audit_shown(actor=user, action=events.CONTACTS_LISTED, shown=[(c, c.person_id) for c in contacts])
