"""Who may see and change person records.

The policy, in one place:

* Social workers, occupational therapists, team managers and enablement staff see their team's
  caseload (people allocated to their team) and the people they are named worker for.
* Brokers, finance officers and administrators work for the whole council and see everyone.
* Commissioners and managers see figures (counts, never individual records).
* A citizen sees only their own record; a provider sees no records yet.
* A later step of the journey may open records to those who work on them there, for as long as its own records
  say (the safeguarding team: the adults a concern or an enquiry is about), by registering a
  :class:`PersonAccess` (:func:`person_access_register`), as record panels are registered: the people app
  never imports it. Opening such a record is audited like any other.

Every refusal to open a record is written to the audit trail by the selector that refused.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import CASEWORK_ROLES, COUNCIL_WIDE_ROLES, MANAGER_ROLES, Role

from .models import Person


class PersonAction(enum.StrEnum):
    VIEW = "view"
    SEARCH = "search"
    CREATE = "create"
    EDIT = "edit"
    #: Change a record as staff (not the person): add a carer, invite to an online account, assess.
    MANAGE = "manage"
    VIEW_AUDIT = "view_audit"
    VIEW_FIGURES = "view_figures"
    #: Use the pages about one's own record and care (a citizen with a record: my budget, my plan, my money…).
    OWN_RECORD = "own_record"


_CREATE_ROLES = CASEWORK_ROLES | {Role.ADMINISTRATOR, Role.BROKER}
_EDIT_ROLES = CASEWORK_ROLES | {Role.ADMINISTRATOR}


@dataclass(frozen=True)
class PersonAccess:
    """Records a later app opens to a user: ``condition(user)`` is a condition on :class:`Person` (asked inside the
    one query that finds the records), or ``None`` when it opens none to that user."""

    name: str
    condition: Callable[[User], Q | None]


_ACCESS: dict[str, PersonAccess] = {}


def person_access_register(access: PersonAccess) -> PersonAccess:
    """Add (or replace, by name) a grant of access; called from an app's ``AppConfig.ready()``."""
    _ACCESS[access.name] = access
    return access


def _granted(user: User) -> Q | None:
    granted: Q | None = None
    for access in _ACCESS.values():
        condition = access.condition(user)
        if condition is not None:
            granted = condition if granted is None else granted | condition
    return granted


class PeoplePolicy(Policy[PersonAction, Person]):
    """:meth:`can_on` takes the person."""

    name = "people"
    model = Person

    def allows(self, user: User, action: PersonAction) -> bool:
        role = user.role
        if action in (PersonAction.VIEW, PersonAction.SEARCH):
            return role in CASEWORK_ROLES | COUNCIL_WIDE_ROLES or (role == Role.CITIZEN and action == PersonAction.VIEW)
        if action == PersonAction.CREATE:
            return role in _CREATE_ROLES
        if action == PersonAction.EDIT:
            return role in _EDIT_ROLES or role == Role.CITIZEN
        if action == PersonAction.MANAGE:
            return role in _EDIT_ROLES
        if action == PersonAction.VIEW_AUDIT:
            return role in MANAGER_ROLES
        if action == PersonAction.VIEW_FIGURES:
            return role in MANAGER_ROLES | {Role.COMMISSIONER}
        if action == PersonAction.OWN_RECORD:
            return role == Role.CITIZEN and user.person_id is not None
        return False

    def allows_on(self, user: User, action: PersonAction, obj: Model) -> bool:
        return action == PersonAction.CREATE or self.sees(user, obj)

    def scope(self, user: User) -> QuerySet[Person]:
        """The people whose records this user may open."""
        people = Person.objects.all()
        if user.role in COUNCIL_WIDE_ROLES:
            return people
        if user.role in CASEWORK_ROLES:
            condition = Q(named_worker=user)
            if user.team_id is not None:
                condition |= Q(team_id=user.team_id)
            granted = _granted(user)
            if granted is not None:
                condition |= granted
            return people.filter(condition)
        if user.role == Role.CITIZEN and user.person_id is not None:
            return people.filter(pk=user.person_id)
        return people.none()


def person_of(obj: Model) -> Model:
    """The person a record belongs to (a budget, a contribution…): the record itself when it is a person. Other
    apps' policies ask the people policy about it."""
    if isinstance(obj, Person):
        return obj
    return Person(pk=obj.person_id)  # type: ignore[attr-defined]


policy = PeoplePolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
