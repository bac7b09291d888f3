"""The weekly timetable of a plan: Monday to Sunday, morning, afternoon and evening.

A support plan maps out the person's week (seed 002, Social Care Jargon Buster, "Support plan": "You need
to map out your week"), and people want support at evenings and weekends too (seed 003, "What people have
told us": "I can access services and activities at evenings and weekends"). Each line of the plan names
the slots it fills (``"mon-morning"``); the timetable puts every line in its slots, and shows the slots
where nothing is planned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DAYS: tuple[tuple[str, str], ...] = (
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
)
PARTS: tuple[tuple[str, str], ...] = (("morning", "Morning"), ("afternoon", "Afternoon"), ("evening", "Evening"))
SLOTS: tuple[str, ...] = tuple(f"{day}-{part}" for day, _ in DAYS for part, _ in PARTS)
SLOT_LABELS: dict[str, str] = {f"{d}-{p}": f"{dn} {pn.lower()}" for d, dn in DAYS for p, pn in PARTS}


def check_slots(slots: Iterable[str]) -> list[str]:
    """The slots in week order, without repeats; an unknown slot is an error that names it."""
    wanted = set(slots)
    unknown = sorted(wanted - set(SLOTS))
    if unknown:
        raise ValueError(f"Not a day and time of the week: {', '.join(unknown)}")
    return [slot for slot in SLOTS if slot in wanted]


@dataclass(frozen=True)
class Timetable:
    #: For each day (in order), for each part of the day (in order), what is planned then.
    grid: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    empty_slots: tuple[str, ...]
    explanation: str


def build_timetable(entries: Iterable[tuple[str, Iterable[str]]]) -> Timetable:
    """From (what, slots) pairs, the week as a grid."""
    planned: dict[str, list[str]] = {slot: [] for slot in SLOTS}
    for what, slots in entries:
        for slot in check_slots(slots):
            planned[slot].append(what)
    grid = tuple(
        (day_name, tuple((part_name, tuple(planned[f"{day}-{part}"])) for part, part_name in PARTS))
        for day, day_name in DAYS
    )
    empty = tuple(slot for slot in SLOTS if not planned[slot])
    filled = len(SLOTS) - len(empty)
    return Timetable(grid=grid, empty_slots=empty, explanation=f"Something is planned in {filled} of the 21 slots")
