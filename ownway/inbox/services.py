"""Sending messages between a person and their workers, and reading them.

A message from the person goes on the list of messages waiting for an answer (``ownway.inbox.selectors``) for
their named worker and team; an answer to the person is on their own pages at once and a copy is emailed to
them when their record has an email address (a job, so a slow mail server neither slows the page nor loses it).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.text import without_control_characters
from ownway.jobs.services import job_start
from ownway.people.models import Person

from . import events
from .models import MAX_MESSAGE, Direction, Message
from .permissions import MessageAction, user_can_for


def _body(text: str) -> str:
    body = without_control_characters(text or "", keep_lines=True).strip()
    if not body:
        raise ValidationError({"body": "Write your message"})
    if len(body) > MAX_MESSAGE:
        raise ValidationError({"body": f"Your message must be {MAX_MESSAGE:,} characters or fewer"})
    return body


def message_from_person(*, actor: User, person: Person, body: str) -> Message:
    """The person writes to their workers."""
    if not user_can_for(actor, MessageAction.OWN, person):
        raise PermissionDenied("You can only send messages about your own support")
    text = _body(body)
    with transaction.atomic():
        message = Message.objects.create(
            person=person, direction=Direction.FROM_PERSON, author=actor, body=text, sent_at=timezone.now()
        )
        audit_record(actor=actor, action=events.MESSAGE_FROM_PERSON, subject=message, person=person)
    return message


def message_to_person(*, actor: User, person: Person, body: str) -> Message:
    """A worker answers (or writes first); the person's messages to the workers count as answered, and a copy
    goes to the person's email address, if their record has one, once the message is saved."""
    from .tasks import message_email

    if not user_can_for(actor, MessageAction.ANSWER, person):
        raise PermissionDenied("You cannot send messages to this person")
    text = _body(body)
    now = timezone.now()
    with transaction.atomic():
        message = Message.objects.create(
            person=person, direction=Direction.TO_PERSON, author=actor, body=text, sent_at=now,
            emailed_to=person.email or "",
        )  # fmt: skip
        Message.objects.filter(person=person, direction=Direction.FROM_PERSON, read_at__isnull=True).update(
            read_at=now, read_by=actor
        )
        audit_record(actor=actor, action=events.MESSAGE_TO_PERSON, subject=message, person=person)
        if person.email:
            # Queued in the same transaction: the copy goes only if the message is saved.
            job_start(message_email, label=f"Email a message to {person.reference}",
                      arguments={"message_id": message.pk}, requested_by=actor)  # fmt: skip
    return message


def messages_read(*, reader: User, person: Person) -> int:
    """Mark as read what was sent to the reader's side (to the person when it is them; from the person when a
    worker reads); returns how many were new."""
    direction = Direction.TO_PERSON if reader.person_id == person.pk else Direction.FROM_PERSON
    with transaction.atomic():
        count = Message.objects.filter(person=person, direction=direction, read_at__isnull=True).update(
            read_at=timezone.now(), read_by=reader
        )
        if count:
            audit_record(actor=reader, action=events.MESSAGES_READ, person=person, new={"read": count})
    return count
