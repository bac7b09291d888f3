"""Writing person records. Each service is one transaction, validated first and audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ownway.accounts.audit import audit_record, changes
from ownway.accounts.models import Team, User

from . import events
from .models import CaringRelationship, CodeList, CodeValue, HasUnpaidCarer, Person, Relationship
from .permissions import PersonAction, user_can, user_can_for
from .rules.nhs_number import check_nhs_number
from .rules.postcode import check_postcode

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
        locked.search_name = locked.name_key()
        locked.full_clean()
        locked.save()
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
    """Record that ``carer`` gives unpaid care to ``cared_for``; the cared-for person now has a carer."""
    if not user_can_for(actor, PersonAction.EDIT, cared_for) or actor.role == "citizen":
        raise PermissionDenied("You cannot change this person's record")
    errors: dict[str, list[str]] = {}
    if carer.pk == cared_for.pk:
        errors["carer"] = ["A person cannot be their own carer"]
    if relationship not in Relationship.values:
        errors["relationship"] = ["Select what the carer is to the person"]
    if hours_per_week is not None and not (Decimal(0) <= hours_per_week <= Decimal(168)):
        errors["hours_per_week"] = ["Hours caring each week must be between 0 and 168"]
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
