"""The demo city's carers' consents and breaks, made through the services the screens use.

* Two break services in the directory: a sitting service that charges by the hour, and a respite house that has
  not said what it costs (so pages say "Ask the provider").
* The demo carer (who cares for the demo citizen): a weekly break (every Wednesday afternoon, at the sitting
  service, paid from their plan's sitting line once that plan is approved) and a weekend's respite; the demo
  citizen's consent for them to see their plan, reviews and day-opportunity breaks.
* Other carers in the demo citizen's team, for consents at each state: one with a consent withdrawn, one with
  none (as every other carer), and a weekly break booked for each.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.directory.models import Attribute, CostOption, Organization, Service
from ownway.directory.services import service_refresh_search
from ownway.directory.taxonomies import ESD_NEEDS, ESD_SERVICES, term_id
from ownway.people.models import CaringRelationship

from . import events_breaks as events
from .models import BreakKind
from .selectors_breaks import carer_plan_lines
from .services_breaks import BreakDetails, break_book
from .services_consent import carer_consent_record, carer_consent_withdraw


def _service(name: str, organisation: str, description: str, term: tuple[str, str], cost: str | None) -> Service:
    org, _ = Organization.objects.get_or_create(name=organisation, defaults={"description": organisation})
    service, made = Service.objects.get_or_create(
        name=name, organization=org, defaults={"description": description, "kind": "commissioned"}
    )
    if made:
        if cost is not None:
            CostOption.objects.create(service=service, option="Standard", amount=Decimal(cost), per="hour")
        Attribute.objects.create(taxonomy_term_id=term_id(*term), link_id=service.pk)
        service_refresh_search(service=service)
    return service


def _next(today: dt.date, weekday: int) -> dt.date:
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7)


def generate_breaks(*, today: dt.date | None = None) -> list[str]:
    """Consents and breaks for the demo carer and two other carers; what was made, as lines."""
    today = today or timezone.localdate()
    carer_user = User.objects.filter(username="carer", role=Role.CITIZEN, person__isnull=False).first()
    caring = (
        CaringRelationship.objects.filter(carer=carer_user.person, ended_on__isnull=True)
        .select_related("carer", "cared_for")
        .first()
        if carer_user is not None
        else None
    )
    if caring is None:
        return ["No carers' breaks made (the demo carer cares for no one)"]
    cared_for = caring.cared_for
    worker = User.objects.filter(role=Role.SOCIAL_WORKER, team=cared_for.team_id, is_active=True).order_by("pk").first()
    broker = User.objects.filter(role=Role.BROKER, is_active=True).order_by("pk").first()
    if worker is None or broker is None:
        return ["No carers' breaks made (no social worker in the demo citizen's team, or no broker)"]
    with transaction.atomic():
        sitting = _service("Crossroads Care sitting service", "Crossroads Care",
                           "A trained sitter stays with the person you care for at home, so you can have a break.",
                           (ESD_SERVICES, "short_breaks"), "19.50")  # fmt: skip
        respite = _service("Hollybank respite house", "Hollybank Trust",
                           "Short stays, overnight or for a weekend, with care around the clock.",
                           (ESD_NEEDS, "carer_break"), None)  # fmt: skip
        lines = carer_plan_lines(caring.carer)
        sitting_line = next((line for line in lines if "sitting" in line.description.lower()), None)
        break_book(
            actor=broker, carer=caring.carer,
            details=BreakDetails(cared_for=cared_for, service=sitting, kind=BreakKind.WEEKLY, weekday=2,
                                 starts_on=today, ends_on=None, start_time=dt.time(13), end_time=dt.time(16),
                                 plan_line=sitting_line, note="The sitter knows the morning routine"),
        )  # fmt: skip
        friday = _next(today, 4) + dt.timedelta(days=14)
        break_book(
            actor=broker, carer=caring.carer,
            details=BreakDetails(cared_for=cared_for, service=respite, kind=BreakKind.ONE_OFF, starts_on=friday,
                                 ends_on=friday + dt.timedelta(days=2), start_time=dt.time(17),
                                 end_time=dt.time(12), note="A weekend away for the carer's birthday"),
        )  # fmt: skip
        carer_consent_record(actor=worker, cared_for=cared_for, carer=caring.carer,
                             covers=["plan", "reviews", "day_breaks"], given_on=today)  # fmt: skip
        # Two more carers in the same team: one whose cared-for person withdrew consent, one never asked.
        others = list(
            CaringRelationship.objects.filter(cared_for__team=cared_for.team_id, ended_on__isnull=True)
            .exclude(pk=caring.pk)
            .exclude(cared_for=cared_for)
            .select_related("carer", "cared_for")
            .order_by("pk")[:2]
        )
        made = 2
        for n, other in enumerate(others):
            if n == 0:
                consent = carer_consent_record(actor=worker, cared_for=other.cared_for, carer=other.carer,
                                               covers=["plan"], given_on=today - dt.timedelta(days=60))  # fmt: skip
                carer_consent_withdraw(actor=worker, consent=consent)
            break_book(
                actor=broker, carer=other.carer,
                details=BreakDetails(cared_for=other.cared_for, service=sitting, kind=BreakKind.WEEKLY,
                                     weekday=1 + n, starts_on=today, ends_on=today + dt.timedelta(days=182),
                                     start_time=dt.time(10), end_time=dt.time(14)),
            )  # fmt: skip
            made += 1
        audit_record(actor=None, action=events.DEMO_BREAKS_MADE, new={"breaks": made, "carers": 1 + len(others)})
    return [
        f"Carers' breaks: {made} booked for {1 + len(others)} carers (the demo carer's every Wednesday afternoon"
        f"{', paid from their plan' if sitting_line else ''}, and a weekend's respite); the demo citizen's consent "
        f"for their carer to see their plan and reviews"
        + (", and a withdrawn consent for another carer" if others else "")
    ]
