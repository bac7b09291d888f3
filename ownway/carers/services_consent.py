"""Recording the cared-for person's consent for a carer to see parts of their record, and its withdrawal.

Consent is the lawful basis for showing a carer what is the cared-for person's (UK GDPR art. 6(1)(a)): given by the
person, recorded by their worker, for one carer who is recorded as caring for them (``people.CaringRelationship``),
and covering what the person agreed to: their current support plan, their reviews, the breaks their day placements
give the carer. It is withdrawn at any time, by the person on their own page or by their worker, and from then on
the carer sees nothing it covered (art. 7(3): "It shall be as easy to withdraw as to give consent").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.people.models import CaringRelationship, Person

from . import events_breaks as events
from .models import CarerConsent
from .permissions_breaks import BreaksAction, user_can_for

#: What a consent may cover, by the name a form sends.
COVERS = {"plan": "covers_plan", "reviews": "covers_reviews", "day_breaks": "covers_day_breaks"}
#: How far back a consent given on paper can be dated.
OLDEST = dt.timedelta(days=366)


def carer_consent_record(
    *, actor: User, cared_for: Person, carer: Person, covers: Collection[str], given_on: dt.date
) -> CarerConsent:
    """Record that ``cared_for`` consents to ``carer`` seeing what ``covers`` names (of :data:`COVERS`), from
    ``given_on``. The carer must be recorded as caring for them now; one consent stands at a time."""
    if not user_can_for(actor, BreaksAction.CONSENT, cared_for):
        raise PermissionDenied("You cannot record this person's consent")
    relationship = (
        CaringRelationship.objects.filter(carer=carer, cared_for=cared_for, ended_on__isnull=True)
        .select_related("carer", "cared_for")
        .first()
    )
    if relationship is None:
        raise ValidationError(
            {"carer": [f"{carer.full_name} is not recorded as caring for {cared_for.full_name}: add them as a carer "
                       f"on {cared_for.first_name}'s record first"]}
        )  # fmt: skip
    errors: dict[str, list[str]] = {}
    chosen = set(covers)
    if not chosen:
        errors["covers"] = ["Choose what they agree the carer may see"]
    elif not chosen <= set(COVERS):
        errors["covers"] = ["Choose from the list what they agree the carer may see"]
    today = timezone.localdate()
    if given_on > today:
        errors["given_on"] = ["The date they gave consent must be today or in the past"]
    elif given_on < today - OLDEST:
        errors["given_on"] = ["The date they gave consent must be within the last year: ask them again"]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            consent = CarerConsent.objects.create(
                relationship=relationship, given_on=given_on, recorded_by=actor,
                **{COVERS[code]: True for code in chosen},
            )  # fmt: skip
            audit_record(
                actor=actor,
                action=events.CONSENT_RECORDED,
                subject=consent,
                person=cared_for,
                new={"carer": carer.pk, "covers": sorted(chosen), "given_on": given_on.isoformat()},
            )
    except IntegrityError:
        raise ValidationError(
            f"{cared_for.full_name}'s consent for {carer.full_name} is already recorded: record that they withdrew it "
            "first if what they agree to has changed"
        ) from None
    return consent


def carer_consent_withdraw(*, actor: User, consent: CarerConsent) -> CarerConsent:
    """Withdraw a consent, from today: by the person themselves, or recorded by their worker. From then on the
    carer sees nothing it covered."""
    cared_for = consent.relationship.cared_for
    by_person = actor.role == Role.CITIZEN and actor.is_active and actor.person_id == cared_for.pk
    if not by_person and not user_can_for(actor, BreaksAction.CONSENT, cared_for):
        raise PermissionDenied("You cannot withdraw this consent")
    with transaction.atomic():
        updated = CarerConsent.objects.filter(pk=consent.pk, withdrawn_on__isnull=True).update(
            withdrawn_on=timezone.localdate(), withdrawn_by=actor
        )
        if not updated:
            raise ValidationError("This consent has already been withdrawn")
        consent.refresh_from_db()
        audit_record(
            actor=actor,
            action=events.CONSENT_WITHDRAWN,
            subject=consent,
            person=cared_for,
            new={"carer": consent.relationship.carer_id, "withdrawn_on": str(consent.withdrawn_on)},
        )
    return consent
