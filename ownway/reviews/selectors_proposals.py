"""Reading the person's proposals to change their plan: their own, and the worker's and team's worklists."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.people.permissions import policy as people_policy

from . import events
from .models import PlanProposal, ProposalStatus
from .permissions import ReviewAction, user_can, user_can_for


def _citizen_person_id(user: User) -> int:
    if not user_can(user, ReviewAction.OWN) or user.person_id is None:
        raise PermissionDenied("Only a person with a record of their own has a plan to change here")
    return user.person_id


def own_proposals_for_citizen(*, user: User) -> QuerySet[PlanProposal]:
    """The signed-in citizen's own proposals, the newest first; no one else's. Show a page of them."""
    person_id = _citizen_person_id(user)
    return PlanProposal.objects.filter(person_id=person_id).select_related("line", "answered_by", "review")


def own_proposal_for_citizen(*, user: User, pk: int) -> PlanProposal:
    """One of the citizen's own proposals (for its letter); 404 for anyone else's."""
    proposal = own_proposals_for_citizen(user=user).select_related("person").filter(pk=pk).first()
    if proposal is None:
        raise Http404("No such proposal of yours")
    return proposal


def proposals_for_user(*, user: User, mine: bool) -> QuerySet[PlanProposal]:
    """Proposals waiting for an answer, the oldest first: for the people the worker is named worker for
    (``mine``) or for everyone they may see (their team's). Show a page of them through :func:`proposals_shown`."""
    if not user_can(user, ReviewAction.WORKLIST):
        raise PermissionDenied("You cannot see people's proposals to change their plans")
    rows = PlanProposal.objects.filter(status=ProposalStatus.OPEN, person__in=people_policy.visible(user))
    if mine:
        rows = rows.filter(person__named_worker=user)
    return rows.select_related("person", "person__named_worker").order_by("created_at", "pk")


def proposals_shown(*, user: User, proposals: list[PlanProposal]) -> None:
    with transaction.atomic():
        audit_shown(actor=user, action=events.PROPOSALS_LISTED, shown=[(p, p.person_id) for p in proposals])


def proposal_counts(*, user: User) -> tuple[int, int] | None:
    """How many proposals wait for the worker and for their team (None for who has no such list)."""
    if not user_can(user, ReviewAction.WORKLIST):
        return None
    return proposals_for_user(user=user, mine=True).count(), proposals_for_user(user=user, mine=False).count()


def proposal_get_for_user(*, user: User, pk: int, action: ReviewAction = ReviewAction.VIEW) -> PlanProposal:
    """A proposal, for staff who may ``action`` (see, or answer) for the person (not found alike when they may
    not); the read is audited."""
    proposal = (
        PlanProposal.objects.filter(pk=pk)
        .select_related("person", "plan", "line", "proposed_by", "answered_by", "version", "review")
        .first()
    )
    if proposal is None or not (user_can(user, action) and user_can_for(user, action, proposal.person)):
        raise Http404("No such proposal")
    with transaction.atomic():
        audit_record(actor=user, action=events.PROPOSAL_VIEWED, subject=proposal, person=proposal.person)
    return proposal
