"""Who may do what with day opportunities.

* Social workers, occupational therapists and team managers decide a person's tier and record progression
  reviews, for the people they may see (their team's caseload and the people they are named worker for); they
  see the tier reviews due on their own and their team's worklists.
* They and brokers place people at day services and put them on waiting lists (brokers arrange support for the
  whole council); finance officers and administrators read every person's day opportunities.
* A service's places and waiting list are seen by those who place people and those who read them.
* Registers: those who place people and administrators mark any day service's register; a provider marks the
  registers of its own organisation's services only (``directory.permissions.editable_services``), seeing the
  names of the people placed there and nothing else of their records.
* The commissioner's tables of the day-care cohort (counts only, no one named) are seen by commissioners and
  administrators.
* Outcomes: the person's workers give a placement goals, record their progress at reviews and the work or
  volunteering taken up; the employment outcomes' table (counts, no names) is for them, those who work
  council-wide and commissioners.
* A citizen sees their own placements, goals and progress and asks to change their days (the request waits on
  their worker's list: :data:`DayopsAction.CHANGE_REQUESTS`); a citizen who cares for someone sees the pattern
  of breaks that person's placements give them, only while the person's consent, recorded by their worker,
  stands (the consent is the carers app's: :mod:`ownway.carers.permissions_breaks`).
* A person's weekly day-service charges are read by the finance team and administrators, and by the person's
  workers; the council's day-service prices are set by the finance team and administrators.
* Enablement staff see none of it.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import COUNCIL_WIDE_ROLES, Role
from ownway.directory.models import Service
from ownway.directory.permissions import editable_services
from ownway.people.models import Person
from ownway.people.permissions import policy as people_policy

from .models import Placement


class DayopsAction(enum.StrEnum):
    VIEW = "view"
    DECIDE_TIER = "decide_tier"
    PLACE = "place"
    REVIEWS_DUE = "reviews_due"
    MARK_REGISTER = "mark_register"
    FIGURES = "figures"
    #: Goals, their progress and work or volunteering taken up; the employment outcomes' table.
    RECORD_OUTCOMES = "record_outcomes"
    OUTCOMES_REPORT = "outcomes_report"
    #: The person's own days, their requests to change them, and a carer's view of the breaks (with consent).
    OWN_DAYS = "own_days"
    CARER_BREAKS = "carer_breaks"
    #: The requests to change days on the worker's list.
    CHANGE_REQUESTS = "change_requests"
    CHARGES = "charges"
    SET_PRICES = "set_prices"
    TRAVEL = "travel"
    FLEET = "fleet"
    #: Saying who runs a day service (the council, an external provider, the third sector): the directory's editors.
    SERVICE_PROVISION = "service_provision"


WRITER_ROLES = frozenset({Role.SOCIAL_WORKER, Role.OCCUPATIONAL_THERAPIST, Role.TEAM_MANAGER})

_ROLES: dict[DayopsAction, frozenset[str]] = {
    DayopsAction.VIEW: WRITER_ROLES | COUNCIL_WIDE_ROLES,
    DayopsAction.DECIDE_TIER: WRITER_ROLES,
    DayopsAction.PLACE: WRITER_ROLES | {Role.BROKER},
    DayopsAction.REVIEWS_DUE: WRITER_ROLES,
    DayopsAction.MARK_REGISTER: WRITER_ROLES | {Role.BROKER, Role.ADMINISTRATOR, Role.PROVIDER},
    DayopsAction.FIGURES: frozenset({Role.COMMISSIONER, Role.ADMINISTRATOR}),
    DayopsAction.RECORD_OUTCOMES: WRITER_ROLES,
    DayopsAction.OUTCOMES_REPORT: WRITER_ROLES | COUNCIL_WIDE_ROLES | {Role.COMMISSIONER},
    DayopsAction.OWN_DAYS: frozenset({Role.CITIZEN}),
    DayopsAction.CARER_BREAKS: frozenset({Role.CITIZEN}),
    DayopsAction.CHANGE_REQUESTS: WRITER_ROLES,
    DayopsAction.CHARGES: WRITER_ROLES | {Role.FINANCE_OFFICER, Role.ADMINISTRATOR},
    DayopsAction.SET_PRICES: frozenset({Role.FINANCE_OFFICER, Role.ADMINISTRATOR}),
    # Transport: a placement's travel and travel training by those who place people; the council fleet (its
    # vehicles, drivers and each day's runs) by brokers, who arrange support for the whole council, and
    # administrators.
    DayopsAction.TRAVEL: WRITER_ROLES | {Role.BROKER},
    DayopsAction.FLEET: frozenset({Role.BROKER, Role.ADMINISTRATOR}),
    DayopsAction.SERVICE_PROVISION: frozenset({Role.BROKER, Role.ADMINISTRATOR}),
}


class DayopsPolicy(Policy[DayopsAction, Placement]):
    """:meth:`can_on` takes the person whose day opportunities they are (or a directory service, for its places,
    which anyone allowed the action sees, but a provider only its own organisation's)."""

    name = "dayops"
    model = Placement

    def allows(self, user: User, action: DayopsAction) -> bool:
        # A citizen's actions are about their own record: a citizen's account with none has nothing to see.
        return user.role in _ROLES[action] and (user.role != Role.CITIZEN or user.person_id is not None)

    def allows_on(self, user: User, action: DayopsAction, obj: Model) -> bool:
        if isinstance(obj, Person):
            return people_policy.sees(user, obj)
        if isinstance(obj, Service) and user.role == Role.PROVIDER:
            return editable_services(user).filter(pk=obj.pk).exists()
        return True

    def scope(self, user: User) -> QuerySet[Placement]:
        return Placement.objects.filter(person__in=people_for(user, DayopsAction.VIEW))


policy = DayopsPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible


def people_for(user: User, action: DayopsAction) -> QuerySet[Person]:
    """The people whose day opportunities the user may do this to."""
    if not policy.can(user, action):
        return Person.objects.none()
    return people_policy.visible(user)
