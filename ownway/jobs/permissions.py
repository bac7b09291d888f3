"""Who may see and act on background work.

* Administrators see every job (what it is, who asked, its attempts and its error in full) and try a failed
  one again.
* Whoever started a job (a finance officer starting the yearly uprating) sees that job's page.
* Finance officers and administrators set when scheduled work runs (the daily payment run, the yearly
  uprating, the re-import of directory feeds) and whether it runs at all.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import Role

from .models import Job


class JobAction(enum.StrEnum):
    #: See every job, and try a failed one again.
    ADMINISTER = "administer"
    #: See the schedules and change when each runs.
    SCHEDULE = "schedule"
    #: See a job's page (an administrator any job; anyone else the jobs they started).
    VIEW = "view"


_ROLES: dict[JobAction, frozenset[str]] = {
    JobAction.ADMINISTER: frozenset({Role.ADMINISTRATOR}),
    JobAction.SCHEDULE: frozenset({Role.FINANCE_OFFICER, Role.ADMINISTRATOR}),
}


class JobPolicy(Policy[JobAction, Job]):
    name = "jobs"
    model = Job

    def allows(self, user: User, action: JobAction) -> bool:
        if action == JobAction.VIEW:
            return True
        return user.role in _ROLES[action]

    def allows_on(self, user: User, action: JobAction, obj: Model) -> bool:
        if action == JobAction.VIEW:
            return self.sees(user, obj)
        return True

    def scope(self, user: User) -> QuerySet[Job]:
        if self.can(user, JobAction.ADMINISTER):
            return Job.objects.all()
        return Job.objects.filter(requested_by=user)


policy = JobPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible


def user_can_see(user: User, job: Job) -> bool:
    """An administrator sees every job; anyone else only the jobs they started (decided without a query)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user_can(user, JobAction.ADMINISTER) or (job.requested_by_id is not None and job.requested_by_id == user.pk)
