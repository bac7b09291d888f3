"""The demo city, generated in plain Python: who lives in it, who works for the council, who cares for whom.

Nothing here touches the database (:mod:`ownway.people.demo.builder` writes what this makes). The
generation runs in three steps, each from its own seeded random stream so one step's details never
shift another's:

1. :func:`plan_city` fixes, for every person, the things the published figures are about: client
   group, day-care provision, age band, ethnic group, primary support reason and complexity, by exact
   quota (largest remainder) from :mod:`.calibration`, so even a small city matches the tables; and
   where the person lives, their team, whether they have a named worker and how many carers.
2. :func:`plan_staff` sizes the teams to their caseloads and names the staff, giving the well-known
   demo logins (:func:`demo_logins`) to the first member of the right role in the right team.
3. :func:`iter_households` makes each person's record (and their carers' records) as plain values.

Every step takes ``random.Random`` seeded from the city's seed, never the global generator or the
clock: the same seed, size and date give the same city.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from bisect import bisect
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from ownway.accounts.roles import Role, TeamKind

from ..rules.nhs_number import nhs_check_digit
from . import calibration as cal
from .addresses import (
    AREAS,
    CARE_HOME_NAMES,
    CENTRAL,
    DISTRICTS,
    DISTRICTS_BY_CODE,
    NORTH,
    SUPPORTED_HOUSING_NAMES,
    postcode_for,
)
from .names import (
    CITY_ETHNICITY,
    ENGLISH,
    ETHNICITY_POOLS,
    ETHNICITY_WITHIN_GROUP,
    MIXED_CODES,
    POOLS,
    NamePool,
    ascii_fold,
    feminine_surname,
)

#: The date the city is drawn at: ages, and dates such as when caring started, are as at this day.
#: The end of the 2025-26 reporting year, so every generated date is in the past.
DEFAULT_AS_OF = dt.date(2026, 3, 31)
#: The one password of every demo account.
DEMO_PASSWORD = "ownway-demo-2026"  # noqa: S105 (published on purpose: demo accounts only)
#: Staff and provider accounts of the demo have email addresses at this (reserved, undeliverable) domain.
DEMO_EMAIL_DOMAIN = "ownway-demo.example"
#: Named sizes for ``generate_city --size``: people who use services (carers come on top).
SIZES: dict[str, int] = {
    "tiny": 200,
    "small": 2_000,
    "council": cal.OPEN_CASES,
    "council5": 5 * cal.OPEN_CASES,
}
CARER_PSR = "social_support_to_carer"

# --- Teams -------------------------------------------------------------------------------------------
FRONT_DOOR_TEAM = "Adult social care front door"
LEARNING_DISABILITY_TEAM = "Learning disability team"
MENTAL_HEALTH_TEAM = "Mental health social work team"
OCCUPATIONAL_THERAPY_TEAM = "Occupational therapy team"
HOSPITAL_TEAM = "Hospital discharge team"
ENABLEMENT_TEAM = "Enablement team"
BROKERAGE_TEAM = "Brokerage team"
FINANCE_TEAM = "Financial assessment team"
COMMISSIONING_TEAM = "Commissioning team"
ADMINISTRATION_TEAM = "Systems administration team"
CITYWIDE = "Citywide"


def locality_team(area: str) -> str:
    return f"{area} locality team"


def older_adults_team(area: str) -> str:
    return f"{area} older adults team"


@dataclass(frozen=True)
class TeamSpec:
    name: str
    kind: str
    area: str


TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec(FRONT_DOOR_TEAM, TeamKind.FRONT_DOOR, CITYWIDE),
    *(TeamSpec(locality_team(area), TeamKind.LOCALITY, area) for area in AREAS),
    *(TeamSpec(older_adults_team(area), TeamKind.OLDER_ADULTS, area) for area in AREAS),
    TeamSpec(LEARNING_DISABILITY_TEAM, TeamKind.LEARNING_DISABILITY, CITYWIDE),
    TeamSpec(MENTAL_HEALTH_TEAM, TeamKind.MENTAL_HEALTH, CITYWIDE),
    TeamSpec(OCCUPATIONAL_THERAPY_TEAM, TeamKind.OCCUPATIONAL_THERAPY, CITYWIDE),
    TeamSpec(HOSPITAL_TEAM, TeamKind.HOSPITAL, CITYWIDE),
    TeamSpec(ENABLEMENT_TEAM, TeamKind.ENABLEMENT, CITYWIDE),
    TeamSpec(BROKERAGE_TEAM, TeamKind.BROKERAGE, CITYWIDE),
    TeamSpec(FINANCE_TEAM, TeamKind.FINANCE, CITYWIDE),
    TeamSpec(COMMISSIONING_TEAM, TeamKind.COMMISSIONING, CITYWIDE),
    TeamSpec(ADMINISTRATION_TEAM, TeamKind.ADMINISTRATION, CITYWIDE),
)
TEAMS_BY_NAME: dict[str, TeamSpec] = {team.name: team for team in TEAMS}

#: People allocated to a team of each kind who have a named worker (illustrative).
NAMED_WORKER_SHARE: dict[str, float] = {
    TeamKind.FRONT_DOOR: 0.2,
    TeamKind.LOCALITY: 0.65,
    TeamKind.OLDER_ADULTS: 0.65,
    TeamKind.LEARNING_DISABILITY: 0.8,
    TeamKind.MENTAL_HEALTH: 0.75,
    TeamKind.OCCUPATIONAL_THERAPY: 0.7,
    TeamKind.HOSPITAL: 0.85,
    TeamKind.ENABLEMENT: 0.9,
}
#: People with a named worker per worker, by team kind: sizes the casework teams (illustrative).
CASELOAD: dict[str, int] = {
    TeamKind.FRONT_DOOR: 25,
    TeamKind.LOCALITY: 25,
    TeamKind.OLDER_ADULTS: 30,
    TeamKind.LEARNING_DISABILITY: 30,
    TeamKind.MENTAL_HEALTH: 25,
    TeamKind.OCCUPATIONAL_THERAPY: 40,
    TeamKind.HOSPITAL: 15,
    TeamKind.ENABLEMENT: 6,
}
#: Where people not in day care are allocated, by client group (illustrative). Keys are team names
#: with "{area}" standing for the person's area.
_OLDER_ADULT_TEAMS = {
    "older_adults:{area}": 62,
    HOSPITAL_TEAM: 10,
    ENABLEMENT_TEAM: 8,
    OCCUPATIONAL_THERAPY_TEAM: 8,
    FRONT_DOOR_TEAM: 7,
    "locality:{area}": 5,
}
_PHYSICAL_DISABILITY_TEAMS = {
    "locality:{area}": 70,
    OCCUPATIONAL_THERAPY_TEAM: 15,
    FRONT_DOOR_TEAM: 7,
    HOSPITAL_TEAM: 4,
    ENABLEMENT_TEAM: 4,
}


class DemoLogin(NamedTuple):
    """One well-known demo account: what it is for, and the user name (password :data:`DEMO_PASSWORD`)."""

    role: str
    username: str


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    label: str
    team: str
    description: str


#: The well-known accounts, one for every role (and a carer as well as a citizen).
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "social_worker", Role.SOCIAL_WORKER, "Social worker", locality_team(NORTH),
        "Holds a caseload in the North locality team, including the demo citizen.",
    ),
    DemoAccount(
        "occupational_therapist", Role.OCCUPATIONAL_THERAPIST, "Occupational therapist", OCCUPATIONAL_THERAPY_TEAM,
        "Holds a caseload in the occupational therapy team.",
    ),
    DemoAccount(
        "team_manager", Role.TEAM_MANAGER, "Team manager", locality_team(NORTH),
        "Manages the North locality team.",
    ),
    DemoAccount("broker", Role.BROKER, "Broker", BROKERAGE_TEAM, "Finds and arranges support, citywide."),
    DemoAccount(
        "finance_officer", Role.FINANCE_OFFICER, "Finance officer", FINANCE_TEAM,
        "Does financial assessments, citywide.",
    ),
    DemoAccount(
        "enablement_worker", Role.ENABLEMENT_WORKER, "Enablement worker", ENABLEMENT_TEAM,
        "Visits people in their enablement episodes.",
    ),
    DemoAccount(
        "enablement_manager", Role.ENABLEMENT_MANAGER, "Enablement manager", ENABLEMENT_TEAM,
        "Manages the enablement team and its rota.",
    ),
    DemoAccount(
        "commissioner", Role.COMMISSIONER, "Commissioner", COMMISSIONING_TEAM,
        "Sees the city's figures and its providers.",
    ),
    DemoAccount(
        "administrator", Role.ADMINISTRATOR, "Administrator", ADMINISTRATION_TEAM,
        "Manages accounts and teams, and reads the audit trail.",
    ),
    DemoAccount(
        "citizen", Role.CITIZEN, "Citizen", "",
        "A person who uses services, with a carer, on the demo social worker's caseload.",
    ),
    DemoAccount("carer", Role.CITIZEN, "Carer", "", "The demo citizen's unpaid carer, with their own record."),
    DemoAccount("provider", Role.PROVIDER, "Provider", "", "Staff of a day opportunities provider."),
)  # fmt: skip
DEMO_USERNAMES: frozenset[str] = frozenset(account.username for account in DEMO_ACCOUNTS)


def demo_logins() -> list[DemoLogin]:
    """The well-known demo accounts as (what the account is for, user name); every password is
    :data:`DEMO_PASSWORD`. One for every role, and a carer besides the citizen."""
    return [DemoLogin(account.label, account.username) for account in DEMO_ACCOUNTS]


#: Day opportunities providers (made-up names) whose staff get provider accounts.
PROVIDER_ORGANISATIONS: tuple[str, ...] = (
    "Brighter Days Community Hub", "Kingfisher Day Services", "Acorn Lifeskills", "Canal Arts Collective",
    "Moseley Friends Day Centre", "Handsworth Elders Lunch Club", "Sunrise Asian Elders Day Centre",
    "Windrush Generations Day Club", "Green Shoots Gardening Project", "Stepping Stones Supported Learning",
    "Open Doors Community Café", "Harborne Memory Café", "Castle Vale Active Lives", "Small Heath Women's Centre",
    "Erdington Men's Shed", "Northfield Independent Living", "Bournville Craft Studio",
    "Sparkhill Wellbeing Centre", "The Music Room", "Inclusive Sports Birmingham", "Hall Green Horticulture",
    "Ladywood Learning Together", "Yardley Friendship Club", "Sutton Coldfield Day Care", "City Life Skills",
    "Kings Norton Community Farm", "Tyburn Activity Centre", "Aston Social Hub", "Sheldon Day Opportunities",
    "Selly Oak Art House", "Birchfield Dementia Day Care", "Lozells Lunch and Leisure", "Quinton Tea Dance Club",
    "Balsall Heath Community Kitchen", "Nechells Adults Project", "Perry Barr Wellbeing",
    "Digbeth Creative Studio", "Stechford Social Club", "Shard End Community Allotment", "Hodge Hill Day Centre",
    "Acocks Green Friendship Hub", "Kingstanding Forge Workshop", "Billesley Bowls and Social",
    "Weoley Castle Together", "Rubery Riverside Walkers", "Washwood Heath Elders Circle",
    "Bordesley Green Sewing Group", "Four Oaks Companions", "Walmley Day Centre", "Stirchley Cycle Workshop",
    "Edgbaston Reading Room", "Winson Green Wellbeing Hub", "Great Barr Garden Club",
    "Castle Bromwich Reminiscence Group", "Jewellery Quarter Makers",
)  # fmt: skip


class Weighted:
    """A weighted choice with its cumulative weights worked out once (``random.choices`` redoes them)."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, weights: Mapping[Any, float]) -> None:
        self.items = list(weights)
        self.cumulative: list[float] = []
        running = 0.0
        for weight in weights.values():
            running += weight
            self.cumulative.append(running)
        self.total = running

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def _quota_list(total: int, weights: Mapping[str, float], rng: random.Random) -> list[str]:
    """``total`` labels in exact proportion to ``weights`` (largest remainder), in random order."""
    return _expand(cal.apportion_map(total, weights), rng)


# --- Step 1: the plan --------------------------------------------------------------------------------
@dataclass
class CityPlan:
    """What each person is, by position (0 to ``people - 1``), before any names or addresses."""

    people: int
    seed: int
    client_group: list[str]
    provision: list[str]
    age_band: list[str]
    ethnic_group: list[str]
    psr: list[str]
    complexity: list[str]
    district: list[str]
    team: list[str]
    named: list[bool]
    carers: list[int]
    #: The person whose record the demo citizen account opens (``None`` in an empty city).
    demo_citizen: int | None

    def team_counts(self) -> tuple[Counter[str], Counter[str]]:
        """People and people with a named worker, by team."""
        total: Counter[str] = Counter(self.team)
        named: Counter[str] = Counter(t for t, n in zip(self.team, self.named, strict=True) if n)
        return total, named


def _rng(seed: int, step: str) -> random.Random:
    return random.Random(f"ownway-demo-city:{seed}:{step}")


def _nested_quotas(whole: int, part: int, weights: Mapping[str, float]) -> tuple[dict[str, int], dict[str, int]]:
    """Exact quotas for a group (``whole`` people) and for a part of it (``part`` people, e.g. those in
    day care) at once: (part's counts, the rest's counts), so that both the part and the whole are
    within one person of their quota in every category. (Apportioning the part and the rest on their
    own would let the whole drift by two.)"""
    whole_counts = cal.apportion_map(whole, weights)
    part_counts = cal.apportion_map(part, weights)
    rest = {key: whole_counts[key] - part_counts[key] for key in weights}
    if min(rest.values(), default=0) < 0:  # only when the rest is a handful of people
        rest = cal.apportion_map(whole - part, weights)
    return part_counts, rest


def _expand(counts: Mapping[str, int], rng: random.Random) -> list[str]:
    items: list[str] = []
    for key, count in counts.items():
        items.extend([key] * count)
    rng.shuffle(items)
    return items


def _age_pools(group: str, internal: int, day_others: int, none: int, rng: random.Random) -> dict[str, list[str]]:
    """Table 3's age bands for a client group, for its internal day-care places, its other day-care
    places and everyone else. Internal (younger adults') services get only people under 65; the
    over-65s in day care go to the other places."""
    day_counts, rest_counts = _nested_quotas(internal + day_others + none, internal + day_others,
                                             cal.table_3_shares(group))  # fmt: skip
    bands = _expand(day_counts, rng)
    older = [band for band in bands if band in cal.OVER_65_BANDS]
    younger = [band for band in bands if band not in cal.OVER_65_BANDS]
    if internal and len(older) > day_others:
        # Only possible in a tiny city, where rounding can leave more over-65s than non-internal places.
        younger.extend(["50 to 64"] * (len(older) - day_others))
        older = older[:day_others]
    other_bands = older + younger[: day_others - len(older)]
    internal_bands = younger[day_others - len(older) :]
    rng.shuffle(other_bands)
    return {"internal": internal_bands, "day": other_bands, "none": _expand(rest_counts, rng)}


def plan_city(people: int, seed: int) -> CityPlan:
    """Decide what each of ``people`` people is, by exact quota from the calibration tables."""
    if people < 0:
        raise ValueError("The number of people cannot be negative")
    rng = _rng(seed, "plan")
    cells = cal.OPEN_CASE_CELLS
    # Provision first (Table 4's internal 678 and external 633, Table 1's 1,540), then the client groups
    # within each provision (Table 6 within external), so both tables hold at any size.
    by_provision = cal.apportion_map(people, {p: sum(cells[(g, p)] for g in cal.CLIENT_GROUPS) for p in cal.PROVISIONS})
    counts: dict[tuple[str, str], int] = {}
    for provision, total in by_provision.items():
        split = cal.apportion_map(total, {g: cells[(g, provision)] for g in cal.CLIENT_GROUPS})
        for group, count in split.items():
            counts[(group, provision)] = count
    # Everyone else fills each client group up to its exact quota of the whole city, so the city's
    # client groups are within one person of their quota too.
    whole = cal.apportion_map(people, cal.OPEN_CASES_BY_GROUP)
    rest = {g: whole[g] - sum(counts[(g, p)] for p in cal.PROVISIONS if p != cal.NO_DAY_CARE) for g in whole}
    if min(rest.values()) >= 0:
        for group, count in rest.items():
            counts[(group, cal.NO_DAY_CARE)] = count
    sequence: list[tuple[str, str]] = []
    for cell, count in counts.items():
        sequence.extend([cell] * count)
    rng.shuffle(sequence)

    # Quota pools, each shuffled, that people draw from in turn.
    age_pools: dict[tuple[str, str], list[str]] = {}
    ethnic_pools: dict[tuple[str, str], list[str]] = {}
    psr_pools: dict[str, list[str]] = {}
    for group in cal.CLIENT_GROUPS:
        internal = counts[(group, cal.INTERNAL)]
        day_others = counts[(group, cal.EXTERNAL)] + counts[(group, cal.OTHER_DAY_CARE)]
        none = counts[(group, cal.NO_DAY_CARE)]
        for key, bands in _age_pools(group, internal, day_others, none, rng).items():
            age_pools[(group, key)] = bands
        day_ethnic, rest_ethnic = _nested_quotas(
            internal + day_others + none, internal + day_others, cal.table_2_shares(group)
        )
        ethnic_pools[(group, "day")] = _expand(day_ethnic, rng)
        ethnic_pools[(group, "none")] = _expand(rest_ethnic, rng)
        psr_pools[group] = _quota_list(internal + day_others + none, cal.ILLUSTRATIVE_PSR_BY_GROUP[group], rng)
    internal_total = sum(counts[(g, cal.INTERNAL)] for g in cal.CLIENT_GROUPS)
    complexity_pool = _quota_list(internal_total, cal.TABLE_5, rng)

    district_choice = Weighted({d.code: d.weight for d in DISTRICTS})
    older_teams = Weighted(_OLDER_ADULT_TEAMS)
    physical_teams = Weighted(_PHYSICAL_DISABILITY_TEAMS)

    plan = CityPlan(
        people=people, seed=seed, client_group=[], provision=[], age_band=[], ethnic_group=[], psr=[],
        complexity=[], district=[], team=[], named=[], carers=[], demo_citizen=None,
    )  # fmt: skip
    for group, provision in sequence:
        in_day_care = provision != cal.NO_DAY_CARE
        age_key = "internal" if provision == cal.INTERNAL else ("day" if in_day_care else "none")
        district = district_choice.pick(rng)
        area = DISTRICTS_BY_CODE[district].area
        if group == cal.LEARNING_DISABILITIES:
            team = LEARNING_DISABILITY_TEAM
        elif group == cal.MENTAL_HEALTH:
            team = MENTAL_HEALTH_TEAM
        elif in_day_care:  # people in day care have long-term support from their area's team
            team = older_adults_team(area) if group == cal.OLDER_ADULTS else locality_team(area)
        else:
            choice = (older_teams if group == cal.OLDER_ADULTS else physical_teams).pick(rng)
            team = _team_for_area(choice, area)
        carers = 0
        if rng.random() < cal.ILLUSTRATIVE_CARER_SHARE[group]:
            carers = 2 if rng.random() < cal.ILLUSTRATIVE_SECOND_CARER_SHARE else 1
        plan.client_group.append(group)
        plan.provision.append(provision)
        plan.age_band.append(age_pools[(group, age_key)].pop())
        plan.ethnic_group.append(ethnic_pools[(group, "day" if in_day_care else "none")].pop())
        plan.psr.append(psr_pools[group].pop())
        plan.complexity.append(complexity_pool.pop() if provision == cal.INTERNAL else "")
        plan.district.append(district)
        plan.team.append(team)
        plan.named.append(rng.random() < NAMED_WORKER_SHARE[TEAMS_BY_NAME[team].kind])
        plan.carers.append(carers)
    _choose_demo_citizen(plan)
    return plan


def _team_for_area(choice: str, area: str) -> str:
    if choice == "older_adults:{area}":
        return older_adults_team(area)
    if choice == "locality:{area}":
        return locality_team(area)
    return choice


def _choose_demo_citizen(plan: CityPlan) -> None:
    """The demo citizen: someone in the North locality team with a physical disability and a carer,
    on the demo social worker's caseload (or as close to that as a tiny city allows)."""
    north = locality_team(NORTH)
    tests = (
        lambda i: plan.team[i] == north and plan.client_group[i] == cal.PHYSICAL_DISABILITIES and plan.carers[i],
        lambda i: plan.team[i] == north and plan.carers[i],
        lambda i: plan.team[i] == north,
        lambda i: True,
    )
    for test in tests:
        found = next((i for i in range(plan.people) if test(i)), None)
        if found is not None:
            plan.demo_citizen = found
            plan.named[found] = True
            plan.carers[found] = max(plan.carers[found], 1)
            return


# --- Step 2: staff -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class StaffMember:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str
    job_title: str
    email: str
    organisation_name: str = ""


@dataclass
class StaffPlan:
    teams: tuple[TeamSpec, ...]
    members: list[StaffMember]
    #: For each casework team, the user names of the workers people's named workers are drawn from;
    #: the first of the North locality team's is the demo social worker.
    caseworkers: dict[str, list[str]]

    def by_role(self) -> Counter[str]:
        return Counter(m.role for m in self.members)


_JOB_TITLES: dict[str, tuple[str, ...]] = {
    Role.SOCIAL_WORKER: ("Social worker", "Social worker", "Social worker", "Senior social worker"),
    Role.OCCUPATIONAL_THERAPIST: ("Occupational therapist", "Senior occupational therapist"),
    Role.TEAM_MANAGER: ("Team manager",),
    Role.BROKER: ("Brokerage officer", "Senior brokerage officer"),
    Role.FINANCE_OFFICER: ("Financial assessment officer", "Senior financial assessment officer"),
    Role.ENABLEMENT_WORKER: ("Enablement support worker",),
    Role.ENABLEMENT_MANAGER: ("Enablement manager",),
    Role.COMMISSIONER: ("Commissioning officer", "Commissioning manager"),
    Role.ADMINISTRATOR: ("Systems administrator",),
    Role.PROVIDER: ("Service manager", "Registered manager", "Day centre coordinator"),
}


#: Who holds the caseload in a casework team (social workers unless listed).
_WORKER_ROLE: dict[str, Role] = {
    TeamKind.OCCUPATIONAL_THERAPY: Role.OCCUPATIONAL_THERAPIST,
    TeamKind.ENABLEMENT: Role.ENABLEMENT_WORKER,
}


class _Namer:
    """Names for staff, drawn from the whole city's communities, with unique user names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ethnicity = Weighted(CITY_ETHNICITY)
        self.taken: set[str] = set(DEMO_USERNAMES)

    def name(self) -> tuple[str, str]:
        rng = self.rng
        female = rng.random() < 0.78  # most of the social care workforce are women
        pool = POOLS[_ETHNICITY_POOLS[self.ethnicity.pick(rng)].pick(rng)]
        first = rng.choice(pool.given_names(female=female, born_before_1960=False))
        last = _surname(pool, female=female, rng=rng)
        return first, last

    def username(self, first: str, last: str) -> str:
        base = "".join(ch for ch in ascii_fold(f"{first}.{last}").lower() if ch.isalnum() or ch == ".")
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}{n}"
        self.taken.add(candidate)
        return candidate


def plan_staff(plan: CityPlan, seed: int) -> StaffPlan:
    """Teams sized to their caseloads, every role filled, and the demo logins in the right places."""
    rng = _rng(seed, "staff")
    namer = _Namer(rng)
    _total, named = plan.team_counts()
    demo_slots = {(a.team, a.role): a.username for a in DEMO_ACCOUNTS if a.team}
    members: list[StaffMember] = []
    caseworkers: dict[str, list[str]] = {}

    def add(team: str, role: Role, count: int) -> list[str]:
        names = []
        for index in range(count):
            first, last = namer.name()
            demo = demo_slots.get((team, role)) if index == 0 else None
            username = demo or namer.username(first, last)
            members.append(
                StaffMember(
                    username=username, first_name=first, last_name=last, role=role.value, team=team,
                    job_title=rng.choice(_JOB_TITLES[role]), email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                )
            )  # fmt: skip
            names.append(username)
        return names

    people = plan.people
    for spec in TEAMS:
        kind = spec.kind
        if kind in CASELOAD:
            worker_role = _WORKER_ROLE.get(kind, Role.SOCIAL_WORKER)
            workers = max(2, math.ceil(named[spec.name] / CASELOAD[kind]))
            manager_role = Role.ENABLEMENT_MANAGER if kind == TeamKind.ENABLEMENT else Role.TEAM_MANAGER
            add(spec.name, manager_role, max(1, math.ceil(workers / 10)))
            caseworkers[spec.name] = add(spec.name, worker_role, workers)
            if kind in (TeamKind.LOCALITY, TeamKind.OLDER_ADULTS, TeamKind.HOSPITAL):
                add(spec.name, Role.OCCUPATIONAL_THERAPIST, max(1, workers // 8))
        elif kind == TeamKind.BROKERAGE:
            add(spec.name, Role.BROKER, max(2, math.ceil(people / 2000)))
            add(spec.name, Role.TEAM_MANAGER, 1)
        elif kind == TeamKind.FINANCE:
            add(spec.name, Role.FINANCE_OFFICER, max(2, math.ceil(people / 1500)))
            add(spec.name, Role.TEAM_MANAGER, 1)
        elif kind == TeamKind.COMMISSIONING:
            add(spec.name, Role.COMMISSIONER, max(2, math.ceil(people / 8000)))
        elif kind == TeamKind.ADMINISTRATION:
            add(spec.name, Role.ADMINISTRATOR, max(2, math.ceil(people / 50000)))
    # Provider accounts: one for each of up to 55 providers (the strategy's "approximately 55").
    providers = max(5, min(cal.EXTERNAL_DAY_PROVIDERS, round(cal.EXTERNAL_DAY_PROVIDERS * people / cal.OPEN_CASES)))
    for index, organisation in enumerate(PROVIDER_ORGANISATIONS[:providers]):
        first, last = namer.name()
        username = "provider" if index == 0 else f"provider-{index + 1:02d}"
        members.append(
            StaffMember(
                username=username, first_name=first, last_name=last, role=Role.PROVIDER.value, team="",
                job_title=rng.choice(_JOB_TITLES[Role.PROVIDER]), email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                organisation_name=organisation,
            )
        )  # fmt: skip
    return StaffPlan(teams=TEAMS, members=members, caseworkers=caseworkers)


# --- Step 3: people ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DayCarePlacement:
    """A person in the day-care cohort: who runs their service, their client group and complexity of need
    (``ownway.dayops.demo`` makes the placements)."""

    reference: str
    client_group: str
    provision: str
    complexity: str


@dataclass
class CarerLink:
    person: dict[str, Any]
    relationship: str
    hours_per_week: Decimal | None
    lives_with: bool
    started_on: dt.date
    account: str = ""


@dataclass
class Household:
    """A person who uses services, their carers, and any citizen accounts, as plain values.

    ``person`` and each carer's ``person`` hold the ``Person`` model's fields by name, except that coded
    fields hold the code (``"female"``), ``team`` holds the team's name and ``named_worker`` a user name.
    """

    index: int
    person: dict[str, Any]
    client_group: str
    carers: list[CarerLink] = field(default_factory=list)
    account: str = ""
    day_care: DayCarePlacement | None = None


_GENDER_BY_GROUP: dict[str, Weighted] = {
    cal.OLDER_ADULTS: Weighted({"female": 620, "male": 375, "other": 2, "unknown": 3}),
    cal.LEARNING_DISABILITIES: Weighted({"male": 580, "female": 415, "other": 2, "unknown": 3}),
    cal.PHYSICAL_DISABILITIES: Weighted({"female": 520, "male": 475, "other": 2, "unknown": 3}),
    cal.MENTAL_HEALTH: Weighted({"male": 560, "female": 433, "other": 4, "unknown": 3}),
}
_ACCOMMODATION: dict[str, Weighted] = {
    cal.OLDER_ADULTS: Weighted({
        "owner_occupier": 38, "tenant_social": 24, "tenant_private": 3, "with_family": 8,
        "sheltered_extra_care": 9, "care_home": 10, "nursing_home": 6, "supported_accommodation": 1, "unknown": 1,
    }),
    cal.LEARNING_DISABILITIES: Weighted({
        "with_family": 38, "supported_accommodation": 30, "shared_lives": 4, "tenant_social": 12,
        "tenant_private": 3, "owner_occupier": 2, "care_home": 9, "unknown": 2,
    }),
    cal.PHYSICAL_DISABILITIES: Weighted({
        "owner_occupier": 28, "tenant_social": 36, "tenant_private": 10, "with_family": 16,
        "supported_accommodation": 4, "care_home": 4, "nursing_home": 1, "unknown": 1,
    }),
    cal.MENTAL_HEALTH: Weighted({
        "tenant_social": 38, "supported_accommodation": 24, "tenant_private": 10, "with_family": 14,
        "owner_occupier": 5, "temporary_council": 3, "night_shelter": 2, "care_home": 2, "unknown": 2,
    }),
    "carer": Weighted({"owner_occupier": 50, "tenant_social": 28, "tenant_private": 12, "with_family": 10}),
}  # fmt: skip
_EMPLOYMENT: dict[str, Weighted] = {
    "retired": Weighted({"not_seeking_retired": 92, "voluntary_only": 3, "unknown": 5}),
    cal.LEARNING_DISABILITIES: Weighted({
        "paid_under_16": 5, "paid_16_plus": 2, "voluntary_only": 6, "seeking_work": 7,
        "not_seeking_retired": 68, "unknown": 12,
    }),
    cal.PHYSICAL_DISABILITIES: Weighted({
        "paid_under_16": 5, "paid_16_plus": 8, "paid_hours_unknown": 2, "voluntary_only": 4,
        "seeking_work": 10, "not_seeking_retired": 60, "unknown": 11,
    }),
    cal.MENTAL_HEALTH: Weighted({
        "paid_under_16": 4, "paid_16_plus": 5, "voluntary_only": 5, "seeking_work": 14,
        "not_seeking_retired": 60, "unknown": 12,
    }),
    "carer": Weighted({
        "paid_16_plus": 35, "paid_under_16": 15, "not_seeking_retired": 35, "seeking_work": 5, "unknown": 10,
    }),
}  # fmt: skip
#: Who cares for people in each client group (illustrative).
_CARER_RELATIONSHIP: dict[str, Weighted] = {
    cal.OLDER_ADULTS: Weighted({"spouse_or_partner": 45, "son_or_daughter": 40, "other_relative": 5,
                                "friend_or_neighbour": 10}),
    cal.LEARNING_DISABILITIES: Weighted({"parent": 55, "sibling": 20, "other_relative": 10,
                                         "friend_or_neighbour": 5, "spouse_or_partner": 5, "son_or_daughter": 5}),
    cal.PHYSICAL_DISABILITIES: Weighted({"spouse_or_partner": 50, "parent": 20, "son_or_daughter": 15,
                                         "sibling": 5, "friend_or_neighbour": 10}),
    cal.MENTAL_HEALTH: Weighted({"parent": 40, "spouse_or_partner": 20, "sibling": 15, "son_or_daughter": 10,
                                 "friend_or_neighbour": 15}),
}  # fmt: skip
_LIVES_WITH_SHARE = {
    "spouse_or_partner": 0.95,
    "parent": 0.6,
    "son_or_daughter": 0.3,
    "sibling": 0.2,
    "other_relative": 0.15,
    "friend_or_neighbour": 0.03,
    "other": 0.05,
}
_CANNOT_LIVE_WITH = frozenset(
    {"care_home", "nursing_home", "supported_accommodation", "shared_lives", "night_shelter", "temporary_council"}
)
_NOT_AT_HOME = frozenset({"care_home", "nursing_home"})
_80_PLUS = Weighted({age: 0.88 ** (age - 80) for age in range(80, 103)})
_NHS_RANGES = Weighted({(400_000_000, 499_999_999): 100, (600_000_000, 708_999_999): 109})
_WITHIN_GROUP = {
    group: (Weighted(younger), Weighted(older)) for group, (younger, older) in ETHNICITY_WITHIN_GROUP.items()
}
_ETHNICITY_POOLS = {code: Weighted(dict(pools)) for code, pools in ETHNICITY_POOLS.items()}
_CITY_ETHNICITY = Weighted(CITY_ETHNICITY)
_LANGUAGES = {pool.key: Weighted(dict(pool.languages)) for pool in POOLS.values() if pool.languages}
_DISTRICT_CHOICE = Weighted({d.code: d.weight for d in DISTRICTS})


def _surname(pool: NamePool, *, female: bool, rng: random.Random) -> str:
    if female and pool.female_surnames and rng.random() < pool.female_surname_share:
        return rng.choice(pool.female_surnames)
    surname = rng.choice(pool.surnames)
    return feminine_surname(surname) if female and pool.gendered_surnames else surname


def _birth_date(age: int, as_of: dt.date, rng: random.Random) -> dt.date:
    """A date of birth giving exactly ``age`` on ``as_of``."""
    latest = _years_before(as_of, age)
    earliest = _years_before(as_of, age + 1) + dt.timedelta(days=1)
    return earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age_in_band(band: str, rng: random.Random) -> int:
    if band == "80 and over":
        age: int = _80_PLUS.pick(rng)
        return age
    low, high = cal.AGE_BANDS[band]
    return rng.randint(low, high)


class _PersonMaker:
    """Makes one person record's values at a time, from one random stream."""

    def __init__(self, rng: random.Random, as_of: dt.date) -> None:
        self.rng = rng
        self.as_of = as_of
        self.nhs_numbers: set[str] = set()

    def nhs_number(self) -> str:
        rng = self.rng
        while True:
            low, high = _NHS_RANGES.pick(rng)
            first_nine = str(rng.randint(low, high))
            check = nhs_check_digit(first_nine)
            if check is None:  # a remainder of 10: no NHS number has these nine digits
                continue
            number = f"{first_nine}{check}"
            if number not in self.nhs_numbers and len(set(number)) > 1:
                self.nhs_numbers.add(number)
                return number

    def names(
        self, ethnicity: str, *, female: bool, born: dt.date, surname: str | None = None
    ) -> tuple[NamePool, str, str, str]:
        """(given name's pool, first name, middle names, last name)."""
        rng = self.rng
        pools = _ETHNICITY_POOLS[ethnicity]
        given_pool = POOLS[pools.pick(rng)]
        family_pool = POOLS[pools.pick(rng)] if ethnicity in MIXED_CODES else given_pool
        age = self.as_of.year - born.year
        source = given_pool
        if given_pool.english_given_name_share and age < 50 and rng.random() < given_pool.english_given_name_share:
            source = ENGLISH
        choices = source.given_names(female=female, born_before_1960=born.year < 1960)
        first = rng.choice(choices)
        middle = ""
        if rng.random() < 0.25:
            middle = rng.choice(choices)
            if middle == first:
                middle = ""
        if surname is None:
            last = _surname(family_pool, female=female, rng=rng)
        elif female and family_pool.gendered_surnames:
            last = feminine_surname(surname)
        else:
            last = surname
        return given_pool, first, middle, last

    def title(self, gender: str, age: int) -> str:
        rng = self.rng
        if gender == "male":
            return "Mr"
        if gender == "female":
            if age >= 30:
                return rng.choices(("Mrs", "Ms", "Miss"), (55, 35, 10))[0]
            return rng.choice(("Miss", "Ms"))
        return "Mx" if gender == "other" else ""

    def address(self, district_code: str, accommodation: str) -> dict[str, str]:
        rng = self.rng
        district = DISTRICTS_BY_CODE[district_code]
        street = rng.choice(district.streets)
        number = rng.randint(1, 240)
        if accommodation in _NOT_AT_HOME:
            line_1 = f"{rng.choice(CARE_HOME_NAMES)}, {number} {street}"
        elif accommodation in ("supported_accommodation", "sheltered_extra_care"):
            line_1 = f"Flat {rng.randint(1, 24)}, {rng.choice(SUPPORTED_HOUSING_NAMES)}, {number} {street}"
        elif rng.random() < (0.35 if district.area == CENTRAL else 0.15):
            line_1 = f"Flat {rng.randint(1, 40)}, {number} {street}"
        else:
            line_1 = f"{number} {street}"
        return {
            "address_line_1": line_1,
            "address_line_2": rng.choice(district.neighbourhoods),
            "town": district.town,
            "postcode": postcode_for(district.code, street, number),
        }

    def contact(self, first: str, last: str, age: int) -> dict[str, str]:
        rng = self.rng
        # Ofcom keeps 0121 496 0xxx and 07700 900xxx for drama: they ring no one.
        phone = f"0121 496 0{rng.randrange(1000):03d}" if rng.random() < 0.55 else ""
        mobile = f"07700 900{rng.randrange(1000):03d}" if rng.random() < (0.4 if age >= 80 else 0.75) else ""
        email = ""
        if rng.random() < (0.08 if age >= 65 else 0.35):
            local = "".join(ch for ch in ascii_fold(f"{first}.{last}").lower() if ch.isalnum() or ch == ".")
            email = f"{local}{rng.randint(1, 99)}@example.com"
        return {"phone": phone, "mobile": mobile, "email": email}

    def communication(
        self, pool: NamePool, age: int, *, psr: str, group: str | None, dementia: bool, visual: bool
    ) -> dict[str, Any]:
        rng = self.rng
        easy_read = rng.random() < (0.72 if group == cal.LEARNING_DISABILITIES else 0.2 if dementia else 0.01)
        bsl_share = {"sensory_hearing": 0.28, "sensory_dual": 0.15}.get(psr, 0.01 if group else 0.002)
        bsl = rng.random() < bsl_share
        interpreter = False
        language = "English"
        if bsl:
            language = "British Sign Language"
        elif pool.languages:
            share = pool.interpreter_share[0 if age < 50 else 1 if age < 65 else 2]
            spoken = _LANGUAGES[pool.key].pick(rng)
            if rng.random() < share:
                interpreter, language = True, spoken
            elif age >= 50 and rng.random() < 0.5:
                language = spoken
        large_print = rng.random() < (0.65 if visual else 0.06 if age >= 65 else 0.005)
        notes = []
        if easy_read:
            notes.append("Easy read letters, please, and a phone call to explain them.")
        if bsl:
            notes.append("Uses BSL: book a BSL interpreter for visits and contact by text or email.")
        if interpreter:
            notes.append(f"Book a {language} interpreter for assessments and reviews; family should not interpret.")
        if large_print:
            notes.append("Letters in large print (at least 16 point).")
        if dementia:
            notes.append("Visits go best in the morning; ask to have a family member there.")
        return {
            "needs_easy_read": easy_read,
            "needs_bsl": bsl,
            "needs_interpreter": interpreter,
            "language": language,
            "needs_large_print": large_print,
            "communication_notes": " ".join(notes),
        }

    def consent(self) -> dict[str, Any]:
        rng = self.rng
        if rng.random() < 0.72:
            return {
                "consent_to_share": True,
                "consent_recorded_on": self.as_of - dt.timedelta(days=rng.randint(7, 1800)),
            }
        return {"consent_to_share": False, "consent_recorded_on": None}


def iter_households(
    plan: CityPlan, staff: StaffPlan, *, seed: int, first_number: int = 1, as_of: dt.date = DEFAULT_AS_OF
) -> Iterator[Household]:
    """Every person in the plan, with their carers, in order. References run on from ``first_number``
    ("P0000001", …), people and their carers interleaved, as if each was recorded in turn."""
    rng = _rng(seed, "people")
    maker = _PersonMaker(rng, as_of)
    number = first_number
    for index in range(plan.people):
        household = _household(plan, staff, maker, index, number)
        number += 1 + len(household.carers)
        yield household


def _household(plan: CityPlan, staff: StaffPlan, maker: _PersonMaker, index: int, number: int) -> Household:
    rng = maker.rng
    as_of = maker.as_of
    group = plan.client_group[index]
    psr = plan.psr[index]
    age = _age_in_band(plan.age_band[index], rng)
    born = _birth_date(age, as_of, rng)
    gender = _GENDER_BY_GROUP[group].pick(rng)
    female = gender == "female" or (gender in ("other", "unknown") and rng.random() < 0.5)
    ethnicity = _WITHIN_GROUP[plan.ethnic_group[index]][1 if age >= 65 else 0].pick(rng)
    pool, first, middle, last = maker.names(ethnicity, female=female, born=born)
    accommodation = _ACCOMMODATION[group].pick(rng)
    employment = _EMPLOYMENT["retired" if age >= 65 else group].pick(rng)
    dementia = psr == "memory_cognition" or rng.random() < (
        0.06 if group == cal.OLDER_ADULTS else 0.15 if age >= 65 else 0.0
    )
    visual = psr in ("sensory_visual", "sensory_dual") or rng.random() < (0.08 if age >= 65 else 0.02)
    hearing = psr in ("sensory_hearing", "sensory_dual") or rng.random() < (0.12 if age >= 65 else 0.02)
    autism = rng.random() < {cal.LEARNING_DISABILITIES: 0.3, cal.MENTAL_HEALTH: 0.04}.get(group, 0.01)
    team = plan.team[index]
    named_worker = ""
    if plan.named[index]:
        pool_of_workers = staff.caseworkers[team]
        named_worker = pool_of_workers[0] if index == plan.demo_citizen else rng.choice(pool_of_workers)
    carers_wanted = plan.carers[index]
    reference = f"P{number:07d}"
    person: dict[str, Any] = {
        "reference": reference,
        "title": maker.title(gender, age),
        "first_name": first,
        "middle_names": middle,
        "last_name": last,
        "preferred_name": middle if middle and rng.random() < 0.15 else "",
        "date_of_birth": born,
        "date_of_death": None,
        "nhs_number": maker.nhs_number(),
        **maker.address(plan.district[index], accommodation),
        **maker.contact(first, last, age),
        "gender": gender,
        "ethnicity": ethnicity,
        "primary_support_reason": psr,
        "accommodation_status": accommodation,
        "employment_status": employment,
        "autism": autism,
        "visual_impairment": visual,
        "hearing_impairment": hearing,
        "dementia": dementia,
        **maker.communication(pool, age, psr=psr, group=group, dementia=dementia, visual=visual),
        "has_unpaid_carer": "yes" if carers_wanted else rng.choice(("no", "no", "unknown")),
        "team": team,
        "named_worker": named_worker,
        **maker.consent(),
    }
    household = Household(index=index, person=person, client_group=group)
    if plan.provision[index] != cal.NO_DAY_CARE:
        household.day_care = DayCarePlacement(reference, group, plan.provision[index], plan.complexity[index])
    is_demo = index == plan.demo_citizen
    if is_demo:
        household.account = "citizen"
    elif not dementia and age < 90 and rng.random() < 0.025:
        household.account = f"citizen-{reference.lower()}"
    used: list[str] = []
    for k in range(carers_wanted):
        link = _carer(maker, person, group=group, age=age, gender=gender, ethnicity=ethnicity,
                      family_surname=last, accommodation=accommodation, district=plan.district[index],
                      number=number + 1 + k, used=used)  # fmt: skip
        if is_demo and k == 0:
            link.account = "carer"
        elif rng.random() < 0.05:
            link.account = f"citizen-{link.person['reference'].lower()}"
        household.carers.append(link)
    return household


def _carer_age(relationship: str, age: int, rng: random.Random) -> int | None:
    if relationship == "spouse_or_partner":
        candidate = age + rng.randint(-6, 6)
    elif relationship == "parent":
        candidate = age + rng.randint(20, 38)
    elif relationship == "son_or_daughter":
        candidate = age - rng.randint(22, 40)
    elif relationship == "sibling":
        candidate = age + rng.randint(-10, 10)
    elif relationship == "other_relative":
        candidate = rng.randint(25, 75)
    else:
        candidate = age + rng.randint(-15, 15)
    return candidate if 18 <= candidate <= 95 else None


def _carer(
    maker: _PersonMaker,
    person: dict[str, Any],
    *,
    group: str,
    age: int,
    gender: str,
    ethnicity: str,
    family_surname: str,
    accommodation: str,
    district: str,
    number: int,
    used: list[str],
) -> CarerLink:
    rng = maker.rng
    as_of = maker.as_of
    relationship = _CARER_RELATIONSHIP[group].pick(rng)
    if (
        relationship in used
        and relationship in ("spouse_or_partner", "parent")
        and used.count(relationship) >= (1 if relationship == "spouse_or_partner" else 2)
    ):
        relationship = "son_or_daughter" if age >= 45 else "sibling"
    carer_age = _carer_age(relationship, age, rng)
    for fallback in ("sibling", "friend_or_neighbour"):
        if carer_age is not None:
            break
        relationship = fallback
        carer_age = _carer_age(relationship, age, rng)
    if carer_age is None:
        carer_age = max(18, min(95, age))
    used.append(relationship)
    if relationship == "spouse_or_partner" and gender in ("male", "female"):
        carer_gender = "female" if gender == "male" and rng.random() < 0.95 else "male"
        if gender == "female":
            carer_gender = "male" if rng.random() < 0.95 else "female"
    else:
        share = {"parent": 0.72, "son_or_daughter": 0.6}.get(relationship, 0.58)
        carer_gender = "female" if rng.random() < share else "male"
    female = carer_gender == "female"
    family = relationship not in ("friend_or_neighbour", "other")
    carer_ethnicity = ethnicity if family else _CITY_ETHNICITY.pick(rng)
    born = _birth_date(carer_age, as_of, rng)
    surname = family_surname if family and (relationship != "spouse_or_partner" or rng.random() < 0.8) else None
    if (
        surname is not None
        and female
        and surname
        in POOLS["pakistani"].female_surnames
        + POOLS["bangladeshi"].female_surnames
        + POOLS["sikh_punjabi"].female_surnames
    ):
        surname = None  # Begum, Kaur and the like are the woman's own, not the family's
    if surname is not None and not female and family_surname.endswith(("ska", "cka", "dzka")):
        surname = family_surname[:-1] + "i"
    pool, first, middle, last = maker.names(carer_ethnicity, female=female, born=born, surname=surname)
    for _ in range(3):  # families rarely give two of their members the same first name
        if first != person["first_name"]:
            break
        pool, first, middle, last = maker.names(carer_ethnicity, female=female, born=born, surname=surname)
    lives_with = accommodation not in _CANNOT_LIVE_WITH and rng.random() < _LIVES_WITH_SHARE[relationship]
    if lives_with:
        address = {k: person[k] for k in ("address_line_1", "address_line_2", "town", "postcode")}
        # The carer's own tenure: a person "with family" lives in the carer's home.
        carer_accommodation = (
            _ACCOMMODATION["carer"].pick(rng) if accommodation in ("with_family", "unknown") else accommodation
        )
    else:
        carer_district = district if family and rng.random() < 0.5 else _DISTRICT_CHOICE.pick(rng)
        carer_accommodation = _ACCOMMODATION["carer"].pick(rng)
        address = maker.address(carer_district, carer_accommodation)
    contact = maker.contact(first, last, carer_age)
    if lives_with:
        contact["phone"] = person["phone"]
    carer: dict[str, Any] = {
        "reference": f"P{number:07d}",
        "title": maker.title(carer_gender, carer_age),
        "first_name": first,
        "middle_names": middle,
        "last_name": last,
        "preferred_name": "",
        "date_of_birth": born,
        "date_of_death": None,
        "nhs_number": maker.nhs_number() if rng.random() < 0.9 else "",
        **address,
        **contact,
        "gender": carer_gender,
        "ethnicity": carer_ethnicity,
        "primary_support_reason": CARER_PSR,
        "accommodation_status": carer_accommodation,
        "employment_status": _EMPLOYMENT["retired" if carer_age >= 66 else "carer"].pick(rng),
        "autism": False,
        "visual_impairment": False,
        "hearing_impairment": carer_age >= 75 and rng.random() < 0.15,
        "dementia": False,
        **maker.communication(pool, carer_age, psr=CARER_PSR, group=None, dementia=False, visual=False),
        "has_unpaid_carer": "no",
        "team": person["team"],
        "named_worker": person["named_worker"] if rng.random() < 0.15 else "",
        **maker.consent(),
    }
    hours: Decimal | None = None
    if rng.random() < 0.9:
        hours = Decimal(rng.choice((35, 50, 70, 100, 120) if lives_with else (4, 8, 10, 15, 20, 30)))
    if relationship == "parent" and group == cal.LEARNING_DISABILITIES:
        started = _years_before(person["date_of_birth"], -18)  # caring for an adult began at 18
    else:
        started = as_of - dt.timedelta(days=rng.randint(60, 15 * 365))
    started = max(started, _years_before(born, -18))  # not before the carer was an adult
    started = min(started, as_of)
    return CarerLink(person=carer, relationship=relationship, hours_per_week=hours, lives_with=lives_with,
                     started_on=started)  # fmt: skip


def summarise_plan(plan: CityPlan) -> dict[str, Counter[str]]:
    """The plan's counts that the calibration tables describe, for checking and for reports."""
    return {
        "client_group": Counter(plan.client_group),
        "provision": Counter(plan.provision),
        "external_by_group": Counter(
            g for g, p in zip(plan.client_group, plan.provision, strict=True) if p == cal.EXTERNAL
        ),
        "complexity": Counter(c for c in plan.complexity if c),
    }


def group_counts(pairs: Sequence[tuple[str, str]]) -> dict[str, Counter[str]]:
    """{first: Counter(second)} from (first, second) pairs, e.g. (client group, age band)."""
    out: dict[str, Counter[str]] = {}
    for key, value in pairs:
        out.setdefault(key, Counter())[value] += 1
    return out
