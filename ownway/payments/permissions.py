"""Who may do what with direct payments.

* Social workers, occupational therapists and team managers set up direct-payment agreements with the
  person, for people they may see, record reviews, and switch a line back to the council.
* Finance officers run payments, import statements, say what transactions were for, record recovery
  decisions and suspend, resume or end payments; team managers may also suspend, resume and end.
* Brokers read accounts; a citizen reads their own account, in plain English.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import Role
from ownway.people.permissions import policy as people_policy

from .models import DirectPaymentAgreement


class PaymentAction(enum.StrEnum):
    VIEW = "view"
    #: The list of every agreement the user may see (staff; a citizen has "My money").
    LIST = "list"
    SET_UP = "set_up"
    REVIEW = "review"
    RUN = "run"
    MONITOR = "monitor"
    SUSPEND = "suspend"


_WORKERS = frozenset({Role.SOCIAL_WORKER, Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER})
_ROLES: dict[PaymentAction, frozenset[str]] = {
    PaymentAction.VIEW: _WORKERS | {Role.FINANCE_OFFICER, Role.BROKER, Role.ADMINISTRATOR, Role.CITIZEN},
    PaymentAction.LIST: _WORKERS | {Role.FINANCE_OFFICER, Role.BROKER, Role.ADMINISTRATOR},
    PaymentAction.SET_UP: _WORKERS | {Role.FINANCE_OFFICER},
    PaymentAction.REVIEW: _WORKERS,
    PaymentAction.RUN: frozenset({Role.FINANCE_OFFICER}),
    PaymentAction.MONITOR: frozenset({Role.FINANCE_OFFICER}),
    PaymentAction.SUSPEND: frozenset({Role.FINANCE_OFFICER, Role.TEAM_MANAGER}),
}


class PaymentPolicy(Policy[PaymentAction, DirectPaymentAgreement]):
    """:meth:`can_on` takes the person the payments are for."""

    name = "payments"
    model = DirectPaymentAgreement

    def allows(self, user: User, action: PaymentAction) -> bool:
        return user.role in _ROLES[action]

    def allows_on(self, user: User, action: PaymentAction, obj: Model) -> bool:
        return people_policy.sees(user, obj)

    def scope(self, user: User) -> QuerySet[DirectPaymentAgreement]:
        if not self.can(user, PaymentAction.VIEW):
            return DirectPaymentAgreement.objects.none()
        return DirectPaymentAgreement.objects.filter(person__in=people_policy.visible(user))


policy = PaymentPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
