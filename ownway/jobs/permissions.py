"""Who may see and act on background work.

* Administrators see every job (what it is, who asked, its attempts and its error in full) and try a failed
  one again.
* Whoever started a job (a finance officer starting the yearly uprating) sees that job's page.
* Finance officers and administrators set when scheduled work runs (the daily payment run, the yearly
  uprating, the re-import of directory feeds) and whether it runs at all.
"""

from __future__ import annotations

import enum

from django.db.models import QuerySet

from ownway.accounts.models import User
from ownway.accounts.roles import Role

from .models import Job


class JobAction(enum.StrEnum):
    #: See every job, and try a failed one again.
    ADMINISTER = "administer"
    #: See the schedules and change when each runs.
    SCHEDULE = "schedule"


_ROLES: dict[JobAction, frozenset[str]] = {
    JobAction.ADMINISTER: frozenset({Role.ADMINISTRATOR}),
    JobAction.SCHEDULE: frozenset({Role.FINANCE_OFFICER, Role.ADMINISTRATOR}),
}


def user_can(user: User, action: JobAction) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role in _ROLES[action]


def user_can_see(user: User, job: Job) -> bool:
    """An administrator sees every job; anyone else only the jobs they started."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user_can(user, JobAction.ADMINISTER) or (job.requested_by_id is not None and job.requested_by_id == user.pk)


def visible_to(user: User) -> QuerySet[Job]:
    if user_can(user, JobAction.ADMINISTER):
        return Job.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Job.objects.none()
    return Job.objects.filter(requested_by=user)
