"""The demo city's day-care cohort, kept as day services, tiers, placements, waiting lists and attendance.

The city generator (``ownway.people.demo``) decides who is in day care and where, from Birmingham's draft day
opportunities strategy (seed 000): 1,540 people at the city's size, 678 in the council's own services, 633 with
external providers and the rest with the third sector, each with a client group and (in the council's services)
a complexity of need. This module writes them down, so that the commissioner's tables (:mod:`.figures`), counted
from the records, give the strategy's figures back:

* **Day services**: directory entries marked internal, external or third sector (:class:`.models.DayService`),
  in the numbers the strategy gives at the city's size ("9 sites plus 2 gardening projects" run by the council,
  "approximately 55 providers" outside it; the number of third-sector groups is illustrative), scaled to the
  city's cohort. External and third-sector services belong to the demo's provider organisations, whose staff
  mark their registers. Each service's places per session leave a few free, and about one in five is full.
* **Spend** (Table 4): each kind's cost a year, £9.2m internal, £7.6m external and £1.1m third sector at the
  city's size, in proportion to the people placed at any other size, shared between the services by people.
* **Placements** on days and parts of the day: full days at the council's services (more days for more complex
  needs), full or half days with external providers, half days, evenings and Saturdays with the third sector.
  They were made before the demo's support plans, so none is linked to a plan line; the funding says who pays.
* **Tiers**: each person's tier (complex needs in Specialist Intensive Support, moderate ones in Enablement, and
  so on), some after an earlier time in Enablement; Enablement reviews fall due 12 weeks on, some already past.
* **Complexity of need** (Table 5) for the people the council's services have classified.
* **Waiting lists** for full sessions, and **attendance** for the weeks before the demo's today.

Everything is written with ``bulk_create`` (checked by construction, not through the services, as the city is),
from a random stream seeded by the city's seed: the same city gives the same day services and placements. One
audit event records the whole.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.directory.models import Location, Organization, ProviderAccount, Schedule, Service, ServiceKind
from ownway.people.demo import calibration as cal
from ownway.people.demo.generator import DEFAULT_AS_OF, DayCarePlacement
from ownway.people.models import Person

from . import events
from .demo_fleet import place_services, write_fleet
from .models import (
    DAY_NAMES,
    SLOTS,
    AbsenceReason,
    Attendance,
    AttendanceStatus,
    Complexity,
    DayService,
    Funding,
    NeedComplexity,
    Placement,
    PlacementStatus,
    ProgressionReview,
    Provision,
    ReviewDecision,
    SessionPart,
    Tier,
    TierDecision,
    TierDecisionKind,
    TierDecisionStatus,
    WaitingListEntry,
)
from .services import enablement_review_due

NAMESPACE = uuid.UUID("0b7f3d2e-6a41-4f0c-9d55-3c2f1e8a7b19")
_BATCH = 1000
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
#: The evenings a third-sector group with evening sessions meets.
EVENINGS = ("TU", "TH")

#: The cohort's provision (``ownway.people.demo.calibration``) -> who runs the services. The 229 people the
#: strategy counts in day care outside internal and external provision are the third sector's.
PROVISION_OF = {
    cal.INTERNAL: Provision.INTERNAL,
    cal.EXTERNAL: Provision.EXTERNAL,
    cal.OTHER_DAY_CARE: Provision.THIRD_SECTOR,
}
#: People of each kind at the city's size (seed 000, Tables 4 to 6; third sector: 1,540 - 678 - 633).
SEED_PEOPLE: dict[str, int] = {
    Provision.INTERNAL: cal.INTERNAL_TOTAL,
    Provision.EXTERNAL: cal.EXTERNAL_TOTAL,
    Provision.THIRD_SECTOR: cal.DAY_CARE_TOTAL - cal.INTERNAL_TOTAL - cal.EXTERNAL_TOTAL,
}
#: Spend a year at the city's size (seed 000, Table 4).
SEED_SPEND: dict[str, int] = {
    Provision.INTERNAL: cal.TABLE_4["Internal provision (younger adults)"][1],
    Provision.EXTERNAL: cal.TABLE_4["External provision"][1],
    Provision.THIRD_SECTOR: cal.TABLE_4["Third sector"][1],
}
#: Services of each kind at the city's size: the council's 9 sites and 2 gardening projects, about 55 external
#: providers (seed 000), and 16 third-sector groups (illustrative).
SEED_SERVICES: dict[str, int] = {
    Provision.INTERNAL: cal.INTERNAL_DAY_SITES + cal.INTERNAL_GARDENING_PROJECTS,
    Provision.EXTERNAL: cal.EXTERNAL_DAY_PROVIDERS,
    Provision.THIRD_SECTOR: 16,
}
NAMES: dict[str, tuple[str, ...]] = {
    Provision.INTERNAL: ("Resource Centre", "Day Centre", "Community Hub", "Life Skills Centre"),
    Provision.EXTERNAL: ("Day Service", "Day Opportunities", "Activity Centre", "Creative Day Service", "Day Club"),
    Provision.THIRD_SECTOR: ("Friendship Group", "Social Club", "Lunch Club", "Community Café", "Walking Group"),
}
PLACES = ("Aston", "Erdington", "Handsworth", "Kings Heath", "Northfield", "Selly Oak", "Sparkhill", "Yardley",
          "Hall Green", "Perry Barr", "Sutton Coldfield", "Hodge Hill", "Ladywood", "Edgbaston", "Moseley")  # fmt: skip
#: Tier by complexity of need in the council's services; by client group elsewhere (illustrative).
TIER_BY_COMPLEXITY = {
    "complex": {Tier.SPECIALIST: 1.0},
    "substantial": {Tier.PERSONALISED: 0.8, Tier.SPECIALIST: 0.2},
    "moderate": {Tier.ENABLEMENT: 0.7, Tier.PERSONALISED: 0.3},
    "not_classified": {Tier.PERSONALISED: 0.6, Tier.ENABLEMENT: 0.2, Tier.SPECIALIST: 0.2},
}
TIER_BY_GROUP = {
    cal.OLDER_ADULTS: {Tier.SPECIALIST: 0.5, Tier.PERSONALISED: 0.4, Tier.ENABLEMENT: 0.1},
    cal.LEARNING_DISABILITIES: {Tier.PERSONALISED: 0.6, Tier.SPECIALIST: 0.25, Tier.ENABLEMENT: 0.15},
    cal.PHYSICAL_DISABILITIES: {Tier.PERSONALISED: 0.6, Tier.ENABLEMENT: 0.3, Tier.SPECIALIST: 0.1},
    cal.MENTAL_HEALTH: {Tier.ENABLEMENT: 0.5, Tier.PERSONALISED: 0.5},
}
TIER_THIRD_SECTOR = {Tier.ENABLEMENT: 0.6, Tier.PERSONALISED: 0.4}
#: How external places are paid for (Waltham Forest's purchase mix, wave 2 reference §4: 60% commissioned,
#: 37% direct payment, 3% self-funded).
EXTERNAL_FUNDING = {Funding.COUNCIL_ARRANGED: 60, Funding.DIRECT_PAYMENT: 37, Funding.SELF_FUNDED: 3}
#: How often people come when they are expected, and why not when they do not (illustrative).
ATTENDED_SHARE = 0.88
ABSENCES = {
    AbsenceReason.ILL: 38,
    AbsenceReason.HOLIDAY: 20,
    AbsenceReason.HOSPITAL: 7,
    AbsenceReason.NO_TRANSPORT: 10,
    AbsenceReason.CHOSE_NOT_TO: 15,
    AbsenceReason.UNEXPLAINED: 10,
}
#: Of the services, the share whose busiest sessions are full (the others keep about one place in eight free).
FULL_SHARE = 0.2
#: People on a waiting list, as a share of the cohort.
WAITING_SHARE = 0.03
#: People who came through Enablement in the last year and moved on to community options, as a share of the
#: cohort (illustrative): they are not in day care now, so not in the tables of the cohort, only in the tier
#: decisions over time.
MOVED_ON_SHARE = 0.05
#: What people said at the review that moved them on, in their own words (illustrative).
OWN_WORDS = (
    "I go to the gardening group on my own now and I have made friends there.",
    "I can get the bus to the library by myself. I want to keep doing the cooking class.",
    "I feel more confident. I volunteer at the café on Tuesdays.",
    "I have joined the walking group near my house and I see my friends there.",
)


@dataclass
class DayOpportunitiesSummary:
    services: Counter[str] = field(default_factory=Counter)
    placements: int = 0
    tier_decisions: int = 0
    classified: int = 0
    waiting: int = 0
    attendance: int = 0
    moved_on: int = 0
    fleet_travellers: int = 0
    vehicles: int = 0

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{n} {dict(Provision.choices)[k].lower()}" for k, n in self.services.items())
        return [
            f"Day services: {sum(self.services.values())} ({kinds}); {self.placements:,} placements, "
            f"{self.tier_decisions:,} tier decisions, {self.waiting:,} waiting, "
            f"{self.attendance:,} register marks, {self.moved_on:,} moved on to community options; "
            f"{self.fleet_travellers:,} travel by the council fleet's {self.vehicles} vehicles"
        ]


def _weighted(rng: random.Random, weights: Mapping[Any, float]) -> str:
    return str(rng.choices(list(weights), weights=list(weights.values()))[0])


def _service_count(provision: str, people: int) -> int:
    if not people:
        return 0
    return max(1, round(SEED_SERVICES[provision] * people / SEED_PEOPLE[provision]))


def _spend(provision: str, people: int) -> int:
    """A kind's spend a year in whole pounds: the strategy's, in proportion to the people placed."""
    return round(SEED_SPEND[provision] * people / SEED_PEOPLE[provision])


@dataclass
class _Plan:
    """One person's placement before it is written."""

    person_id: int
    worker_id: int
    entry: DayCarePlacement
    provision: str
    service: int
    session: str
    count: int
    tier: str = ""
    days: list[str] = field(default_factory=list)


def _organisations(seed: int) -> tuple[Organization, list[tuple[Organization, User | None]]]:
    """The council (for its own services) and the demo's provider organisations with a member of staff each, each
    provider linked to its organisation (the one it already speaks for, if any)."""
    council_name = settings.OWNWAY_COUNCIL_NAME
    council = Organization.objects.filter(name=council_name).first() or Organization.objects.create(
        id=uuid.uuid5(NAMESPACE, f"{seed}:council"),
        name=council_name,
        description=f"{council_name} runs day services for younger adults.",
    )
    providers: list[tuple[Organization, User | None]] = []
    for user in User.objects.filter(role=Role.PROVIDER).exclude(organisation_name="").order_by("username"):
        account = ProviderAccount.objects.filter(user=user).select_related("organization").first()
        if account is not None:
            providers.append((account.organization, user))
            continue
        organisation = Organization.objects.filter(name=user.organisation_name).first()
        if organisation is None:
            organisation = Organization.objects.create(
                id=uuid.uuid5(NAMESPACE, f"{seed}:org:{user.organisation_name}"),
                name=user.organisation_name,
                description=f"{user.organisation_name} runs day opportunities in the city.",
            )
        ProviderAccount.objects.create(user=user, organization=organisation)
        providers.append((organisation, user))
    return council, providers


def generate_day_opportunities(
    *,
    cohort: Sequence[DayCarePlacement],
    seed: int,
    as_of: dt.date = DEFAULT_AS_OF,
    weeks: int = 4,
    registers_until: dt.date | None = None,
) -> DayOpportunitiesSummary:
    """Write the day-care cohort of a demo city (``CitySummary.day_care``) as day services, tiers, placements,
    complexity of need, waiting lists and ``weeks`` weeks of attendance. One transaction.

    The city is drawn at ``as_of`` (its ages, placements and tiers), but the demo is shown on the day it is built:
    its registers are the ``weeks`` weeks up to ``registers_until`` (the demo passes the day before today, so
    that today's registers are there to mark), or up to ``as_of`` if not given. The same number of weeks either
    way, so the same number of marks to write."""
    rng = random.Random(f"ownway-dayops-demo:{seed}")
    summary = DayOpportunitiesSummary()
    with transaction.atomic():
        by_reference = _people([entry.reference for entry in cohort])
        staff = User.objects.filter(role__in=(Role.SOCIAL_WORKER, Role.TEAM_MANAGER), is_active=True).order_by("pk")
        fallback = staff.values_list("pk", flat=True).first()
        if fallback is None or not cohort:
            return summary
        council, providers = _organisations(seed)
        plans = _plan_people(cohort, by_reference, fallback, rng)
        services = _make_services(plans, council, providers, seed, rng, summary)
        place_services(services, seed=seed, namespace=NAMESPACE)
        placements = _write_people(plans, services, as_of, weeks, rng, summary, registers_until or as_of)
        fleet = write_fleet(placements, services, seed=seed)
        summary.fleet_travellers, summary.vehicles = fleet["travelling"], fleet["vehicles"]
        _write_waiting(plans, services, as_of, fallback, rng, summary)
        _write_moved_on(services, as_of, fallback, rng, summary)
        made = {"seed": seed, "as_of": as_of.isoformat(), "services": dict(summary.services),
                "placements": summary.placements, "waiting": summary.waiting, "moved_on": summary.moved_on,
                "attendance": summary.attendance, "fleet_travellers": summary.fleet_travellers,
                "vehicles": summary.vehicles}  # fmt: skip
        audit_record(actor=None, action=events.DEMO_DAY_OPPORTUNITIES_MADE, new=made)
    return summary


def clear_day_opportunities(**_signal: Any) -> dict[str, int]:
    """Remove every day-opportunity record and the day services themselves (their directory entries, with their
    sessions), so that the demo city's people and accounts can go: ``people.demo.builder.clear_city`` asks for
    this (``city_clearing``) before it removes them. The audit trail is kept. For demo and test databases only."""
    from django.apps import apps

    removed: dict[str, int] = {}
    services = list(DayService.objects.values_list("service_id", flat=True))
    venues = list(
        Location.objects.filter(service_at_locations__service_id__in=services).values_list("pk", flat=True).distinct()
    )
    # Each record only points at records made before it, so removing the newest kinds first never meets one
    # still in use; the directory entries go last, once nothing points at them.
    for model in reversed(list(apps.get_app_config("dayops").get_models())):
        count = model._default_manager.all().delete()[1].get(model._meta.label, 0)
        if count:
            removed[str(model._meta.verbose_name_plural)] = count
    for start in range(0, len(services), _BATCH):
        Service.objects.filter(pk__in=services[start : start + _BATCH]).delete()
    for start in range(0, len(venues), _BATCH):
        Location.objects.filter(pk__in=venues[start : start + _BATCH], service_at_locations__isnull=True).delete()
    return removed


def _people(references: list[str]) -> dict[str, tuple[int, int | None]]:
    found: dict[str, tuple[int, int | None]] = {}
    for start in range(0, len(references), 2000):
        rows = Person.objects.filter(reference__in=references[start : start + 2000]).values_list(
            "reference", "pk", "named_worker_id"
        )
        found.update({reference: (pk, worker) for reference, pk, worker in rows})
    return found


def _days(rng: random.Random, choices: Sequence[str], count: int) -> list[str]:
    chosen = set(rng.sample(list(choices), k=min(count, len(choices))))
    return [code for code in DAY_NAMES if code in chosen]


def _plan_people(
    cohort: Sequence[DayCarePlacement],
    by_reference: dict[str, tuple[int, int | None]],
    fallback: int,
    rng: random.Random,
) -> dict[str, list[_Plan]]:
    """Each person's kind of service, tier, part of the day and days, grouped by kind (services come next)."""
    plans: dict[str, list[_Plan]] = defaultdict(list)
    for entry in cohort:
        if entry.reference not in by_reference:
            continue
        person_id, worker = by_reference[entry.reference]
        provision = PROVISION_OF[entry.provision]
        if provision == Provision.INTERNAL:
            tier = _weighted(rng, TIER_BY_COMPLEXITY[entry.complexity or "not_classified"])
            session = SessionPart.FULL_DAY
            count = {"complex": 5, "substantial": 4, "moderate": 3}.get(entry.complexity, rng.choice((3, 4, 5)))
        elif provision == Provision.EXTERNAL:
            tier = _weighted(rng, TIER_BY_GROUP[entry.client_group])
            session = SessionPart.FULL_DAY if rng.random() < 0.7 else rng.choice((SessionPart.MORNING,
                                                                                  SessionPart.AFTERNOON))  # fmt: skip
            count = rng.choice((1, 2, 2, 3, 3))
        else:
            tier = _weighted(rng, TIER_THIRD_SECTOR)
            roll = rng.random()
            session = (
                SessionPart.EVENING
                if roll < 0.15
                else SessionPart.FULL_DAY
                if roll < 0.3
                else rng.choice((SessionPart.MORNING, SessionPart.AFTERNOON))
            )
            count = rng.choice((1, 1, 2))
        # The days themselves are chosen once the service's days are known.
        plans[provision].append(_Plan(person_id, worker or fallback, entry, provision, -1, session, count, tier))
    return plans


@dataclass
class _Service:
    service: Service
    provision: str
    days: list[str]
    evening: bool
    provider: User | None
    people: int = 0
    cost: Decimal = Decimal(0)
    taken: Counter[tuple[str, str]] = field(default_factory=Counter)


def _make_services(
    plans: dict[str, list[_Plan]],
    council: Organization,
    providers: list[tuple[Organization, User | None]],
    seed: int,
    rng: random.Random,
    summary: DayOpportunitiesSummary,
) -> list[_Service]:
    """The day services, each person's service and days, then each service's places per session."""
    third_orgs = providers[-max(1, len(providers) // 4) :] if providers else []
    external_orgs = providers[: len(providers) - len(third_orgs)] or third_orgs
    made: list[_Service] = []
    for provision in Provision.values:
        people = plans.get(provision, [])
        count = _service_count(provision, len(people))
        owners: list[tuple[Organization, User | None]] = (
            [(council, None)]
            if provision == Provision.INTERNAL
            else (external_orgs if provision == Provision.EXTERNAL else third_orgs) or [(council, None)]
        )
        names = NAMES[provision]
        first = len(made)
        for n in range(count):
            organisation, provider = owners[n % len(owners)]
            place = PLACES[(n + len(made)) % len(PLACES)]
            if provision == Provision.INTERNAL and n >= count - max(0, round(count * 2 / 11)) and count > 2:
                name = f"{place} Gardening Project"
            else:
                name = f"{place} {names[n % len(names)]}"
            name = f"{name} ({organisation.name})" if provision != Provision.INTERNAL else name
            if count > len(PLACES):
                name = f"{name} {n // len(PLACES) + 1}"
            days = list(WEEKDAYS) if provision != Provision.THIRD_SECTOR else [*WEEKDAYS, "SA"]
            evening = provision == Provision.THIRD_SECTOR and n % 2 == 0
            service = Service(
                id=uuid.uuid5(NAMESPACE, f"{seed}:service:{provision}:{n}"),
                organization=organisation,
                name=name[:255],
                description=_description(provision, name),
                kind=ServiceKind.COMMISSIONED if provision != Provision.THIRD_SECTOR else ServiceKind.COMMUNITY,
                minimum_age=18,
                suits_enablement=provision != Provision.INTERNAL or n % 3 == 0,
                suits_personalised=True,
                suits_specialist=provision != Provision.THIRD_SECTOR,
                days=",".join(days),
                has_evening=evening,
                has_location=True,  # each is given its venue (``demo_fleet.place_services``)
            )
            service.search_text = " ".join(f"{service.name} {service.description} {organisation.name}".lower().split())
            made.append(_Service(service, provision, days, evening, provider))
        mine = made[first:]
        rng.shuffle(people)
        for k, plan in enumerate(people):
            target = mine[k % len(mine)]
            plan.service = first + k % len(mine)
            if plan.session == SessionPart.EVENING and not target.evening:
                plan.session = SessionPart.AFTERNOON
            plan.days = _days(rng, target.days if plan.session != SessionPart.EVENING else EVENINGS, plan.count)
            target.people += 1
            for code in plan.days:
                for slot in SLOTS[plan.session]:
                    target.taken[(code, slot)] += 1
        spend = _spend(provision, len(people))
        shares = cal.apportion(spend, [s.people for s in mine]) if mine else []
        for target, cost in zip(mine, shares, strict=True):
            busiest = max(target.taken.values(), default=0)
            full = rng.random() < FULL_SHARE and busiest > 0
            target.service.capacity = busiest if full else max(busiest + 2, math.ceil(busiest * 1.15))
            target.cost = Decimal(cost)
        summary.services[provision] = len(mine)
    Service.objects.bulk_create([s.service for s in made], batch_size=_BATCH)
    Schedule.objects.bulk_create(
        [
            Schedule(service=s.service, freq="WEEKLY", byday=",".join(s.days), opens_at=dt.time(9, 30),
                     closes_at=dt.time(15, 30), description="Day sessions")
            for s in made
        ]
        + [
            Schedule(service=s.service, freq="WEEKLY", byday=",".join(EVENINGS), opens_at=dt.time(18),
                     closes_at=dt.time(21), description="Evening sessions")
            for s in made
            if s.evening
        ],
        batch_size=_BATCH,
    )  # fmt: skip
    DayService.objects.bulk_create(
        [DayService(service=s.service, provision=s.provision, yearly_cost=s.cost) for s in made],
        batch_size=_BATCH,
    )
    return made


def _description(provision: str, name: str) -> str:
    if provision == Provision.INTERNAL:
        return (
            f"{name} is run by the council for adults with learning and physical disabilities, from 1:1 to 3:1 "
            "support for complex needs: activities, life skills, lunch and friends."
        )
    if provision == Provision.EXTERNAL:
        return "Day opportunities for adults: arts, life skills, therapy, lunch and trips, for low to complex needs."
    return "A friendly group for adults who want company and something to do, on weekdays, Saturdays and evenings."


def _write_people(
    plans: dict[str, list[_Plan]],
    services: list[_Service],
    as_of: dt.date,
    weeks: int,
    rng: random.Random,
    summary: DayOpportunitiesSummary,
    registers_until: dt.date,
) -> list[Placement]:
    """Each person's tier decisions, complexity of need, placement and attendance; the placements."""
    decisions: list[TierDecision] = []
    complexities: list[NeedComplexity] = []
    placements: list[Placement] = []
    everyone = [plan for provision in Provision.values for plan in plans.get(provision, [])]
    for plan in everyone:
        worker = plan.worker_id
        if plan.tier == Tier.ENABLEMENT:
            decided = as_of - dt.timedelta(days=rng.randint(0, 120))
            starts = decided
        else:
            starts = as_of - dt.timedelta(days=rng.randint(90, 15 * 365))
            decided = as_of - dt.timedelta(days=rng.randint(14, 700))
            if rng.random() < 0.35:  # came through Enablement first, and moved on to this tier at its review
                entered = decided - dt.timedelta(weeks=12)
                decisions.append(TierDecision(
                    person_id=plan.person_id, tier=Tier.ENABLEMENT, kind=TierDecisionKind.ENTERED,
                    status=TierDecisionStatus.SUPERSEDED, reason="Starting at the day service: help to regain skills",
                    decided_on=entered, review_due=enablement_review_due(entered), decided_by_id=worker))  # fmt: skip
                kind, reason = TierDecisionKind.MOVED, "Needs more support for longer than Enablement gives"
            elif rng.random() < 0.15:
                kind, reason = TierDecisionKind.STAYED, "Reviewed: the support is still right"
            else:
                kind, reason = TierDecisionKind.ENTERED, "The level of support agreed in the conversation"
        if plan.tier == Tier.ENABLEMENT:
            kind, reason = TierDecisionKind.ENTERED, "Time-limited help to regain skills and connect to the community"
            due = enablement_review_due(decided)
        else:
            due = decided + dt.timedelta(days=365)
        decisions.append(TierDecision(person_id=plan.person_id, tier=plan.tier, kind=kind, reason=reason,
                                      decided_on=decided, review_due=due, decided_by_id=worker))  # fmt: skip
        complexity = plan.entry.complexity
        if plan.provision == Provision.INTERNAL and complexity in Complexity.values:
            complexities.append(NeedComplexity(person_id=plan.person_id, complexity=complexity,
                                               classified_on=min(starts + dt.timedelta(days=28), as_of)))  # fmt: skip
        target = services[plan.service]
        funding: str
        if plan.provision == Provision.INTERNAL:
            funding = Funding.COUNCIL_ARRANGED
        elif plan.provision == Provision.EXTERNAL:
            funding = _weighted(rng, EXTERNAL_FUNDING)
        else:
            funding = Funding.COUNCIL_ARRANGED  # the council's grant pays for the group
        placements.append(Placement(person_id=plan.person_id, service=target.service, days=",".join(plan.days),
                                    session=plan.session, starts_on=starts, funding=funding,
                                    created_by_id=worker))  # fmt: skip
    TierDecision.objects.bulk_create(decisions, batch_size=_BATCH)
    NeedComplexity.objects.bulk_create(complexities, batch_size=_BATCH)
    Placement.objects.bulk_create(placements, batch_size=_BATCH)
    summary.tier_decisions = len(decisions)
    summary.classified = len(complexities)
    summary.placements = len(placements)
    summary.attendance = _write_attendance(placements, services, everyone, registers_until, weeks, rng)
    return placements


def _write_attendance(
    placements: list[Placement],
    services: list[_Service],
    plans: list[_Plan],
    until: dt.date,
    weeks: int,
    rng: random.Random,
) -> int:
    codes = list(DAY_NAMES)
    dates = [until - dt.timedelta(days=back) for back in range(7 * weeks - 1, -1, -1)]
    marks: list[Attendance] = []
    written = 0
    for placement, plan in zip(placements, plans, strict=True):
        marker = services[plan.service].provider
        marked_by = marker.pk if marker is not None else plan.worker_id
        days = set(plan.days)
        for day in dates:
            if day < placement.starts_on or codes[day.weekday()] not in days:
                continue
            if rng.random() < ATTENDED_SHARE:
                status, reason = AttendanceStatus.ATTENDED, ""
            else:
                status, reason = AttendanceStatus.ABSENT, _weighted(rng, ABSENCES)
            marks.append(Attendance(placement_id=placement.pk, date=day, status=status, absence_reason=reason,
                                    marked_by_id=marked_by))  # fmt: skip
        if len(marks) >= 20 * _BATCH:
            Attendance.objects.bulk_create(marks, batch_size=_BATCH)
            written += len(marks)
            marks = []
    Attendance.objects.bulk_create(marks, batch_size=_BATCH)
    return written + len(marks)


def _write_waiting(
    plans: dict[str, list[_Plan]],
    services: list[_Service],
    as_of: dt.date,
    fallback: int,
    rng: random.Random,
    summary: DayOpportunitiesSummary,
) -> None:
    """People waiting for full sessions: some of the cohort, wanting a place at a full service besides their own."""
    full = [
        (index, code, slot)
        for index, s in enumerate(services)
        for (code, slot), taken in sorted(s.taken.items())
        if s.service.capacity is not None and taken >= s.service.capacity
    ]
    everyone = [plan for provision in Provision.values for plan in plans.get(provision, [])]
    wanted = round(WAITING_SHARE * len(everyone))
    if not full or not everyone:
        return
    entries: list[WaitingListEntry] = []
    seen: set[tuple[int, int]] = set()
    for _ in range(wanted * 3):
        if len(entries) >= wanted:
            break
        index, code, slot = rng.choice(full)
        plan = rng.choice(everyone)
        if plan.service == index or (plan.person_id, index) in seen:
            continue
        seen.add((plan.person_id, index))
        joined = as_of - dt.timedelta(days=rng.randint(1, 240))
        entries.append(WaitingListEntry(person_id=plan.person_id, service=services[index].service, days=code,
                                        session=slot, wanted_from=joined, joined_on=joined,
                                        added_by_id=plan.worker_id or fallback))  # fmt: skip
    entries.sort(key=lambda e: e.joined_on)  # the queue's order is the order people joined it
    WaitingListEntry.objects.bulk_create(entries, batch_size=_BATCH)
    summary.waiting = len(entries)


def _write_moved_on(
    services: list[_Service], as_of: dt.date, fallback: int, rng: random.Random, summary: DayOpportunitiesSummary
) -> None:
    """People not in day care now who spent their 12 weeks of Enablement at an external or third-sector service
    in the last year and, at its review, moved on to community options: their placement ended that day."""
    placed = [s for s in services if s.provision != Provision.INTERNAL]
    wanted = round(MOVED_ON_SHARE * sum(s.people for s in services))
    if not placed or not wanted:
        return
    candidates = list(
        Person.objects.filter(primary_support_reason__code__in=("learning_disability", "mental_health",
                                                                "physical_mobility", "physical_personal_care"))
        .exclude(pk__in=Placement.objects.values("person_id"))
        .order_by("reference")
        .values_list("pk", "named_worker_id")[: wanted * 4]
    )  # fmt: skip
    chosen = rng.sample(candidates, k=min(wanted, len(candidates)))
    entered: list[TierDecision] = []
    left: list[TierDecision] = []
    placements: list[Placement] = []
    for person_id, worker in chosen:
        worker = worker or fallback
        started = as_of - dt.timedelta(days=rng.randint(100, 360))
        review = min(enablement_review_due(started) + dt.timedelta(days=rng.randint(0, 14)), as_of)
        entered.append(TierDecision(person_id=person_id, tier=Tier.ENABLEMENT, kind=TierDecisionKind.ENTERED,
                                    status=TierDecisionStatus.SUPERSEDED, decided_on=started,
                                    review_due=enablement_review_due(started), decided_by_id=worker,
                                    reason="Time-limited help to regain skills"))  # fmt: skip
        left.append(TierDecision(person_id=person_id, tier="", kind=TierDecisionKind.LEFT, decided_on=review,
                                 decided_by_id=worker, reason="Reached what they wanted from Enablement"))  # fmt: skip
        target = rng.choice(placed)
        session = rng.choice((SessionPart.MORNING, SessionPart.AFTERNOON))
        placements.append(Placement(person_id=person_id, service=target.service, session=session,
                                    days=",".join(_days(rng, target.days, 1)), starts_on=started, ends_on=review,
                                    status=PlacementStatus.ENDED, funding=Funding.COUNCIL_ARRANGED,
                                    created_by_id=worker))  # fmt: skip
    TierDecision.objects.bulk_create(entered + left, batch_size=_BATCH)
    ProgressionReview.objects.bulk_create(
        [
            ProgressionReview(person_id=before.person_id, reviewed=before, result=after, reviewed_on=after.decided_on,
                              outcomes_own_words=rng.choice(OWN_WORDS), decision=ReviewDecision.COMMUNITY,
                              reasons="They do what they wanted to in the community without a day service",
                              reviewed_by_id=after.decided_by_id)
            for before, after in zip(entered, left, strict=True)
        ],
        batch_size=_BATCH,
    )  # fmt: skip
    Placement.objects.bulk_create(placements, batch_size=_BATCH)
    summary.moved_on = len(chosen)
    summary.tier_decisions += len(entered) + len(left)
