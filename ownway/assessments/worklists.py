"""Worklists: what is open for one worker, and for a whole team, across the front door and assessments.

A worker's worklist holds the contacts given to them, the assessments they are carrying out and the
self-assessments waiting for their team; a team manager's holds the same for everyone in the team,
with each worker's load, so that work can be shared out and nothing waits past the council's target.
Both are read-only selectors that check the reader's role and write the look to the audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ownway.accounts.audit import audit_shown
from ownway.accounts.models import Team, User
from ownway.accounts.roles import CASEWORK_ROLES
from ownway.frontdoor.models import Contact, ContactStatus

from . import events
from .models import Assessment, AssessmentStatus, SelfAssessment, SelfAssessmentStatus
from .permissions import AssessmentAction
from .permissions import policy as assessment_policy
from .rules.timeliness import Timeliness, assessment_timeliness
from .selectors import assessments_in_progress_for_user, self_assessments_waiting_for_user


@dataclass
class WorkerLoad:
    """One worker's open work."""

    worker: User
    open_contacts: int = 0
    assessments_in_progress: int = 0
    overdue: int = 0


@dataclass
class Worklist:
    team: Team | None
    contacts: list[Contact]
    assessments: list[tuple[Assessment, Timeliness]]
    self_assessments: list[SelfAssessment]
    workers: list[WorkerLoad] = field(default_factory=list)
    target_days: int = 28

    @property
    def overdue(self) -> int:
        return sum(t.overdue for _, t in self.assessments)

    @property
    def unallocated_contacts(self) -> int:
        return sum(1 for c in self.contacts if c.worker_id is None)

    @property
    def open_items(self) -> int:
        return len(self.contacts) + len(self.assessments) + len(self.self_assessments)


def _timed(assessments: list[Assessment], today: dt.date, target: int) -> list[tuple[Assessment, Timeliness]]:
    return [(a, assessment_timeliness(a.clock_started_on, today, target)) for a in assessments]


_ASSESSMENT_RELATED = ("person", "assessor", "contact")


def _audit_shown(user: User, worklist: Worklist, name: str) -> None:
    """Write each contact, assessment and self-assessment the worklist shows, with its person, to the trail."""
    shown = [
        *((c, c.person_id) for c in worklist.contacts),
        *((a, a.person_id) for a, _ in worklist.assessments),
        *((s, s.person_id) for s in worklist.self_assessments),
    ]
    with transaction.atomic():
        audit_shown(actor=user, action=events.WORKLIST_VIEWED, shown=shown, new={"worklist": name})


def worklist_for_worker(*, user: User) -> Worklist:
    """The signed-in worker's own open work: their contacts, their assessments, their team's self-assessments."""
    if not assessment_policy.can(user, AssessmentAction.OWN_WORKLIST):
        raise PermissionDenied("Only workers who hold a caseload have a worklist")
    target = settings.OWNWAY_ASSESSMENT_TARGET_DAYS
    contacts = list(
        Contact.objects.filter(status=ContactStatus.OPEN, worker=user)
        .select_related("person", "team")
        .order_by("received_at", "id")
    )
    assessments = list(
        Assessment.objects.filter(status=AssessmentStatus.IN_PROGRESS, assessor=user)
        .select_related(*_ASSESSMENT_RELATED)
        .order_by("started_on", "id")
    )
    waiting = (
        list(
            SelfAssessment.objects.filter(status=SelfAssessmentStatus.SUBMITTED, person__team_id=user.team_id)
            .select_related("person")
            .order_by("submitted_at", "id")
        )
        if user.team_id
        else []
    )
    worklist = Worklist(
        team=None,
        contacts=contacts,
        assessments=_timed(assessments, timezone.localdate(), target),
        self_assessments=waiting,
        target_days=target,
    )
    _audit_shown(user, worklist, "worker")
    return worklist


def worklist_for_team(*, user: User, worker_id: int | None = None) -> Worklist:
    """A team's open work for its manager, with each worker's load; ``worker_id`` narrows it to one worker.

    Contacts are the team's open ones; assessments are those in progress for people on the team's
    caseload or carried out by someone in the team.
    """
    if not assessment_policy.can(user, AssessmentAction.TEAM_WORKLIST):
        raise PermissionDenied("Only a team's manager sees the team's worklist")
    team = user.team
    assert team is not None  # the policy checked it
    target = settings.OWNWAY_ASSESSMENT_TARGET_DAYS
    today = timezone.localdate()
    members = list(
        User.objects.filter(team=team, is_active=True, role__in=CASEWORK_ROLES).order_by("first_name", "last_name")
    )
    contacts = list(
        Contact.objects.filter(status=ContactStatus.OPEN, team=team)
        .select_related("person", "worker")
        .order_by("received_at", "id")
    )
    assessments = _timed(
        list(
            Assessment.objects.filter(status=AssessmentStatus.IN_PROGRESS)
            .filter(Q(person__team=team) | Q(assessor__team=team))
            .select_related(*_ASSESSMENT_RELATED)
            .order_by("started_on", "id")
        ),
        today,
        target,
    )
    waiting = list(
        SelfAssessment.objects.filter(status=SelfAssessmentStatus.SUBMITTED, person__team=team)
        .select_related("person")
        .order_by("submitted_at", "id")
    )
    loads = {member.pk: WorkerLoad(member) for member in members}
    for contact in contacts:
        if contact.worker_id in loads:
            loads[contact.worker_id].open_contacts += 1
    for assessment, timeliness in assessments:
        load = loads.get(assessment.assessor_id)
        if load is None:
            # Someone outside the team is assessing one of the team's people: show them too.
            load = loads[assessment.assessor_id] = WorkerLoad(assessment.assessor)
        load.assessments_in_progress += 1
        load.overdue += timeliness.overdue
    if worker_id is not None:
        contacts = [c for c in contacts if c.worker_id == worker_id]
        assessments = [(a, t) for a, t in assessments if a.assessor_id == worker_id]
    worklist = Worklist(
        team=team,
        contacts=contacts,
        assessments=assessments,
        self_assessments=waiting,
        workers=sorted(loads.values(), key=lambda w: (-w.overdue, -w.assessments_in_progress, w.worker.first_name)),
        target_days=target,
    )
    _audit_shown(user, worklist, "team")
    return worklist


def worklist_for_caseload(*, user: User) -> Worklist:
    """The assessments in progress and the self-assessments waiting for everyone the user may see, oldest
    first (the "Assessments" page; at most 500 and 200)."""
    target = settings.OWNWAY_ASSESSMENT_TARGET_DAYS
    worklist = Worklist(
        team=None,
        contacts=[],
        assessments=_timed(list(assessments_in_progress_for_user(user=user)[:500]), timezone.localdate(), target),
        self_assessments=list(self_assessments_waiting_for_user(user=user)[:200]),
        target_days=target,
    )
    _audit_shown(user, worklist, "caseload")
    return worklist
