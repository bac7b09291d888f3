"""Writing the council's day-service prices, and the extras a placement takes: one transaction each, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.money import file_amount, pounds
from ownway.core.versioning import version_claim

from . import events
from .models import AbsenceReason, DayChargeRates, Placement, PlacementExtras
from .permissions import DayopsAction, user_can, user_can_for

#: The prices of a set, each in pounds: the four parts of the day and the two extras.
PRICE_FIELDS = ("morning", "afternoon", "full_day", "evening", "transport_each_way", "meal")
#: The most any one price may be (a typing slip of a zero or two is refused).
MOST = Decimal("1000.00")
#: How a set of prices is named in a refusal of a change made after someone else's.
RATES = "set of day-service prices"

LABELS = {
    "morning": "A morning session",
    "afternoon": "An afternoon session",
    "full_day": "A full day",
    "evening": "An evening session",
    "transport_each_way": "Council transport, each way",
    "meal": "A meal",
}


def day_charge_rates_save(
    *,
    actor: User,
    effective_from: dt.date,
    prices: Mapping[str, Decimal],
    chargeable_absences: Sequence[str],
    decided: str,
    expected_version: int | None = None,
) -> DayChargeRates:
    """Set the council's day-service prices from a date: a new set, or a correction of the set that starts that
    day (refused if someone else changed it since it was opened, :class:`~ownway.core.versioning.StaleEdit`).

    Every price is needed, in pounds and pence from £0 to £1,000; the absences charged are reasons from the
    register's list; ``decided`` says where the council decided them (its source, as every council-set figure
    has)."""
    if not user_can(actor, DayopsAction.SET_PRICES):
        raise PermissionDenied("You cannot set the council's day-service prices")
    errors: dict[str, list[str]] = {}
    clean: dict[str, Decimal] = {}
    for name in PRICE_FIELDS:
        value = prices.get(name)
        if value is None:
            errors[name] = [f"Enter the price of {LABELS[name][0].lower()}{LABELS[name][1:]}"]
        elif not value.is_finite() or value < 0 or value > MOST:
            errors[name] = [f"{LABELS[name]} must cost between £0 and £1,000"]
        else:
            clean[name] = pounds(value)
    unknown = [r for r in chargeable_absences if r not in AbsenceReason.values]
    if unknown:
        errors["chargeable_absences"] = ["Choose reasons for an absence from the list"]
    if not decided.strip():
        errors["decided"] = ["Say where the council decided these prices, like a cabinet decision and its date"]
    elif len(decided.strip()) > 300:
        errors["decided"] = ["Where the council decided them must be 300 characters or fewer"]
    if errors:
        raise ValidationError(errors)
    reasons = ",".join(r for r in AbsenceReason.values if r in set(chargeable_absences))
    with transaction.atomic():
        record = DayChargeRates.objects.select_for_update().filter(effective_from=effective_from).first()
        old = _values(record) if record is not None else None
        if record is None:
            try:
                with transaction.atomic():
                    record = DayChargeRates.objects.create(
                        effective_from=effective_from,
                        chargeable_absences=reasons,
                        decided=decided.strip(),
                        updated_by=actor,
                        **clean,
                    )
            except IntegrityError:
                raise ValidationError(
                    {"effective_from": ["Someone else has just set prices from this date: look at them again"]}
                ) from None
        else:
            version_claim(record, expected_version=expected_version, what=RATES)
            for name, value in clean.items():
                setattr(record, name, value)
            record.chargeable_absences, record.decided, record.updated_by = reasons, decided.strip(), actor
            record.save()
        audit_record(actor=actor, action=events.CHARGE_RATES_SET, subject=record, old=old, new=_values(record))
    return record


def _values(record: DayChargeRates) -> dict[str, str]:
    values = {name: file_amount(getattr(record, name)) for name in PRICE_FIELDS}
    return values | {
        "effective_from": record.effective_from.isoformat(),
        "chargeable_absences": record.chargeable_absences,
        "decided": record.decided,
    }


def placement_extras_set(
    *, actor: User, placement: Placement, transport_there: bool, transport_home: bool, meal: bool
) -> PlacementExtras:
    """Say which extras a placement takes on the days the person comes: council transport there, home, a meal."""
    if not user_can_for(actor, DayopsAction.PLACE, placement.person):
        raise PermissionDenied("You cannot change this person's placements")
    with transaction.atomic():
        before = PlacementExtras.objects.select_for_update().filter(placement=placement).first()
        old = (
            {"transport_there": before.transport_there, "transport_home": before.transport_home, "meal": before.meal}
            if before is not None
            else None
        )
        extras, _ = PlacementExtras.objects.update_or_create(
            placement=placement,
            defaults={"transport_there": transport_there, "transport_home": transport_home, "meal": meal,
                      "updated_by": actor},
        )  # fmt: skip
        audit_record(actor=actor, action=events.PLACEMENT_EXTRAS_SET, subject=extras, person=placement.person,
                     old=old, new={"transport_there": transport_there, "transport_home": transport_home,
                                   "meal": meal})  # fmt: skip
    return extras
