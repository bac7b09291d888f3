"""Who may manage accounts.

* Administrators (and the site's superusers) list the accounts and see whose they are.
* Everyone else sees only their own account (in the header, and through the API's ``/me``).
"""

from __future__ import annotations

import enum

from django.db.models import QuerySet

from .models import User
from .policy import Policy
from .roles import Role


class AccountAction(enum.StrEnum):
    MANAGE = "manage"


class AccountPolicy(Policy[AccountAction, User]):
    name = "accounts"
    model = User

    def allows(self, user: User, action: AccountAction) -> bool:
        return user.role == Role.ADMINISTRATOR or user.is_superuser

    def scope(self, user: User) -> QuerySet[User]:
        if self.can(user, AccountAction.MANAGE):
            return User.objects.all()
        return User.objects.filter(pk=user.pk)


policy = AccountPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
