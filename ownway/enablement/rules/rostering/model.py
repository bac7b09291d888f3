"""A solver-agnostic model of a day of home visits.

The vocabulary follows the Home Health Care Routing and Scheduling Problem of Mankowska, Meisel & Bierwirth,
*Health Care Management Science* 17:15-30 (2014), extended with what a council's enablement rota needs:
shifts, breaks, allowed and preferred workers (continuity of carer and workers' own requests).

Times are minutes from the start of the day; travel times are minutes between location indexes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# The travel estimate the planners share, where the rota optimiser's modules have always found it.
from ownway.core.travel import travel_matrix_from_coordinates as travel_matrix_from_coordinates

INFINITY = math.inf


class LinkKind(StrEnum):
    SIMULTANEOUS = "simultaneous"  # a double-handed visit: two workers start together
    SEQUENTIAL = "sequential"  # the second task starts min_gap..max_gap minutes after the first


@dataclass(frozen=True)
class Task:
    """One worker's part of a visit.

    A visit needing two workers is two tasks joined by a simultaneous :class:`Link`. ``earliest`` is when the
    task may start at the soonest (a worker arriving early waits); starting after ``latest`` is late, and the
    lateness is costed. A break has no location: the worker stays where they are.
    """

    id: str
    visit: str
    location: int
    duration: float
    earliest: float = 0.0
    latest: float = INFINITY
    skill: str | None = None
    allowed_workers: frozenset[str] | None = None
    preferred_workers: frozenset[str] = frozenset()
    is_break: bool = False
    late_is_infeasible: bool = False

    def __post_init__(self) -> None:
        if self.duration < 0:
            raise ValueError(f"Task {self.id}: the duration cannot be negative")
        if self.latest < self.earliest:
            raise ValueError(f"Task {self.id}: the latest start is before the earliest start")


@dataclass(frozen=True)
class Worker:
    """A worker with their skills, where their day starts and ends, and their shift."""

    id: str
    skills: frozenset[str]
    start_location: int = 0
    end_location: int = 0
    shift_start: float = 0.0
    shift_end: float = INFINITY
    hourly_cost_pence: int = 0
    #: A soft preference of the worker's own: the cost of giving them any visit at all (they asked not to work).
    avoid_cost: float = 0.0

    def __post_init__(self) -> None:
        if self.shift_end < self.shift_start:
            raise ValueError(f"Worker {self.id}: the shift ends before it starts")


@dataclass(frozen=True)
class Link:
    """``second`` starts between ``min_gap`` and ``max_gap`` minutes after ``first`` starts.

    A simultaneous link has both gaps zero. Linked tasks are always done by two different workers.
    """

    first: str
    second: str
    kind: LinkKind
    min_gap: float = 0.0
    max_gap: float = 0.0

    def __post_init__(self) -> None:
        if self.max_gap < self.min_gap:
            raise ValueError(f"Link {self.first}-{self.second}: the largest gap is smaller than the smallest")


@dataclass(frozen=True)
class Weights:
    """How the cost adds up. The Mankowska objective is one third each of travel, total and largest lateness."""

    travel: float = 1.0
    tardiness: float = 1.0
    max_tardiness: float = 1.0
    unassigned: float = 10_000.0
    not_preferred: float = 0.0
    paid_time: float = 0.0
    #: Re-planning: the cost of each task moved from where the published rota had it (``Instance.published``),
    #: to another worker or by more than ``moved_minutes``.
    moved: float = 0.0
    moved_minutes: float = 30.0


MANKOWSKA_WEIGHTS = Weights(travel=1 / 3, tardiness=1 / 3, max_tardiness=1 / 3)


@dataclass(frozen=True)
class Instance:
    name: str
    tasks: tuple[Task, ...]
    workers: tuple[Worker, ...]
    travel: tuple[tuple[float, ...], ...]
    links: tuple[Link, ...] = ()
    weights: Weights = field(default_factory=Weights)
    must_assign_all: bool = True
    #: Re-planning: where the published rota had each task, as {task id: (worker id, start minute)}.
    published: Mapping[str, tuple[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.travel)
        if any(len(row) != n for row in self.travel):
            raise ValueError("The travel matrix must be square")
        task_ids = [t.id for t in self.tasks]
        if len(set(task_ids)) != len(task_ids):
            raise ValueError("Task ids must be unique")
        worker_ids = [w.id for w in self.workers]
        if len(set(worker_ids)) != len(worker_ids):
            raise ValueError("Worker ids must be unique")
        known = set(task_ids)
        for task in self.tasks:
            if not task.is_break and not 0 <= task.location < n:
                raise ValueError(f"Task {task.id}: location {task.location} is not in the travel matrix")
        for worker in self.workers:
            for loc in (worker.start_location, worker.end_location):
                if not 0 <= loc < n:
                    raise ValueError(f"Worker {worker.id}: location {loc} is not in the travel matrix")
        for link in self.links:
            if link.first not in known or link.second not in known:
                raise ValueError(f"Link {link.first}-{link.second} names a task that does not exist")

    def task(self, task_id: str) -> Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)

    def can_do(self, worker: Worker, task: Task) -> bool:
        """Whether ``worker`` is allowed and skilled for ``task`` (breaks only by their own worker)."""
        if task.allowed_workers is not None and worker.id not in task.allowed_workers:
            return False
        return task.skill is None or task.skill in worker.skills


@dataclass(frozen=True)
class Solution:
    """One ordered list of task ids per worker id, and the tasks left out with the reason why."""

    routes: dict[str, tuple[str, ...]]
    unassigned: dict[str, str] = field(default_factory=dict)
