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
from django.db.models import Count, Q, QuerySet
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
    worklist_shown(
        user=user,
        name=name,
        contacts=worklist.contacts,
        assessments=[a for a, _ in worklist.assessments],
        self_assessments=worklist.self_assessments,
    )


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


def overdue_filter(today: dt.date, target_days: int) -> Q:
    """The assessments past the target, as a query: the same test as
    :func:`~ownway.assessments.rules.timeliness.assessment_timeliness` (overdue once more than ``target_days``
    days have passed since the clock started) with the clock started as ``Assessment.clock_started_on`` says
    (the day of first contact, in the council's time zone, where there was one; else the day the assessment
    started). More than ``target_days`` days since ``day`` means ``day`` is before ``today - target_days``:
    for a contact, received before that day's local midnight."""
    cutoff = today - dt.timedelta(days=target_days)
    midnight = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))
    return Q(contact__isnull=False, contact__received_at__lt=midnight) | Q(contact__isnull=True, started_on__lt=cutoff)


@dataclass
class TeamWorklist:
    """A team's open work for its manager: each worker's load (counted in the database, so the page costs the
    same for a team of 10 or 200), the totals, and the lists to be shown a page at a time, oldest first."""

    team: Team
    workers: list[WorkerLoad]
    contacts: QuerySet[Contact]
    assessments: QuerySet[Assessment]
    self_assessments: QuerySet[SelfAssessment]
    contacts_count: int
    unallocated_contacts: int
    assessments_count: int
    overdue: int
    self_assessments_count: int
    target_days: int
    today: dt.date

    @property
    def open_items(self) -> int:
        return self.contacts_count + self.assessments_count + self.self_assessments_count

    def timed(self, assessments: list[Assessment]) -> list[tuple[Assessment, Timeliness]]:
        """Each of these assessments with how long it has been open against the target."""
        return _timed(assessments, self.today, self.target_days)


#: What the team's loads table shows of each worker (see the team page's template).
_MEMBER_FIELDS = ("id", "username", "first_name", "last_name", "role", "team_id", "is_active")


def worklist_for_team(*, user: User, worker_id: int | None = None) -> TeamWorklist:
    """A team's open work for its manager, with each worker's load; ``worker_id`` narrows the lists and the
    totals to one worker (the loads still show everyone).

    Contacts are the team's open ones; assessments are those in progress for people on the team's
    caseload or carried out by someone in the team. Nothing is written to the trail here: the page that
    shows a part of the lists does that (:func:`worklist_shown`).
    """
    if not assessment_policy.can(user, AssessmentAction.TEAM_WORKLIST):
        raise PermissionDenied("Only a team's manager sees the team's worklist")
    team = user.team
    assert team is not None  # the policy checked it
    target = settings.OWNWAY_ASSESSMENT_TARGET_DAYS
    today = timezone.localdate()
    # A large team has over a hundred members: only what the loads table shows of each is read.
    members = list(
        User.objects.filter(team=team, is_active=True, role__in=CASEWORK_ROLES)
        .only(*_MEMBER_FIELDS)
        .order_by("first_name", "last_name")
    )
    contacts = Contact.objects.filter(status=ContactStatus.OPEN, team=team)
    assessments = Assessment.objects.filter(status=AssessmentStatus.IN_PROGRESS).filter(
        Q(person__team=team) | Q(assessor__team=team)
    )
    contacts_by_worker: dict[int | None, int] = {
        row["worker_id"]: row["n"] for row in contacts.order_by().values("worker_id").annotate(n=Count("id"))
    }
    assessments_by_assessor = {
        row["assessor_id"]: (row["n"], row["overdue"])
        for row in assessments.order_by()
        .values("assessor_id")
        .annotate(n=Count("id"), overdue=Count("id", filter=overdue_filter(today, target)))
    }
    loads = {member.pk: WorkerLoad(member) for member in members}
    # Someone outside the team assessing one of the team's people is shown too.
    outside = set(assessments_by_assessor) - set(loads)
    loads.update(
        {u.pk: WorkerLoad(u) for u in User.objects.filter(pk__in=outside).only(*_MEMBER_FIELDS)} if outside else {}
    )
    for worker, n in contacts_by_worker.items():
        if worker in loads:
            loads[worker].open_contacts = n
    for assessor, (n, overdue) in assessments_by_assessor.items():
        loads[assessor].assessments_in_progress = n
        loads[assessor].overdue = overdue
    if worker_id is not None:
        contacts = contacts.filter(worker_id=worker_id)
        assessments = assessments.filter(assessor_id=worker_id)
        contacts_count = contacts_by_worker.get(worker_id, 0)
        unallocated = 0
        assessments_count, overdue = assessments_by_assessor.get(worker_id, (0, 0))
    else:
        contacts_count = sum(contacts_by_worker.values())
        unallocated = contacts_by_worker.get(None, 0)
        assessments_count = sum(n for n, _ in assessments_by_assessor.values())
        overdue = sum(o for _, o in assessments_by_assessor.values())
    waiting = SelfAssessment.objects.filter(status=SelfAssessmentStatus.SUBMITTED, person__team=team)
    return TeamWorklist(
        team=team,
        workers=sorted(loads.values(), key=lambda w: (-w.overdue, -w.assessments_in_progress, w.worker.first_name)),
        contacts=contacts.select_related("person", "worker").order_by("received_at", "id"),
        assessments=assessments.select_related(*_ASSESSMENT_RELATED).order_by("started_on", "id"),
        self_assessments=waiting.select_related("person").order_by("submitted_at", "id"),
        contacts_count=contacts_count,
        unallocated_contacts=unallocated,
        assessments_count=assessments_count,
        overdue=overdue,
        self_assessments_count=waiting.count(),
        target_days=target,
        today=today,
    )


def worklist_shown(
    *,
    user: User,
    name: str,
    contacts: list[Contact],
    assessments: list[Assessment],
    self_assessments: list[SelfAssessment],
) -> None:
    """Write to the trail each contact, assessment and self-assessment a worklist (``name``: "worker",
    "team", "caseload") showed, with its person, in one insert."""
    shown = [
        *((c, c.person_id) for c in contacts),
        *((a, a.person_id) for a in assessments),
        *((s, s.person_id) for s in self_assessments),
    ]
    with transaction.atomic():
        audit_shown(actor=user, action=events.WORKLIST_VIEWED, shown=shown, new={"worklist": name})


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
