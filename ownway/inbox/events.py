"""Audit actions of the messages."""

from ownway.accounts.events import register

MESSAGE_FROM_PERSON = register("inbox.message_from_person", "Sent a message to their workers")
MESSAGE_TO_PERSON = register("inbox.message_to_person", "Sent a message to a person")
MESSAGES_READ = register("inbox.messages_read", "Read a person's messages")
