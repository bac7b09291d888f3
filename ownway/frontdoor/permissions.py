"""Who may see and record contacts at the front door.

* Casework roles see the contacts for their team and unallocated ones (the front door's queue).
* Administrators see every contact.
* Citizens, providers, commissioners, brokers and finance officers see none.
* Anyone, without signing in, may send a referral through the public form.
"""

from __future__ import annotations

import enum

from django.db.models import Q, QuerySet

from ownway.accounts.models import User
from ownway.accounts.roles import CASEWORK_ROLES, Role

from .models import Contact


class ContactAction(enum.StrEnum):
    VIEW = "view"
    CREATE = "create"
    WORK = "work"


_ROLES = CASEWORK_ROLES | {Role.ADMINISTRATOR}


def user_can(user: User, action: ContactAction) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role in _ROLES


def visible_to(user: User) -> QuerySet[Contact]:
    contacts = Contact.objects.all()
    if not user_can(user, ContactAction.VIEW):
        return contacts.none()
    if user.role == Role.ADMINISTRATOR:
        return contacts
    condition = Q(team__isnull=True)
    if user.team_id is not None:
        condition |= Q(team_id=user.team_id)
    return contacts.filter(condition)


def user_can_for(user: User, action: ContactAction, contact: Contact) -> bool:
    if not user_can(user, action):
        return False
    return visible_to(user).filter(pk=contact.pk).exists()
