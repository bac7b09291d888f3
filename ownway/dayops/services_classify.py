"""Writing what the commissioner's Tables 5 and 6 are counted from (seed 000, Birmingham's draft day opportunities
strategy): the complexity of a person's need at day services (Table 5, "Complexity of Need", in the council's
own services) and who runs each day service (internal, external or third sector: Table 4, and Table 6's external
services). Each records who set it and when, and writes its audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import format_date
from ownway.directory.models import Service
from ownway.people.models import Person

from . import events
from .models import Complexity, DayService, NeedComplexity, Provision
from .permissions import DayopsAction, user_can, user_can_for

#: Chosen on the page to say someone's need is not classified (Table 5's "not classified" row).
NOT_CLASSIFIED = "not_classified"
#: The earliest date a classification may carry.
FIRST_DAY = dt.date(2000, 1, 1)


def complexity_set(*, actor: User, person: Person, complexity: str, classified_on: dt.date) -> NeedComplexity | None:
    """Record how complex the person's need is at day services from ``classified_on`` (today or before), or
    (:data:`NOT_CLASSIFIED`) that it is not classified. Those who decide the person's tier classify it. The
    record says who set it and when; the audit trail keeps every earlier value."""
    if not user_can_for(actor, DayopsAction.DECIDE_TIER, person):
        raise PermissionDenied("You cannot classify this person's need")
    errors: dict[str, list[str]] = {}
    if complexity not in (*Complexity.values, NOT_CLASSIFIED):
        errors["complexity"] = ["Choose how complex their need is"]
    if classified_on > timezone.localdate():
        errors["classified_on"] = ["The date must be today or in the past"]
    elif classified_on < FIRST_DAY:
        errors["classified_on"] = [f"The date must be on or after {format_date(FIRST_DAY)}"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = NeedComplexity.objects.select_for_update().filter(person=person).first()
        old = (
            {"complexity": current.complexity, "classified_on": current.classified_on.isoformat()} if current else None
        )
        if complexity == NOT_CLASSIFIED:
            if current is not None:
                current.delete()
            record = None
        else:
            record, _ = NeedComplexity.objects.update_or_create(
                person=person,
                defaults={"complexity": complexity, "classified_on": classified_on, "recorded_by": actor,
                          "recorded_at": timezone.now()},
            )  # fmt: skip
        audit_record(actor=actor, action=events.COMPLEXITY_SET, subject=person, person=person, old=old,
                     new={"complexity": complexity, "classified_on": classified_on.isoformat()})  # fmt: skip
    return record


def provision_set(*, actor: User, service: Service, provision: str) -> DayService:
    """Say who runs a day service: the council (internal), an external provider, or the third sector. A directory
    service becomes one of the council's day services the first time it is said. The record says who set it and
    when; the audit trail keeps every earlier value."""
    if not user_can(actor, DayopsAction.SERVICE_PROVISION):
        raise PermissionDenied("You cannot say who runs this service")
    if provision not in Provision.values:
        raise ValidationError({"provision": ["Choose who runs the service"]})
    with transaction.atomic():
        current = DayService.objects.select_for_update().filter(service=service).first()
        old = {"provision": current.provision} if current else None
        if current is None:
            current = DayService(service=service)
        current.provision, current.provision_set_by, current.provision_set_at = provision, actor, timezone.now()
        current.save()
        audit_record(actor=actor, action=events.PROVISION_SET, subject=current, old=old,
                     new={"provision": provision})  # fmt: skip
    return current
