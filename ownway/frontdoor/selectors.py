"""Reading contacts, only as far as the reader may, with every opening audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ownway.accounts import events as account_events
from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.core.names import name_filter

from . import events
from .models import Contact, ContactStatus, Conversation, ConversationKind
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


def revisits_due_for_user(*, user: User, mine: bool, today: dt.date | None = None) -> QuerySet[Conversation]:
    """Crisis conversations (conversation 2, Birmingham's Three Conversations) whose date to come back to the
    short-term plan has come, and that no later conversation with the person has followed up: on the team's
    worklist (the contacts the user may see), or (``mine``) the ones the user has the contact for or held the
    conversation. The longest waiting first. Show a page of them through :func:`revisits_shown`."""
    if not user_can(user, ContactAction.VIEW):
        raise PermissionDenied("You cannot see the crisis plans to revisit")
    today = today or timezone.localdate()
    later = Conversation.objects.filter(contact=OuterRef("contact"), held_on__gt=OuterRef("held_on"))
    rows = Conversation.objects.filter(
        kind=ConversationKind.CRISIS, revisit_on__lte=today, contact__in=visible_to(user)
    ).exclude(Exists(later))
    if mine:
        rows = rows.filter(Q(contact__worker=user) | Q(recorded_by=user))
    return rows.select_related("contact", "contact__worker", "recorded_by").order_by("revisit_on", "pk")


@dataclass(frozen=True)
class RevisitCounts:
    """How many crisis plans are due to be revisited, for the worker and for their team."""

    mine: int
    team: int


def revisits_due_counts(*, user: User, today: dt.date | None = None) -> RevisitCounts | None:
    """The home page's counts (``None`` for who has no front-door worklist), in one query."""
    if not user_can(user, ContactAction.VIEW):
        return None
    counts = revisits_due_for_user(user=user, mine=False, today=today).aggregate(
        mine=Count("pk", filter=Q(contact__worker=user) | Q(recorded_by=user)), team=Count("pk")
    )
    return RevisitCounts(**counts)


def revisits_shown(*, user: User, conversations: list[Conversation]) -> None:
    """Write each person on a page of the revisits due to the audit trail."""
    with transaction.atomic():
        audit_shown(
            actor=user,
            action=events.REVISITS_LISTED,
            shown=[(c.contact, c.contact.person_id) for c in conversations],
        )
