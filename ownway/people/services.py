"""Writing person records. Each service is one transaction, validated first and audited."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone

from ownway.accounts.audit import audit_record, changes
from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role
from ownway.core.names import key_words
from ownway.core.numbers import HOURS_IN_A_WEEK, NumberError, parse_number
from ownway.jobs.services import job_start

from . import events
from .models import (
    INVITATION_TRIES,
    AccountInvitation,
    CaringRelationship,
    CodeList,
    CodeValue,
    HasUnpaidCarer,
    Letter,
    LetterChannel,
    LetterMethod,
    Person,
    PersonNameWord,
    Relationship,
)
from .permissions import PersonAction, user_can, user_can_for
from .rules.nhs_number import check_nhs_number
from .rules.postcode import check_postcode
from .selectors import no_record_with_reference
from .tasks import (
    LetterPdfs,
    account_invitation_email,
    invitation_token_digest,
    letter_email,
    pdfs_path,
)

#: Fields a person record is made of, with the code list each coded field draws on.
CODED_FIELDS: dict[str, CodeList] = {
    "gender": CodeList.GENDER,
    "ethnicity": CodeList.ETHNICITY,
    "primary_support_reason": CodeList.PRIMARY_SUPPORT_REASON,
    "accommodation_status": CodeList.ACCOMMODATION_STATUS,
    "employment_status": CodeList.EMPLOYMENT_STATUS,
}
PLAIN_FIELDS = (
    "title",
    "first_name",
    "middle_names",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "date_of_death",
    "nhs_number",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "phone",
    "mobile",
    "email",
    "autism",
    "visual_impairment",
    "hearing_impairment",
    "dementia",
    "needs_easy_read",
    "needs_bsl",
    "needs_interpreter",
    "language",
    "needs_large_print",
    "communication_notes",
    "letters_by",
    "has_unpaid_carer",
    "consent_to_share",
    "consent_recorded_on",
)
RELATED_FIELDS = ("team", "named_worker")
#: What a citizen may change about themselves; the rest is for their worker.
CITIZEN_EDITABLE = frozenset(
    {
        "preferred_name",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "phone",
        "mobile",
        "email",
        "needs_easy_read",
        "needs_bsl",
        "needs_interpreter",
        "language",
        "needs_large_print",
        "communication_notes",
        "letters_by",
    }
)


@dataclass
class PersonData:
    """The details of a person record, as a form or the API hands them to the services."""

    first_name: str
    last_name: str
    date_of_birth: dt.date
    title: str = ""
    middle_names: str = ""
    preferred_name: str = ""
    date_of_death: dt.date | None = None
    nhs_number: str = ""
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    phone: str = ""
    mobile: str = ""
    email: str = ""
    gender: CodeValue | None = None
    ethnicity: CodeValue | None = None
    primary_support_reason: CodeValue | None = None
    accommodation_status: CodeValue | None = None
    employment_status: CodeValue | None = None
    autism: bool = False
    visual_impairment: bool = False
    hearing_impairment: bool = False
    dementia: bool = False
    needs_easy_read: bool = False
    needs_bsl: bool = False
    needs_interpreter: bool = False
    language: str = "English"
    needs_large_print: bool = False
    communication_notes: str = ""
    letters_by: str = LetterChannel.POST
    has_unpaid_carer: str = HasUnpaidCarer.UNKNOWN
    team: Team | None = None
    named_worker: User | None = None
    consent_to_share: bool = False
    consent_recorded_on: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_person(cls, person: Person) -> PersonData:
        values = {name: getattr(person, name) for name in (*PLAIN_FIELDS, *CODED_FIELDS, *RELATED_FIELDS)}
        return cls(**values)


def validate_person_data(data: PersonData, *, today: dt.date | None = None) -> dict[str, list[str]]:
    """Every problem with the details, by field, in words a worker can act on."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not data.first_name.strip():
        add("first_name", "Enter a first name")
    if not data.last_name.strip():
        add("last_name", "Enter a last name")
    for name, limit in (("first_name", 100), ("last_name", 100), ("middle_names", 100), ("preferred_name", 100)):
        if len(getattr(data, name)) > limit:
            add(name, f"{name.replace('_', ' ').capitalize()} must be {limit} characters or fewer")
    if data.date_of_birth >= today:
        add("date_of_birth", "Date of birth must be in the past")
    elif data.date_of_birth < today.replace(year=today.year - 125):
        add("date_of_birth", "Date of birth must be within the last 125 years")
    if data.date_of_death is not None:
        if data.date_of_death > today:
            add("date_of_death", "Date of death must be today or in the past")
        elif data.date_of_death < data.date_of_birth:
            add("date_of_death", "Date of death must be after the date of birth")
    if data.nhs_number:
        check = check_nhs_number(data.nhs_number)
        if not check.valid:
            add("nhs_number", check.explanation)
        else:
            data.nhs_number = check.normalised
    if data.postcode:
        check_pc = check_postcode(data.postcode)
        if not check_pc.valid:
            add("postcode", check_pc.explanation)
        else:
            data.postcode = check_pc.normalised
    for name, code_list in CODED_FIELDS.items():
        value = getattr(data, name)
        if value is not None and value.list != code_list:
            add(name, f"Choose a {code_list.label.lower()} from the list")
    if data.has_unpaid_carer not in HasUnpaidCarer.values:
        add("has_unpaid_carer", "Select whether the person has an unpaid carer")
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            add("email", "Enter an email address in the correct format, like name@example.com")
    if data.letters_by not in LetterChannel.values:
        add("letters_by", "Choose how letters are sent: by post or by email")
    elif data.letters_by == LetterChannel.EMAIL and not data.email:
        add("email", "Enter an email address to have letters sent by email")
    if data.consent_to_share and data.consent_recorded_on is None:
        add("consent_recorded_on", "Enter the date consent was recorded")
    if data.consent_recorded_on and data.consent_recorded_on > today:
        add("consent_recorded_on", "The date consent was recorded must be today or in the past")
    if data.named_worker is not None and not data.named_worker.is_council_staff:
        add("named_worker", "The named worker must be a member of council staff")
    if data.needs_interpreter and not data.language.strip():
        add("language", "Enter the language the person needs an interpreter for")
    return errors


def _snapshot(person: Person) -> dict[str, Any]:
    snap: dict[str, Any] = {}
    for name in PLAIN_FIELDS:
        value = getattr(person, name)
        snap[name] = value.isoformat() if isinstance(value, dt.date) else value
    for name in (*CODED_FIELDS, *RELATED_FIELDS):
        snap[name] = getattr(person, f"{name}_id")
    return snap


def next_person_reference() -> str:
    """The next council reference, "P" and seven digits, in the order records are made."""
    last = Person.objects.filter(reference__startswith="P").aggregate(m=Max("reference"))["m"]
    number = int(last[1:]) + 1 if last and last[1:].isdigit() else 1
    return f"P{number:07d}"


def person_name_words_write(people: list[Person], *, new: bool = False) -> None:
    """Write the words of each person's :attr:`~Person.search_name` (:class:`PersonNameWord`), in place of any
    they had (``new``: records just made, which have none): whatever writes a person's names calls it in the
    same transaction, so the search finds them."""
    if not new:
        PersonNameWord.objects.filter(person_id__in=[p.pk for p in people]).delete()
    PersonNameWord.objects.bulk_create(
        [PersonNameWord(person_id=p.pk, word=word) for p in people for word in key_words(p.search_name)],
        batch_size=2000,
    )


def person_create(*, actor: User, data: PersonData) -> Person:
    if not user_can(actor, PersonAction.CREATE):
        raise PermissionDenied("You cannot create person records")
    errors = validate_person_data(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = Person(reference=next_person_reference())
        for name in (*PLAIN_FIELDS, *CODED_FIELDS, *RELATED_FIELDS):
            setattr(person, name, getattr(data, name))
        if person.team is None and actor.team_id is not None and actor.holds_caseload:
            person.team_id = actor.team_id
        person.search_name = person.name_key()
        person.full_clean(exclude=["reference"])
        person.save()
        person_name_words_write([person], new=True)
        audit_record(actor=actor, action=events.PERSON_CREATED, subject=person, person=person, new=_snapshot(person))
    return person


def person_update(*, actor: User, person: Person, data: PersonData) -> Person:
    if not user_can_for(actor, PersonAction.EDIT, person):
        raise PermissionDenied("You cannot change this person's record")
    errors = validate_person_data(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        before = _snapshot(locked)
        names = (*PLAIN_FIELDS, *CODED_FIELDS, *RELATED_FIELDS)
        if actor.role == "citizen":
            names = tuple(n for n in names if n in CITIZEN_EDITABLE)
        for name in names:
            setattr(locked, name, getattr(data, name))
        key_changed = locked.search_name != locked.name_key()
        locked.search_name = locked.name_key()
        locked.full_clean()
        locked.save()
        if key_changed:
            person_name_words_write([locked])
        old, new = changes(before, _snapshot(locked))
        if new:
            audit_record(actor=actor, action=events.PERSON_UPDATED, subject=locked, person=locked, old=old, new=new)
    return locked


def caring_relationship_create(
    *,
    actor: User,
    carer: Person,
    cared_for: Person,
    relationship: str,
    hours_per_week: Decimal | None = None,
    lives_with: bool = False,
    started_on: dt.date | None = None,
) -> CaringRelationship:
    """Record that ``carer`` gives unpaid care to ``cared_for``; the cared-for person now has a carer.

    The carer then shows on the cared-for person's record, so linking needs the same access as opening
    the carer's own record; a carer the actor may not open is refused in the same words as a reference
    that does not exist.
    """
    if not user_can_for(actor, PersonAction.EDIT, cared_for) or actor.role == "citizen":
        raise PermissionDenied("You cannot change this person's record")
    if not user_can_for(actor, PersonAction.VIEW, carer):
        # Before any other check, whose words would tell something about the carer.
        raise ValidationError({"carer": [no_record_with_reference(carer.reference)]})
    errors: dict[str, list[str]] = {}
    if carer.pk == cared_for.pk:
        errors["carer"] = ["A person cannot be their own carer"]
    if relationship not in Relationship.values:
        errors["relationship"] = ["Select what the carer is to the person"]
    if hours_per_week is not None:
        try:
            hours_per_week = parse_number(
                hours_per_week, low=Decimal(0), high=HOURS_IN_A_WEEK, places=1, subject="Hours caring each week"
            )
        except NumberError as error:
            errors["hours_per_week"] = [str(error)]
    if started_on and started_on > timezone.localdate():
        errors["started_on"] = ["The date caring started must be today or in the past"]
    if CaringRelationship.objects.filter(carer=carer, cared_for=cared_for, ended_on__isnull=True).exists():
        errors["carer"] = [f"{carer.full_name} is already recorded as a carer for {cared_for.full_name}"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rel = CaringRelationship.objects.create(
            carer=carer,
            cared_for=cared_for,
            relationship=relationship,
            hours_per_week=hours_per_week,
            lives_with=lives_with,
            started_on=started_on,
        )
        if cared_for.has_unpaid_carer != HasUnpaidCarer.YES:
            Person.objects.filter(pk=cared_for.pk).update(has_unpaid_carer=HasUnpaidCarer.YES)
        audit_record(
            actor=actor,
            action=events.CARING_RELATIONSHIP_CREATED,
            subject=rel,
            person=cared_for,
            new={"carer": carer.pk, "relationship": relationship, "hours_per_week": str(hours_per_week or "")},
        )
    return rel


def caring_relationship_end(*, actor: User, relationship: CaringRelationship, ended_on: dt.date) -> CaringRelationship:
    if not user_can_for(actor, PersonAction.EDIT, relationship.cared_for) or actor.role == "citizen":
        raise PermissionDenied("You cannot change this person's record")
    if relationship.ended_on is not None:
        raise ValidationError({"ended_on": ["This caring relationship has already ended"]})
    if relationship.started_on and ended_on < relationship.started_on:
        raise ValidationError({"ended_on": ["The end date must be on or after the date caring started"]})
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": ["The end date must be today or in the past"]})
    with transaction.atomic():
        relationship.ended_on = ended_on
        relationship.save(update_fields=["ended_on"])
        audit_record(
            actor=actor,
            action=events.CARING_RELATIONSHIP_ENDED,
            subject=relationship,
            person=relationship.cared_for,
            new={"ended_on": ended_on.isoformat()},
        )
    return relationship


# --- Letters to the person ---------------------------------------------------------------------------


def letter_send(
    *,
    actor: User | None,
    person: Person,
    about: str,
    opening: str,
    page: str,
    pdfs: LetterPdfs,
    pdf: str = "",
    easy_read_pdf: str = "",
    subject: Model | None = None,
) -> Letter:
    """Send a letter to the person the way they chose, and keep it for their home page; in the caller's
    transaction (every service that tells a person something calls this as part of doing it).

    * By email (their choice, with an email address on the record): a background job
      (:func:`~.tasks.letter_email`, queued in the same transaction, so it is sent only if the transaction is
      saved) emails it in plain English with the letter attached as a PDF, and the easy read one too when the
      record asks for easy read; the letter records when the email went, or that it could not be sent.
      ``opening`` is the email's first sentence after "Dear …", saying what the letter is about; ``pdfs`` a
      module-level function making the attachments from the letter (it finds what it is about by
      ``subject_type`` and ``subject_id``).
    * By post (their choice, or email chosen with no email address), when the record has a postal address
      (a first line and a postcode): kept as a letter to post, with the address, until the council posts it
      (:func:`letter_posted`).
    * With neither address on the record, the letter waits on the person's home page.

    ``page`` is where the person reads it on screen; ``pdf`` and ``easy_read_pdf`` where they download it.
    """
    easy_read = person.needs_easy_read
    method, sent_to = person.letter_way()
    letter = Letter.objects.create(
        person=person,
        about=about,
        page=page,
        pdf=pdf,
        easy_read_pdf=easy_read_pdf,
        method=method,
        sent_to=sent_to,
        easy_read=easy_read,
        subject_type=f"{subject._meta.app_label}.{type(subject).__name__}" if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        sent_by=actor,
    )
    audit_record(
        actor=actor,
        action=events.LETTER_SENT,
        subject=letter,
        person=person,
        new={"about": about, "method": method, "easy_read": easy_read, "subject": letter.subject_type},
    )
    if method == LetterMethod.EMAIL:
        letter.email_job = job_start(
            letter_email,
            label=f"Email the letter “{about[:120]}” to {person.reference}",
            arguments={"letter_id": letter.pk, "opening": opening, "pdfs": pdfs_path(pdfs)},
        )
        letter.save(update_fields=["email_job"])
    return letter


def letter_posted(*, actor: User, letter: Letter) -> Letter:
    """Record that a letter waiting to be posted has been printed and posted."""
    if not actor.is_council_staff or not user_can_for(actor, PersonAction.VIEW, letter.person):
        raise PermissionDenied("Only council staff who may see the person's record post their letters")
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.method != LetterMethod.POST:
            raise ValidationError({"letter": ["This letter is not one to post"]})
        if locked.posted_at is not None:
            raise ValidationError({"letter": ["This letter has already been posted"]})
        locked.posted_at = timezone.now()
        locked.save(update_fields=["posted_at"])
        audit_record(actor=actor, action=events.LETTER_POSTED, subject=locked, person=locked.person)
    return locked


# --- Online accounts for people, by invitation -------------------------------------------------------


class InvitationInvalid(Exception):
    """An account set-up link that cannot be used, with why in words the person can act on."""


def account_invitation_send(*, actor: User, person: Person, method: str) -> tuple[AccountInvitation, str]:
    """Invite a person to set up the online account linked to their record, by email or by a letter the
    worker prints; returns the invitation and, for a letter, its secret (shown once, never stored: only its
    digest is).

    Only staff who may change the person's record invite them; a person with an account is not invited again;
    sending a new invitation ends any earlier one. By email, a background job
    (:func:`~.tasks.account_invitation_email`, queued in the same transaction) makes the link's secret and
    sends it, so the secret is never in the request, the job's arguments or anywhere else but the email; the
    secret returned is then empty.
    """
    if actor.role == Role.CITIZEN or not user_can_for(actor, PersonAction.EDIT, person):
        raise PermissionDenied("You cannot invite this person to set up an account")
    if method not in AccountInvitation.Method.values:
        raise ValidationError({"method": ["Choose how to send the link: by email or by letter"]})
    if User.objects.filter(person=person).exists():
        raise ValidationError({"method": [f"{person.full_name} already has an online account"]})
    if method == AccountInvitation.Method.EMAIL:
        if not person.email:
            raise ValidationError({"method": [f"{person.full_name} has no email address on their record"]})
        sent_to = person.email
    else:
        if not person.postal_address_lines:
            raise ValidationError({"method": [f"{person.full_name} has no postal address on their record"]})
        sent_to = ", ".join(person.postal_address_lines)
    # By email the job makes the secret the email carries; until then the link works for no one.
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        AccountInvitation.objects.filter(person=person, used_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=now
        )
        invitation = AccountInvitation.objects.create(
            person=person,
            method=method,
            sent_to=sent_to,
            token_digest=invitation_token_digest(secret),
            created_by=actor,
            expires_at=now + dt.timedelta(days=int(settings.OWNWAY_ACCOUNT_INVITATION_DAYS)),
        )
        audit_record(
            actor=actor, action=events.ACCOUNT_INVITED, subject=invitation, person=person,
            new={"method": method, "expires_at": invitation.expires_at.isoformat()},
        )  # fmt: skip
        if method == AccountInvitation.Method.EMAIL:
            invitation.email_job = job_start(
                account_invitation_email,
                label=f"Email {person.reference} a link to set up their online account",
                arguments={"invitation_id": invitation.pk},
            )
            invitation.save(update_fields=["email_job"])
            return invitation, ""
    return invitation, secret


def account_invitation_for_token(secret: str) -> AccountInvitation:
    """The invitation a set-up link belongs to, if it can still be used; else :class:`InvitationInvalid`."""
    invitation = (
        AccountInvitation.objects.select_related("person").filter(token_digest=invitation_token_digest(secret)).first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise InvitationInvalid("This link can no longer be used")
    if invitation.used_at is not None:
        raise InvitationInvalid("This link has already been used: sign in with the username and password you chose")
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid("This link has expired")
    return invitation


def account_set_up(*, secret: str, date_of_birth: dt.date, username: str, password: str) -> User:
    """Make the person's online account from a valid invitation, once they give the date of birth on their
    record; it is a citizen account linked to that record and nothing else. Wrong dates of birth are counted
    and audited, and after :data:`INVITATION_TRIES` of them the link stops working, so a link that reaches
    someone else does not let them claim the record.
    """
    username = username.strip()
    with transaction.atomic():
        found = account_invitation_for_token(secret)
        invitation = AccountInvitation.objects.select_for_update().select_related("person").get(pk=found.pk)
        account_invitation_for_token(secret)  # checked again, now it is held
        person = invitation.person
        if date_of_birth != person.date_of_birth:
            invitation.failed_attempts += 1
            if invitation.failed_attempts >= INVITATION_TRIES:
                invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["failed_attempts", "revoked_at"])
            audit_record(
                actor=None, action=events.ACCOUNT_SET_UP_REFUSED, subject=invitation, person=person,
                new={"failed_attempts": invitation.failed_attempts},
            )  # fmt: skip
            refused = ValidationError({"date_of_birth": ["The date of birth does not match our record"]})
        else:
            refused = None
    if refused is not None:
        raise refused
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = ["Choose a username"]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = ["That username is taken: choose another"]
    candidate = User(username=username, first_name=person.first_name, last_name=person.last_name)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        invitation = AccountInvitation.objects.select_for_update().get(pk=invitation.pk)
        account_invitation_for_token(secret)
        if User.objects.filter(person=person).exists():
            raise InvitationInvalid("This record already has an online account")
        user = User.objects.create_user(
            username=username,
            password=password,
            role=Role.CITIZEN,
            person=person,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
        )
        invitation.used_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["used_at", "user"])
        audit_record(actor=user, action=events.ACCOUNT_SET_UP, subject=invitation, person=person)
    return user
