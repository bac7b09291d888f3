"""Writing the demo city to the database, fast enough for a million people.

Person records are written with ``bulk_create`` in batches, not through ``person_create``: that service
validates, locks and audits each record, which is right for a worker typing one in and far too slow for
a city. What the services would check holds by construction here (every NHS number passes its check
digit, every postcode its format, every code comes from its list; the tests check all three). One
audit event records the generation itself, with its seed and size.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal

from ownway.accounts.audit import audit_record
from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role

from ..events import DEMO_CITY_CLEARED, DEMO_CITY_GENERATED
from ..models import CaringRelationship, CodeValue, Person
from ..services import next_person_reference, person_name_words_write
from . import calibration as cal
from .generator import (
    DEFAULT_AS_OF,
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    TEAMS,
    DayCarePlacement,
    Household,
    demo_logins,
    iter_households,
    plan_city,
    plan_staff,
)

CODED_FIELDS = ("gender", "ethnicity", "primary_support_reason", "accommodation_status", "employment_status")
_BULK_BATCH = 1000  # rows per INSERT statement: well within PostgreSQL's and SQLite's parameter limits


class DemoCityExists(Exception):
    """The demo accounts are already there: clear the old city first."""


@dataclass
class CitySummary:
    """What was made. ``day_care`` lists the day-care cohort, which ``ownway.dayops.demo`` makes into placements."""

    seed: int
    as_of: dt.date
    people: int
    carers: int = 0
    caring_relationships: int = 0
    teams: int = 0
    staff_by_role: dict[str, int] = field(default_factory=dict)
    citizen_accounts: int = 0
    first_reference: str = ""
    last_reference: str = ""
    client_groups: dict[str, int] = field(default_factory=dict)
    day_care: list[DayCarePlacement] = field(default_factory=list)
    seconds: float = 0.0

    def day_care_counts(self) -> dict[str, dict[str, int]]:
        """{provision: {client group or complexity: people}} for the day-care cohort."""
        by_provision: dict[str, Counter[str]] = {}
        for placement in self.day_care:
            by_provision.setdefault(placement.provision, Counter())[placement.client_group] += 1
        internal = Counter(p.complexity for p in self.day_care if p.provision == cal.INTERNAL)
        out = {provision: dict(counts) for provision, counts in by_provision.items()}
        out["internal_complexity"] = dict(internal)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "as_of": self.as_of.isoformat(),
            "people": self.people,
            "carers": self.carers,
            "caring_relationships": self.caring_relationships,
            "teams": self.teams,
            "staff_by_role": self.staff_by_role,
            "citizen_accounts": self.citizen_accounts,
            "first_reference": self.first_reference,
            "last_reference": self.last_reference,
            "client_groups": self.client_groups,
            "day_care_counts": self.day_care_counts(),
            "day_care": [vars(p) for p in self.day_care],
            "seconds": round(self.seconds, 2),
            "source": cal.SOURCE,
        }

    def lines(self) -> list[str]:
        day = self.day_care_counts()
        staff = sum(v for k, v in self.staff_by_role.items() if k != Role.PROVIDER)
        lines = [
            f"{self.people:,} people who use services ({self.first_reference} to {self.last_reference}), "
            f"and {self.carers:,} carers in {self.caring_relationships:,} caring relationships",
            "Client groups: "
            + ", ".join(f"{cal.CLIENT_GROUP_LABELS[g]} {self.client_groups.get(g, 0):,}" for g in cal.CLIENT_GROUPS),
            f"Day care: {len(self.day_care):,} people ("
            + ", ".join(
                f"{cal.PROVISION_LABELS[p].lower()} {sum(day.get(p, {}).values()):,}"
                for p in (cal.INTERNAL, cal.EXTERNAL, cal.OTHER_DAY_CARE)
            )
            + ")",
            f"{self.teams} teams, {staff:,} staff, {self.staff_by_role.get(Role.PROVIDER, 0)} provider accounts, "
            f"{self.citizen_accounts:,} citizen accounts",
            f"Took {self.seconds:.1f} seconds",
        ]
        return lines


def _code_ids() -> dict[tuple[str, str], int]:
    ids = {(list_name, code): pk for pk, list_name, code in CodeValue.objects.values_list("pk", "list", "code")}
    if not ids:
        raise RuntimeError("The code lists are not loaded: run `manage.py migrate` (or `load_code_lists`) first")
    return ids


def _next_reference_number() -> int:
    return int(next_person_reference()[1:])


def generate_city(
    *,
    people: int,
    seed: int,
    clear: bool = False,
    as_of: dt.date = DEFAULT_AS_OF,
    batch_size: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> CitySummary:
    """Build the demo city in the database: teams, staff, ``people`` people who use services, their
    carers (on top of ``people``), citizen and provider accounts. All in one transaction.

    ``clear`` first removes every person record and the demo's accounts and teams (:func:`clear_city`).
    Without it, an existing demo city is an error (:class:`DemoCityExists`). ``progress`` is called
    with (people written so far, people) after each batch.
    """
    started = time.perf_counter()
    with transaction.atomic():
        if clear:
            clear_city()
        elif User.objects.filter(username__in=DEMO_USERNAMES).exists():
            raise DemoCityExists("There is already a demo city here: clear it first (generate_city --clear)")
        codes = _code_ids()
        plan = plan_city(people, seed)
        staff = plan_staff(plan, seed)
        team_ids = _ensure_teams()
        password = make_password(DEMO_PASSWORD)
        users = [
            User(
                username=m.username, password=password, first_name=m.first_name, last_name=m.last_name,
                email=m.email, role=m.role, team_id=team_ids[m.team] if m.team else None, job_title=m.job_title,
                organisation_name=m.organisation_name,
                # Administrators manage accounts, teams, code lists and API tokens in the admin site.
                is_staff=m.role == Role.ADMINISTRATOR, is_superuser=m.role == Role.ADMINISTRATOR,
            )
            for m in staff.members
        ]  # fmt: skip
        User.objects.bulk_create(users, batch_size=_BULK_BATCH)
        user_ids = {u.username: u.pk for u in users}
        first_number = _next_reference_number()
        summary = CitySummary(
            seed=seed, as_of=as_of, people=people, teams=len(TEAMS), staff_by_role=dict(staff.by_role()),
            client_groups=dict(Counter(plan.client_group)),
        )  # fmt: skip
        writer = _BatchWriter(codes=codes, team_ids=team_ids, user_ids=user_ids, password=password)
        households = iter_households(plan, staff, seed=seed, first_number=first_number, as_of=as_of)
        batch: list[Household] = []
        written = 0
        for household in households:
            batch.append(household)
            if household.day_care is not None:
                summary.day_care.append(household.day_care)
            if len(batch) >= batch_size:
                written += writer.write(batch)
                batch = []
                if progress:
                    progress(written, people)
        if batch:
            written += writer.write(batch)
            if progress:
                progress(written, people)
        summary.carers = writer.carers
        summary.caring_relationships = writer.relationships
        summary.citizen_accounts = writer.citizens
        last_number = first_number + people + writer.carers - 1
        if people:
            summary.first_reference = f"P{first_number:07d}"
            summary.last_reference = f"P{last_number:07d}"
        summary.seconds = time.perf_counter() - started
        audit_record(
            actor=None,
            action=DEMO_CITY_GENERATED,
            new={k: v for k, v in summary.as_dict().items() if k != "day_care"},
        )
    summary.seconds = time.perf_counter() - started
    return summary


def _ensure_teams() -> dict[str, int]:
    existing = {t.name: t for t in Team.objects.filter(name__in=[spec.name for spec in TEAMS])}
    new = [Team(name=s.name, kind=s.kind, area=s.area) for s in TEAMS if s.name not in existing]
    Team.objects.bulk_create(new)
    ids = {t.name: t.pk for t in existing.values()}
    ids.update({t.name: t.pk for t in new})
    return ids


class _BatchWriter:
    def __init__(
        self, *, codes: dict[tuple[str, str], int], team_ids: dict[str, int], user_ids: dict[str, int], password: str
    ) -> None:
        self.codes = codes
        self.team_ids = team_ids
        self.user_ids = user_ids
        self.password = password
        self.carers = 0
        self.relationships = 0
        self.citizens = 0

    def _person(self, values: dict[str, Any]) -> Person:
        row = dict(values)
        codes = self.codes
        for name in CODED_FIELDS:
            row[f"{name}_id"] = codes[(name, row.pop(name))]
        team = row.pop("team")
        row["team_id"] = self.team_ids[team] if team else None
        worker = row.pop("named_worker")
        row["named_worker_id"] = self.user_ids[worker] if worker else None
        person = Person(**row)
        person.search_name = person.name_key()  # written here as person_create writes it
        return person

    def write(self, households: Iterable[Household]) -> int:
        people: list[Person] = []
        links: list[tuple[int, int, Any]] = []
        accounts: list[tuple[int, str]] = []
        count = 0
        for household in households:
            count += 1
            cared_for = len(people)
            people.append(self._person(household.person))
            if household.account:
                accounts.append((cared_for, household.account))
            for link in household.carers:
                carer = len(people)
                people.append(self._person(link.person))
                links.append((carer, cared_for, link))
                if link.account:
                    accounts.append((carer, link.account))
        Person.objects.bulk_create(people, batch_size=_BULK_BATCH)
        person_name_words_write(people, new=True)
        CaringRelationship.objects.bulk_create(
            [
                CaringRelationship(
                    carer_id=people[carer].pk, cared_for_id=people[cared_for].pk, relationship=link.relationship,
                    hours_per_week=link.hours_per_week, lives_with=link.lives_with, started_on=link.started_on,
                )
                for carer, cared_for, link in links
            ],
            batch_size=_BULK_BATCH,
        )  # fmt: skip
        User.objects.bulk_create(
            [
                User(
                    username=username, password=self.password, role=Role.CITIZEN, person_id=people[i].pk,
                    first_name=people[i].first_name, last_name=people[i].last_name, email=people[i].email,
                )
                for i, username in accounts
            ],
            batch_size=_BULK_BATCH,
        )  # fmt: skip
        self.carers += len(people) - count
        self.relationships += len(links)
        self.citizens += len(accounts)
        return count


def _demo_users() -> Q:
    return (
        Q(username__in=DEMO_USERNAMES)
        | Q(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
        | Q(role=Role.CITIZEN, username__startswith="citizen-")
    )


#: Sent by :func:`clear_city` inside its transaction before any person is removed, so that an app which keeps
#: records of the demo city's people (and which ``people`` must not import) removes them first. A receiver
#: returns ``{what: how many}`` removed, which the city's clearing reports with its own.
city_clearing = Signal()


def clear_city(*, chunk: int = 10_000) -> dict[str, int]:
    """Remove the demo city: every caring relationship and person record, the demo's accounts and,
    when no one else belongs to them, its teams. The audit trail is kept. Apps that keep records of the city's
    people clear them first, through :data:`city_clearing`.

    This removes *every* person record, not only generated ones: it is for demo and test databases.
    """
    removed: dict[str, int] = {}
    with transaction.atomic():
        for _receiver, cleared in city_clearing.send(sender=clear_city):
            if isinstance(cleared, dict):
                removed.update(cleared)
        removed["caring relationships"] = (
            CaringRelationship.objects.all().delete()[1].get("people.CaringRelationship", 0)
        )
        ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
        removed["people"] = 0
        for start in range(0, len(ids), chunk):
            removed["people"] += (
                Person.objects.filter(pk__in=ids[start : start + chunk]).delete()[1].get("people.Person", 0)
            )
        removed["accounts"] = User.objects.filter(_demo_users()).delete()[1].get("accounts.User", 0)
        removed["teams"] = (
            Team.objects.filter(name__in=[spec.name for spec in TEAMS], members__isnull=True, caseload__isnull=True)
            .delete()[1]
            .get("accounts.Team", 0)
        )
        audit_record(actor=None, action=DEMO_CITY_CLEARED, new=removed)
    return removed


__all__ = ["CitySummary", "DemoCityExists", "city_clearing", "clear_city", "demo_logins", "generate_city"]
