"""Optimistic concurrency: a record edited by more than one person carries a version, and a stale save is refused.

Support plans, assessments, contacts, directory entries and direct-payment agreements are each edited by
more than one person. Without a check, two people who open the same record and save it one after the
other lose the first person's work without a word: the second save writes over it.

Each such record has a ``lock_version`` (:func:`version_field`), a whole number that every change moves on
by one. A form that edits the record carries the version it was shown (a hidden field); the service that
saves the change passes it as ``expected_version`` to :func:`version_claim`, in the same transaction as the
change. If the record is still at that version, the version moves on and the change is saved; if someone
else saved it first, :class:`StaleEdit` is raised and nothing is saved. The page then shows what the other
person saved beside what this person typed (``ownway.ui.forms.show_stale_edit``), so nothing typed is lost.

The check and the move are one ``UPDATE … SET lock_version = lock_version + 1 WHERE id = … AND
lock_version = n``: the database makes it atomic. On PostgreSQL the update also locks the row until the
transaction ends, so a second save of the same version waits, then finds the version moved and is refused.

``expected_version=None`` (a batch job, the demo generator, an API call without ``If-Match``) skips the
check but still moves the version on, so a form opened before the change is refused.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.db.models import F


def version_field() -> models.PositiveIntegerField[Any, Any]:
    """The ``lock_version`` field of a record edited by more than one person."""
    return models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Moves on by one with every change; a change made from an older version is refused",
    )


class StaleEdit(Exception):
    """Someone else saved the record after the edit began; nothing was saved.

    ``what`` names the record in plain English ("support plan"); ``current_version`` is the version now saved,
    for the form to carry if the person, having seen the other changes, saves again.
    """

    def __init__(self, *, what: str, expected_version: int, current_version: int) -> None:
        self.what = what
        self.expected_version = expected_version
        self.current_version = current_version
        super().__init__(
            f"Someone else changed this {what} while you were working on it. Your changes have not been saved"
        )


def version_claim(record: models.Model, *, expected_version: int | None, what: str) -> int:
    """Move ``record``'s version on by one, in the caller's transaction; refuse if it is not ``expected_version``.

    Call it before writing the change, inside ``transaction.atomic()``. Sets ``record.lock_version`` to the
    new version (so a later ``record.save()`` keeps it) and returns it. Raises :class:`StaleEdit` when
    ``expected_version`` is given and someone else's change has moved the version on since.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("version_claim must run inside the transaction that saves the change")
    model = type(record)
    rows = model._default_manager.filter(pk=record.pk)
    guarded = rows if expected_version is None else rows.filter(lock_version=expected_version)
    if not guarded.update(lock_version=F("lock_version") + 1):
        current = rows.values_list("lock_version", flat=True).first()
        if current is None:
            raise ObjectDoesNotExist(f"This {what} no longer exists")
        raise StaleEdit(what=what, expected_version=expected_version or 0, current_version=current)
    version: int = rows.values_list("lock_version", flat=True).get()
    record.lock_version = version  # type: ignore[attr-defined]
    return version


def version_check(record: models.Model, *, expected_version: int | None, what: str) -> int:
    """Hold ``record`` for the caller's transaction and refuse if it is no longer at ``expected_version``,
    without moving the version on: for a change that is proposed against the record but not yet made (a
    provider's change to a directory entry, published only when a broker approves it). Returns the version."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("version_check must run inside the transaction that depends on it")
    current = (
        type(record)._default_manager.select_for_update().filter(pk=record.pk).values_list("lock_version", flat=True)
    ).first()
    if current is None:
        raise ObjectDoesNotExist(f"This {what} no longer exists")
    if expected_version is not None and current != expected_version:
        raise StaleEdit(what=what, expected_version=expected_version, current_version=current)
    version: int = current
    return version
