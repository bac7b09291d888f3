"""Reading rotas, a worker's own day and the utilisation figures, only as far as the reader may. Audited."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404

from ownway.accounts import events as account_events
from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role
from ownway.core.reporting import reporting_read
from ownway.frontdoor.models import Contact
from ownway.frontdoor.permissions import visible_to as contacts_visible_to
from ownway.people.models import Person
from ownway.people.selectors import no_record_with_reference

from . import events
from .models import (
    EnablementWorker,
    Episode,
    EpisodeStatus,
    Leave,
    Referral,
    ReferralStatus,
    RosterRequest,
    Rota,
    RotaRun,
    RotaStatus,
    RotaVisit,
    Shift,
    STS002aSequel,
)
from .permissions import (
    EnablementAction,
    episodes_visible_to,
    rota_runs_visible_to,
    rotas_visible_to,
    user_can,
    user_can_for,
)
from .rostering import build_day
from .rules.rostering import checker
from .rules.utilisation import Utilisation, utilisation


@dataclass
class TimelineItem:
    start: int
    end: int
    label: str
    kind: str  # "visit" or "break"
    rota_visit: RotaVisit | None = None
    partner: str = ""


@dataclass
class WorkerTimeline:
    worker: EnablementWorker
    shift: Shift | None
    items: list[TimelineItem] = field(default_factory=list)
    contact: int = 0
    travel: int = 0
    paid: int = 0


def rota_for_team_day(*, user: User, team: Team, day: dt.date) -> Rota | None:
    """The newest rota for the team's day (draft or published). Each person it visits, placed or not, is
    written to the audit trail."""
    if not user_can_for(user, EnablementAction.ROSTER, team):
        raise PermissionDenied("You cannot see this team's rota")
    rota = (
        rotas_visible_to(user)
        .filter(team=team, date=day)
        .exclude(status=RotaStatus.REPLACED)
        .order_by("-created_at", "-id")
        .first()
    )
    if rota is not None:
        people = set(rota.visits.values_list("planned_visit__episode__person_id", flat=True))
        with transaction.atomic():
            audit_shown(actor=user, action=events.ROTA_VIEWED, shown=[(rota, pk) for pk in sorted(people)])
    return rota


def rota_get_for_user(*, user: User, pk: int) -> Rota:
    rota = rotas_visible_to(user).filter(pk=pk).first()
    if rota is None:
        raise PermissionDenied("You cannot see this rota")
    return rota


def rota_run_get_for_user(*, user: User, pk: uuid.UUID | str) -> RotaRun:
    """A run of the optimiser, by its job's id, for someone who may see that team's rota."""
    run = rota_runs_visible_to(user).select_related("job", "team").filter(job_id=pk).first()
    if run is None:
        raise PermissionDenied("You cannot see this run of the optimiser")
    return run


def rota_runs_recent_for_user(*, user: User, team: Team, limit: int = 5) -> list[RotaRun]:
    """The team's latest runs of the optimiser, newest first (for the enablement home)."""
    return list(rota_runs_visible_to(user).filter(team=team).select_related("job").order_by("-created_at")[:limit])


def rota_visit_get_for_user(*, user: User, pk: int) -> RotaVisit:
    """One visit on a rota the user may see, to move it; the person visited is written to the audit trail."""
    rota_visit = (
        RotaVisit.objects.select_related("rota__team", "planned_visit__episode__person", "worker").filter(pk=pk).first()
    )
    if rota_visit is None:
        raise Http404("No such visit")
    rota_visit.rota = rota_get_for_user(user=user, pk=rota_visit.rota_id)
    person = rota_visit.planned_visit.episode.person
    with transaction.atomic():
        audit_record(actor=user, action=events.ROTA_VISIT_VIEWED, subject=rota_visit, person=person)
    return rota_visit


def rota_timelines(rota: Rota) -> list[WorkerTimeline]:
    """Each worker's day on the rota, visits and break in time order, with start times worked out by the checker."""
    day = build_day(rota.team, rota.date)
    report = checker.check(day.instance, rota.routes)
    tasks = {t.id: t for t in day.instance.tasks}
    visits = {
        rv.task_id: rv
        for rv in rota.visits.select_related("planned_visit__episode__person", "worker__user").filter(
            worker__isnull=False
        )
    }
    shifts = {s.worker_id: s for s in Shift.objects.filter(date=rota.date, worker__team=rota.team)}
    workers = {str(w.pk): w for w in EnablementWorker.objects.filter(team=rota.team).select_related("user")}
    names = {task_id: str(rv.worker) for task_id, rv in visits.items()}
    result = []
    for worker_id in sorted(day.workers, key=lambda k: str(day.workers[k])):
        worker = workers[worker_id]
        line = WorkerTimeline(worker=worker, shift=shifts.get(worker.pk))
        figures = rota.figures.get(worker_id, {})
        line.contact, line.travel, line.paid = (figures.get(k, 0) for k in ("contact", "travel", "paid"))
        for task_id in rota.routes.get(worker_id, []):
            task = tasks.get(task_id)
            if task is None or task_id not in report.starts:
                continue
            start = round(report.starts[task_id])
            end = start + round(task.duration)
            if task.is_break:
                line.items.append(TimelineItem(start, end, "Break", "break"))
                continue
            rv = visits.get(task_id)
            if rv is None:
                continue
            partner_id = f"{rv.planned_visit_id}/{1 - rv.part}" if rv.planned_visit.workers_needed == 2 else ""
            line.items.append(
                TimelineItem(
                    start,
                    end,
                    rv.planned_visit.episode.person.full_name,
                    "visit",
                    rota_visit=rv,
                    partner=names.get(partner_id, ""),
                )
            )
        result.append(line)
    return result


@dataclass(frozen=True)
class UnplacedSummary:
    """The visits a rota leaves out: how many, and each reason with the number of visits it applies to."""

    visits: int
    reasons: list[tuple[str, int]]

    def sentence(self) -> str:
        """ "3 visits are not on this rota", or the singular for one."""
        return f"{self.visits} visit is" if self.visits == 1 else f"{self.visits} visits are"


def rota_unplaced_summary(rota: Rota) -> UnplacedSummary:
    """How many planned visits the rota leaves without a worker (a double-handed visit counts once, however many of
    its parts are missing), and why, the commonest reason first. Names nobody, so it is not audited."""
    reason_of: dict[int, str] = {}
    for planned_visit_id, reason in (
        rota.visits.filter(worker__isnull=True)
        .order_by("planned_visit_id", "part")
        .values_list("planned_visit_id", "unplaced_reason")
    ):
        reason_of.setdefault(planned_visit_id, reason or "Not placed on the rota")
    counts: dict[str, int] = defaultdict(int)
    for reason in reason_of.values():
        counts[reason] += 1
    reasons = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return UnplacedSummary(visits=len(reason_of), reasons=reasons)


def own_day_for_user(*, user: User, day: dt.date) -> tuple[Rota | None, WorkerTimeline | None]:
    """An enablement worker's own day on the published rota. Each person on it is written to the audit trail."""
    if not user_can(user, EnablementAction.VIEW_OWN_DAY):
        raise PermissionDenied("Only enablement workers have a day on the rota")
    worker = EnablementWorker.objects.filter(user=user).select_related("team").first()
    if worker is None:
        return None, None
    rota = Rota.objects.filter(team=worker.team, date=day, status=RotaStatus.PUBLISHED).first()
    if rota is None:
        return None, None
    line = next((line for line in rota_timelines(rota) if line.worker.pk == worker.pk), None)
    if line is None:
        line = WorkerTimeline(worker=worker, shift=None)
    visited = [item.rota_visit.planned_visit.episode.person_id for item in line.items if item.rota_visit is not None]
    with transaction.atomic():
        audit_shown(actor=user, action=events.OWN_DAY_VIEWED, shown=[(rota, pk) for pk in visited])
    return rota, line


@dataclass
class UtilisationRow:
    label: str
    week: str
    figures: Utilisation


@reporting_read
def utilisation_for_user(
    *, user: User, hourly_cost: Decimal, since: dt.date | None = None
) -> tuple[list[UtilisationRow], list[UtilisationRow]]:
    """Contact time, travel and cost per contact hour from published rotas: by team and week, by area and week."""
    if not user_can(user, EnablementAction.VIEW_DASHBOARD):
        raise PermissionDenied("You cannot see the enablement figures")
    rotas = Rota.objects.filter(status=RotaStatus.PUBLISHED).select_related("team")
    if user.role == Role.ENABLEMENT_MANAGER:
        rotas = rotas.filter(team_id=user.team_id) if user.team_id else rotas.none()
    if since is not None:
        rotas = rotas.filter(date__gte=since)
    by_team: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    by_area: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    areas = dict(EnablementWorker.objects.values_list("pk", "area"))
    for rota in rotas:
        year, week, _ = rota.date.isocalendar()
        label = f"{year}-W{week:02d}"
        totals = by_team[(rota.team.name, label)]
        for worker_id, figures in rota.figures.items():
            values = (figures.get("contact", 0), figures.get("travel", 0), figures.get("paid", 0))
            area = by_area[(areas.get(int(worker_id), "Unknown"), label)]
            for k in range(3):
                totals[k] += values[k]
                area[k] += values[k]

    def rows(data: dict[tuple[str, str], list[int]]) -> list[UtilisationRow]:
        return [
            UtilisationRow(
                label=name,
                week=week,
                figures=utilisation(contact_minutes=c, travel_minutes=t, paid_minutes=p, hourly_cost=hourly_cost),
            )
            for (name, week), (c, t, p) in sorted(data.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        ]

    return rows(by_team), rows(by_area)


@dataclass
class WorkforceRow:
    worker: EnablementWorker
    shift: Shift | None
    request: str
    on_leave: bool


def workforce_for_user(*, user: User, day: dt.date) -> list[WorkforceRow]:
    """The team's workers with their shift, request and leave on ``day`` (enablement managers)."""
    if user.team is None or not user_can_for(user, EnablementAction.ROSTER, user.team):
        raise PermissionDenied("Only enablement managers see the workforce")
    workers = EnablementWorker.objects.filter(team=user.team).select_related("user")
    shifts = {s.worker_id: s for s in Shift.objects.filter(worker__team=user.team, date=day)}
    requests = {
        r.worker_id: r.get_kind_display() + (f" ({r.note})" if r.note else "")
        for r in RosterRequest.objects.filter(worker__team=user.team, date=day)
    }
    leave = set(
        Leave.objects.filter(worker__team=user.team, first_day__lte=day, last_day__gte=day).values_list(
            "worker_id", flat=True
        )
    )
    return [
        WorkforceRow(worker=w, shift=shifts.get(w.pk), request=requests.get(w.pk, ""), on_leave=w.pk in leave)
        for w in workers
    ]


def episodes_for_user(*, user: User) -> QuerySet[Episode]:
    """The team's active episodes, ending soonest first. Show them through :func:`episodes_shown`."""
    if not (user_can(user, EnablementAction.MANAGE_EPISODES) or user_can(user, EnablementAction.WRITE_NOTES)):
        raise PermissionDenied("You cannot see enablement episodes")
    return (
        episodes_visible_to(user)
        .filter(status=EpisodeStatus.ACTIVE)
        .select_related("person")
        .annotate(goal_count=Count("goals", distinct=True), visit_count=Count("planned_visits", distinct=True))
        .order_by("planned_end_date", "id")
    )


def episodes_shown(*, user: User, episodes: list[Episode]) -> None:
    """Write each person on a page of episodes to the audit trail."""
    with transaction.atomic():
        audit_shown(actor=user, action=events.EPISODES_LISTED, shown=[(e, e.person_id) for e in episodes])


def episode_get_for_user(*, user: User, pk: int) -> Episode:
    """Open one episode. The read is audited; so is a refusal, before it is raised."""
    episode = Episode.objects.select_related("person", "team").filter(pk=pk).first()
    if episode is None:
        raise Http404("No such episode")
    allowed = episodes_visible_to(user).filter(pk=pk).exists()
    with transaction.atomic():
        audit_record(
            actor=user,
            action=events.EPISODE_VIEWED if allowed else account_events.ACCESS_REFUSED,
            subject=episode,
            person=episode.person,
        )
    if not allowed:
        raise PermissionDenied("You do not have access to this episode")
    return episode


@reporting_read
def outcomes_for_user(*, user: User) -> list[tuple[str, int]]:
    """Ended episodes by their SALT STS002a sequel, for reporting (figures only)."""
    if not user_can(user, EnablementAction.VIEW_DASHBOARD):
        raise PermissionDenied("You cannot see the enablement figures")
    episodes = Episode.objects.filter(status=EpisodeStatus.ENDED)
    if user.role == Role.ENABLEMENT_MANAGER:
        episodes = episodes.filter(team_id=user.team_id) if user.team_id else episodes.none()
    counts = dict(episodes.values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
    return [(label, counts.get(code, 0)) for code, label in STS002aSequel.choices]


def referrals_waiting_for_user(*, user: User) -> list[Referral]:
    """The team's referrals not yet started or declined, oldest first (enablement managers). Each person
    shown is written to the audit trail."""
    if not user_can(user, EnablementAction.MANAGE_EPISODES):
        raise PermissionDenied("Only enablement managers see referrals")
    referrals = Referral.objects.filter(status=ReferralStatus.WAITING).select_related("person")
    if user.role != Role.ADMINISTRATOR:
        referrals = referrals.filter(team_id=user.team_id) if user.team_id else referrals.none()
    waiting = list(referrals.order_by("received_on", "id"))
    with transaction.atomic():
        audit_shown(actor=user, action=events.REFERRALS_LISTED, shown=[(r, r.person_id) for r in waiting])
    return waiting


def referral_get_for_user(*, user: User, pk: int) -> Referral:
    """One referral of the reader's team. The read is audited; so is a refusal, before it is raised."""
    referral = Referral.objects.select_related("person", "team").filter(pk=pk).first()
    if referral is None:
        raise Http404("No such referral")
    allowed = user_can_for(user, EnablementAction.MANAGE_EPISODES, referral.team)
    with transaction.atomic():
        audit_record(
            actor=user,
            action=events.REFERRAL_VIEWED if allowed else account_events.ACCESS_REFUSED,
            subject=referral,
            person=referral.person,
        )
    if not allowed:
        raise PermissionDenied("You do not have access to this referral")
    return referral


def person_for_referral(*, user: User, person_reference: str, contact_reference: str, date_of_birth: dt.date) -> Person:
    """The person a referral is about, by their Ownway reference or by the front-door contact about them,
    confirmed by their date of birth (see :func:`referral_subject`).

    Raises ``ValidationError`` naming the field that is wrong.
    """
    found = referral_subject(
        user=user, person_reference=person_reference, contact_reference=contact_reference, date_of_birth=date_of_birth
    )
    assert found is not None  # a date of birth was given
    return found[0]


def _refused_reference(user: User, field: str, reference: str, person: Person | None) -> ValidationError:
    """The answer to a reference that opens nothing for this user: the same words whether no record has it or
    its date of birth differs (``people.selectors.no_record_with_reference``); a record that exists is written
    to the audit trail as a refused opening."""
    if person is not None:
        with transaction.atomic():
            audit_record(actor=user, action=account_events.ACCESS_REFUSED, subject=person, person=person)
    return ValidationError({field: [f"{no_record_with_reference(reference)}: check it and the date of birth"]})


def referral_subject(
    *, user: User, person_reference: str, contact_reference: str, date_of_birth: dt.date | None
) -> tuple[Person, Contact | None] | None:
    """The person a referral is about, and the front-door contact it comes from when given by the contact's
    reference.

    Enablement takes referrals from the whole council (hospital discharge, the front door, every locality team),
    so the person is seldom on the enablement team's own caseload. A reference alone opens nothing: it finds the
    person only with their date of birth as well, as the referrer gives both. A reference that no record has and
    one whose date of birth differs get the same answer, so trying references tells no one which exist or whose
    they are; the second is written to the audit trail as a refused opening. A contact not yet linked to a
    person is named as such only when the manager may see it at the front door or its date of birth matches.
    Once the referral is recorded the team sees what enablement needs: the person's name, address and postcode.

    Without a date of birth (``None``: not given, or not a date) nothing is looked up and None is returned, once
    the references given are checked. Raises ``ValidationError`` naming the field that is wrong.
    """
    if not user_can(user, EnablementAction.MANAGE_EPISODES):
        raise PermissionDenied("Only enablement managers record referrals")
    person_reference = person_reference.strip().upper()
    contact_reference = contact_reference.strip().upper()
    if person_reference and contact_reference:
        raise ValidationError({"person_reference": ["Give the person's reference or the contact's, not both"]})
    if not (person_reference or contact_reference):
        raise ValidationError({"person_reference": ["Enter the person's Ownway reference, or a front-door contact's"]})
    if date_of_birth is None:
        return None
    if person_reference:
        person = Person.objects.filter(reference=person_reference).first()
        if person is None or person.date_of_birth != date_of_birth:
            raise _refused_reference(user, "person_reference", person_reference, person)
        return person, None
    contact = Contact.objects.select_related("person").filter(reference=contact_reference).first()
    if contact is None:
        raise _refused_reference(user, "contact_reference", contact_reference, None)
    if contact.person is None:
        seen = contact.date_of_birth == date_of_birth or contacts_visible_to(user).filter(pk=contact.pk).exists()
        if not seen:
            raise _refused_reference(user, "contact_reference", contact_reference, None)
        raise ValidationError(
            {
                "contact_reference": [
                    f"Contact {contact_reference} is not yet linked to a person record: the front door links it first"
                ]
            }
        )
    if contact.person.date_of_birth != date_of_birth:
        raise _refused_reference(user, "contact_reference", contact_reference, contact.person)
    return contact.person, contact


def worker_get_for_user(*, user: User, pk: int) -> EnablementWorker:
    """One worker of the reader's team, for the rosterer to edit (enablement managers)."""
    worker = EnablementWorker.objects.select_related("user", "team").filter(pk=pk).first()
    if worker is None:
        raise Http404("No such worker")
    if not user_can_for(user, EnablementAction.ROSTER, worker.team):
        raise PermissionDenied("You cannot change this team's workforce")
    return worker
