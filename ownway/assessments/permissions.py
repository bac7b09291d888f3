"""Who may carry out assessments.

* Anyone who may change a person's record, other than the person, carries out their assessments: the
  casework roles for their team's caseload and the people they are named worker for, and administrators
  (:mod:`ownway.people.permissions`). The forms of an assessment are shown only to them.
* Anyone who may open the person's record may read the assessment and its decision letter, the person too.
* A citizen fills in only their own self-assessment.
"""

from __future__ import annotations

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.people.models import Person
from ownway.people.permissions import PersonAction, user_can_for


def user_can_assess(user: User, person: Person) -> bool:
    """Whether the user may start, answer, decide and send the letter of this person's assessments."""
    return user.role != Role.CITIZEN and user_can_for(user, PersonAction.EDIT, person)
