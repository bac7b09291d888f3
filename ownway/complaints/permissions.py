"""Who may record, see and work on complaints (SI 2009/309 reg 4: the council's complaints manager).

* Staff who may open a person's record (casework and council-wide roles) record a complaint from it.
* The complaints team (a team of kind :attr:`~ownway.accounts.roles.TeamKind.COMPLAINTS`) sees and handles every
  complaint: acknowledges it, agrees and extends the response period, answers it, and reads the yearly report.
* A team manager sees the complaints about the people of their team (they look into them and may ask for a review
  of the plan from one); the member of staff who recorded a complaint sees it. Nobody else does.
* Anyone, without signing in, makes a complaint on the public form, anonymously if they wish; a signed-in citizen
  makes one about themselves or someone they care for.
"""

from __future__ import annotations

import enum

from django.db.models import Exists, Model, Q, QuerySet

from ownway.accounts.models import Team, User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import CASEWORK_ROLES, COUNCIL_WIDE_ROLES, STAFF_ROLES, Role, TeamKind

from .models import Complaint


class ComplaintAction(enum.StrEnum):
    RECORD = "record"
    VIEW = "view"
    #: Acknowledge, agree the period, answer: the complaints team.
    HANDLE = "handle"
    #: The yearly report (reg 18): the complaints team.
    REPORT = "report"


def in_complaints_team(user: User) -> bool:
    return (
        user.role in STAFF_ROLES
        and user.team_id is not None
        and Team.objects.filter(pk=user.team_id, kind=TeamKind.COMPLAINTS).exists()
    )


class ComplaintPolicy(Policy[ComplaintAction, Complaint]):
    """:meth:`can_on` takes the complaint."""

    name = "complaints"
    model = Complaint

    def allows(self, user: User, action: ComplaintAction) -> bool:
        if action == ComplaintAction.RECORD:
            return user.role in CASEWORK_ROLES | COUNCIL_WIDE_ROLES
        return user.role in STAFF_ROLES

    def allows_on(self, user: User, action: ComplaintAction, obj: Model) -> bool:
        if action in (ComplaintAction.HANDLE, ComplaintAction.REPORT):
            return in_complaints_team(user)
        return self.sees(user, obj)

    def scope(self, user: User) -> QuerySet[Complaint]:
        complaints = Complaint.objects.all()
        if user.role not in STAFF_ROLES:
            return complaints.none()
        condition = Q(Exists(Team.objects.filter(pk=user.team_id or 0, kind=TeamKind.COMPLAINTS)))
        condition |= Q(recorded_by_id=user.pk)
        if user.role == Role.TEAM_MANAGER and user.team_id is not None:
            condition |= Q(person__team_id=user.team_id)
        return complaints.filter(condition)


policy = ComplaintPolicy()
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
