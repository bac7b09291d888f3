"""What later steps add to a directory entry's quality record, through a registry this app owns.

A later app (safeguarding: an enquiry open about the service) registers a function that gives, for a signed-in
member of staff and an entry, lines for the entry's "Quality and checks" section; the directory never imports it.
Each line names no one: it says only what staff choosing a service need to know.
"""

from __future__ import annotations

from collections.abc import Callable

from ownway.accounts.models import User

from .models import Service

QualityNotes = Callable[[User, Service], list[tuple[str, str]]]

_NOTES: dict[str, QualityNotes] = {}


def quality_notes_register(name: str, notes: QualityNotes) -> None:
    _NOTES[name] = notes


def quality_notes(user: object, service: Service) -> list[tuple[str, str]]:
    """(heading, text) lines for the entry's quality record, for a signed-in user; none for anyone else."""
    if not isinstance(user, User):
        return []
    return [line for name in sorted(_NOTES) for line in _NOTES[name](user, service)]
