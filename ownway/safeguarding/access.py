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

from ownway.accounts.models import User
from ownway.accounts.roles import CASEWORK_ROLES, TeamKind
from ownway.people.permissions import PersonAccess

from .models import Concern, ConcernStatus, Timescale, TimescaleStage

#: Working days the team keeps access after a concern closes, when the council has not set its own.
DEFAULT_ACCESS_DAYS = 40


def access_from(today: dt.date) -> dt.date:
    """The earliest day a concern may have closed on and still open the adult's record to the team on ``today``.

    Access lasts until the end of the council-set number of working days after the day the concern closed. With
    the default 40: a concern closed on Friday 4 December 2026 opens the record until the end of Wednesday
    3 February 2027 (Christmas Day, the Boxing Day holiday on Monday 28 December and New Year's Day are not working
    days); from Thursday 4 February it does not.
    """
    from .services import working_days

    timescale = Timescale.objects.filter(stage=TimescaleStage.RECORD_ACCESS).first()
    days = timescale.working_days if timescale is not None else DEFAULT_ACCESS_DAYS
    return working_days().add(today, -days)


def _in_safeguarding_team(user: User) -> bool:
    # The user's team is read once for the account (kept on it for the rest of the request).
    team = user.team if user.role in CASEWORK_ROLES and user.team_id is not None else None
    return team is not None and team.kind == TeamKind.SAFEGUARDING


def safeguarding_person_access(user: User) -> Q | None:
    """The adults a safeguarding concern or enquiry is about, open now or closed within the council-set period:
    for the safeguarding team only."""
    if not _in_safeguarding_team(user):
        return None
    start = dt.datetime.combine(access_from(timezone.localdate()), dt.time.min)
    concerns = Concern.objects.filter(person=OuterRef("pk")).filter(
        ~Q(status=ConcernStatus.CLOSED) | Q(closed_at__gte=timezone.make_aware(start))
    )
    return Q(Exists(concerns))


SAFEGUARDING_ACCESS = PersonAccess(name="safeguarding.adult_at_risk", condition=safeguarding_person_access)
