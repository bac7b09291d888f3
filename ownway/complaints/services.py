"""Every write to a complaint: made, recorded, acknowledged, its response period agreed or put back, answered,
and the links to a review of the plan and to a safeguarding concern. Each is one transaction and audited.

The clock (``rules``) reads the council's timescales (``ComplaintTimescale``) and its working days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import WorkingDays, add_months, add_years, format_date
from ownway.core.text import too_long_for, without_control_characters
from ownway.core.workflow import transition
from ownway.people.models import Person

from . import events, rules
from .models import (
    Channel,
    Complaint,
    ComplaintTimescale,
    Extension,
    MadeBy,
    Outcome,
    Procedure,
    Stage,
    Status,
)
from .permissions import ComplaintAction, user_can_for

if TYPE_CHECKING:
    from ownway.reviews.models import Review
    from ownway.safeguarding.models import Concern

#: How far back a matter may be dated, and a complaint received, when it is recorded.
OLDEST_MATTER_YEARS = 10
OLDEST_RECEIPT_DAYS = 366


def working_days() -> WorkingDays:
    return WorkingDays.for_council(settings.OWNWAY_CLOSED_DAYS)


def period(procedure: str, stage: str) -> rules.Period:
    """The council's period for a stage of a procedure (:class:`ComplaintTimescale`), or the default."""
    row = ComplaintTimescale.objects.filter(procedure=procedure, stage=stage).first()
    if row is not None:
        return rules.Period(row.amount, rules.Unit(row.unit))
    clock = rules.DEFAULT_CLOCKS[rules.Procedure(procedure)]
    if stage == Stage.OMBUDSMAN:
        return rules.Period(12, rules.Unit.MONTHS)
    return {
        Stage.TIME_LIMIT: clock.time_limit,
        Stage.ACKNOWLEDGE: clock.acknowledge,
        Stage.RESPOND: clock.respond,
    }[Stage(stage)]


# --- Making or recording a complaint -------------------------------------------------------------------------


@dataclass
class ComplaintData:
    """A complaint as a form hands it over."""

    what_happened: str
    matter_on: dt.date | None
    procedure: str = Procedure.STATUTORY
    made_by: str = MadeBy.PERSON
    noticed_on: dt.date | None = None
    put_right: str = ""
    complainant_name: str = ""
    complainant_relationship: str = ""
    about_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    #: Staff: the day it reached the council (a letter, a call), if not today.
    received_on: dt.date | None = None
    #: Staff: why the council takes a late complaint (reg 12(2)).
    waiver_reason: str = ""


_LABELS = {
    "what_happened": "What you are unhappy about",
    "put_right": "What you would like to happen",
    "complainant_name": "Your name",
    "complainant_relationship": "How you know them",
    "about_name": "Their name",
    "email": "Email address",
    "phone": "Phone number",
    "address": "Postal address",
    "waiver_reason": "The reason",
}


def _clean(data: ComplaintData) -> None:
    for name in _LABELS:
        value = getattr(data, name)
        setattr(data, name, without_control_characters(value or "", keep_lines=True).strip())


def complaint_check(
    data: ComplaintData, *, today: dt.date, person: Person | None, staff: bool
) -> tuple[dict[str, str], rules.TimeLimit | None]:
    """What is wrong with a complaint before it is saved (field name to message), and whether it is late."""
    _clean(data)
    errors: dict[str, str] = {}
    if data.procedure not in Procedure.values:
        errors["procedure"] = "Choose which complaints procedure this follows"
    if data.made_by not in MadeBy.values:
        errors["made_by"] = "Say who is making the complaint"
    if not data.what_happened:
        errors["what_happened"] = "Tell us what you are unhappy about"
    for name, label in _LABELS.items():
        if name not in errors and (problem := too_long_for(Complaint, name, getattr(data, name), label)):
            errors[name] = problem
    if data.email and "email" not in errors:
        try:
            validate_email(data.email)
        except ValidationError:
            errors["email"] = "Enter an email address in the right format, like name@example.com"
    anonymous = data.made_by == MadeBy.ANONYMOUS
    if anonymous and person is not None:
        errors["made_by"] = "A complaint about your own record cannot be anonymous"
    if not anonymous and person is None and not (data.email or data.phone or data.address):
        errors["email"] = (
            "Give an email address, a phone number or a postal address so we can reply to you, or choose to make "
            "the complaint without giving your name"
        )
    if data.made_by == MadeBy.ON_BEHALF and not data.complainant_name and "made_by" not in errors:
        errors["complainant_name"] = "Give your name, as you are complaining for someone else"
    received = data.received_on or today
    if staff and not today - dt.timedelta(days=OLDEST_RECEIPT_DAYS) <= received <= today:
        errors["received_on"] = "The day it reached us must be today or within the last year"
    earliest = add_years(today, -OLDEST_MATTER_YEARS)
    if data.matter_on is None:
        errors["matter_on"] = "Enter when it happened"
    elif not earliest <= data.matter_on <= received:
        errors["matter_on"] = f"When it happened must be between {format_date(earliest)} and {format_date(received)}"
    if (
        data.noticed_on is not None
        and data.matter_on is not None
        and "matter_on" not in errors
        and not data.matter_on <= data.noticed_on <= received
    ):
        errors["noticed_on"] = "When you found out must be on or after when it happened, and not in the future"
    limit = None
    if data.matter_on is not None and not {"matter_on", "noticed_on", "procedure"} & errors.keys():
        limit = rules.time_limit(
            matter_on=data.matter_on,
            noticed_on=data.noticed_on,
            received_on=received,
            limit=period(data.procedure, Stage.TIME_LIMIT),
        )
        if staff and limit.late and not data.waiver_reason:
            errors["waiver_reason"] = (
                f"This complaint is late: {limit.explanation} Give the reason the council takes it "
                "(reg 12(2): good reason, and a fair investigation is still possible), or do not record it"
            )
    return errors, limit


def _save(
    *, data: ComplaintData, channel: str, person: Person | None, made_by_user: User | None,
    recorded_by: User | None, staff: bool,
) -> Complaint:  # fmt: skip
    now = timezone.now()
    today = timezone.localdate(now)
    errors, limit = complaint_check(data, today=today, person=person, staff=staff)
    if errors:
        raise ValidationError(errors)
    assert limit is not None
    assert data.matter_on is not None
    received = data.received_on or today
    calendar = working_days()
    anonymous = data.made_by == MadeBy.ANONYMOUS
    complaint = Complaint.objects.create(
        procedure=data.procedure,
        channel=channel,
        made_by=data.made_by,
        person=person,
        made_by_user=made_by_user,
        recorded_by=recorded_by,
        complainant_name="" if anonymous else data.complainant_name or (person.full_name if person else ""),
        complainant_relationship=data.complainant_relationship,
        about_name=data.about_name or (person.full_name if person else ""),
        email=data.email,
        phone=data.phone,
        address=data.address,
        what_happened=data.what_happened,
        put_right=data.put_right,
        matter_on=data.matter_on,
        noticed_on=data.noticed_on,
        received_on=received,
        received_at=now,
        late=limit.late,
        time_limit_explanation=limit.explanation[:500],
        waiver_reason=data.waiver_reason if limit.late else "",
        acknowledge_by=rules.acknowledge_by(
            received_on=received, period=period(data.procedure, Stage.ACKNOWLEDGE), calendar=calendar
        ),
        respond_by=rules.respond_by(
            received_on=received, period=period(data.procedure, Stage.RESPOND), calendar=calendar
        ),
    )
    complaint.reference = f"C{complaint.pk:07d}"
    complaint.save(update_fields=["reference"])
    return complaint


def complaint_make_public(*, data: ComplaintData) -> Complaint:
    """A complaint from anyone through the public form; anonymous if they wish (then no reply can be sent, and the
    record says so). A late one is kept, for the council to decide whether to take it."""
    with transaction.atomic():
        complaint = _save(
            data=data, channel=Channel.PUBLIC, person=None, made_by_user=None, recorded_by=None, staff=False
        )
        audit_record(actor=None, action=events.COMPLAINT_MADE_PUBLIC, subject=complaint)
    return complaint


def complainable_people(user: User) -> list[Person]:
    """The people a signed-in citizen may complain about: themselves, and whoever they care for now."""
    if user.person_id is None:
        return []
    from ownway.people.models import CaringRelationship

    cared = CaringRelationship.objects.filter(carer_id=user.person_id, ended_on__isnull=True).select_related(
        "cared_for"
    )
    own = Person.objects.filter(pk=user.person_id).first()
    return ([own] if own else []) + [c.cared_for for c in cared[:20]]


def complaint_make_online(*, actor: User, person: Person, data: ComplaintData) -> Complaint:
    """A signed-in citizen complains about their own care, or a carer about the care of the person they care for."""
    if person.pk not in {p.pk for p in complainable_people(actor)}:
        raise PermissionDenied("You can complain only about your own care or the care of someone you care for")
    data.made_by = MadeBy.PERSON if person.pk == actor.person_id else MadeBy.ON_BEHALF
    if data.made_by == MadeBy.ON_BEHALF and not data.complainant_name and actor.person is not None:
        data.complainant_name = actor.person.full_name
    with transaction.atomic():
        complaint = _save(
            data=data, channel=Channel.ONLINE, person=person, made_by_user=actor, recorded_by=None, staff=False
        )
        audit_record(actor=actor, action=events.COMPLAINT_MADE_ONLINE, subject=complaint, person=person)
    return complaint


def complaint_record(*, actor: User, person: Person, data: ComplaintData) -> Complaint:
    """Staff record a complaint from a person's record (the caller has opened the record): by phone, letter or in
    person, on the day it reached the council. A late one needs the reason the council takes it."""
    with transaction.atomic():
        complaint = _save(
            data=data, channel=Channel.STAFF, person=person, made_by_user=None, recorded_by=actor, staff=True
        )
        audit_record(actor=actor, action=events.COMPLAINT_RECORDED, subject=complaint, person=person)
    return complaint


# --- The clock ----------------------------------------------------------------------------------------------


def _require(actor: User, complaint: Complaint) -> None:
    if not user_can_for(actor, ComplaintAction.HANDLE, complaint):
        raise PermissionDenied("Only the complaints team handles complaints")


def _text(
    errors: dict[str, str], name: str, value: str, label: str, *, required: str = "", model: type = Complaint
) -> str:
    value = without_control_characters(value or "", keep_lines=True).strip()
    if required and not value:
        errors[name] = required
    elif problem := too_long_for(model, name, value, label):
        errors[name] = problem
    return value


@dataclass
class AcknowledgementData:
    acknowledged_on: dt.date | None
    how: str
    discussion_offered: bool
    discussion_note: str = ""
    #: A response date agreed with the person (reg 14(2)(b)); None keeps the default period.
    agreed_respond_by: dt.date | None = None
    waiver_reason: str = ""


def complaint_acknowledge(
    *, actor: User, complaint: Complaint, data: AcknowledgementData, today: dt.date | None = None
) -> Complaint:
    """Reg 13(1)-(3) of SI 2009/309: acknowledge the complaint (by the third working day), offering to discuss how
    it will be handled and the response period; record whether a period was agreed. A late complaint is taken only
    with the reason the council waives the time limit (reg 12(2))."""
    _require(actor, complaint)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    how = _text(errors, "acknowledged_how", data.how, "How", required="Say how you acknowledged it")
    note = _text(errors, "discussion_note", data.discussion_note, "What was discussed")
    waiver = _text(errors, "waiver_reason", data.waiver_reason, "The reason")
    if data.acknowledged_on is None or not complaint.received_on <= data.acknowledged_on <= today:
        errors["acknowledged_on"] = (
            f"The day you acknowledged it must be between {format_date(complaint.received_on)} and today"
        )
    if not data.discussion_offered:
        errors["discussion_offered"] = (
            "Offer to discuss how the complaint will be handled and how long the answer will take (reg 13(2))"
        )
    if complaint.late and not (waiver or complaint.waiver_reason):
        errors["waiver_reason"] = (
            "This complaint was made late: give the reason the council takes it (good reason, and a fair "
            "investigation is still possible)"
        )
    agreed = data.agreed_respond_by
    if agreed is not None and not today <= agreed <= add_months(complaint.received_on, 24):
        errors["agreed_respond_by"] = "The agreed date must be from today to 2 years after the complaint arrived"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = transition(
            complaint, allowed_from=[Status.RECEIVED], to=Status.ACKNOWLEDGED, action="acknowledge it",
            what="complaint",
        )  # fmt: skip
        locked.acknowledged_on = data.acknowledged_on
        locked.acknowledged_how = how
        locked.discussion_offered = True
        locked.discussion_note = note
        if complaint.late and waiver:
            locked.waiver_reason = waiver
        if agreed is not None:
            locked.respond_by = agreed
            locked.period_agreed = True
        locked.lock_version += 1
        locked.save()
        audit_record(
            actor=actor, action=events.COMPLAINT_ACKNOWLEDGED, subject=locked, person=locked.person,
            new={"acknowledged_on": str(data.acknowledged_on), "respond_by": str(locked.respond_by)},
        )  # fmt: skip
    return locked


def complaint_decline_late(*, actor: User, complaint: Complaint, reason: str) -> Complaint:
    """Reg 12(2) of SI 2009/309: a complaint made after the time limit is not taken when there is no good reason
    for the delay or a fair investigation is no longer possible; the reason is recorded (and told to the person)."""
    _require(actor, complaint)
    errors: dict[str, str] = {}
    reason = _text(errors, "not_taken_reason", reason, "The reason", required="Say why the complaint is not taken")
    if not complaint.late:
        errors["not_taken_reason"] = "This complaint was made in time: it must be looked into"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = transition(
            complaint, allowed_from=[Status.RECEIVED], to=Status.NOT_TAKEN, action="decide not to take it",
            what="complaint",
        )  # fmt: skip
        locked.not_taken_reason = reason
        locked.lock_version += 1
        locked.save(update_fields=["not_taken_reason", "lock_version"])
        complaint.not_taken_reason = reason
        audit_record(actor=actor, action=events.NOT_TAKEN, subject=locked, person=locked.person)
    return locked


def complaint_extend(
    *, actor: User, complaint: Complaint, new_due: dt.date | None, reason: str, agreed_with: str, agreed: bool,
    today: dt.date | None = None,
) -> Extension:  # fmt: skip
    """Put back the response date, as agreed with the person (reg 14(2)(b)); each change kept as its own row.
    Reg 14(2)(b): if the response cannot be sent in time, the council tells the person why."""
    _require(actor, complaint)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    reason = _text(errors, "reason", reason, "Why", required="Say why the answer needs longer", model=Extension)
    agreed_with = without_control_characters(agreed_with or "").strip()
    if not agreed_with:
        errors["agreed_with"] = "Say who agreed to the new date, and how"
    elif len(agreed_with) > 200:
        errors["agreed_with"] = "Who agreed must be 200 characters or fewer"
    if new_due is None:
        errors["new_due"] = "Enter the new date for the answer"
    else:
        check = rules.extension_check(
            current_due=complaint.respond_by, new_due=new_due, today=today, agreed=agreed,
            procedure=rules.Procedure(complaint.procedure), received_on=complaint.received_on,
            calendar=working_days(),
        )  # fmt: skip
        if not check.allowed:
            errors["agreed" if not agreed else "new_due"] = check.problem
    if errors:
        raise ValidationError(errors)
    assert new_due is not None
    with transaction.atomic():
        locked = transition(
            complaint, allowed_from=[Status.RECEIVED, Status.ACKNOWLEDGED], action="change its response date",
            what="complaint",
        )  # fmt: skip
        extension = Extension.objects.create(
            complaint=locked, old_due=locked.respond_by, new_due=new_due, reason=reason, agreed_with=agreed_with,
            recorded_by=actor,
        )  # fmt: skip
        locked.respond_by = new_due
        locked.period_agreed = True
        locked.lock_version += 1
        locked.save(update_fields=["respond_by", "period_agreed", "lock_version"])
        complaint.respond_by = new_due
        audit_record(
            actor=actor, action=events.PERIOD_EXTENDED, subject=locked, person=locked.person,
            old={"respond_by": str(extension.old_due)}, new={"respond_by": str(new_due)},
        )  # fmt: skip
    return extension


# --- The response -------------------------------------------------------------------------------------------


@dataclass
class ResponseData:
    outcome: str
    findings: str
    what_changed: str = ""
    #: What changed includes a review of the person's plan (asked for from the complaint first).
    review_of_plan: bool = False
    responded_on: dt.date | None = None


def complaint_respond(
    *, actor: User, complaint: Complaint, data: ResponseData, today: dt.date | None = None
) -> Complaint:
    """Reg 14(1)(b) of SI 2009/309: the written response says how the complaint was considered, what was concluded
    and what action is taken, with the right to go to the Local Government and Social Care Ombudsman. The letter
    (``letters``) goes to the person; an anonymous complaint with no contact is answered on the record only."""
    _require(actor, complaint)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if data.outcome not in Outcome.values:
        errors["outcome"] = "Choose whether the complaint is upheld, partly upheld or not upheld"
    findings = _text(errors, "findings", data.findings, "What we found", required="Say what you found, and why")
    changed = _text(errors, "what_changed", data.what_changed, "What changed")
    if data.outcome in (Outcome.UPHELD, Outcome.PARTLY) and not changed and not data.review_of_plan:
        errors["what_changed"] = "Say what the council has done or will do, as the complaint is upheld"
    if data.review_of_plan and complaint.review_id is None:
        errors["review_of_plan"] = "Ask for the review of the plan from this complaint first, then answer it"
    responded_on = data.responded_on or today
    if not complaint.received_on <= responded_on <= today:
        errors["responded_on"] = f"The answer's date must be between {format_date(complaint.received_on)} and today"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = transition(
            complaint, allowed_from=[Status.ACKNOWLEDGED], to=Status.RESPONDED, action="answer it",
            what="complaint",
        )  # fmt: skip
        locked.outcome = data.outcome
        locked.findings = findings
        locked.what_changed = changed
        locked.responded_on = responded_on
        locked.responded_by = actor
        if not data.review_of_plan:
            locked.review = None
        locked.lock_version += 1
        locked.save()
        audit_record(
            actor=actor, action=events.COMPLAINT_RESPONDED, subject=locked, person=locked.person,
            new={"outcome": data.outcome},
        )  # fmt: skip
        if locked.person is not None:
            from .letters import response_letter_send

            response_letter_send(actor=actor, complaint=locked)
    return locked


def complaint_ombudsman(*, actor: User, complaint: Complaint, referred_on: dt.date | None) -> None:
    """Record that the complainant took the complaint to the Ombudsman (for the yearly report, reg 18(1)(c))."""
    _require(actor, complaint)
    today = timezone.localdate()
    if referred_on is None or not complaint.received_on <= referred_on <= today:
        raise ValidationError({"referred_on": "The date must be between when the complaint arrived and today"})
    with transaction.atomic():
        transition(complaint, allowed_from=[Status.RESPONDED], action="record it", what="complaint")
        Complaint.objects.filter(pk=complaint.pk).update(ombudsman_referred_on=referred_on)
        complaint.ombudsman_referred_on = referred_on
        audit_record(actor=actor, action=events.OMBUDSMAN_REFERRED, subject=complaint, person=complaint.person)


# --- Links: a review of the plan, a safeguarding concern -------------------------------------------------------


def complaint_review_request(*, actor: User, complaint: Complaint, note: str, due_on: dt.date) -> Review:
    """Ask for an unplanned review of the person's plan because of a complaint (CLD Review Reason "Complaint";
    Care Act 2014 s.27(1)(b)), through the reviews app's own service, which checks the actor may ask for one and
    puts it on the reviewer's worklist at once."""
    from ownway.planning.models import PlanStatus, SupportPlan
    from ownway.reviews.rules import ReviewReason
    from ownway.reviews.services import review_request

    if complaint.person is None:
        raise ValidationError({"__all__": "This complaint is not about a person on our records"})
    if complaint.status not in (Status.RECEIVED, Status.ACKNOWLEDGED):
        raise ValidationError({"__all__": "This complaint has been answered: ask for a review from the record"})
    plan = (
        SupportPlan.objects.filter(person=complaint.person, versions__status=PlanStatus.APPROVED)
        .distinct()
        .order_by("-created_at", "-pk")
        .first()
    )
    if plan is None:
        raise ValidationError({"__all__": "They have no approved support plan to review"})
    with transaction.atomic():
        review = review_request(actor=actor, plan=plan, reason=ReviewReason.COMPLAINT, note=note, due_on=due_on)
        Complaint.objects.filter(pk=complaint.pk).update(review=review)
        complaint.review = review
        audit_record(
            actor=actor, action=events.REVIEW_REQUESTED, subject=complaint, person=complaint.person,
            new={"review": review.pk},
        )  # fmt: skip
    return review


def complaint_concern_raise(*, actor: User, complaint: Complaint, what_happened: str) -> Concern:
    """Raise a safeguarding concern about the person from their complaint, through the safeguarding app's service
    for staff-raised concerns (the actor must be one who may raise one, and open the person's record)."""
    from ownway.safeguarding.permissions import SafeguardingAction
    from ownway.safeguarding.permissions import user_can as safeguarding_can
    from ownway.safeguarding.services import ConcernData, concern_raise_for_person

    if complaint.person is None:
        raise ValidationError(
            {"__all__": "This complaint is not about a person on our records: use the public form to report abuse"}
        )
    from .permissions import visible_to

    if not (safeguarding_can(actor, SafeguardingAction.RAISE) and visible_to(actor).filter(pk=complaint.pk).exists()):
        raise PermissionDenied("You cannot raise a safeguarding concern about this person")
    errors: dict[str, str] = {}
    text = _text(errors, "what_changed", what_happened, "What is happening", required="Say what is happening")
    if errors:
        raise ValidationError({"what_happened": errors["what_changed"]})
    with transaction.atomic():
        concern = concern_raise_for_person(
            actor=actor, person=complaint.person,
            data=ConcernData(what_happened=f"From complaint {complaint.reference}: {text}"[:5000]),
        )  # fmt: skip
        Complaint.objects.filter(pk=complaint.pk).update(concern=concern)
        complaint.concern = concern
        audit_record(
            actor=actor, action=events.CONCERN_RAISED, subject=complaint, person=complaint.person,
            new={"concern": concern.pk},
        )  # fmt: skip
    return concern
