"""Large-scale enquiries: an enquiry into a care home or another provider, linking every adult involved.

Each adult at risk has their own concern, linked to the enquiry, so each is counted in the Safeguarding Adults
Collection (SAC guidance: in an enquiry into a provider, include each adult at risk). The directory entry's quality
record shows staff that a safeguarding enquiry is open about the service, naming no one (Care Act 2014 s.42; Care
and support statutory guidance, 14.132 onwards on provider concerns; ADASS, large-scale enquiries).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.events import register
from ownway.accounts.models import User
from ownway.accounts.roles import STAFF_ROLES
from ownway.directory.models import Service

from .models import Concern, LargeScaleEnquiry

LARGE_SCALE_OPENED = register("safeguarding.large_scale_opened", "Opened a large-scale safeguarding enquiry")
LARGE_SCALE_LINKED = register("safeguarding.large_scale_linked", "Linked a concern to a large-scale enquiry")
LARGE_SCALE_CLOSED = register("safeguarding.large_scale_closed", "Closed a large-scale safeguarding enquiry")


def large_scale_open(
    *, actor: User, name: str, service: Service, opened_on: dt.date | None = None
) -> LargeScaleEnquiry:
    """Open an enquiry about a directory service (and so its organisation)."""
    name = name.strip()[:200]
    if not name:
        raise ValidationError({"name": "Give the enquiry a name"})
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": "The enquiry's opening must be today or in the past"})
    with transaction.atomic():
        enquiry = LargeScaleEnquiry.objects.create(
            name=name, service=service, organization=service.organization, opened_on=opened_on
        )
        audit_record(actor=actor, action=LARGE_SCALE_OPENED, subject=enquiry)
    return enquiry


def large_scale_link(*, actor: User, enquiry: LargeScaleEnquiry, concerns: list[Concern]) -> int:
    """Link each adult's concern to the enquiry; returns how many were newly linked. A concern already in another
    large-scale enquiry is refused (each adult's concern counts once)."""
    if enquiry.closed_on is not None:
        raise ValidationError({"__all__": "This enquiry is closed"})
    elsewhere = [c.reference or str(c.pk) for c in concerns if c.large_scale_id not in (None, enquiry.pk)]
    if elsewhere:
        raise ValidationError({"concerns": f"Already in another large-scale enquiry: {', '.join(elsewhere[:5])}"})
    with transaction.atomic():
        linked = 0
        for concern in concerns:
            if concern.large_scale_id == enquiry.pk:
                continue
            Concern.objects.filter(pk=concern.pk).update(large_scale=enquiry)
            concern.large_scale = enquiry
            audit_record(actor=actor, action=LARGE_SCALE_LINKED, subject=concern, person=concern.person)
            linked += 1
    return linked


def large_scale_close(*, actor: User, enquiry: LargeScaleEnquiry, closed_on: dt.date | None = None) -> None:
    closed_on = closed_on or timezone.localdate()
    if closed_on < enquiry.opened_on:
        raise ValidationError({"closed_on": "The enquiry closed on or after the day it opened"})
    with transaction.atomic():
        LargeScaleEnquiry.objects.filter(pk=enquiry.pk).update(closed_on=closed_on)
        audit_record(actor=actor, action=LARGE_SCALE_CLOSED, subject=enquiry)
    enquiry.refresh_from_db()


def open_about(service: Service) -> LargeScaleEnquiry | None:
    """The earliest open large-scale enquiry about the service, or about its organisation as a whole."""
    about = Q(service=service)
    if service.organization_id is not None:
        about |= Q(service__isnull=True, organization_id=service.organization_id)
    return LargeScaleEnquiry.objects.filter(about, closed_on__isnull=True).order_by("opened_on", "pk").first()


def service_quality_notes(user: User, service: Service) -> list[tuple[str, str]]:
    """For staff: that a safeguarding enquiry about the service is open, since when, naming no one (no adult, no
    worker, nothing of what is alleged). Providers and citizens see nothing."""
    if user.role not in STAFF_ROLES:
        return []
    enquiry = open_about(service)
    if enquiry is None:
        return []
    return [
        (
            "Safeguarding",
            f"A safeguarding enquiry about this service has been open since {enquiry.opened_on:%-d %B %Y}. "
            "Ask the safeguarding team before placing anyone here.",
        )
    ]
