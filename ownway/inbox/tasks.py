"""Background work for messages: emailing the person a copy of a message from their worker."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from ownway.jobs.services import JobContext, job_task

from .models import Message


@job_task(max_attempts=5)
def message_email(context: JobContext, *, message_id: int) -> dict[str, Any]:
    """Email the person a copy of a message to them (once: a copy already sent is not sent again)."""
    message = Message.objects.select_related("person", "author").get(pk=message_id)
    if message.emailed_at is not None or not message.emailed_to:
        return {"emailed": False}
    person = message.person
    worker = message.author.get_full_name() or "Your worker"
    EmailMessage(
        subject=f"A message from {worker} at {settings.OWNWAY_COUNCIL_NAME}",
        body=(
            f"Dear {person.preferred_name or person.first_name},\n\n{worker} wrote to you:\n\n{message.body}\n\n"
            f"You can answer on your pages: {settings.OWNWAY_SITE_URL}{reverse('my_support:support')}\n"
            f"Or call us on {settings.OWNWAY_COUNCIL_PHONE}.\n"
        ),
        to=[message.emailed_to],
    ).send()
    Message.objects.filter(pk=message.pk).update(emailed_at=timezone.now())
    return {"emailed": True, "to": message.emailed_to}
