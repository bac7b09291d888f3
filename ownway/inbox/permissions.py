"""Who may send and read messages.

* A citizen with a record writes to their workers and reads the answers, about their own record only.
* Staff who may open a person's record (``ownway.people.permissions``) read the person's messages and answer
  them; casework roles see the messages waiting for an answer from the people they may open.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import CASEWORK_ROLES
from ownway.people.models import Person
from ownway.people.permissions import PersonAction
from ownway.people.permissions import policy as people

from .models import Message


class MessageAction(enum.StrEnum):
    #: Write to one's own workers (a citizen with a record).
    OWN = "own"
    #: The list of messages waiting for an answer.
    WORKLIST = "worklist"
    #: Read and answer one person's messages.
    ANSWER = "answer"


class MessagePolicy(Policy[MessageAction, Message]):
    """:meth:`can_on` takes the person."""

    name = "inbox"
    model = Message

    def allows(self, user: User, action: MessageAction) -> bool:
        if action == MessageAction.OWN:
            return people.can(user, PersonAction.OWN_RECORD)
        return user.role in CASEWORK_ROLES

    def allows_on(self, user: User, action: MessageAction, obj: Model) -> bool:
        assert isinstance(obj, Person)
        if action == MessageAction.OWN:
            return user.person_id == obj.pk
        return people.can_on(user, PersonAction.VIEW, obj) and user.person_id != obj.pk

    def scope(self, user: User) -> QuerySet[Message]:
        if user.role not in CASEWORK_ROLES:
            return Message.objects.none()
        return Message.objects.filter(person__in=people.visible(user))


policy = MessagePolicy()
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
