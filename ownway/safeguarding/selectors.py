"""Reading safeguarding records: each read is audited, and a refused read is audited too."""

from __future__ import annotations

from django.db.models import QuerySet

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.people.models import Person

from . import events
from .models import Concern, ConcernStatus, Enquiry
from .permissions import SafeguardingAction, user_can, visible_to


class ConcernNotFound(Exception):
    """No concern or enquiry has that id."""


class ReadRefused(Exception):
    """The record exists but the user may not see it: the refusal is on the audit trail."""


def _refuse(user: User, record: Concern | Enquiry) -> None:
    audit_record(actor=user, action=events.READ_REFUSED, subject=record)
    raise ReadRefused


def concern_get_for_user(*, user: User, pk: int) -> Concern:
    """The concern, if the user may see it; the read (or the refusal) goes on the trail."""
    concern = Concern.objects.select_related("person", "worker", "raised_by").filter(pk=pk).first()
    if concern is None:
        raise ConcernNotFound
    if not (user_can(user, SafeguardingAction.VIEW) and visible_to(user).filter(pk=pk).exists()):
        _refuse(user, concern)
    audit_record(actor=user, action=events.CONCERN_VIEWED, subject=concern, person=concern.person)
    return concern


def enquiry_get_for_user(*, user: User, pk: int) -> Enquiry:
    enquiry = Enquiry.objects.select_related("concern", "concern__person", "lead").filter(pk=pk).first()
    if enquiry is None:
        raise ConcernNotFound
    if not (user_can(user, SafeguardingAction.VIEW) and visible_to(user).filter(pk=enquiry.concern_id).exists()):
        _refuse(user, enquiry)
    audit_record(actor=user, action=events.ENQUIRY_VIEWED, subject=enquiry, person=enquiry.concern.person)
    return enquiry


def worklist_for_user(*, user: User) -> QuerySet[Concern]:
    """The concerns still open that the user may see, soonest due first."""
    return (
        visible_to(user)
        .exclude(status=ConcernStatus.CLOSED)
        .select_related("person", "worker", "enquiry")
        .order_by("decision_due_at", "pk")
    )


def worklist_shown(*, user: User, concerns: list[Concern]) -> None:
    audit_shown(actor=user, action=events.CONCERNS_LISTED, shown=[(c, c.person_id) for c in concerns])


def concerns_by_references(references: list[str]) -> tuple[list[Concern], list[str]]:
    """The concerns with the given references (like S0000012, any case, each once), and the references no concern
    has, sorted."""
    wanted = list(dict.fromkeys(r.strip().upper() for r in references if r.strip()))
    concerns = list(Concern.objects.filter(reference__in=wanted).select_related("person"))
    return concerns, sorted(set(wanted) - {c.reference for c in concerns})


def has_open_matter(person: Person) -> bool:
    """Whether a safeguarding matter about the person is open (the flag others see, with no details)."""
    return Concern.objects.filter(person=person).exclude(status=ConcernStatus.CLOSED).exists()
