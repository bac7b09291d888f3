"""Who may do what with reviews of care and support plans.

* Social workers, occupational therapists and team managers hold reviews and ask for unplanned ones, for the
  people they may see (their team's caseload and the people they are named worker for); they see the reviews
  due on their own and their team's worklists.
* Brokers, finance officers and administrators read every person's reviews.
* Occupational therapists and team managers see the occupational therapy assessments reviews asked for, sent
  to their own team, and take them on; a request shows the person's name to that team (as an enablement
  referral does to the enablement team), though the person is not on its caseload.
* A citizen sees when their own next review is and answers it online before it is held, and proposes changes to
  their own plan and reads the answers; they see no one else's. The workers who hold reviews answer the proposals
  of the people they may see. Carers, providers, commissioners and enablement staff see none of it here.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import COUNCIL_WIDE_ROLES, Role
from ownway.people.models import Person
from ownway.people.permissions import policy as people_policy

from .models import Review


class ReviewAction(enum.StrEnum):
    VIEW = "view"
    HOLD = "hold"
    WORKLIST = "worklist"
    #: A citizen's own reviews: when the next is, and their answers to it online.
    OWN = "own"
    #: The occupational therapy assessments reviews asked for, on the occupational therapy team's list.
    THERAPY = "therapy"


WRITER_ROLES = frozenset({Role.SOCIAL_WORKER, Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER})

_ROLES: dict[ReviewAction, frozenset[str]] = {
    ReviewAction.VIEW: WRITER_ROLES | COUNCIL_WIDE_ROLES,
    ReviewAction.HOLD: WRITER_ROLES,
    ReviewAction.WORKLIST: WRITER_ROLES,
    ReviewAction.OWN: frozenset({Role.CITIZEN}),
    ReviewAction.THERAPY: frozenset({Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER}),
}


class ReviewPolicy(Policy[ReviewAction, Review]):
    """:meth:`can_on` takes the person whose plan it is, or one of their reviews."""

    name = "reviews"
    model = Review

    def allows(self, user: User, action: ReviewAction) -> bool:
        return user.role in _ROLES[action]

    def allows_on(self, user: User, action: ReviewAction, obj: Model) -> bool:
        if action == ReviewAction.THERAPY:
            # A request is its team's: the therapists and manager of the team it was sent to.
            team_id = getattr(obj, "team_id", None)
            return user.team_id is not None and user.team_id == team_id
        person = obj if isinstance(obj, Person) else Person(pk=obj.person_id)  # type: ignore[attr-defined]
        if action == ReviewAction.OWN:
            return user.person_id is not None and user.person_id == person.pk
        return people_policy.sees(user, person)

    def scope(self, user: User) -> QuerySet[Review]:
        return Review.objects.filter(person__in=people_policy.visible(user))


policy = ReviewPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
