"""The safeguarding team opens the records of the adults it is working for.

People permissions let staff open only their own team's caseload, but an adult at risk may be on any team's
caseload, or none. So the safeguarding team (a team of kind :attr:`~ownway.accounts.roles.TeamKind.SAFEGUARDING`)
may open the record of an adult while a concern or an enquiry about them is open, and for a council-set period
after it closed (:attr:`~ownway.safeguarding.models.TimescaleStage.RECORD_ACCESS`, in working days: long enough to
ask the adult about their experience afterwards). It is granted through the people policy
(:func:`ownway.people.permissions.person_access_register`), so every opening of the record is audited as any other
is, and nobody outside the team gains anything.

Sources: Care Act 2014 s.42 (the council makes, or causes to be made, the enquiries it needs); Care and Support
Statutory Guidance 14.186–14.190 (information sharing in safeguarding, on a need-to-know basis); LGA/ADASS Making
Safeguarding Personal outcomes framework (asking the adult after closure).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import CASEWORK_ROLES, TeamKind
from ownway.people.permissions import PersonAccess

from .models import Concern, ConcernStatus, RecordAccess, Timescale, TimescaleStage

#: Working days the team keeps access after a concern closes, when the council has not set its own.
DEFAULT_ACCESS_DAYS = 40


def access_until(closed_on: dt.date) -> dt.date:
    """The last day the team may open the adult's record after the concern closed on ``closed_on``: the end of the
    council-set number of working days after it.

    With the default 40: a concern closed on Friday 4 December 2026 opens the record until the end of Wednesday
    3 February 2027 (Christmas Day, the Boxing Day holiday on Monday 28 December and New Year's Day are not working
    days); from Thursday 4 February it does not.
    """
    from .services import working_days

    timescale = Timescale.objects.filter(stage=TimescaleStage.RECORD_ACCESS).first()
    days = timescale.working_days if timescale is not None else DEFAULT_ACCESS_DAYS
    return working_days().add(closed_on, days)


def record_access_after_closing(concern_id: int, closed_at: dt.datetime) -> None:
    """Keep the adult's record open to the team for the council-set period (called when a concern closes)."""
    until = access_until(timezone.localtime(closed_at).date())
    RecordAccess.objects.update_or_create(concern_id=concern_id, defaults={"until": until})


def safeguarding_person_access(user: User) -> Q | None:
    """The adults a safeguarding concern or enquiry is about, open now or closed within the council-set period:
    for the safeguarding team only. Asked inside the one query that finds the records (no query of its own)."""
    if user.role not in CASEWORK_ROLES or user.team_id is None:
        return None
    in_team = Team.objects.filter(pk=user.team_id, kind=TeamKind.SAFEGUARDING)
    concerns = Concern.objects.filter(person=OuterRef("pk")).filter(
        ~Q(status=ConcernStatus.CLOSED) | Q(record_access__until__gte=timezone.localdate())
    )
    return Q(Exists(in_team)) & Q(Exists(concerns))


SAFEGUARDING_ACCESS = PersonAccess(name="safeguarding.adult_at_risk", condition=safeguarding_person_access)
