"""Who may offer carers' assessments and write carers' contingency plans.

* Whoever carries out assessments (the casework roles for their team's caseload and the people they are named
  worker for, and administrators: :mod:`ownway.assessments.permissions`) offers a carer's assessment to a carer
  whose record they may change, and records the carer's answer.
* Social workers, occupational therapists and team managers see the carers never offered an assessment, on
  their own list (the carers they are named worker for, or who care for someone they are named worker for)
  and their team's.
* A carer's contingency plan is written by whoever may change the carer's or the cared-for person's record,
  and read by the staff who may open either record. Citizens, providers and commissioners see none of it here.
"""

from __future__ import annotations

import enum

from django.db.models import Model, Q, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import CASEWORK_ROLES, COUNCIL_WIDE_ROLES, Role
from ownway.people.models import CaringRelationship, Person
from ownway.people.permissions import PersonAction
from ownway.people.permissions import policy as people_policy

from .models import CarerAssessmentOffer, ContingencyPlan, ContingencyPlanVersion


class CarerAction(enum.StrEnum):
    #: Offer a carer's assessment and record the carer's answer.
    OFFER = "offer"
    #: The carers never offered an assessment, the user's and their team's.
    WORKLIST = "worklist"
    #: Write (a new version of) a carer's contingency plan.
    CONTINGENCY_WRITE = "contingency_write"
    #: Read a carer's contingency plan and its history.
    CONTINGENCY_VIEW = "contingency_view"


WORKLIST_ROLES = frozenset({Role.SOCIAL_WORKER, Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER})
WRITER_ROLES = CASEWORK_ROLES | {Role.ADMINISTRATOR}

_ROLES: dict[CarerAction, frozenset[str]] = {
    CarerAction.OFFER: WRITER_ROLES,
    CarerAction.WORKLIST: WORKLIST_ROLES,
    CarerAction.CONTINGENCY_WRITE: WRITER_ROLES,
    CarerAction.CONTINGENCY_VIEW: CASEWORK_ROLES | COUNCIL_WIDE_ROLES,
}


def _relationship_of(obj: Model) -> CaringRelationship | None:
    if isinstance(obj, CaringRelationship):
        return obj
    if isinstance(obj, CarerAssessmentOffer | ContingencyPlan):
        return obj.relationship
    if isinstance(obj, ContingencyPlanVersion):
        return obj.plan.relationship
    return None


class CarerOfferPolicy(Policy[CarerAction, CarerAssessmentOffer]):
    """:meth:`can_on` takes a carer (a person), a caring relationship, an offer or a contingency plan."""

    name = "carers_offers"
    model = CarerAssessmentOffer

    def allows(self, user: User, action: CarerAction) -> bool:
        return user.role in _ROLES[action]

    def allows_on(self, user: User, action: CarerAction, obj: Model) -> bool:
        relationship = _relationship_of(obj)
        if action == CarerAction.OFFER:
            carer = obj if isinstance(obj, Person) else Person(pk=relationship.carer_id) if relationship else None
            return carer is not None and people_policy.can_on(user, PersonAction.MANAGE, carer)
        if relationship is None:
            return False
        people = (Person(pk=relationship.carer_id), Person(pk=relationship.cared_for_id))
        person_action = PersonAction.MANAGE if action == CarerAction.CONTINGENCY_WRITE else PersonAction.VIEW
        return any(people_policy.can_on(user, person_action, p) for p in people)

    def scope(self, user: User) -> QuerySet[CarerAssessmentOffer]:
        """The offers made to carers whose records the user may open."""
        return CarerAssessmentOffer.objects.filter(carer__in=people_policy.visible(user))


def relationships_visible(user: User) -> QuerySet[CaringRelationship]:
    """The caring relationships whose carer or cared-for person the user may open."""
    visible = people_policy.visible(user)
    return CaringRelationship.objects.filter(Q(carer__in=visible) | Q(cared_for__in=visible))


policy = CarerOfferPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
