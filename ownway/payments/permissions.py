"""Who may do what with direct payments.

* Social workers, occupational therapists and team managers set up direct-payment agreements with the
  person, for people they may see, record reviews, and switch a line back to the council.
* Finance officers run payments, import statements, say what transactions were for, record recovery
  decisions and suspend, resume or end payments; team managers may also suspend, resume and end.
* Brokers read accounts; a citizen reads their own account, in plain English.
"""

from __future__ import annotations

import enum

from django.db.models import QuerySet

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.people.models import Person
from ownway.people.permissions import visible_to as people_visible_to

from .models import DirectPaymentAgreement


class PaymentAction(enum.StrEnum):
    VIEW = "view"
    SET_UP = "set_up"
    REVIEW = "review"
    RUN = "run"
    MONITOR = "monitor"
    SUSPEND = "suspend"


_WORKERS = frozenset({Role.SOCIAL_WORKER, Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER})
_ROLES: dict[PaymentAction, frozenset[str]] = {
    PaymentAction.VIEW: _WORKERS | {Role.FINANCE_OFFICER, Role.BROKER, Role.ADMINISTRATOR, Role.CITIZEN},
    PaymentAction.SET_UP: _WORKERS | {Role.FINANCE_OFFICER},
    PaymentAction.REVIEW: _WORKERS,
    PaymentAction.RUN: frozenset({Role.FINANCE_OFFICER}),
    PaymentAction.MONITOR: frozenset({Role.FINANCE_OFFICER}),
    PaymentAction.SUSPEND: frozenset({Role.FINANCE_OFFICER, Role.TEAM_MANAGER}),
}


def user_can(user: User, action: PaymentAction) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role in _ROLES[action]


def user_can_for(user: User, action: PaymentAction, person: Person) -> bool:
    if not user_can(user, action):
        return False
    return people_visible_to(user).filter(pk=person.pk).exists()


def visible_to(user: User) -> QuerySet[DirectPaymentAgreement]:
    if not user_can(user, PaymentAction.VIEW):
        return DirectPaymentAgreement.objects.none()
    return DirectPaymentAgreement.objects.filter(person__in=people_visible_to(user))
