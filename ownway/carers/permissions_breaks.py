"""Who may do what with carers' consents and breaks from caring.

* A person's workers (social workers, occupational therapists and team managers, for the people they see) record
  the person's consent for a carer to see their plan, reviews or day-opportunity breaks, and record that it was
  withdrawn; the person withdraws it themselves on their own page.
* A carer (a citizen whose own record is the carer's) sees the plan and reviews of the person they care for only
  while a current consent covers them (:mod:`.selectors_consent`): the page is any citizen's, what it shows is
  decided by the consent.
* Breaks are booked, changed and cancelled from the carer's record by the carer's workers and by brokers, who
  arrange support for the whole council; those who read any record council-wide (finance officers and
  administrators) read them too. The carer sees their own breaks.
* Commissioners, providers and enablement staff see none of it.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import COUNCIL_WIDE_ROLES, Role
from ownway.people.models import Person
from ownway.people.permissions import policy as people_policy

from .models import BreakBooking


class BreaksAction(enum.StrEnum):
    #: Record a person's consent for a carer, or that they withdrew it.
    CONSENT = "consent"
    #: Read a carer's breaks; book, change and cancel them.
    VIEW_BREAKS = "view_breaks"
    BOOK = "book"
    #: A citizen's own page as a carer: their breaks, and what the people they care for let them see.
    OWN = "own"


WRITER_ROLES = frozenset({Role.SOCIAL_WORKER, Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER})

_ROLES: dict[BreaksAction, frozenset[str]] = {
    BreaksAction.CONSENT: WRITER_ROLES,
    BreaksAction.VIEW_BREAKS: WRITER_ROLES | COUNCIL_WIDE_ROLES,
    BreaksAction.BOOK: WRITER_ROLES | {Role.BROKER},
    BreaksAction.OWN: frozenset({Role.CITIZEN}),
}


class BreaksPolicy(Policy[BreaksAction, BreakBooking]):
    """:meth:`can_on` takes the person the action is about (the cared-for person for a consent, the carer for a
    break)."""

    name = "carers_breaks"
    model = BreakBooking

    def allows(self, user: User, action: BreaksAction) -> bool:
        return user.role in _ROLES[action] and (user.role != Role.CITIZEN or user.person_id is not None)

    def allows_on(self, user: User, action: BreaksAction, obj: Model) -> bool:
        if isinstance(obj, Person):
            return people_policy.sees(user, obj)
        return False

    def scope(self, user: User) -> QuerySet[BreakBooking]:
        if not self.allows(user, BreaksAction.VIEW_BREAKS):
            return BreakBooking.objects.none()
        return BreakBooking.objects.filter(relationship__carer__in=people_policy.visible(user))


policy = BreaksPolicy()
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
