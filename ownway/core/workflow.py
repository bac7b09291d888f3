"""Workflow transitions: a record moves from one state to the next only from a state that allows it.

A support plan is approved only while it waits for approval; a visit is cancelled only while it is planned; a
contact is closed only while it is open. Two people may act on the same record at the same moment (two
managers approving the same plan, a worker cancelling a visit another has just completed), and a page shows
the state the record was in when it was opened, not the state it is in now. So every status change goes
through :func:`transition`, inside the transaction that makes the change:

1. it locks the record's row (``SELECT … FOR UPDATE``), so a second change to the same record waits until the
   first is saved or abandoned (PostgreSQL; SQLite lets one writer in at a time anyway);
2. it reads the state again from the locked row and checks it is one the change is allowed from;
3. it applies the change (sets and saves the new state, on the locked row and on the caller's record), or,
   when the state is not one allowed, raises :class:`TransitionRefused`, naming the record, the state found
   and the states allowed, with a message a person can read; the caller's transaction then rolls back, so
   nothing is half done.

A change to many rows at once (the budgets a newly approved plan ends, the assessments the yearly uprating
replaces, a payment run marked abandoned by the run that found it stopped) stays one ``UPDATE … WHERE status =
…``: the database makes each such statement atomic, and a row whose state has moved on is simply not changed.

:class:`TransitionRefused` is a ``ValidationError``, so a page that shows a service's errors shows it
without more code (at the top of a form, as an error not of any one field); a page shows it with
``ownway.ui.forms.show_transition_refused``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models, transaction


def _label(record: models.Model, field: str, value: object) -> str:
    """The words for a state, from the field's choices ("Waiting for approval"), or the stored value."""
    choices = dict(record._meta.get_field(field).flatchoices)  # type: ignore[union-attr]
    return str(choices.get(value, value))


class TransitionRefused(ValidationError):
    """A record was not in a state the change is allowed from (often: someone changed it first); nothing is saved.

    ``record`` is the record (as the caller had it), ``found`` the state it is in now, ``allowed`` the states the
    change is allowed from, ``action`` what was tried ("approve it"), ``what`` the record in plain English.
    """

    def __init__(
        self, *, record: models.Model, what: str, action: str, found: Any, allowed: tuple[Any, ...], field: str
    ) -> None:
        self.record = record
        self.what = what
        self.action = action
        self.found = found
        self.allowed = allowed
        self.found_label = _label(record, field, found)
        self.allowed_labels = tuple(_label(record, field, state) for state in allowed)
        message = (
            f"This {what} is now '{self.found_label}', so you cannot {action}. Someone may have changed it "
            "while you were working on it; nothing has been saved"
        )
        super().__init__({NON_FIELD_ERRORS: [ValidationError(message, code="transition_refused")]})
        self.text = message

    def __str__(self) -> str:
        return self.text


def transition[M: models.Model](
    record: M,
    *,
    allowed_from: Iterable[Any],
    to: Any = None,
    action: str,
    what: str,
    field: str = "status",
    queryset: models.QuerySet[M] | None = None,
) -> M:
    """Lock ``record``'s row, check its ``field`` is one of ``allowed_from``, and move it ``to`` the new state.

    Call it inside the caller's ``transaction.atomic()``, before the rest of the change. Returns the locked
    row, read afresh from the database; with ``to`` given, the new state is saved on it and set on ``record``
    too. With ``to=None`` the row is only locked and checked, for a caller that sets the state itself, under
    the lock, once the checks that may still refuse the change have passed (so that the caller's record never
    shows a state its rolled-back transaction did not keep). ``queryset`` (for example with ``select_related``)
    is the one to lock the row through. Raises :class:`TransitionRefused` when the state is not one allowed,
    and ``ObjectDoesNotExist`` when the record has gone.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition must run inside the transaction that makes the change")
    allowed = tuple(allowed_from)
    rows = queryset if queryset is not None else type(record)._default_manager.all()
    locked = rows.select_for_update(of=("self",)).filter(pk=record.pk).first()
    if locked is None:
        raise ObjectDoesNotExist(f"This {what} no longer exists")
    found = getattr(locked, field)
    if found not in allowed:
        raise TransitionRefused(record=record, what=what, action=action, found=found, allowed=allowed, field=field)
    if to is not None:
        setattr(locked, field, to)
        locked.save(update_fields=[field])
        setattr(record, field, to)
    return locked
