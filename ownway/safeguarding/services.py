"""Safeguarding services: raising a concern, the s.42 decision, the enquiry and its closure.

Every write is in a transaction and on the audit trail. The rules of law and guidance each name their source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import WorkingDays
from ownway.core.versioning import version_claim
from ownway.people.models import Person

if TYPE_CHECKING:
    from ownway.reviews.models import Review

from . import events
from .access import record_access_after_closing
from .models import (
    Channel,
    Concern,
    ConcernAttempt,
    ConcernStatus,
    Decision,
    DecisionOutcome,
    Disclosure,
    Enquiry,
    EnquiryAction,
    EnquiryKind,
    EnquiryStatus,
    PersonAlleged,
    SafeguardingValue,
    Timescale,
    TimescaleStage,
    ValueList,
    ViewSought,
)

#: A public concern from one address beyond this many in :data:`FLOOD_WINDOW` is kept but held back for a look,
#: so a flood does not bury the worklist and a genuine concern in it is never lost.
FLOOD_LIMIT = 5
FLOOD_WINDOW = dt.timedelta(hours=1)
#: Beyond this many in a day from one address, the form asks the sender to phone instead: a bound on what one
#: address can store. The page still gives the numbers to call, and 999.
DAILY_LIMIT = 50


def working_days() -> WorkingDays:
    return WorkingDays.for_council(settings.OWNWAY_CLOSED_DAYS)


def due_after(start: dt.datetime, stage: str) -> dt.datetime:
    """When a stage started at ``start`` is due, from the council's timescale for it (:class:`Timescale`).

    The decision on a concern is due by the end of the next working day by default (Pan Lancashire and Cumbria
    procedures: "decision by end of the working day following referral"): a concern received on Friday
    4 December 2026 is due by the end of Monday 7 December; one received on Thursday 24 December 2026, by the end
    of Tuesday 29 December (Christmas Day and the Boxing Day holiday on Monday 28 are not working days).
    """
    timescale = Timescale.objects.filter(stage=stage).first()
    days = timescale.working_days if timescale is not None else 1
    local = timezone.localtime(start)
    due_day = working_days().add(local.date(), days)
    if timescale is not None and not timescale.end_of_day:
        return local.replace(year=due_day.year, month=due_day.month, day=due_day.day)
    end = dt.datetime.combine(due_day, dt.time(23, 59, 59))
    return timezone.make_aware(end, timezone.get_current_timezone())


def values(value_list: str) -> list[SafeguardingValue]:
    return list(SafeguardingValue.objects.filter(list=value_list, is_active=True))


def _value(value_list: str, code: str | None, field_name: str) -> SafeguardingValue | None:
    if not code:
        return None
    value = SafeguardingValue.objects.filter(list=value_list, code=code, is_active=True).first()
    if value is None:
        raise ValidationError({field_name: "Select one of the options"})
    return value


def _values(value_list: str, codes: list[str], field_name: str) -> list[SafeguardingValue]:
    found = list(SafeguardingValue.objects.filter(list=value_list, code__in=codes, is_active=True))
    if len(found) != len(set(codes)):
        raise ValidationError({field_name: "Select from the options"})
    return found


# --- Raising a concern --------------------------------------------------------------------------------------


@dataclass
class ConcernData:
    """A concern as a form hands it over. Nothing about the person raising it is required."""

    what_happened: str
    adult_name: str = ""
    adult_address: str = ""
    adult_postcode: str = ""
    adult_age: str = ""
    adult_knows: str = "not_known"
    where_and_when: str = ""
    adult_wants: str = ""
    suspected_types: list[str] = field(default_factory=list)
    hate_crime: bool = False
    raised_by: str = ""
    raiser_name: str = ""
    raiser_phone: str = ""
    raiser_email: str = ""
    alleged: str = ""


def concern_client_hash(ip_address: str) -> str:
    """A keyed hash of the sender's address: the flood check stores no IP address."""
    return hmac.new(settings.SECRET_KEY.encode(), b"safeguarding:" + ip_address.encode(), hashlib.sha256).hexdigest()


def concern_flood_state(*, client_hash: str, now: dt.datetime | None = None) -> str:
    """ "ok", "hold" (keep it, but apart, for a look) or "refuse" (over the daily bound: ask them to phone)."""
    now = now or timezone.now()
    attempts = ConcernAttempt.objects.filter(client_hash=client_hash, at__gt=now - dt.timedelta(days=1))
    if attempts.count() >= DAILY_LIMIT:
        return "refuse"
    if attempts.filter(at__gt=now - FLOOD_WINDOW).count() >= FLOOD_LIMIT:
        return "hold"
    return "ok"


def _reference(concern: Concern) -> None:
    concern.reference = f"S{concern.pk:07d}"
    concern.save(update_fields=["reference"])


def _save_concern(*, data: ConcernData, channel: str, person: Person | None, actor: User | None, held: bool) -> Concern:
    if not data.what_happened.strip():
        raise ValidationError({"what_happened": "Tell us what is happening"})
    now = timezone.now()
    concern = Concern(
        channel=channel,
        person=person,
        adult_name=data.adult_name or (person.full_name if person else ""),
        adult_address=data.adult_address,
        adult_postcode=data.adult_postcode,
        adult_age=data.adult_age,
        adult_knows=data.adult_knows,
        what_happened=data.what_happened,
        where_and_when=data.where_and_when,
        adult_wants=data.adult_wants,
        hate_crime=data.hate_crime,
        raised_by=_value(ValueList.RAISED_BY, data.raised_by, "raised_by"),
        raiser_name=data.raiser_name,
        raiser_phone=data.raiser_phone,
        raiser_email=data.raiser_email,
        raised_by_user=actor,
        received_at=now,
        decision_due_at=due_after(now, TimescaleStage.DECISION),
        held_back=held,
    )
    types = _values(ValueList.RISK_TYPE, data.suspected_types, "suspected_types")
    concern.full_clean(exclude=["reference", "decision_due_at", "raised_by_user", "person", "raised_by"])
    concern.save()
    _reference(concern)
    concern.suspected_types.set(types)
    if data.alleged.strip():
        PersonAlleged.objects.create(concern=concern, description=data.alleged.strip()[:300])
    return concern


def concern_raise_public(*, data: ConcernData, client_hash: str) -> Concern:
    """A concern from anyone, through the public form: anonymous if they wish. A flood from one address is
    held back (still kept) rather than refused; the caller refuses only beyond :data:`DAILY_LIMIT`."""
    with transaction.atomic():
        held = concern_flood_state(client_hash=client_hash) == "hold"
        concern = _save_concern(data=data, channel=Channel.PUBLIC, person=None, actor=None, held=held)
        now = timezone.now()
        ConcernAttempt.objects.filter(at__lt=now - dt.timedelta(days=2)).delete()
        ConcernAttempt.objects.create(client_hash=client_hash, at=now)
        audit_record(actor=None, action=events.CONCERN_RAISED_PUBLIC, subject=concern, new={"held_back": held})
    return concern


def concern_raise_for_person(*, actor: User, person: Person, data: ConcernData) -> Concern:
    """A concern raised by staff from a person's record (the caller has checked they may open the record)."""
    with transaction.atomic():
        concern = _save_concern(data=data, channel=Channel.STAFF, person=person, actor=actor, held=False)
        audit_record(actor=actor, action=events.CONCERN_RAISED, subject=concern, person=person)
    return concern


def concern_release(*, actor: User, concern: Concern) -> None:
    """Put a held-back concern on the worklist with the others, once someone has looked at it."""
    with transaction.atomic():
        Concern.objects.filter(pk=concern.pk).update(held_back=False)
        audit_record(actor=actor, action=events.CONCERN_RELEASED, subject=concern, person=concern.person)
    concern.held_back = False


def concern_allocate(*, actor: User, concern: Concern, worker: User, expected_version: int | None = None) -> None:
    with transaction.atomic():
        version_claim(concern, expected_version=expected_version, what="safeguarding concern")
        old = concern.worker_id
        concern.worker = worker
        concern.save(update_fields=["worker"])
        audit_record(
            actor=actor,
            action=events.CONCERN_ALLOCATED,
            subject=concern,
            person=concern.person,
            old={"worker": old},
            new={"worker": worker.pk},
        )


def concern_link_person(*, actor: User, concern: Concern, reference: str) -> Person:
    """Link a concern to the adult's record, by its council reference. The safeguarding team works for adults at
    risk anywhere in the council, so it finds any record by its exact reference (the caller has checked the actor is
    in the team); the look-up and the link are on the audit trail."""
    wanted = "".join(reference.split()).upper()[:20]
    person = Person.objects.filter(reference=wanted).first() if wanted else None
    if person is None:
        raise ValidationError({"reference": f"There is no record with the reference {wanted or reference[:20]}"})
    with transaction.atomic():
        version_claim(concern, expected_version=None, what="safeguarding concern")
        concern.person = person
        if not concern.adult_name:
            concern.adult_name = person.full_name
        concern.save(update_fields=["person", "adult_name"])
        audit_record(actor=actor, action=events.CONCERN_LINKED, subject=concern, person=person)
    return person


def concern_review_request(*, actor: User, concern: Concern, note: str, due_on: dt.date) -> Review:
    """Ask for an unplanned review of the adult's support plan because of a concern (CLD Review Reason
    "Safeguarding concern"; Care Act 2014 s.27(1)(b)), through the reviews app's own service, which checks that the
    actor may ask for one. What the note says is what the person's workers see: it is written for them."""
    from ownway.planning.models import PlanStatus, SupportPlan
    from ownway.reviews.rules import ReviewReason
    from ownway.reviews.services import review_request

    if concern.person is None:
        raise ValidationError({"__all__": "Link the concern to the person's record before asking for a review"})
    plan = (
        SupportPlan.objects.filter(person=concern.person, versions__status=PlanStatus.APPROVED)
        .distinct()
        .order_by("-created_at", "-pk")
        .first()
    )
    if plan is None:
        raise ValidationError({"__all__": "They have no approved support plan to review"})
    with transaction.atomic():
        review = review_request(actor=actor, plan=plan, reason=ReviewReason.SAFEGUARDING, note=note, due_on=due_on)
        audit_record(
            actor=actor,
            action=events.REVIEW_REQUESTED,
            subject=concern,
            person=concern.person,
            new={"review": review.pk},
        )
    return review


def alleged_disclosure(*, actor: User, alleged: PersonAlleged, disclosure: str, reasons: str) -> None:
    """Decide, deliberately, what the person alleged to have caused harm is told, with the reasons (never by
    default: London multi-agency procedures, and the SAC guidance's care over the source of risk)."""
    if disclosure not in Disclosure.values or disclosure == Disclosure.NOT_DECIDED:
        raise ValidationError({"disclosure": "Select what they are told"})
    if not reasons.strip():
        raise ValidationError({"disclosure_reasons": "Give the reasons for the decision"})
    with transaction.atomic():
        old = alleged.disclosure
        alleged.disclosure = disclosure
        alleged.disclosure_reasons = reasons.strip()
        alleged.full_clean(exclude=["concern", "person", "source"])
        alleged.save(update_fields=["disclosure", "disclosure_reasons"])
        audit_record(
            actor=actor,
            action=events.DISCLOSURE_DECIDED,
            subject=alleged,
            person=alleged.concern.person,
            old={"disclosure": old},
            new={"disclosure": disclosure},
        )


# --- The s.42 decision ---------------------------------------------------------------------------------------


@dataclass
class DecisionData:
    view_sought: str
    adult_view: str
    has_care_needs: bool
    has_care_needs_reasons: str
    at_risk: bool
    at_risk_reasons: str
    cannot_protect: bool
    cannot_protect_reasons: str
    outcome: str
    disposal: str = ""
    advice_given: str = ""


def decision_check(data: DecisionData) -> dict[str, str]:
    """What is wrong with a decision, by field (empty when it may be recorded).

    Care Act 2014 s.42(1)–(2): when all three criteria are met the council **must** make (or cause to be made)
    an enquiry, so "no enquiry" and "other enquiry" are refused. An "other" enquiry is one where not all three are
    met but an enquiry is judged necessary and proportionate (SAC guidance). No enquiry records what happened
    instead and the advice or signposting given. Each criterion has its reasons. The adult's view comes first
    where safe (Making Safeguarding Personal): "asked" needs what they said.
    """
    problems: dict[str, str] = {}
    for name, label in (
        ("has_care_needs_reasons", "whether they have needs for care and support"),
        ("at_risk_reasons", "whether they are experiencing or at risk of abuse or neglect"),
        ("cannot_protect_reasons", "whether they can protect themselves"),
    ):
        if not getattr(data, name).strip():
            problems[name] = f"Give your reasons for {label}"
    if data.view_sought == ViewSought.ASKED and not data.adult_view.strip():
        problems["adult_view"] = "Write what the adult said, in their own words"
    met = data.has_care_needs and data.at_risk and data.cannot_protect
    if met and data.outcome != DecisionOutcome.S42:
        problems["outcome"] = "All three criteria are met, so the council must make a section 42 enquiry"
    elif not met and data.outcome == DecisionOutcome.S42:
        problems["outcome"] = "A section 42 enquiry needs all three criteria met: choose an other enquiry or none"
    if data.outcome == DecisionOutcome.NONE:
        if not data.disposal:
            problems["disposal"] = "Select what happens instead of an enquiry"
        if not data.advice_given.strip():
            problems["advice_given"] = "Write the advice, information or signposting given"
    return problems


def decision_record(
    *, actor: User, concern: Concern, data: DecisionData, expected_version: int | None = None
) -> Decision:
    """Record the s.42 decision and, for an enquiry, open it led by the decider (see :func:`decision_check`)."""
    problems = decision_check(data)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        version_claim(concern, expected_version=expected_version, what="safeguarding concern")
        locked = Concern.objects.get(pk=concern.pk)
        if locked.status != ConcernStatus.NEW or hasattr(locked, "decision"):
            raise ValidationError({"__all__": "This concern has already been decided"})
        now = timezone.now()
        decision = Decision(
            concern=locked,
            view_sought=data.view_sought,
            adult_view=data.adult_view,
            has_care_needs=data.has_care_needs,
            has_care_needs_reasons=data.has_care_needs_reasons,
            at_risk=data.at_risk,
            at_risk_reasons=data.at_risk_reasons,
            cannot_protect=data.cannot_protect,
            cannot_protect_reasons=data.cannot_protect_reasons,
            outcome=data.outcome,
            disposal=_value(ValueList.DISPOSAL, data.disposal, "disposal")
            if data.outcome == DecisionOutcome.NONE
            else None,
            advice_given=data.advice_given,
            decided_by=actor,
            decided_at=now,
        )
        decision.full_clean(exclude=["concern", "decided_by", "disposal"])
        decision.save()
        if data.outcome == DecisionOutcome.NONE:
            locked.status = ConcernStatus.CLOSED
            locked.closed_at = now
        else:
            locked.status = ConcernStatus.ENQUIRY
            today = timezone.localdate()
            Enquiry.objects.create(
                concern=locked,
                kind=EnquiryKind.S42 if data.outcome == DecisionOutcome.S42 else EnquiryKind.OTHER,
                started_on=today,
                due_on=timezone.localtime(due_after(now, TimescaleStage.ENQUIRY)).date(),
                lead=locked.worker or actor,
            )
        if locked.worker_id is None:
            locked.worker = actor
        locked.save(update_fields=["status", "closed_at", "worker"])
        if locked.closed_at is not None:
            record_access_after_closing(locked.pk, locked.closed_at)
        audit_record(
            actor=actor,
            action=events.DECISION_RECORDED,
            subject=locked,
            person=locked.person,
            new={"outcome": data.outcome, "criteria_met": decision.criteria_met},
        )
    concern.refresh_from_db()
    return decision


# --- The enquiry -----------------------------------------------------------------------------------------------


@dataclass
class PersonalData:
    """Making Safeguarding Personal, capacity and advocacy."""

    msp_asked: str
    asked_who: str = ""
    desired_outcomes: str = ""
    capacity: str = ""
    advocacy: str = ""


def enquiry_personal(*, actor: User, enquiry: Enquiry, data: PersonalData) -> None:
    """Record what the adult wants (MSP outcomes framework Q1 / SAC SG4a), their capacity and advocacy (SG3a).

    "Asked and outcomes were expressed" needs the outcomes in their own words. An adult who lacked capacity is
    supported by an advocate, family or a friend, or the record says none was provided (Care Act 2014 s.68:
    an independent advocate where the adult would have substantial difficulty being involved and has no one
    appropriate)."""
    problems: dict[str, str] = {}
    if data.msp_asked == "asked_expressed" and not data.desired_outcomes.strip():
        problems["desired_outcomes"] = "Write what they want to happen, in their own words"
    if data.msp_asked in ("asked_expressed", "asked_none") and not data.asked_who:
        problems["asked_who"] = "Select who was asked"
    if data.capacity == "lacked" and (not data.advocacy or data.advocacy == "not_needed"):
        problems["advocacy"] = "They lacked capacity: say who supported them, or that support was needed but not given"
    if problems:
        raise ValidationError(problems)
    _open(enquiry)
    with transaction.atomic():
        enquiry.msp_asked = _value(ValueList.MSP_ASKED, data.msp_asked, "msp_asked")
        enquiry.asked_who = data.asked_who
        enquiry.desired_outcomes = data.desired_outcomes
        enquiry.capacity = _value(ValueList.CAPACITY, data.capacity, "capacity")
        enquiry.advocacy = data.advocacy
        enquiry.full_clean(exclude=["concern", "lead", "closed_by"])
        enquiry.save()
        audit_record(actor=actor, action=events.ENQUIRY_PERSONAL, subject=enquiry, person=enquiry.concern.person)


@dataclass
class RiskData:
    risk_types: list[str]
    location: str
    sources: list[str]
    risk_assessment: str = ""
    protection_plan: str = ""


def enquiry_risks(*, actor: User, enquiry: Enquiry, data: RiskData) -> None:
    """The SAC fields of an enquiry: one or more of the 11 types of risk, the location, one or more sources (SAC
    guidance: one count per different category per enquiry), the risk assessment and the protection plan."""
    problems = {}
    if not data.risk_types:
        problems["risk_types"] = "Select at least one type of risk"
    if not data.location:
        problems["location"] = "Select where the risk is"
    if not data.sources:
        problems["sources"] = "Select at least one source of risk"
    if problems:
        raise ValidationError(problems)
    _open(enquiry)
    with transaction.atomic():
        types = _values(ValueList.RISK_TYPE, data.risk_types, "risk_types")
        sources = _values(ValueList.SOURCE, data.sources, "sources")
        enquiry.location = _value(ValueList.LOCATION, data.location, "location")
        enquiry.risk_assessment = data.risk_assessment
        enquiry.protection_plan = data.protection_plan
        enquiry.full_clean(exclude=["concern", "lead", "closed_by"])
        enquiry.save()
        enquiry.risk_types.set(types)
        enquiry.sources.set(sources)
        audit_record(actor=actor, action=events.ENQUIRY_RISKS, subject=enquiry, person=enquiry.concern.person)


def enquiry_action_add(
    *, actor: User, enquiry: Enquiry, what: str, due_on: dt.date, owner: User | None, organisation: str = ""
) -> EnquiryAction:
    """An action with an owner (a worker, or another organisation caused to do it: s.42(2)) and a date."""
    if owner is None and not organisation.strip():
        raise ValidationError({"owner": "Choose who will do it, or name the organisation doing it"})
    _open(enquiry)
    with transaction.atomic():
        action = EnquiryAction(enquiry=enquiry, what=what, owner=owner, organisation=organisation, due_on=due_on)
        action.full_clean(exclude=["enquiry", "owner"])
        action.save()
        audit_record(actor=actor, action=events.ENQUIRY_ACTION_ADDED, subject=action, person=enquiry.concern.person)
    return action


def enquiry_action_done(*, actor: User, action: EnquiryAction) -> None:
    _open(action.enquiry)
    with transaction.atomic():
        action.done_on = timezone.localdate()
        action.save(update_fields=["done_on"])
        audit_record(
            actor=actor, action=events.ENQUIRY_ACTION_DONE, subject=action, person=action.enquiry.concern.person
        )


@dataclass
class ClosingData:
    risk_assessment_outcome: str
    risk_outcome: str
    msp_achieved: str = ""
    closing_summary: str = ""


def closing_problems(enquiry: Enquiry, data: ClosingData) -> dict[str, str]:
    """Why an enquiry may not be closed, by field (empty when it may).

    SAC SG2c/SG2e: every concluded enquiry has a risk-assessment outcome, and where a risk was identified (or the
    assessment was inconclusive) a risk outcome: removed, reduced or remained. SAC SG4a and the MSP outcomes
    framework: where the adult expressed outcomes, whether they were fully, partly or not achieved. The SAC fields
    (type, location, source of risk) and whether the adult was asked are recorded first.
    """
    problems: dict[str, str] = {}
    if enquiry.msp_asked is None:
        problems["msp_asked"] = "Record whether the adult was asked what they wanted before closing the enquiry"
    elif enquiry.msp_asked.code == "asked_expressed" and not data.msp_achieved:
        problems["msp_achieved"] = (
            "Say whether the outcomes the adult wanted were fully, partly or not achieved before closing the enquiry"
        )
    if enquiry.location_id is None or not enquiry.risk_types.exists() or not enquiry.sources.exists():
        problems["risk_types"] = "Record the type, location and source of the risk before closing the enquiry"
    if not data.risk_assessment_outcome:
        problems["risk_assessment_outcome"] = "Select the outcome of the risk assessment before closing the enquiry"
    no_risk = data.risk_assessment_outcome in ("none_action", "none_no_action", "ceased")
    if not data.risk_outcome:
        problems["risk_outcome"] = "Select whether the risk was removed, reduced or remains before closing the enquiry"
    elif data.risk_outcome == "not_applicable" and not no_risk:
        problems["risk_outcome"] = (
            "A risk was identified or the assessment was inconclusive: say whether it was removed, reduced or remains"
        )
    elif data.risk_outcome != "not_applicable" and no_risk:
        problems["risk_outcome"] = 'No risk was identified: select "Not applicable: no risk identified"'
    return problems


def enquiry_close(*, actor: User, enquiry: Enquiry, data: ClosingData, expected_version: int | None = None) -> None:
    """Conclude the enquiry and close the concern, refused with a clear message (:func:`closing_problems`)."""
    _open(enquiry)
    problems = closing_problems(enquiry, data)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        version_claim(enquiry, expected_version=expected_version, what="safeguarding enquiry")
        locked = Enquiry.objects.get(pk=enquiry.pk)
        locked.risk_assessment_outcome = _value(
            ValueList.RISK_ASSESSMENT_OUTCOME, data.risk_assessment_outcome, "risk_assessment_outcome"
        )
        locked.risk_outcome = _value(ValueList.RISK_OUTCOME, data.risk_outcome, "risk_outcome")
        locked.msp_achieved = _value(ValueList.MSP_ACHIEVED, data.msp_achieved, "msp_achieved")
        locked.closing_summary = data.closing_summary
        locked.status = EnquiryStatus.CLOSED
        locked.concluded_on = timezone.localdate()
        locked.closed_by = actor
        locked.save()
        closed_at = timezone.now()
        Concern.objects.filter(pk=locked.concern_id).update(status=ConcernStatus.CLOSED, closed_at=closed_at)
        record_access_after_closing(locked.concern_id, closed_at)
        audit_record(
            actor=actor,
            action=events.ENQUIRY_CLOSED,
            subject=locked,
            person=enquiry.concern.person,
            new={"risk_outcome": data.risk_outcome, "msp_achieved": data.msp_achieved},
        )
    enquiry.refresh_from_db()


def _open(enquiry: Enquiry) -> None:
    if enquiry.status != EnquiryStatus.OPEN:
        raise ValidationError({"__all__": "This enquiry is closed"})


def countdown_text(due_at: dt.datetime, now: dt.datetime) -> str:
    """How long is left before a deadline, as the worklist shows it: "2 days 3 hours left", "40 minutes left",
    "Overdue by 1 hour"."""
    seconds = int((due_at - now).total_seconds())
    minutes = abs(seconds) // 60
    days, hours, mins = minutes // 1440, (minutes % 1440) // 60, minutes % 60
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if not days and not hours:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    text = " ".join(parts)
    return f"{text} left" if seconds >= 0 else f"Overdue by {text}"
