"""Who may change the jargon buster and the public information pages.

* Anyone, without signing in, reads the jargon buster (its terms for everyone) and the information pages.
* Council officers who look after the council's information change terms and pages without a developer:
  commissioners (who plan what the area offers and what people are told about it), team managers and
  administrators. Staff see the staff-only terms too.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import STAFF_ROLES, Role

from .models import Audience, Term


class GuideAction(enum.StrEnum):
    EDIT = "edit"
    VIEW_STAFF_TERMS = "view_staff_terms"


EDITORS = frozenset({Role.COMMISSIONER, Role.TEAM_MANAGER, Role.ADMINISTRATOR})


class GuidePolicy(Policy[GuideAction, Term]):
    """:meth:`can_on` takes a term or a page: the same as :meth:`can` (they belong to the council, not a person)."""

    name = "guide"
    model = Term

    def allows(self, user: User, action: GuideAction) -> bool:
        if action == GuideAction.EDIT:
            return user.role in EDITORS
        if action == GuideAction.VIEW_STAFF_TERMS:
            return user.role in STAFF_ROLES
        return False

    def allows_on(self, user: User, action: GuideAction, obj: Model) -> bool:
        return True

    def scope(self, user: User) -> QuerySet[Term]:
        if self.can(user, GuideAction.VIEW_STAFF_TERMS):
            return Term.objects.all()
        return Term.objects.filter(audience=Audience.EVERYONE)


policy = GuidePolicy()
user_can = policy.can
visible_to = policy.visible


def terms_visible(user: User | None) -> QuerySet[Term]:
    """The terms someone may read: everyone's, and the staff-only ones for staff (anonymous visitors included)."""
    if user is None or not user.is_authenticated:
        return Term.objects.filter(audience=Audience.EVERYONE)
    return policy.visible(user)
