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
from ownway.accounts.policy import Policy
from ownway.accounts.roles import CASEWORK_ROLES, Role

from .models import Contact


class ContactAction(enum.StrEnum):
    VIEW = "view"
    CREATE = "create"
    WORK = "work"


_ROLES = CASEWORK_ROLES | {Role.ADMINISTRATOR}


class ContactPolicy(Policy[ContactAction, Contact]):
    """:meth:`can_on` takes the contact."""

    name = "frontdoor"
    model = Contact

    def allows(self, user: User, action: ContactAction) -> bool:
        return user.role in _ROLES

    def scope(self, user: User) -> QuerySet[Contact]:
        contacts = Contact.objects.all()
        if not self.can(user, ContactAction.VIEW):
            return contacts.none()
        if user.role == Role.ADMINISTRATOR:
            return contacts
        condition = Q(team__isnull=True)
        if user.team_id is not None:
            condition |= Q(team_id=user.team_id)
        return contacts.filter(condition)


policy = ContactPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
