"""Who may do what with surveys.

* A citizen answers the surveys sent to them online, and those sent to a person they care for (a current caring
  relationship on the record) on that person's behalf; they see no one else's.
* Workers who hold a caseload, and administrators, key in the answers a person gave on paper or with them, for the
  people they may see (the person page shows the person's surveys).
* Commissioners, team managers and administrators read the results: counts and shares, never a person's answers,
  with counts under 5 held back.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import CASEWORK_ROLES, Role
from ownway.people.models import CaringRelationship, Person
from ownway.people.permissions import policy as people_policy

from .models import SurveyInvitation


class SurveyAction(enum.StrEnum):
    #: Answer online: one's own surveys, or those of a person one cares for.
    ANSWER = "answer"
    #: Key in the answers given on paper or with a worker.
    KEY_IN = "key_in"
    RESULTS = "results"


_ROLES: dict[SurveyAction, frozenset[str]] = {
    SurveyAction.ANSWER: frozenset({Role.CITIZEN}),
    SurveyAction.KEY_IN: CASEWORK_ROLES | {Role.ADMINISTRATOR},
    SurveyAction.RESULTS: frozenset({Role.COMMISSIONER, Role.TEAM_MANAGER, Role.ADMINISTRATOR}),
}


def cared_for_ids(user: User) -> QuerySet[CaringRelationship, int]:
    """The people the citizen cares for now, as ids."""
    return CaringRelationship.objects.filter(carer_id=user.person_id, ended_on__isnull=True).values_list(
        "cared_for_id", flat=True
    )


class SurveyPolicy(Policy[SurveyAction, SurveyInvitation]):
    """:meth:`can_on` takes the person a survey was sent to, or one of their invitations."""

    name = "surveys"
    model = SurveyInvitation

    def allows(self, user: User, action: SurveyAction) -> bool:
        return user.role in _ROLES[action]

    def allows_on(self, user: User, action: SurveyAction, obj: Model) -> bool:
        person_id = obj.pk if isinstance(obj, Person) else obj.person_id  # type: ignore[attr-defined]
        if action == SurveyAction.ANSWER:
            if user.person_id is None:
                return False
            return user.person_id == person_id or cared_for_ids(user).filter(cared_for_id=person_id).exists()
        if action == SurveyAction.KEY_IN:
            return people_policy.sees(user, Person(pk=person_id))
        return True

    def scope(self, user: User) -> QuerySet[SurveyInvitation]:
        if user.role == Role.CITIZEN:
            if user.person_id is None:
                return SurveyInvitation.objects.none()
            return SurveyInvitation.objects.filter(person_id__in=[user.person_id, *cared_for_ids(user)])
        return SurveyInvitation.objects.filter(person__in=people_policy.visible(user))


policy = SurveyPolicy()
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
