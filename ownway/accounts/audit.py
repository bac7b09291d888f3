"""Writing the audit trail. Every write and every read of a person's record passes through here."""

from __future__ import annotations

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
    if not events.is_registered(action):
        raise ValueError(f"Unknown audit action {action!r}: register it in the app's events.py")
    origin = current_origin()
    return AuditEvent.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        person=person,
        old=old,
        new=new,
        request_id=origin.request_id,
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
        path=origin.path,
        via=origin.via,
    )


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields that differ between two snapshots, as (old, new)."""
    keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}
