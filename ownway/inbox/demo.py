"""Messages in the demo city: the demo citizen has written to their worker and had an answer, and one more
message waits for an answer on the worker's list."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import Role

from .models import Message
from .services import message_from_person, message_to_person


def generate_messages() -> list[str]:
    citizen = User.objects.filter(username="citizen", role=Role.CITIZEN).select_related("person").first()
    person = citizen.person if citizen is not None else None
    if citizen is None or person is None or person.named_worker is None:
        return []
    worker = person.named_worker
    now = timezone.now()
    asked = message_from_person(actor=citizen, person=person, body=(
        "Hello. My personal assistant can only come at 9 in the morning from next month, not 8. "
        "Is that all right with my plan?"))  # fmt: skip
    answer = message_to_person(actor=worker, person=person, body=(
        "Yes, that is fine: your plan says you get help in the morning, not at a set time. "
        "I have made a note on your record. Call me if anything else changes."))  # fmt: skip
    waiting = message_from_person(actor=citizen, person=person, body=(
        "Can I use my direct payment to pay for a swimming pass? I think it would help me stay well."))  # fmt: skip
    for message, days in ((asked, 6), (answer, 5), (waiting, 1)):
        Message.objects.filter(pk=message.pk).update(sent_at=now - dt.timedelta(days=days))
    Message.objects.filter(pk=answer.pk).update(read_at=now - dt.timedelta(days=4), read_by=citizen)
    return [f"Messages: {person.full_name} (citizen) has written to {worker.get_full_name()}; one waits for an answer"]


def clear_messages(**_signal: object) -> dict[str, int]:
    """Remove every message, so the demo city's people can go (``people.demo.builder.clear_city``)."""
    count = Message.objects.all().delete()[1].get("inbox.Message", 0)
    return {"messages": count} if count else {}
