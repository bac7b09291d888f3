"""A demonstration enablement team: workers with shifts and active episodes with their visit plans.

Made through the services (so everything is validated and audited), shaped like the generated city day in
:mod:`.rules.rostering.cityday`: four areas, early and late shifts, visits at the usual call times, about one in
ten double-handed.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role, TeamKind
from ownway.people.models import Person

from . import services
from .models import ReferralSource, Skill
from .rules.rostering.cityday import AREA_OFFSETS, AREAS, CALLS, CENTRE, DURATIONS


def _coord(x: float) -> Decimal:
    return Decimal(f"{x:.6f}")


def make_team(
    *, manager: User, team: Team, day: dt.date, workers: int = 8, people: int = 25, seed: int = 1
) -> tuple[list[User], list[Person]]:
    rng = random.Random(seed)
    staff: list[User] = []
    # The team's own enablement workers go first (in the demo city, the demo worker among them).
    existing = list(User.objects.filter(team=team, role=Role.ENABLEMENT_WORKER, is_active=True).order_by("pk"))
    for k in range(workers):
        area = k % len(AREAS)
        if k < len(existing):
            user = existing[k]
        else:
            user, _ = User.objects.get_or_create(
                username=f"enablement{team.pk}-{k + 1:02d}",
                defaults={
                    "first_name": rng.choice(["Amira", "Ben", "Chloe", "Dev", "Ewa", "Femi", "Grace", "Hassan"]),
                    "last_name": rng.choice(["Khan", "Smith", "Jones", "Patel", "Nowak", "Okafor", "Reid", "Ali"]),
                    "role": Role.ENABLEMENT_WORKER,
                    "team": team,
                },
            )
        skills = [Skill.PERSONAL_CARE.value]
        if rng.random() < 0.7:
            skills.append(Skill.MEDICATION.value)
        if rng.random() < 0.7:
            skills.append(Skill.MOVING_AND_HANDLING.value)
        worker = services.worker_profile_save(
            actor=manager,
            user=user,
            data=services.WorkerData(
                team=team,
                area=AREAS[area],
                skills=skills,
                latitude=_coord(CENTRE[0] + AREA_OFFSETS[area][0] + rng.gauss(0, 0.01)),
                longitude=_coord(CENTRE[1] + AREA_OFFSETS[area][1] + rng.gauss(0, 0.015)),
                contracted_hours=Decimal("37.5"),
            ),
        )
        early = k < round(workers * 0.6)
        services.shift_set(
            actor=manager,
            worker=worker,
            date=day,
            starts=dt.time(7, 0) if early else dt.time(14, 30),
            ends=dt.time(14, 30) if early else dt.time(22, 0),
        )
        staff.append(user)
    persons: list[Person] = []
    for k in range(people):
        area = rng.randrange(len(AREAS))
        person = Person.objects.create(
            reference=f"EN{team.pk:03d}{k:05d}",
            first_name=rng.choice(["Alice", "Bernard", "Cyril", "Doreen", "Edna", "Frank", "Gladys", "Harold"]),
            last_name=rng.choice(["Baker", "Carter", "Evans", "Hughes", "Lewis", "Morgan", "Price", "Wood"]),
            date_of_birth=dt.date(1935 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            team=team,
        )
        referral = services.referral_record(
            actor=manager,
            person=person,
            team=team,
            source=rng.choice(ReferralSource.values),
            received_on=min(day, timezone.localdate()) - dt.timedelta(days=rng.randrange(3, 20)),
            reason="Home from hospital after a fall; wants to get back to managing on their own.",
        )
        start = day - dt.timedelta(days=rng.randrange(0, 20))
        episode = services.episode_start(
            actor=manager,
            referral=referral,
            start_date=start,
            planned_end_date=start + dt.timedelta(days=42),
            latitude=_coord(CENTRE[0] + AREA_OFFSETS[area][0] + rng.gauss(0, 0.012)),
            longitude=_coord(CENTRE[1] + AREA_OFFSETS[area][1] + rng.gauss(0, 0.018)),
        )
        services.goal_add(
            actor=manager,
            episode=episode,
            in_own_words="I want to make my own breakfast again",
            measure="Makes tea and toast unaided on three mornings running",
        )
        for call in rng.sample(CALLS, rng.choice([1, 2, 2, 3])):
            _, low, high, _ = call
            minute = rng.randrange(int(low), int(high) + 1, 15)
            double = rng.random() < 0.1
            services.planned_visit_add(
                actor=manager,
                episode=episode,
                preferred_start=dt.time(minute // 60, minute % 60),
                duration_minutes=rng.choices([d for d, _ in DURATIONS], [w for _, w in DURATIONS])[0],
                workers_needed=2 if double else 1,
                skill=Skill.MOVING_AND_HANDLING if double else rng.choice([Skill.PERSONAL_CARE, Skill.MEDICATION]),
            )
        persons.append(person)
    return staff, persons


def enablement_team(name: str = "Enablement") -> Team:
    team, _ = Team.objects.get_or_create(name=name, defaults={"kind": TeamKind.ENABLEMENT, "area": "City-wide"})
    return team


def demo_city_enablement(*, seed: int, day: dt.date | None = None) -> str:
    """Tomorrow's work for the demo city's enablement team, managed by the demo enablement manager, with
    the demo enablement worker on shift: 40 workers and about 350 visits, ready for the optimiser."""
    managers = User.objects.filter(role=Role.ENABLEMENT_MANAGER, team__kind=TeamKind.ENABLEMENT)
    manager = managers.filter(username="enablement_manager").first() or managers.order_by("pk").first()
    if manager is None or manager.team is None:
        return "enablement: no enablement team in this city"
    day = day or timezone.localdate() + dt.timedelta(days=1)
    staff, people = make_team(manager=manager, team=manager.team, day=day, workers=40, people=190, seed=seed)
    for user in staff:
        if not user.has_usable_password():
            user.password = manager.password  # the demo's one password, already hashed
            user.save(update_fields=["password"])
    return f"enablement: {len(staff)} workers on shift and {len(people)} people to visit on {day:%d %B %Y}"
