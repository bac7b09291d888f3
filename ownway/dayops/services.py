"""Writing day-opportunity records: tiers, progression reviews, placements and waiting lists.

Each service is one transaction, checks everything before it saves anything (a refusal names what is wrong and
leaves nothing half-saved) and writes its audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ownway.accounts.audit import Changed, audit_record, audit_records
from ownway.accounts.models import User
from ownway.core.dates import format_date
from ownway.core.workflow import transition
from ownway.directory.models import Service, ServiceStatus
from ownway.people.models import Person
from ownway.planning.models import LineKind, PlanLine, PlanStatus
from ownway.planning.rules.management import Management

from . import events
from .models import (
    DAY_NAMES,
    SLOTS,
    AbsenceReason,
    Attendance,
    AttendanceStatus,
    Funding,
    Placement,
    PlacementStatus,
    ProgressionReview,
    ReviewDecision,
    SessionPart,
    Tier,
    TierDecision,
    TierDecisionKind,
    TierDecisionStatus,
    WaitingListEntry,
    WaitingStatus,
    parts_sharing,
)
from .permissions import DayopsAction, user_can_for

#: How a tier decision is named when a change to it is refused (``ownway.core.workflow``).
TIER_DECISION = "tier decision"


def _require(actor: User, action: DayopsAction, person: Person, message: str) -> None:
    if not user_can_for(actor, action, person):
        raise PermissionDenied(message)


def enablement_review_due(decided_on: dt.date) -> dt.date:
    """When a time in the Enablement tier is reviewed: ``OWNWAY_DAYOPS_ENABLEMENT_WEEKS`` (12 by default) after it
    starts. Birmingham's draft day opportunities strategy (seed 000, "Enablement"): "The enablement phase would be
    time limited (for example up to 12 weeks)"."""
    return decided_on + dt.timedelta(weeks=settings.OWNWAY_DAYOPS_ENABLEMENT_WEEKS)


def tier_current(person: Person) -> TierDecision | None:
    """The person's tier decision in force, if any (one that says they left the tiers included)."""
    return TierDecision.objects.filter(person=person, status=TierDecisionStatus.CURRENT).first()


def _review_due(
    tier: str, decided_on: dt.date, review_due: dt.date | None, field: str, errors: dict[str, list[str]]
) -> dt.date | None:
    """Enablement is reviewed at the end of its set weeks; the other tiers on the date given, if any."""
    if tier == Tier.ENABLEMENT:
        return enablement_review_due(decided_on)
    if review_due is not None and review_due <= decided_on:
        errors[field] = [f"The review date must be after {format_date(decided_on)}"]
    return review_due


def _supersede(current: TierDecision | None) -> None:
    if current is not None:
        transition(
            current,
            allowed_from=[TierDecisionStatus.CURRENT],
            to=TierDecisionStatus.SUPERSEDED,
            action="change the tier",
            what=TIER_DECISION,
        )


def _create_decision(**fields: object) -> TierDecision:
    """Save a new current decision; a second one made at the same moment by someone else is refused."""
    try:
        with transaction.atomic():
            return TierDecision.objects.create(**fields)
    except IntegrityError:
        raise ValidationError(
            "Someone else has just decided this person's tier: nothing has been saved. Look at it again"
        ) from None


def tier_set(
    *,
    actor: User,
    person: Person,
    tier: str,
    reason: str,
    decided_on: dt.date,
    review_due: dt.date | None = None,
) -> TierDecision:
    """Put a person in a tier, or move them to another between reviews, with the reason.

    Entering Enablement sets the review date :func:`enablement_review_due`; Personalised Support and Specialist
    Intensive Support are longer-term (seed 000) and are reviewed on the date given, if one is.
    """
    _require(actor, DayopsAction.DECIDE_TIER, person, "You cannot decide this person's tier")
    errors: dict[str, list[str]] = {}
    current = tier_current(person)
    if tier not in Tier.values:
        errors["tier"] = ["Choose a tier"]
    elif current is not None and current.tier == tier:
        errors["tier"] = [f"{person.full_name} is already in {current.get_tier_display()}"]
    if not reason.strip():
        errors["reason"] = ["Say why this tier is right for them"]
    if decided_on > timezone.localdate():
        errors["decided_on"] = ["The date of the decision must be today or in the past"]
    elif current is not None and decided_on < current.decided_on:
        errors["decided_on"] = [
            f"The date must be on or after the decision in force, {format_date(current.decided_on)}"
        ]
    due = _review_due(tier, decided_on, review_due, "review_due", errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _supersede(current)
        kind = TierDecisionKind.MOVED if current is not None and current.in_tiers else TierDecisionKind.ENTERED
        decision = _create_decision(
            person=person,
            tier=tier,
            kind=kind,
            reason=reason.strip(),
            decided_on=decided_on,
            review_due=due,
            decided_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.TIER_SET,
            subject=decision,
            person=person,
            old={"tier": current.tier} if current is not None else None,
            new={"tier": tier, "review_due": due.isoformat() if due else None},
        )
    return decision


def progression_review_record(
    *,
    actor: User,
    person: Person,
    reviewed_on: dt.date,
    outcomes_own_words: str,
    decision: str,
    reasons: str,
    tier: str = "",
    next_review_on: dt.date | None = None,
) -> ProgressionReview:
    """Record a progression review of the person's tier and carry out its decision.

    Birmingham's draft strategy (seed 000) moves away from services "for life" with no expectation of moving on:
    at each review the person either moves on to community options and leaves the tiers, moves to another tier
    (Enablement then gets its set weeks again), or stays, until a next review date that must be given.
    """
    _require(actor, DayopsAction.DECIDE_TIER, person, "You cannot review this person's tier")
    errors: dict[str, list[str]] = {}
    current = tier_current(person)
    if current is None or not current.in_tiers:
        raise ValidationError(f"{person.full_name} is not in a tier, so there is nothing to review")
    if decision not in ReviewDecision.values:
        errors["decision"] = ["Choose what the review decided"]
    if not outcomes_own_words.strip():
        errors["outcomes_own_words"] = ["Write what they have achieved, in their own words"]
    if not reasons.strip():
        errors["reasons"] = ["Give the reasons for the decision"]
    if reviewed_on > timezone.localdate():
        errors["reviewed_on"] = ["The date of the review must be today or in the past"]
    elif reviewed_on < current.decided_on:
        errors["reviewed_on"] = [
            f"The review cannot be before they entered the tier, {format_date(current.decided_on)}"
        ]
    new_tier = ""
    due: dt.date | None = None
    if decision == ReviewDecision.MOVE:
        if tier not in Tier.values:
            errors["tier"] = ["Choose the tier they move to"]
        elif tier == current.tier:
            errors["tier"] = [f"They are in {current.get_tier_display()} now: choose another tier, or choose to stay"]
        else:
            new_tier = tier
            due = _review_due(tier, reviewed_on, next_review_on, "next_review_on", errors)
    elif decision == ReviewDecision.STAY:
        new_tier = current.tier
        if next_review_on is None:
            errors["next_review_on"] = ["Enter the date of the next review"]
        elif next_review_on <= reviewed_on:
            errors["next_review_on"] = [f"The next review must be after {format_date(reviewed_on)}"]
        due = next_review_on
    if errors:
        raise ValidationError(errors)
    kind = {
        ReviewDecision.COMMUNITY: TierDecisionKind.LEFT,
        ReviewDecision.MOVE: TierDecisionKind.MOVED,
        ReviewDecision.STAY: TierDecisionKind.STAYED,
    }[ReviewDecision(decision)]
    with transaction.atomic():
        _supersede(current)
        result = _create_decision(
            person=person,
            tier=new_tier,
            kind=kind,
            reason=reasons.strip(),
            decided_on=reviewed_on,
            review_due=due,
            decided_by=actor,
        )
        review = ProgressionReview.objects.create(
            person=person,
            reviewed=current,
            result=result,
            reviewed_on=reviewed_on,
            outcomes_own_words=outcomes_own_words.strip(),
            decision=decision,
            reasons=reasons.strip(),
            reviewed_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.PROGRESSION_REVIEWED,
            subject=review,
            person=person,
            old={"tier": current.tier},
            new={"decision": decision, "tier": new_tier, "review_due": due.isoformat() if due else None},
        )
    return review


# --- placements and waiting lists ---------------------------------------------------------------------------


class SessionFull(ValidationError):
    """A session the placement asks for has no place left: the page offers the waiting list instead."""


def _clean_days(days: Sequence[str], errors: dict[str, list[str]]) -> list[str]:
    chosen = set(days)
    if not chosen:
        errors["days"] = ["Choose the days they go"]
    elif not chosen <= set(DAY_NAMES):
        errors["days"] = ["Choose days of the week"]
    return [code for code in DAY_NAMES if code in chosen]


def _service_checks(service: Service, days: list[str], session: str, errors: dict[str, list[str]]) -> None:
    """The service must be running, open on each day chosen (when its schedule is known) and, for an evening,
    run into the evening."""
    if session not in SessionPart.values:
        errors["session"] = ["Choose the part of the day"]
    if service.status != ServiceStatus.ACTIVE:
        errors["service"] = [f"{service.name} is not taking people: it is {service.get_status_display().lower()}"]
        return
    if not service.days:
        return  # no schedule in the directory: its days are not known, so none is refused
    open_days = set(service.days.split(","))
    closed = [DAY_NAMES[d] for d in days if d not in open_days]
    if closed:
        errors.setdefault("days", []).append(
            f"{service.name} is not open on {_and(closed)}: it is open on "
            f"{_and([DAY_NAMES[d] for d in DAY_NAMES if d in open_days])}"
        )
    if session == SessionPart.EVENING and not service.has_evening:
        errors.setdefault("session", []).append(f"{service.name} has no evening sessions")


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _overlapping(placements: QuerySet[Placement], starts_on: dt.date, ends_on: dt.date | None) -> QuerySet[Placement]:
    """Active placements whose dates meet ``starts_on`` to ``ends_on`` (no end: for good)."""
    placements = placements.filter(status=PlacementStatus.ACTIVE).exclude(ends_on__lt=starts_on)
    if ends_on is not None:
        placements = placements.filter(starts_on__lte=ends_on)
    return placements


def places_taken(
    service: Service,
    *,
    starts_on: dt.date,
    ends_on: dt.date | None,
    exclude_person: Person | None = None,
    exclude: Placement | None = None,
) -> dict[tuple[str, str], int]:
    """How many places of each (day, part of the day: morning, afternoon, evening) the service's active
    placements take at any time from ``starts_on`` to ``ends_on``. A full day takes a morning and an afternoon.
    ``exclude``: a placement being changed, whose places are not counted."""
    rows = Placement.objects.filter(service=service)
    if exclude_person is not None:
        rows = rows.exclude(person=exclude_person)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return places_taken_at(rows, starts_on=starts_on, ends_on=ends_on).get(service.pk, {})


def places_taken_at(
    placements: QuerySet[Placement], *, starts_on: dt.date, ends_on: dt.date | None
) -> dict[object, dict[tuple[str, str], int]]:
    """:func:`places_taken` for the services of these placements at once (by service id), in one query."""
    taken: dict[object, dict[tuple[str, str], int]] = {}
    for service_id, days, session in _overlapping(placements, starts_on, ends_on).values_list(
        "service_id", "days", "session"
    ):
        counts = taken.setdefault(service_id, {})
        for day in days.split(","):
            for slot in SLOTS[session]:
                counts[(day, slot)] = counts.get((day, slot), 0) + 1
    return taken


def _full_sessions(
    service: Service,
    days: list[str],
    session: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    exclude: Placement | None = None,
) -> list[tuple[str, str, int]]:
    """The (day, slot, taken) the placement asks for that have no place left (none when capacity is not set)."""
    if service.capacity is None:
        return []
    taken = places_taken(service, starts_on=starts_on, ends_on=ends_on, exclude=exclude)
    return [
        (day, slot, taken.get((day, slot), 0))
        for day in days
        for slot in sorted(SLOTS[session])
        if taken.get((day, slot), 0) >= service.capacity
    ]


def _funding_of(line: PlanLine) -> str:
    management = line.budget_line.management if hasattr(line, "budget_line") else line.management
    if management in (
        Management.DIRECT_PAYMENT,
        Management.DIRECT_PAYMENT_NOMINATED,
        Management.DIRECT_PAYMENT_AUTHORISED,
    ):
        return Funding.DIRECT_PAYMENT
    if management == Management.INDIVIDUAL_SERVICE_FUND:
        return Funding.INDIVIDUAL_SERVICE_FUND
    if management == Management.COUNCIL_MANAGED:
        return Funding.COUNCIL_ARRANGED
    return ""


def _plan_line_checks(
    line: PlanLine, person: Person, service: Service, starts_on: dt.date, errors: dict[str, list[str]]
) -> str:
    """The line must be a paid day-opportunity line of the person's approved plan, not yet placed, for this
    service (if it names one), and the placement cannot start before the plan does. Returns the funding."""
    version = line.version
    if version.plan.person_id != person.pk:
        errors["plan_line"] = ["That support-plan line is someone else's"]
        return ""
    if version.status != PlanStatus.APPROVED:
        errors["plan_line"] = ["Choose a line of the approved support plan"]
        return ""
    if line.kind != LineKind.DAY_OPPORTUNITY:
        errors["plan_line"] = ["Choose a day-opportunity line of the support plan"]
        return ""
    if Placement.objects.filter(plan_line=line).exists():
        errors["plan_line"] = ["That support-plan line already has its placement"]
        return ""
    if line.directory_service_id is not None and line.directory_service_id != service.pk:
        errors["plan_line"] = [f"That support-plan line is for {line.directory_service}, not {service.name}"]
    funding = _funding_of(line)
    if not funding:
        errors["plan_line"] = ["That support-plan line is not paid for: choose a paid line, or none if they pay"]
    plan_starts = version.starts_on or (version.budget.starts_on if hasattr(version, "budget") else None)
    if plan_starts is not None and starts_on < plan_starts:
        errors["starts_on"] = [
            f"The placement cannot start before the support plan does, on {format_date(plan_starts)}"
        ]
    return funding


def _twice(
    person: Person,
    days: list[str],
    session: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    exclude: Placement | None = None,
) -> str | None:
    """The words for a placement of the person's (other than ``exclude``) that already takes one of these
    sessions, if any."""
    rows = _overlapping(Placement.objects.filter(person=person, session__in=parts_sharing(session)), starts_on, ends_on)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    for other in rows.select_related("service"):
        same = [DAY_NAMES[d] for d in days if d in other.day_codes]
        if same:
            return (
                f"{person.full_name} already goes to {other.service.name} on {_and(same)} "
                f"({other.get_session_display().lower()}) from {format_date(other.starts_on)}"
            )
    return None


def placement_make(
    *,
    actor: User,
    person: Person,
    service: Service,
    days: Sequence[str],
    session: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    plan_line: PlanLine | None = None,
) -> Placement:
    """Place a person at a day service on chosen days and part of the day, funded through a day-opportunity line
    of their support plan (which then links to the placement) or, with no line, paid for by them.

    Refused, with nothing saved: a service not running or closed on a day chosen; a start before the plan's;
    a session the person already has somewhere; a session with no place left (:class:`SessionFull`, so the
    page can offer the waiting list). The service's row is locked while its places are counted, so two people
    placed at the same moment cannot both take the last place.
    """
    _require(actor, DayopsAction.PLACE, person, "You cannot place this person")
    errors: dict[str, list[str]] = {}
    chosen = _clean_days(days, errors)
    _service_checks(service, chosen, session, errors)
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = ["The end date must be on or after the start date"]
    funding = Funding.SELF_FUNDED.value
    if plan_line is not None:
        funding = _plan_line_checks(plan_line, person, service, starts_on, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Service.objects.select_for_update().filter(pk=service.pk).first()
        twice = _twice(person, chosen, session, starts_on, ends_on)
        if twice:
            raise ValidationError({"days": [twice]})
        full = _full_sessions(service, chosen, session, starts_on, ends_on)
        if full:
            day, slot, taken = full[0]
            raise SessionFull(
                {
                    "session": [
                        f"The {DAY_NAMES[day]} {slot} session at {service.name} is full ({taken} of "
                        f"{service.capacity} places taken): you can put {person.full_name} on its waiting list"
                    ]
                }
            )
        placement = Placement.objects.create(
            person=person,
            service=service,
            days=",".join(chosen),
            session=session,
            starts_on=starts_on,
            ends_on=ends_on,
            funding=funding,
            plan_line=plan_line,
            created_by=actor,
        )
        for entry in WaitingListEntry.objects.filter(person=person, service=service, status=WaitingStatus.WAITING):
            transition(entry, allowed_from=[WaitingStatus.WAITING], to=WaitingStatus.PLACED, action="place them",
                       what="waiting-list entry")  # fmt: skip
        audit_record(
            actor=actor,
            action=events.PLACEMENT_MADE,
            subject=placement,
            person=person,
            new={"service": str(service.pk), "days": placement.days, "session": session, "funding": funding,
                 "starts_on": starts_on.isoformat(), "plan_line": plan_line.pk if plan_line else None},
        )  # fmt: skip
    return placement


def waiting_list_join(
    *,
    actor: User,
    person: Person,
    service: Service,
    days: Sequence[str],
    session: str,
    wanted_from: dt.date,
) -> WaitingListEntry:
    """Put a person on a service's waiting list for a session that is full. Served first come, first served."""
    _require(actor, DayopsAction.PLACE, person, "You cannot place this person")
    errors: dict[str, list[str]] = {}
    chosen = _clean_days(days, errors)
    _service_checks(service, chosen, session, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Service.objects.select_for_update().filter(pk=service.pk).first()
        if WaitingListEntry.objects.filter(person=person, service=service, status=WaitingStatus.WAITING).exists():
            raise ValidationError(f"{person.full_name} is already on the waiting list for {service.name}")
        if not _full_sessions(service, chosen, session, wanted_from, None):
            raise ValidationError(
                f"There are places at {service.name} for these sessions: place {person.full_name} instead"
            )
        entry = WaitingListEntry.objects.create(
            person=person,
            service=service,
            days=",".join(chosen),
            session=session,
            wanted_from=wanted_from,
            joined_on=timezone.localdate(),
            added_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.WAITING_LIST_JOINED,
            subject=entry,
            person=person,
            new={"service": str(service.pk), "days": entry.days, "session": session},
        )
    return entry


# --- attendance ---------------------------------------------------------------------------------------------

#: What a register says of one person: "attended", or the reason they were absent.
MARKS = ["attended", *AbsenceReason.values]


def register_placements(service: Service, *, date: dt.date, session: str) -> QuerySet[Placement]:
    """The placements on a service's register for one day and part of the day: active that day, on that weekday."""
    code = list(DAY_NAMES)[date.weekday()]
    return (
        _overlapping(Placement.objects.filter(service=service, session=session), date, date)
        .filter(starts_on__lte=date, days__contains=code)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "id")
    )


def register_mark(
    *, actor: User, service: Service, date: dt.date, session: str, marks: Mapping[int, str]
) -> list[Attendance]:
    """Mark a service's register for a day and part of the day: for each placement on it, "attended" or the
    reason for the absence (ill, holiday, hospital, no transport, chose not to, or none given). Staff mark any
    service's register, a provider only its own services'; a day not yet come, a placement not on this register
    or a mark not in the list is refused, and nothing is saved. Absence alerts follow the marks
    (:func:`~ownway.dayops.services_attend.absence_alerts_refresh`)."""
    if not user_can_for(actor, DayopsAction.MARK_REGISTER, service):
        raise PermissionDenied("You cannot mark this service's register")
    errors: dict[str, list[str]] = {}
    if session not in SessionPart.values:
        errors["session"] = ["Choose the part of the day"]
    if date > timezone.localdate():
        errors["date"] = ["You cannot mark a register for a day that has not come yet"]
    if errors:
        raise ValidationError(errors)
    on_register = {p.pk: p for p in register_placements(service, date=date, session=session)}
    for placement_id, mark in marks.items():
        if placement_id not in on_register:
            errors.setdefault("marks", []).append("Someone marked is not on this register: look at it again")
        elif mark not in MARKS:
            errors[f"p{placement_id}"] = [f"Choose whether {on_register[placement_id].person.full_name} came"]
    if errors:
        raise ValidationError(errors)
    saved: list[Attendance] = []
    changed: list[Placement] = []
    new_marks: list[Attendance] = []
    corrected: list[Attendance] = []
    trail: list[Changed] = []
    now = timezone.now()
    with transaction.atomic():
        # The session's marks are read, written and put on the trail a few statements at a time, whatever the
        # number of people on the register (a row at a time took 8 queries a person).
        before_of = {
            a.placement_id: a
            for a in Attendance.objects.select_for_update().filter(placement__in=list(marks), date=date)
        }
        for placement_id, mark in marks.items():
            placement = on_register[placement_id]
            status = AttendanceStatus.ATTENDED if mark == "attended" else AttendanceStatus.ABSENT
            reason = "" if mark == "attended" else mark
            attendance = before_of.get(placement_id)
            if attendance is not None and (attendance.status, attendance.absence_reason) == (status, reason):
                saved.append(attendance)
                continue
            old = None
            if attendance is None:
                attendance = Attendance(placement=placement, date=date, status=status, absence_reason=reason,
                                        marked_by=actor, marked_at=now)  # fmt: skip
                new_marks.append(attendance)
            else:
                old = {"status": attendance.status, "absence_reason": attendance.absence_reason}
                attendance.status, attendance.absence_reason = status, reason
                attendance.marked_by, attendance.marked_at = actor, now
                corrected.append(attendance)
            trail.append((attendance, placement.person_id, old,
                          {"date": date.isoformat(), "status": status, "absence_reason": reason}))  # fmt: skip
            saved.append(attendance)
            changed.append(placement)
        try:
            with transaction.atomic():
                Attendance.objects.bulk_create(new_marks)
        except IntegrityError:
            raise ValidationError(
                {"marks": ["Someone else marked this register at the same moment: look at it again"]}
            ) from None
        Attendance.objects.bulk_update(corrected, ["status", "absence_reason", "marked_by", "marked_at"])
        audit_records(actor=actor, action=events.REGISTER_MARKED, changed=trail)
        from .services_attend import absence_alerts_refresh  # it builds on this module

        absence_alerts_refresh(actor=actor, placements=changed)
    return saved
