"""Writing the audit trail. Every write and every read of a person's record passes through here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models

from . import events
from .context import current_origin
from .models import AuditEvent

if TYPE_CHECKING:
    from ownway.people.models import Person

    from .models import User


def _actor_label(actor: User | None) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "System"
    return f"{actor.get_full_name() or actor.username} ({actor.get_role_display()})"


def audit_record(
    *,
    actor: User | None,
    action: str,
    subject: models.Model | None = None,
    person: Person | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the trail, in the caller's transaction."""
    event = _event(actor=actor, action=action, subject=subject, person_id=person.pk if person is not None else None)
    event.person = person
    event.old, event.new = old, new
    event.save(force_insert=True)
    return event


#: One change for :func:`audit_records`: the record changed, the id of the person it is about, what it held
#: before (or None) and what it holds now.
Changed = tuple[models.Model, int | None, dict[str, Any] | None, dict[str, Any] | None]


def audit_records(*, actor: User | None, action: str, changed: Iterable[Changed]) -> int:
    """Append an event for each of many changes of one kind (a register of a whole session marked at once), in
    one insert, in the caller's transaction: the same rows as :func:`audit_record` would write one at a time.
    Returns how many were written."""
    rows = []
    for subject, person_id, old, new in changed:
        event = _event(actor=actor, action=action, subject=subject, person_id=person_id)
        event.old, event.new = old, new
        rows.append(event)
    AuditEvent.objects.bulk_create(rows)
    return len(rows)


def _event(*, actor: User | None, action: str, subject: models.Model | None, person_id: int | None) -> AuditEvent:
    """An unsaved event, with where the current action comes from."""
    if not events.is_registered(action):
        raise ValueError(f"Unknown audit action {action!r}: register it in the app's events.py")
    origin = current_origin()
    return AuditEvent(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        person_id=person_id,
        request_id=origin.request_id,
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
        path=origin.path,
        via=origin.via,
    )


#: What a page or an API answer showed: each record, and the id of the person it names (or None).
Shown = tuple[models.Model | None, int | None]


def audit_shown(
    *,
    actor: User | None,
    action: str,
    shown: Iterable[Shown],
    new: dict[str, Any] | None = None,
) -> int:
    """Write to the trail that the actor was shown these records, in one insert: a row for each record
    and the person it names, so each person's trail ("who has looked at this record") lists every page
    that showed them, lists included. ``new`` goes on every row (a search's words, the list's name).

    A page that showed no one still writes one row, so that the look itself is on the trail. Returns
    how many rows were written.
    """
    rows: dict[tuple[str, str, int | None], AuditEvent] = {}
    for subject, person_id in list(shown) or [(None, None)]:
        event = _event(actor=actor, action=action, subject=subject, person_id=person_id)
        event.new = new
        rows.setdefault((event.subject_type, event.subject_id, person_id), event)
    AuditEvent.objects.bulk_create(rows.values())
    return len(rows)


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields that differ between two snapshots, as (old, new)."""
    keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}
