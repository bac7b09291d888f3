"""Reading complaints: each read is audited, and a refused read is audited too."""

from __future__ import annotations

from django.db.models import QuerySet

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User

from . import events
from .models import Complaint, Status
from .permissions import ComplaintAction, user_can, visible_to


class ComplaintNotFound(Exception):
    """No complaint has that id."""


class ReadRefused(Exception):
    """The complaint exists but the user may not see it: the refusal is on the audit trail."""


def complaint_get_for_user(*, user: User, pk: int) -> Complaint:
    complaint = Complaint.objects.select_related("person", "person__team", "review", "concern").filter(pk=pk).first()
    if complaint is None:
        raise ComplaintNotFound
    if not (user_can(user, ComplaintAction.VIEW) and visible_to(user).filter(pk=pk).exists()):
        audit_record(actor=user, action=events.READ_REFUSED, subject=complaint)
        raise ReadRefused
    audit_record(actor=user, action=events.COMPLAINT_VIEWED, subject=complaint, person=complaint.person)
    return complaint


def worklist_for_user(*, user: User) -> QuerySet[Complaint]:
    """The complaints still open that the user may see: those to acknowledge first, soonest due first."""
    return (
        visible_to(user)
        .filter(status__in=[Status.RECEIVED, Status.ACKNOWLEDGED])
        .select_related("person")
        .order_by("status", "acknowledge_by", "respond_by", "pk")
    )


def worklist_shown(*, user: User, complaints: list[Complaint]) -> None:
    audit_shown(actor=user, action=events.COMPLAINTS_LISTED, shown=[(c, c.person_id) for c in complaints])
