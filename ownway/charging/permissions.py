"""Who may do financial assessments and see contributions.

* Finance officers and administrators record financial assessments, for anyone (council-wide roles).
* Anyone who may open a person's record may see their financial assessment: caseworkers for their
  caseload, and a citizen their own, in plain English.
* Finance officers and administrators correct a year's figures and run the yearly uprating.
* Anyone, without signing in, may use the "how much might I pay?" estimator (nothing is saved).
"""

from __future__ import annotations

import enum

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.people.models import Person
from ownway.people.permissions import PersonAction
from ownway.people.permissions import user_can_for as person_user_can_for


class ChargingAction(enum.StrEnum):
    ASSESS = "assess"
    VIEW = "view"
    MANAGE_RULES = "manage_rules"


_FINANCE = frozenset({Role.FINANCE_OFFICER, Role.ADMINISTRATOR})


def user_can(user: User, action: ChargingAction) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if action in (ChargingAction.ASSESS, ChargingAction.MANAGE_RULES):
        return user.role in _FINANCE
    if action == ChargingAction.VIEW:
        return user.role not in (Role.COMMISSIONER, Role.PROVIDER)
    return False


def user_can_for_person(user: User, action: ChargingAction, person_pk: int) -> bool:
    if not user_can(user, action):
        return False
    if user.role == Role.CITIZEN:
        return action == ChargingAction.VIEW and user.person_id == person_pk
    return person_user_can_for(user, PersonAction.VIEW, Person(pk=person_pk))
