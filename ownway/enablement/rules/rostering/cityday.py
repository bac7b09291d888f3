"""A realistic generated day for an urban enablement service, to measure contact time and cost per contact hour.

Shape of the day (assumptions, stated so they can be challenged): four areas of a city about 12 km across
(centred on Coventry); workers on an early shift 07:00-14:30 or a late shift 14:30-22:00 with a 30-minute break
in the middle third of the shift; visits at the four usual call times (getting up, lunch, tea, bed) with a
one-hour window around the preferred time; durations 15/30/45/60 minutes; about 10 % double-handed (two workers
start together); a few people whose second call must come 3-5 hours after the first; continuity of carer as a
preference for the two workers who usually visit. Travel is estimated from coordinates at urban road speed
(:func:`~.model.travel_matrix_from_coordinates`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .model import Instance, Link, LinkKind, Task, Weights, Worker, travel_matrix_from_coordinates

CENTRE = (52.4068, -1.5197)
AREAS = ("North", "East", "South", "West")
AREA_OFFSETS = ((0.035, 0.0), (0.0, 0.055), (-0.035, 0.0), (0.0, -0.055))  # about 4 km from the centre
CALLS = (  # name, earliest preferred start, latest preferred start (minutes), share of visits
    ("getting up", 450, 630, 0.36),
    ("lunch", 690, 810, 0.22),
    ("tea", 960, 1080, 0.2),
    ("bed", 1140, 1260, 0.22),
)
DURATIONS = ((15, 0.25), (30, 0.55), (45, 0.15), (60, 0.05))
SKILLS = ("personal care", "medication", "moving and handling")


@dataclass(frozen=True)
class CityDay:
    instance: Instance
    area_of_worker: dict[str, str]
    visits: int
    double_handed: int


def generate(*, visits: int = 350, workers: int = 40, seed: int = 1, double_share: float = 0.10) -> CityDay:
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    points: list[tuple[float, float]] = [CENTRE]  # location 0: the office
    staff: list[Worker] = []
    area_of_worker: dict[str, str] = {}
    early = round(workers * 0.6)
    for k in range(workers):
        area = k % len(AREAS)
        lat = CENTRE[0] + AREA_OFFSETS[area][0] + rng.gauss(0, 0.01)
        lon = CENTRE[1] + AREA_OFFSETS[area][1] + rng.gauss(0, 0.015)
        points.append((lat, lon))
        skills = {"personal care"}
        if rng.random() < 0.7:
            skills.add("medication")
        if rng.random() < 0.7:
            skills.add("moving and handling")
        shift = (420.0, 870.0) if k < early else (870.0, 1320.0)
        worker_id = f"w{k + 1:02d}"
        area_of_worker[worker_id] = AREAS[area]
        staff.append(
            Worker(
                id=worker_id,
                skills=frozenset(skills),
                start_location=len(points) - 1,
                end_location=len(points) - 1,
                shift_start=shift[0],
                shift_end=shift[1],
                hourly_cost_pence=1820,
            )
        )
    tasks: list[Task] = []
    links: list[Link] = []
    for k in range(workers):
        start, end = staff[k].shift_start, staff[k].shift_end
        third = (end - start) / 3
        tasks.append(
            Task(
                id=f"break-{staff[k].id}",
                visit=f"break-{staff[k].id}",
                location=-1,
                duration=30,
                earliest=start + third,
                latest=start + 2 * third,
                allowed_workers=frozenset({staff[k].id}),
                is_break=True,
            )
        )
    n_double = round(visits * double_share)
    n_follow = round(visits * 0.03)
    calls = [c for c in CALLS for _ in range(round(c[3] * 1000))]
    made = 0
    person = 0
    while made < visits:
        person += 1
        area = rng.randrange(len(AREAS))
        lat = CENTRE[0] + AREA_OFFSETS[area][0] + rng.gauss(0, 0.012)
        lon = CENTRE[1] + AREA_OFFSETS[area][1] + rng.gauss(0, 0.018)
        points.append((lat, lon))
        loc = len(points) - 1
        usual = [w.id for w in staff if area_of_worker[w.id] == AREAS[area]]
        preferred = frozenset(rng.sample(usual, 2))
        follow = made < n_follow * 2 and made % 2 == 0 and visits - made >= 2
        for_this_person = 2 if follow else 1
        first_id = None
        for j in range(for_this_person):
            _call, low, high, _ = CALLS[0] if (follow and j == 0) else (CALLS[1] if follow else rng.choice(calls))
            preferred_start = rng.randrange(int(low), int(high) + 1, 15)
            duration = float(rng.choices([d for d, _ in DURATIONS], [w for _, w in DURATIONS])[0])
            double = made >= n_follow * 2 and made < n_follow * 2 + n_double
            skill = "moving and handling" if double else rng.choice(["personal care"] * 3 + ["medication"])
            visit_id = f"v{made + 1:03d}"
            part_ids = [f"{visit_id}/a", f"{visit_id}/b"] if double else [visit_id]
            for part in part_ids:
                tasks.append(
                    Task(
                        id=part,
                        visit=visit_id,
                        location=loc,
                        duration=duration,
                        earliest=preferred_start - 30,
                        latest=preferred_start + 30,
                        skill=skill,
                        preferred_workers=preferred,
                    )
                )
            if double:
                links.append(Link(part_ids[0], part_ids[1], LinkKind.SIMULTANEOUS))
            if follow and j == 1 and first_id is not None:
                links.append(Link(first_id, part_ids[0], LinkKind.SEQUENTIAL, 180, 300))
            first_id = part_ids[0]
            made += 1
    instance = Instance(
        name=f"city-day-{visits}-{workers}-{seed}",
        tasks=tuple(tasks),
        workers=tuple(staff),
        travel=travel_matrix_from_coordinates(points, speed_kmh=20.0, detour_factor=1.3),
        links=tuple(links),
        weights=Weights(travel=1.0, tardiness=2.0, max_tardiness=1.0, unassigned=1000.0, not_preferred=5.0),
        must_assign_all=False,
    )
    return CityDay(instance=instance, area_of_worker=area_of_worker, visits=visits, double_handed=n_double)
