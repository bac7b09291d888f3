"""Recording contacts. Each service is one transaction, validated first and audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import Team, User
from ownway.accounts.roles import CASEWORK_ROLES
from ownway.core.names import name_key
from ownway.core.text import without_control_characters
from ownway.core.versioning import version_claim
from ownway.core.workflow import transition
from ownway.directory.models import Service, ServiceStatus
from ownway.frontdoor.models import MethodOfAssessment
from ownway.jobs.services import job_start
from ownway.people.models import Person
from ownway.people.permissions import PersonAction
from ownway.people.permissions import user_can_for as person_user_can_for
from ownway.people.rules.postcode import check_postcode
from ownway.people.services import PersonData, person_create

from . import events
from .models import (
    STS001_SEQUEL,
    Contact,
    ContactChannel,
    ContactSource,
    ContactStatus,
    Conversation,
    ConversationKind,
    EventOutcome,
    ReferralAttempt,
    RouteOfAccess,
    Signpost,
)
from .permissions import ContactAction, user_can, user_can_for
from .tasks import contact_acknowledgement_email

#: How many public referrals one address may send in :data:`REFERRAL_WINDOW`.
REFERRAL_LIMIT = 5
REFERRAL_WINDOW = dt.timedelta(hours=1)


@dataclass
class ContactData:
    """The details of a contact, as a form hands them to the services."""

    first_name: str
    last_name: str
    reason: str
    source: str
    date_of_birth: dt.date | None = None
    postcode: str = ""
    phone: str = ""
    email: str = ""
    referrer_name: str = ""
    referrer_phone: str = ""
    referrer_email: str = ""
    route_of_access: str = RouteOfAccess.COMMUNITY
    received_at: dt.datetime | None = None
    person: Person | None = None
    team: Team | None = None


def validate_contact_data(data: ContactData) -> dict[str, list[str]]:
    """Every problem with the details, by field, in words a person can act on."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not data.first_name.strip():
        add("first_name", "Enter a first name")
    if not data.last_name.strip():
        add("last_name", "Enter a last name")
    if not data.reason.strip():
        add("reason", "Tell us what is happening")
    if data.source not in ContactSource.values:
        add("source", "Choose who made the contact")
    if data.route_of_access not in RouteOfAccess.values:
        add("route_of_access", "Choose a route of access from the list")
    if data.date_of_birth is not None and data.date_of_birth >= timezone.localdate():
        add("date_of_birth", "Date of birth must be in the past")
    if data.postcode and not check_postcode(data.postcode).valid:
        add("postcode", "Enter a real postcode, like B1 1BB")
    if data.received_at is not None and data.received_at > timezone.now():
        add("received_at", "The date the contact was received must be today or in the past")
    return errors


def _snapshot(contact: Contact) -> dict[str, object]:
    return {
        "reference": contact.reference,
        "source": contact.source,
        "route_of_access": contact.route_of_access,
        "channel": contact.channel,
        "person": contact.person_id,
        "team": contact.team_id,
    }


def _save(*, data: ContactData, channel: str, recorded_by: User | None) -> Contact:
    errors = validate_contact_data(data)
    if errors:
        raise ValidationError(errors)
    values = asdict(data)
    values["postcode"] = check_postcode(data.postcode).normalised if data.postcode else ""
    values["received_at"] = data.received_at or timezone.now()
    values["person"] = data.person
    values["team"] = data.team
    values["search_name"] = name_key(data.first_name, data.last_name)
    contact = Contact.objects.create(channel=channel, recorded_by=recorded_by, status=ContactStatus.OPEN, **values)
    contact.reference = f"C{contact.pk:07d}"
    contact.save(update_fields=["reference"])
    return contact


def contact_create(*, actor: User, data: ContactData) -> Contact:
    """Record a contact taken by a member of staff (by phone, email or in person)."""
    if not user_can(actor, ContactAction.CREATE):
        raise PermissionDenied("You cannot record contacts")
    if data.person is not None and not person_user_can_for(actor, PersonAction.VIEW, data.person):
        raise ValidationError({"person": ["You do not have access to this person's record"]})
    with transaction.atomic():
        contact = _save(data=data, channel=ContactChannel.STAFF, recorded_by=actor)
        audit_record(
            actor=actor, action=events.CONTACT_CREATED, subject=contact, person=contact.person, new=_snapshot(contact)
        )
    return contact


def referral_client_hash(ip_address: str) -> str:
    """A keyed hash of the sender's address, so the rate limit stores no IP address."""
    return hmac.new(settings.SECRET_KEY.encode(), ip_address.encode(), hashlib.sha256).hexdigest()


def referral_allowed(*, client_hash: str, now: dt.datetime | None = None) -> bool:
    """Whether this address may send another referral now."""
    now = now or timezone.now()
    recent = ReferralAttempt.objects.filter(client_hash=client_hash, at__gt=now - REFERRAL_WINDOW).count()
    return recent < REFERRAL_LIMIT


def referral_attempt_record(*, client_hash: str) -> None:
    """Count one submission against the address, and forget attempts older than a day."""
    now = timezone.now()
    with transaction.atomic():
        ReferralAttempt.objects.filter(at__lt=now - dt.timedelta(days=1)).delete()
        ReferralAttempt.objects.create(client_hash=client_hash, at=now)


def contact_create_from_referral(*, data: ContactData) -> Contact:
    """Record a referral sent through the public form, unallocated, for the front door to triage, and
    acknowledge it by email when the form gave an email address: a background job
    (:func:`~.tasks.contact_acknowledgement_email`, queued in the same transaction) sends it."""
    data.team = None
    data.person = None
    data.received_at = None
    data.route_of_access = RouteOfAccess.COMMUNITY
    with transaction.atomic():
        contact = _save(data=data, channel=ContactChannel.ONLINE, recorded_by=None)
        audit_record(actor=None, action=events.CONTACT_SELF_REFERRAL, subject=contact, new=_snapshot(contact))
        if contact.email or contact.referrer_email:
            contact.acknowledgement_job = job_start(
                contact_acknowledgement_email,
                label=f"Email the acknowledgement of referral {contact.reference}",
                arguments={"contact_id": contact.pk},
            )
            contact.save(update_fields=["acknowledgement_job"])
    return contact


# --- The Three Conversations, and closing a contact ------------------------------------------------


@dataclass
class ConversationData:
    kind: str
    held_on: dt.date
    #: How it was held (CLD "Method of Assessment"): the form asks for it; left blank, the extract reports it.
    method: str = ""
    what_matters: str = ""
    strengths: str = ""
    networks: str = ""
    information_and_advice: str = ""
    connected_to: str = ""
    safe_now: str = ""
    short_term_plan: str = ""
    revisit_on: dt.date | None = None


def validate_conversation(data: ConversationData, *, today: dt.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.kind not in ConversationKind.values:
        errors["kind"] = ["Select which conversation this was"]
    if data.method and data.method not in MethodOfAssessment.values:
        errors["method"] = ["Select how the conversation was held"]
    if data.held_on > today:
        errors["held_on"] = ["The date of the conversation must be today or in the past"]
    if data.kind == ConversationKind.CRISIS:
        # Conversation 2 exists to make the person safe now, with a short plan and a date to come back to it.
        if not data.safe_now.strip():
            errors["safe_now"] = ["Enter what is needed to keep the person safe now"]
        if not data.short_term_plan.strip():
            errors["short_term_plan"] = ["Enter the short-term plan"]
        if data.revisit_on is None:
            errors["revisit_on"] = ["Enter the date to come back to the plan"]
        elif data.revisit_on < data.held_on:
            errors["revisit_on"] = ["The date to come back to the plan must be on or after the conversation"]
    elif not data.what_matters.strip():
        errors["what_matters"] = ["Enter what matters to the person"]
    return errors


#: How a contact is named when someone else's change is found (``ownway.core.versioning``, ``.workflow``).
CONTACT = "contact"
#: The states a contact may be worked on in.
OPEN = (ContactStatus.OPEN,)


def conversation_record(*, actor: User, contact: Contact, data: ConversationData) -> Conversation:
    """Record one of the Three Conversations on an open contact."""
    if not user_can_for(actor, ContactAction.WORK, contact):
        raise PermissionDenied("You cannot work on this contact")
    errors = validate_conversation(data, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(contact, allowed_from=OPEN, action="record a conversation on it", what=CONTACT)
        conversation = Conversation.objects.create(contact=contact, recorded_by=actor, **asdict(data))
        audit_record(
            actor=actor,
            action=events.CONVERSATION_RECORDED,
            subject=conversation,
            person=contact.person,
            new={"contact": contact.pk, "kind": data.kind},
        )
    return conversation


def _close(*, actor: User | None, contact: Contact, outcome: str) -> Contact:
    """Close an open contact, with its outcome, and audit it with its SALT sequel."""
    transition(contact, allowed_from=OPEN, to=ContactStatus.CLOSED, action="close it", what=CONTACT)
    contact.outcome = outcome
    contact.closed_at = timezone.now()
    contact.closed_by = actor
    contact.save(update_fields=["status", "outcome", "closed_at", "closed_by"])
    audit_record(
        actor=actor,
        action=events.CONTACT_CLOSED,
        subject=contact,
        person=contact.person,
        new={"outcome": outcome, "sts001_sequel": STS001_SEQUEL[outcome]},
    )
    return contact


def contact_close(*, actor: User, contact: Contact, outcome: str, expected_version: int | None = None) -> Contact:
    """Close a contact with its outcome (the CLD event outcome, which gives its SALT sequel).

    ``expected_version`` (here and in :func:`contact_allocate` and :func:`contact_link_person`) is the version the
    person saw: if someone else has changed the contact since, nothing is saved and
    :class:`~ownway.core.versioning.StaleEdit` is raised.
    """
    if not user_can_for(actor, ContactAction.WORK, contact):
        raise PermissionDenied("You cannot work on this contact")
    if outcome not in EventOutcome.values:
        raise ValidationError({"outcome": ["Select how the contact ended"]})
    with transaction.atomic():
        locked = transition(contact, allowed_from=OPEN, action="close it", what=CONTACT)
        version_claim(locked, expected_version=expected_version, what=CONTACT)
        return _close(actor=actor, contact=locked, outcome=outcome)


def contact_close_by_sequel(*, actor: User, contact: Contact, outcome: str) -> Contact | None:
    """Close the contact a piece of work came from, when that work ends with its sequel (say, an eligibility
    decision), in the caller's transaction; a contact already closed is left as it was (``None``).

    For services that have already checked their actor may act for the contact's person (an assessor
    deciding eligibility), so the actor need not hold the contact on their own worklist.
    """
    if outcome not in EventOutcome.values:
        raise ValueError(f"Not an event outcome: {outcome!r}")
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.status != ContactStatus.OPEN:
        return None
    version_claim(locked, expected_version=None, what=CONTACT)
    return _close(actor=actor, contact=locked, outcome=outcome)


def contact_allocate(*, actor: User, contact: Contact, worker: User, expected_version: int | None = None) -> Contact:
    """Give an open contact to a worker, who then has it on their worklist.

    The worker must hold a caseload; a contact already with a team goes only to someone in that team,
    and one with no team yet joins the worker's team.
    """
    if not user_can_for(actor, ContactAction.WORK, contact):
        raise PermissionDenied("You cannot work on this contact")
    if not worker.is_active or worker.role not in CASEWORK_ROLES or worker.team_id is None:
        raise ValidationError({"worker": ["Choose a worker who holds a caseload in a team"]})
    with transaction.atomic():
        locked = transition(contact, allowed_from=OPEN, action="give it to a worker", what=CONTACT)
        version_claim(locked, expected_version=expected_version, what=CONTACT)
        if locked.team_id is not None and locked.team_id != worker.team_id:
            raise ValidationError({"worker": ["Choose a worker in the team the contact is with"]})
        old = {"worker": locked.worker_id, "team": locked.team_id}
        locked.worker = worker
        locked.team_id = worker.team_id
        locked.save(update_fields=["worker", "team"])
        audit_record(
            actor=actor,
            action=events.CONTACT_ALLOCATED,
            subject=locked,
            person=locked.person,
            old=old,
            new={"worker": worker.pk, "team": worker.team_id},
        )
    return locked


def contact_link_person(
    *, actor: User, contact: Contact, person: Person, expected_version: int | None = None
) -> Contact:
    """Say whose record an open contact is about (say, after a referral through the public form).

    The worker must be able to work on the contact and open the person's record.
    """
    if not user_can_for(actor, ContactAction.WORK, contact):
        raise PermissionDenied("You cannot work on this contact")
    if not person_user_can_for(actor, PersonAction.VIEW, person):
        raise ValidationError({"person": ["You cannot open that person's record: ask their team to link it"]})
    with transaction.atomic():
        locked = transition(contact, allowed_from=OPEN, action="link it to a person", what=CONTACT)
        version_claim(locked, expected_version=expected_version, what=CONTACT)
        old = locked.person_id
        locked.person = person
        locked.save(update_fields=["person"])
        audit_record(
            actor=actor,
            action=events.CONTACT_PERSON_LINKED,
            subject=locked,
            person=person,
            old={"person": old},
            new={"person": person.pk, "reference": person.reference},
        )
    return locked


def contact_create_person(*, actor: User, contact: Contact, expected_version: int | None = None) -> Person:
    """Make a person record from an open contact's details and link the contact to it, all or nothing.

    The record needs a date of birth; the person's team is the contact's, or the worker's.
    """
    if not user_can_for(actor, ContactAction.WORK, contact):
        raise PermissionDenied("You cannot work on this contact")
    if contact.person_id is not None:
        raise ValidationError({"person": ["This contact is already linked to a person record"]})
    if contact.date_of_birth is None:
        raise ValidationError(
            {"person": ["The contact has no date of birth: find it out, then add the person on the People page"]}
        )
    with transaction.atomic():
        person = person_create(
            actor=actor,
            data=PersonData(
                first_name=contact.first_name,
                last_name=contact.last_name,
                date_of_birth=contact.date_of_birth,
                postcode=contact.postcode,
                phone=contact.phone,
                email=contact.email,
                team=contact.team,
            ),
        )
        contact_link_person(actor=actor, contact=contact, person=person, expected_version=expected_version)
    return person


def contact_signpost(*, actor: User, contact: Contact, service: Service, note: str = "") -> Signpost:
    """Record that the person was connected to a service, group or community asset in the directory."""
    if not user_can_for(actor, ContactAction.WORK, contact):
        raise PermissionDenied("You cannot work on this contact")
    if service.status != ServiceStatus.ACTIVE:
        raise ValidationError({"service": [f"{service.name} is not running at the moment: choose another"]})
    note = without_control_characters(note, keep_lines=True).strip()
    if len(note) > 500:
        raise ValidationError({"note": [f"What was agreed must be 500 characters or fewer: it is {len(note)}"]})
    with transaction.atomic():
        locked = transition(contact, allowed_from=OPEN, action="connect the person to a service", what=CONTACT)
        if Signpost.objects.filter(contact=locked, service=service).exists():
            raise ValidationError({"service": [f"They are already connected to {service.name}"]})
        signpost = Signpost.objects.create(contact=locked, service=service, note=note, recorded_by=actor)
        audit_record(
            actor=actor,
            action=events.CONTACT_SIGNPOSTED,
            subject=signpost,
            person=locked.person,
            new={"contact": locked.pk, "service": str(service.pk), "name": service.name},
        )
    return signpost
