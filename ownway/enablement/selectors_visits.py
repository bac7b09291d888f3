"""Reading a worker's own visits to record them, only as far as the worker may. Audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from ownway.accounts import events as account_events
from ownway.accounts.audit import audit_record
from ownway.accounts.models import User

from . import events
from .models import ActualVisit, EnablementWorker, RotaStatus, RotaVisit
from .permissions import EnablementAction, user_can


def rota_visit_for_worker(*, user: User, pk: int) -> RotaVisit:
    """One of the worker's own visits on a published rota, to record it. The read is audited; so is a refusal."""
    rota_visit = (
        RotaVisit.objects.select_related("rota__team", "planned_visit__episode__person", "worker__user")
        .filter(pk=pk)
        .first()
    )
    if rota_visit is None:
        raise Http404("No such visit")
    worker = EnablementWorker.objects.filter(user=user).first() if user.is_authenticated else None
    allowed = (
        user_can(user, EnablementAction.VIEW_OWN_DAY)
        and worker is not None
        and rota_visit.worker_id == worker.pk
        and rota_visit.rota.status != RotaStatus.DRAFT
    )
    person = rota_visit.planned_visit.episode.person
    with transaction.atomic():
        audit_record(
            actor=user,
            action=events.VISIT_RECORD_VIEWED if allowed else account_events.ACCESS_REFUSED,
            subject=rota_visit,
            person=person,
        )
    if not allowed:
        raise PermissionDenied("You are not on this visit, so you cannot record it: only the worker on it can")
    return rota_visit


def actual_for(rota_visit: RotaVisit) -> ActualVisit | None:
    return ActualVisit.objects.filter(rota_visit=rota_visit).first()
