"""Concerns from outside the council's own staff: a provider from its portal, other agencies through the API.

Both take the same fields as the public form, checked the same way (``forms.ConcernForm``), and give the same
reference back; nothing asks the person raising it to prove anything. A provider's concern carries its
organisation's name, and one from the API may name a person's record the caller may open (linked at once).
"""

from __future__ import annotations

from django.db import transaction

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.people.models import Person

from . import events
from .models import Channel, Concern
from .services import ConcernData, _save_concern


def concern_raise_by_provider(*, actor: User, organisation: str, data: ConcernData) -> Concern:
    """A concern raised by a care provider from its portal (the caller has checked the actor speaks for it)."""
    data.raised_by = "provider"
    name = actor.get_full_name().strip() or actor.get_username()
    data.raiser_name = f"{name}, {organisation}"[:200]
    data.raiser_email = data.raiser_email or actor.email
    with transaction.atomic():
        concern = _save_concern(data=data, channel=Channel.PROVIDER, person=None, actor=actor, held=False)
        audit_record(actor=actor, action=events.CONCERN_RAISED_PROVIDER, subject=concern)
    return concern


def concern_raise_by_agency(*, actor: User, data: ConcernData, person: Person | None) -> Concern:
    """A concern sent through the API by another agency's system (acting as its account); ``person`` only when
    the caller may open that record (checked by the caller, through the people selector)."""
    with transaction.atomic():
        concern = _save_concern(data=data, channel=Channel.API, person=person, actor=actor, held=False)
        audit_record(actor=actor, action=events.CONCERN_RAISED_API, subject=concern, person=person)
    return concern
