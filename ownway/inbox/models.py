"""Messages between a person and the council's workers about their care and support."""

from __future__ import annotations

from django.conf import settings
from django.db import models

#: The longest message (about two pages of a letter).
MAX_MESSAGE = 3000


class Direction(models.TextChoices):
    FROM_PERSON = "from_person", "From the person"
    TO_PERSON = "to_person", "To the person"


class Message(models.Model):
    """One message in a person's conversation with their workers. Never changed once sent; the reader's opening
    it is recorded."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="messages")
    direction = models.CharField(max_length=12, choices=Direction.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=MAX_MESSAGE)
    sent_at = models.DateTimeField()
    #: When the other side first opened it (the person, or any worker for a message from the person).
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Where a copy of a message to the person was emailed, and when it went (empty when there was no address).
    emailed_to = models.EmailField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(fields=["person", "sent_at"], name="message_person_sent"),
            models.Index(fields=["direction", "read_at"], name="message_unread"),
        ]

    def __str__(self) -> str:
        return f"Message {self.get_direction_display().lower()} {self.person_id}"
