"""Reading messages: a person's conversation, and the people whose messages wait for an answer."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet

from ownway.accounts.models import User
from ownway.people.models import Person

from .models import Direction, Message
from .permissions import visible_to


def conversation(person: Person) -> QuerySet[Message]:
    """The person's messages, newest first."""
    return Message.objects.filter(person=person).select_related("author").order_by("-sent_at", "-pk")


def waiting_for_answer(user: User) -> QuerySet[Person]:
    """The people the user may see who have written and not yet been answered, longest waiting first; the
    user's own named people first."""
    unread = Q(messages__direction=Direction.FROM_PERSON, messages__read_at__isnull=True)
    people = Person.objects.filter(pk__in=visible_to(user).filter(
        direction=Direction.FROM_PERSON, read_at__isnull=True).values("person_id"))  # fmt: skip
    return (
        people.annotate(waiting=Count("messages", filter=unread), latest=Max("messages__sent_at", filter=unread))
        .select_related("named_worker")
        .order_by("latest", "pk")
    )


def unread_for_person(person: Person) -> int:
    return Message.objects.filter(person=person, direction=Direction.TO_PERSON, read_at__isnull=True).count()
