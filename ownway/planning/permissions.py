"""Who may write, approve and read support plans and personal budgets.

* Social workers, occupational therapists and team managers write plans, with the person, for the people
  they may see (their team's caseload and the people they are named worker for).
* The worker approves a plan costing up to the council's threshold a week; above it only a team manager
  may (planning.rules.approval). Whoever approves gives reasons.
* Brokers and finance officers read every plan and budget (they arrange support and pay for it).
* A citizen reads their own plans and budgets, in plain English.
* Commissioners, providers and enablement staff see none.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import COUNCIL_WIDE_ROLES, Role
from ownway.people.models import Person
from ownway.people.permissions import policy as people_policy

from .models import SupportPlan


class PlanAction(enum.StrEnum):
    VIEW = "view"
    WRITE = "write"
    APPROVE_SMALL = "approve_small"
    APPROVE_ANY = "approve_any"


WRITER_ROLES = frozenset({Role.SOCIAL_WORKER, Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER})


class PlanPolicy(Policy[PlanAction, SupportPlan]):
    """:meth:`can_on` takes the person whose plans they are."""

    name = "planning"
    model = SupportPlan

    def allows(self, user: User, action: PlanAction) -> bool:
        role = user.role
        if action == PlanAction.VIEW:
            return role in WRITER_ROLES | COUNCIL_WIDE_ROLES | {Role.CITIZEN}
        if action in (PlanAction.WRITE, PlanAction.APPROVE_SMALL):
            return role in WRITER_ROLES
        if action == PlanAction.APPROVE_ANY:
            return role == Role.TEAM_MANAGER
        return False

    def allows_on(self, user: User, action: PlanAction, obj: Model) -> bool:
        return people_policy.sees(user, obj)

    def scope(self, user: User) -> QuerySet[SupportPlan]:
        return SupportPlan.objects.filter(person__in=people_for(user, PlanAction.VIEW))


policy = PlanPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible


def people_for(user: User, action: PlanAction) -> QuerySet[Person]:
    """The people whose plans the user may do this to."""
    if not policy.can(user, action):
        return Person.objects.none()
    return people_policy.visible(user)
