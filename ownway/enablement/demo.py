"""A demonstration enablement team: workers with shifts and active episodes with their visit plans.

Made through the services (so everything is validated and audited), shaped like the generated city day in
:mod:`.rules.rostering.cityday`: four areas, early and late shifts, visits at the usual call times, about one in
ten double-handed.

The team is split between the early and the late shift by the work in each shift's busiest hour of calls, so
that tea and bed calls have the workers they need as well as getting-up and lunch calls (:func:`shift_split`);
calls are chosen in the shares the city day uses (more getting-up calls than the others). Birmingham's
review of its in-house enablement service describes this balancing of "work across day and night-time needs", with
"voluntary transfers for some staff from day-time to night-time working" (Review of In-House Enablement Service,
2020, paragraphs 6.3.2 and 7.4.1).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role, TeamKind
from ownway.core.dates import format_date
from ownway.people.models import Person
from ownway.people.services import person_name_words_write

from . import services
from .models import EnablementWorker, PlannedVisit, ReferralSource, Skill
from .rules.rostering.cityday import AREA_OFFSETS, AREAS, CALLS, CENTRE, DURATIONS

#: The demonstration team: 40 workers visiting 150 people (about 300 visits a day), so that about half of the
#: workers' paid time is spent with people, the contact time the Birmingham review sets as the service's aim
#: ("to 50%+", paragraph 6.4.2), and the optimiser can place every visit.
DEMO_WORKERS = 40
DEMO_PEOPLE = 150
#: The day's two shifts: getting-up and lunch calls fall in the early one, tea and bed calls in the late one.
EARLY_SHIFT = (dt.time(7, 0), dt.time(14, 30))
LATE_SHIFT = (dt.time(14, 30), dt.time(22, 0))


def _coord(x: float) -> Decimal:
    return Decimal(f"{x:.6f}")


def make_team(
    *, manager: User, team: Team, day: dt.date, workers: int = 8, people: int = 25, seed: int = 1
) -> tuple[list[User], list[Person]]:
    rng = random.Random(seed)
    staff: list[User] = []
    profiles: list[EnablementWorker] = []
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
        profiles.append(worker)
        staff.append(user)
    persons: list[Person] = []
    for k in range(people):
        area = rng.randrange(len(AREAS))
        person = Person(
            reference=f"EN{team.pk:03d}{k:05d}",
            first_name=rng.choice(["Alice", "Bernard", "Cyril", "Doreen", "Edna", "Frank", "Gladys", "Harold"]),
            last_name=rng.choice(["Baker", "Carter", "Evans", "Hughes", "Lewis", "Morgan", "Price", "Wood"]),
            date_of_birth=dt.date(1935 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            team=team,
        )
        person.search_name = person.name_key()  # as person_create writes it, so the person can be found
        person.save()
        person_name_words_write([person], new=True)
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
        for call in _calls(rng, rng.choice([1, 2, 2, 3])):
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
    visits = PlannedVisit.objects.filter(episode__person__in=persons)
    early = shift_split(
        workers=len(profiles),
        work=[(_minutes(v.preferred_start), v.duration_minutes * v.workers_needed) for v in visits],
    )
    for k, worker in enumerate(profiles):
        starts, ends = EARLY_SHIFT if k < early else LATE_SHIFT
        services.shift_set(actor=manager, worker=worker, date=day, starts=starts, ends=ends)
    return staff, persons


def _calls(rng: random.Random, count: int) -> list[tuple[str, int, int, float]]:
    """``count`` different call times for one person, each as likely as its share of a day's visits."""
    left = list(CALLS)
    chosen = []
    for _ in range(count):
        call = rng.choices(left, [share for *_, share in left])[0]
        left.remove(call)
        chosen.append(call)
    return sorted(chosen, key=lambda c: c[1])


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def shift_split(*, workers: int, work: list[tuple[int, int]]) -> int:
    """How many of ``workers`` go on the early shift; the rest go on the late one.

    ``work`` holds each visit's preferred start (minutes after midnight) and the worker-minutes it needs (its
    length times the workers it needs). Calls bunch together (getting up, lunch, tea, bed), so each shift is
    staffed for its busiest hour rather than its whole length: the workers are shared in proportion to the
    worker-minutes starting in each shift's busiest hour, with at least one worker on each shift that has work
    when there are two workers or more.
    """
    late_starts = _minutes(LATE_SHIFT[0])
    early_hours: dict[int, int] = {}
    late_hours: dict[int, int] = {}
    for start, minutes in work:
        hours = early_hours if start < late_starts else late_hours
        hours[start // 60] = hours.get(start // 60, 0) + minutes
    early_peak = max(early_hours.values(), default=0)
    late_peak = max(late_hours.values(), default=0)
    if early_peak + late_peak == 0:
        return workers
    early = round(workers * early_peak / (early_peak + late_peak))
    if workers >= 2 and early_peak and early == 0:
        early = 1
    if workers >= 2 and late_peak and early == workers:
        early = workers - 1
    return early


def enablement_team(name: str = "Enablement") -> Team:
    team, _ = Team.objects.get_or_create(name=name, defaults={"kind": TeamKind.ENABLEMENT, "area": "City-wide"})
    return team


def demo_city_enablement(*, seed: int, day: dt.date | None = None) -> str:
    """Tomorrow's work for the demo city's enablement team, managed by the demo enablement manager, with
    the demo enablement worker on shift: 40 workers and about 300 visits, ready for the optimiser."""
    managers = User.objects.filter(role=Role.ENABLEMENT_MANAGER, team__kind=TeamKind.ENABLEMENT)
    manager = managers.filter(username="enablement_manager").first() or managers.order_by("pk").first()
    if manager is None or manager.team is None:
        return "enablement: no enablement team in this city"
    day = day or timezone.localdate() + dt.timedelta(days=1)
    staff, people = make_team(
        manager=manager, team=manager.team, day=day, workers=DEMO_WORKERS, people=DEMO_PEOPLE, seed=seed
    )
    for user in staff:
        if not user.has_usable_password():
            user.password = manager.password  # the demo's one password, already hashed
            user.save(update_fields=["password"])
    from .demo_visits import episodes_after, past_days  # the team's past: visits recorded, episodes followed up

    recorded, late, missed = past_days(manager=manager, team=manager.team, seed=seed)
    after = episodes_after(manager=manager, team=manager.team, seed=seed)
    return (
        f"enablement: {len(staff)} workers on shift and {len(people)} people to visit on {format_date(day)}; "
        f"{recorded} visits recorded in the last days ({late} late), {missed} missed with a reason; {after}"
    )
