"""Reading the audit trail in tests."""

from __future__ import annotations

from ownway.accounts.models import AuditEvent


def people_shown(action: str, actor) -> list[int | None]:
    """The ids of the people the actor's rows of this action name, sorted (None for a row naming no one)."""
    ids = AuditEvent.objects.filter(action=action, actor=actor).values_list("person_id", flat=True)
    return sorted(ids, key=lambda pk: (pk is not None, pk or 0))
