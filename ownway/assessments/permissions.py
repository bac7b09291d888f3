"""Who may carry out assessments.

* Anyone who may change a person's record, other than the person, carries out their assessments: the
  casework roles for their team's caseload and the people they are named worker for, and administrators
  (:mod:`ownway.people.permissions`). The forms of an assessment are shown only to them.
* Anyone who may open the person's record may read the assessment and its decision letter, the person too.
* A citizen fills in only their own self-assessment.
* Caseworkers have their own worklist ("My work"); team and enablement managers their team's; whoever may
  search people, the assessments in progress for everyone they may see.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import CASEWORK_ROLES, MANAGER_ROLES, Role
from ownway.people.permissions import PersonAction, person_of
from ownway.people.permissions import policy as people_policy

from .models import Assessment


class AssessmentAction(enum.StrEnum):
    #: Start, answer, decide and send the letter of a person's assessments.
    ASSESS = "assess"
    #: The "Assessments" page: the work in progress for everyone the user may see.
    WORKLIST = "worklist"
    #: "My work": a caseworker's own open work.
    OWN_WORKLIST = "own_worklist"
    #: A team's open work, for the team's manager (administrators run the system, not a team).
    TEAM_WORKLIST = "team_worklist"
    #: Fill in one's own self-assessment (the person, with a record).
    SELF_ASSESS = "self_assess"
    #: Read a sent self-assessment and turn it into an assessment (staff who may see the person).
    REVIEW_SELF_ASSESSMENT = "review_self_assessment"


class AssessmentPolicy(Policy[AssessmentAction, Assessment]):
    """:meth:`can_on` takes the person (or a record of theirs, like an assessment)."""

    name = "assessments"
    model = Assessment

    def allows(self, user: User, action: AssessmentAction) -> bool:
        if action == AssessmentAction.WORKLIST:
            return people_policy.can(user, PersonAction.SEARCH)
        if action == AssessmentAction.OWN_WORKLIST:
            return user.role in CASEWORK_ROLES
        if action == AssessmentAction.TEAM_WORKLIST:
            return user.role in MANAGER_ROLES and user.role != Role.ADMINISTRATOR and user.team_id is not None
        if action == AssessmentAction.SELF_ASSESS:
            return user.role == Role.CITIZEN
        if action == AssessmentAction.REVIEW_SELF_ASSESSMENT:
            return user.role != Role.CITIZEN
        return people_policy.can(user, PersonAction.MANAGE)

    def allows_on(self, user: User, action: AssessmentAction, obj: Model) -> bool:
        person_action = PersonAction.MANAGE if action == AssessmentAction.ASSESS else PersonAction.VIEW
        return people_policy.can_on(user, person_action, person_of(obj))

    def scope(self, user: User) -> QuerySet[Assessment]:
        """The assessments of the people whose records the user may open (a citizen's own)."""
        return Assessment.objects.filter(person__in=people_policy.visible(user))


policy = AssessmentPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
