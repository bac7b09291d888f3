"""Who may work out, see, appeal and decide indicative budgets, and who may calibrate the RAS.

* Social workers, occupational therapists and team managers work out budgets for people on their
  caseload (the people permission policy decides whose records they may open), as do administrators.
* Anyone who may open a person's record may see their budget: a citizen sees their own, in plain English.
* A citizen may ask for their own budget to be reconsidered; caseworkers may raise it for them.
* An appeal is decided by a caseworker or manager who may see the person and who neither worked out
  the budget nor carried out the assessment it came from.
* Commissioners and administrators calibrate the RAS and see the fairness report (figures only);
  administrators and commissioners may put a new version into use.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import Role
from ownway.people.permissions import PersonAction, person_of
from ownway.people.permissions import policy as people_policy

from .models import BudgetAppeal, IndicativeBudget


class BudgetAction(enum.StrEnum):
    CALCULATE = "calculate"
    VIEW = "view"
    APPEAL = "appeal"
    DECIDE_APPEAL = "decide_appeal"
    CALIBRATE = "calibrate"
    MANAGE_VERSIONS = "manage_versions"


_ASSESSORS = frozenset({Role.SOCIAL_WORKER, Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER, Role.ADMINISTRATOR})
_FIGURES = frozenset({Role.COMMISSIONER, Role.ADMINISTRATOR})


class BudgetPolicy(Policy[BudgetAction, IndicativeBudget]):
    """:meth:`can_on` takes the person, or a record of theirs (an assessment, a budget); to decide an appeal,
    the appeal."""

    name = "allocation"
    model = IndicativeBudget

    def allows(self, user: User, action: BudgetAction) -> bool:
        role = user.role
        if action in (BudgetAction.CALCULATE, BudgetAction.DECIDE_APPEAL):
            return role in _ASSESSORS
        if action == BudgetAction.VIEW:
            return role in _ASSESSORS | {Role.BROKER, Role.FINANCE_OFFICER, Role.CITIZEN,
                                         Role.ENABLEMENT_WORKER, Role.ENABLEMENT_MANAGER}  # fmt: skip
        if action == BudgetAction.APPEAL:
            return role in _ASSESSORS | {Role.CITIZEN}
        if action in (BudgetAction.CALIBRATE, BudgetAction.MANAGE_VERSIONS):
            return role in _FIGURES
        return False

    def allows_on(self, user: User, action: BudgetAction, obj: Model) -> bool:
        person = person_of(obj)
        if user.role == Role.CITIZEN:
            return action in (BudgetAction.VIEW, BudgetAction.APPEAL) and user.person_id == person.pk
        person_action = PersonAction.EDIT if action == BudgetAction.CALCULATE else PersonAction.VIEW
        if not people_policy.can_on(user, person_action, person):
            return False
        # Someone other than the assessor decides an appeal.
        return not (isinstance(obj, BudgetAppeal) and user.pk in assessors_of(obj.budget))

    def scope(self, user: User) -> QuerySet[IndicativeBudget]:
        if not self.can(user, BudgetAction.VIEW):
            return IndicativeBudget.objects.none()
        return IndicativeBudget.objects.filter(person__in=people_policy.visible(user))


policy = BudgetPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible


def may_decide(user: User, appeal: BudgetAppeal) -> bool:
    """Someone other than the assessor, who may see the person, decides."""
    return policy.can_on(user, BudgetAction.DECIDE_APPEAL, appeal)


def assessors_of(budget: IndicativeBudget) -> set[int]:
    """Who worked out the budget and who did the assessment it came from: they may not decide its appeal."""
    ids = {budget.calculated_by_id}
    if budget.assessment is not None:
        ids.add(budget.assessment.assessor_id)
    return ids
