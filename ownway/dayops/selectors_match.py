"""Suggesting day services for a person: the directory's own search, then how each fits and its places.

The candidates come from :func:`ownway.directory.selectors.service_search` (one search, not a second one): the
person's interests (a service must carry one), the access features they need (its venue must have them all), their
age (its age limits must include it), the days and part of the day they want (it must run on one of the days, in
the evening if that is the part wanted) and, when a postcode is given, how far they can travel. Of those, only day
services (those that say which tier they suit or how many places a session has, as the placement page lists) are
kept; the first :data:`CANDIDATES` are then weighed by :func:`ownway.dayops.rules.matching.match` against the
tier, transport, budget and the places left in the sessions wanted over the first week from the start date.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ownway.accounts.models import User
from ownway.directory.models import CostOption, Feature, Service, Shortlist
from ownway.directory.rules.cost import CostLine, full_cost
from ownway.directory.selectors import (
    DirectorySearch,
    attributes_for,
    result_page,
    service_search,
    shortlists_for_person,
)
from ownway.people.models import Person

from .models import Placement
from .permissions import DayopsAction, user_can_for
from .rules.matching import Match, Offer, Wants, match
from .services import places_taken_at, tier_current

#: Day services: those that say which tier they suit or how many places a session has.
DAY_SERVICE = Q(suits_enablement=True) | Q(suits_personalised=True) | Q(suits_specialist=True) | Q(capacity__gt=0)
#: How many of the search's best results are weighed.
CANDIDATES = 60
#: How many suggestions a page shows.
SHOWN = 20


def day_services() -> QuerySet[Service]:
    """Every day service (see :data:`DAY_SERVICE`); the caller narrows it to active ones as needed."""
    return Service.objects.filter(DAY_SERVICE)


@dataclass(frozen=True)
class MatchAsk:
    """What the broker asked for, with the person."""

    days: Sequence[str] = ()
    session: str = "full_day"
    interest_ids: Sequence[uuid.UUID] = ()
    features: Sequence[str] = ()
    needs_transport: bool = False
    budget: Decimal | None = None
    latitude: float | None = None
    longitude: float | None = None
    within_m: float | None = None
    starts_on: dt.date | None = None


@dataclass
class Suggestion:
    service: Service
    match: Match


@dataclass
class Matches:
    wants: Wants
    #: Services with places (or places not known) in the sessions wanted, best first.
    suggestions: list[Suggestion]
    #: Services that fit but are full in a session wanted: the waiting list.
    full: list[Suggestion]
    #: How many of the search's results were weighed.
    weighed: int


def day_services_matching(*, user: User, person: Person, ask: MatchAsk) -> Matches:
    """Day services for the person, each with why it was suggested, what does not fit and what to ask."""
    if not user_can_for(user, DayopsAction.PLACE, person):
        raise PermissionDenied("You cannot place this person")
    today = timezone.localdate()
    starts_on = ask.starts_on or today
    current = tier_current(person)
    search = DirectorySearch(
        interest_ids=list(ask.interest_ids),
        features=list(ask.features),
        days=list(ask.days),
        evenings=ask.session == "evening",
        age=person.age_on(today),
        latitude=ask.latitude,
        longitude=ask.longitude,
        within_m=ask.within_m if ask.latitude is not None else None,
        sort="distance" if ask.latitude is not None else "relevance",
    )
    found = service_search(search=search).filter(DAY_SERVICE)
    page = result_page(
        found,
        number=1,
        per_page=CANDIDATES,
        select_related=("organization",),
        prefetch_related=(Prefetch("cost_options", queryset=CostOption.objects.order_by("amount")),),
    )
    services: list[Service] = page.items
    ids = [s.pk for s in services]
    taken = places_taken_at(
        Placement.objects.filter(service_id__in=ids), starts_on=starts_on, ends_on=starts_on + dt.timedelta(days=6)
    )
    wanted_terms = {str(t) for t in ask.interest_ids}
    interests: dict[object, list[str]] = {}
    if wanted_terms:
        for service_id, rows in attributes_for(link_ids=ids).items():
            interests[service_id] = sorted(
                {a.taxonomy_term.name for a in rows if str(a.taxonomy_term_id) in wanted_terms}
            )
    features = [label for code, label in Feature.choices if code in set(ask.features)]
    wants = Wants(
        days=tuple(ask.days),
        session=ask.session,
        tier=current.tier if current is not None else "",
        features=tuple(features),
        needs_transport=ask.needs_transport,
        budget=ask.budget,
        near=search.near,
    )
    suggestions: list[Suggestion] = []
    full: list[Suggestion] = []
    for service in services:
        tiers = {
            code
            for code, suits in (
                ("enablement", service.suits_enablement),
                ("personalised", service.suits_personalised),
                ("specialist", service.suits_specialist),
            )
            if suits
        }
        offer = Offer(
            name=service.name,
            open_days=frozenset(service.days.split(",")) if service.days else None,
            has_evening=service.has_evening,
            tiers=frozenset(tiers),
            cost=full_cost([CostLine(c.option, c.amount, c.kind, c.per) for c in service.cost_options.all()]),
            capacity=service.capacity,
            taken=taken.get(service.pk, {}),
            transport=service.transport_provided,
            distance_m=getattr(service, "distance_m", None),
            has_location=service.has_location,
            interests=tuple(interests.get(service.pk, ())),
            features=tuple(features),
        )
        result = match(wants, offer)
        if result.has_room:
            suggestions.append(Suggestion(service, result))
        elif result.full:
            full.append(Suggestion(service, result))
    order = {s.pk: n for n, s in enumerate(services)}
    suggestions.sort(key=lambda s: (s.match.sort_key, order[s.service.pk]))
    full.sort(key=lambda s: (s.match.sort_key, order[s.service.pk]))
    return Matches(wants=wants, suggestions=suggestions[:SHOWN], full=full[:SHOWN], weighed=len(services))


def open_shortlists(*, user: User, person: Person) -> tuple[list[Shortlist], list[Shortlist]]:
    """The person's shortlists a broker may add to (no choice yet), and those where the person has chosen a day
    service they are not placed at, newest first: each choice becomes a placement through the placement page.
    Empty for someone who may not broker services (the directory's policy)."""
    rows = list(shortlists_for_person(user=user, person=person))
    placed = set(Placement.objects.filter(person=person).values_list("service_id", flat=True))
    open_ = [s for s in rows if s.chosen_id is None]
    chosen = [s for s in rows if s.chosen_id is not None and s.chosen_id not in placed]
    return open_, chosen
