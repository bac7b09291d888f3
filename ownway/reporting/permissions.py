"""Who may see the Client Level Data extract and its data-quality check.

* Commissioners and administrators see each check's score per field, and download it as CSV (audited): counts,
  no one named.
* Administrators (who see every person's record and submit the council's returns) also see the rows behind each
  failure, download them and the extract itself (every one of which names people, and each export is audited),
  and start a check.
* No one else.
"""

from __future__ import annotations

import enum

from django.db.models import QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import Role

from .models import CldCheck


class ReportingAction(enum.StrEnum):
    #: The scores of a check, per field (counts only).
    CLD_SCORES = "cld_scores"
    #: The named rows: the rows behind each failure, and the extract itself.
    CLD_ROWS = "cld_rows"
    #: Start a check (and write the extract to the council's returns folder).
    CLD_RUN = "cld_run"


_SCORES = frozenset({Role.COMMISSIONER, Role.ADMINISTRATOR})
_ROWS = frozenset({Role.ADMINISTRATOR})


class ReportingPolicy(Policy[ReportingAction, CldCheck]):
    name = "reporting"
    model = CldCheck

    def allows(self, user: User, action: ReportingAction) -> bool:
        if action == ReportingAction.CLD_SCORES:
            return user.role in _SCORES
        return user.role in _ROWS

    def scope(self, user: User) -> QuerySet[CldCheck]:
        if user.role in _SCORES:
            return CldCheck.objects.all()
        return CldCheck.objects.none()


policy = ReportingPolicy()
user_can = policy.can
