"""Who may do financial assessments and see contributions.

* Finance officers and administrators record financial assessments, for anyone (council-wide roles).
* Anyone who may open a person's record may see their financial assessment: caseworkers for their
  caseload, and a citizen their own, in plain English.
* Finance officers and administrators correct a year's figures and run the yearly uprating.
* Anyone, without signing in, may use the "how much might I pay?" estimator (nothing is saved).
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import Role
from ownway.people.permissions import PersonAction, person_of
from ownway.people.permissions import policy as people_policy

from .models import FinancialAssessment


class ChargingAction(enum.StrEnum):
    ASSESS = "assess"
    VIEW = "view"
    MANAGE_RULES = "manage_rules"


_FINANCE = frozenset({Role.FINANCE_OFFICER, Role.ADMINISTRATOR})


class ChargingPolicy(Policy[ChargingAction, FinancialAssessment]):
    """:meth:`can_on` takes the person (or a record of theirs)."""

    name = "charging"
    model = FinancialAssessment

    def allows(self, user: User, action: ChargingAction) -> bool:
        if action in (ChargingAction.ASSESS, ChargingAction.MANAGE_RULES):
            return user.role in _FINANCE
        if action == ChargingAction.VIEW:
            return user.role not in (Role.COMMISSIONER, Role.PROVIDER)
        return False

    def allows_on(self, user: User, action: ChargingAction, obj: Model) -> bool:
        person = person_of(obj)
        if user.role == Role.CITIZEN:
            return action == ChargingAction.VIEW and user.person_id == person.pk
        return people_policy.can_on(user, PersonAction.VIEW, person)

    def scope(self, user: User) -> QuerySet[FinancialAssessment]:
        if not self.can(user, ChargingAction.VIEW):
            return FinancialAssessment.objects.none()
        return FinancialAssessment.objects.filter(person__in=people_policy.visible(user))


policy = ChargingPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
