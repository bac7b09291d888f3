"""The project's own feasibility and cost checker for a day's rota: every solver's answer is judged here.

Start times are the earliest the rota allows: each worker leaves at the start of their shift, travels, waits for a
visit's window to open, and linked tasks wait for each other. These times form a simple temporal network, whose
earliest solution is at the same time the earliest for every task; lateness only grows with later starts, so the
earliest schedule is the cheapest for the given order of visits (Dechter, Meiri & Pearl, "Temporal constraint
networks", *Artificial Intelligence* 49, 1991). The cost is the Mankowska et al. (2014) objective
``travel + total lateness + largest lateness``, each weighted, plus penalties for unplaced tasks, tasks not with a
preferred worker, paid time, giving visits to a worker who asked not to work (``Worker.avoid_cost``), and, when
re-planning, moving a task from where the published rota had it (``Weights.moved``, ``Instance.published``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import INFINITY, Instance, Solution

EPS = 1e-6


@dataclass(frozen=True)
class WorkerDay:
    worker: str
    tasks: tuple[str, ...]
    leave: float
    back: float
    contact_minutes: float
    travel_minutes: float
    waiting_minutes: float
    break_minutes: float
    paid_minutes: float


@dataclass(frozen=True)
class CheckResult:
    feasible: bool
    violations: tuple[str, ...]
    starts: dict[str, float]
    workers_of: dict[str, str]
    days: tuple[WorkerDay, ...]
    travel: float
    total_tardiness: float
    max_tardiness: float
    unassigned: tuple[str, ...]
    not_preferred: int
    cost: float
    explanation: str
    #: Tasks moved from where the published rota had them (to another worker, or by more than the allowed time).
    moved: tuple[str, ...] = ()

    @property
    def contact_minutes(self) -> float:
        return sum(d.contact_minutes for d in self.days)

    @property
    def paid_minutes(self) -> float:
        return sum(d.paid_minutes for d in self.days)

    @property
    def contact_share(self) -> float:
        """Visit time divided by paid time (0 when nobody works)."""
        paid = self.paid_minutes
        return self.contact_minutes / paid if paid > 0 else 0.0


def check(instance: Instance, solution: Solution | Mapping[str, Sequence[str]]) -> CheckResult:
    """Check a rota against every hard rule and work out its cost.

    Hard rules: each task at most once; only by a worker with the skill and allowed to do it; linked tasks by two
    different workers and within their gap; no circular waiting; back by the end of the shift; a break or a task
    marked ``late_is_infeasible`` not late; and, when ``must_assign_all``, every task placed.
    """
    routes = solution.routes if isinstance(solution, Solution) else {k: tuple(v) for k, v in solution.items()}
    tasks = {t.id: t for t in instance.tasks}
    workers = {w.id: w for w in instance.workers}
    violations: list[str] = []
    workers_of: dict[str, str] = {}
    for worker_id, route in routes.items():
        worker = workers.get(worker_id)
        if worker is None:
            violations.append(f"Worker {worker_id} does not exist")
            continue
        for task_id in route:
            task = tasks.get(task_id)
            if task is None:
                violations.append(f"Task {task_id} does not exist")
                continue
            if task_id in workers_of:
                violations.append(f"Task {task_id} is given to both {workers_of[task_id]} and {worker_id}")
                continue
            workers_of[task_id] = worker_id
            if not instance.can_do(worker, task):
                if task.skill is not None and task.skill not in worker.skills:
                    violations.append(f"{worker_id} does not have the skill {task.skill} needed for {task_id}")
                else:
                    violations.append(f"{worker_id} is not allowed to do {task_id}")
    unassigned = tuple(t.id for t in instance.tasks if t.id not in workers_of)
    if instance.must_assign_all:
        violations.extend(f"Task {t} is not given to anyone" for t in unassigned)
    for link in instance.links:
        a, b = workers_of.get(link.first), workers_of.get(link.second)
        if (a is None) != (b is None):
            violations.append(f"Only one of the linked tasks {link.first} and {link.second} is placed")
        elif a is not None and a == b:
            violations.append(f"The linked tasks {link.first} and {link.second} need two different workers")

    starts, cyclic = _earliest_starts(instance, routes, workers_of)
    if cyclic:
        violations.append("Visits wait for each other in a circle: no start times fit this order")

    days: list[WorkerDay] = []
    travel_total = 0.0
    for worker_id, route in routes.items():
        worker = workers.get(worker_id)
        if worker is None:
            continue
        route = tuple(t for t in route if workers_of.get(t) == worker_id)
        time, loc = worker.shift_start, worker.start_location
        contact = travel = waiting = breaks = 0.0
        leave = None
        for task_id in route:
            task = tasks[task_id]
            leg = 0.0 if task.is_break else instance.travel[loc][task.location]
            if leave is None and not task.is_break:
                leave = starts[task_id] - leg  # leaves just in time for the first visit
            else:
                waiting += max(0.0, starts[task_id] - (time + leg))
            travel += leg
            time = starts[task_id] + task.duration
            if task.is_break:
                breaks += task.duration
            else:
                contact += task.duration
                loc = task.location
        home = instance.travel[loc][worker.end_location] if route else 0.0
        travel += home
        back = time + home
        if back > worker.shift_end + EPS:
            violations.append(
                f"{worker_id} is back at {_clock(back)}, after the end of their shift at {_clock(worker.shift_end)}"
            )
        has_visits = contact > 0 or any(not tasks[t].is_break for t in route)
        if worker.shift_end < INFINITY:
            paid = worker.shift_end - worker.shift_start  # a rostered shift is paid, busy or not
        elif not has_visits:
            paid = 0.0
        else:
            paid = back - (leave if leave is not None else worker.shift_start)
        travel_total += travel
        days.append(
            WorkerDay(
                worker=worker_id,
                tasks=route,
                leave=leave if leave is not None else worker.shift_start,
                back=back,
                contact_minutes=contact,
                travel_minutes=travel,
                waiting_minutes=waiting,
                break_minutes=breaks,
                paid_minutes=paid,
            )
        )

    total_tardiness = max_tardiness = 0.0
    for link in instance.links:
        if link.first in starts and link.second in starts:
            gap = starts[link.second] - starts[link.first]
            if gap < link.min_gap - EPS or gap > link.max_gap + EPS:
                violations.append(
                    f"{link.second} starts {gap:.1f} minutes after {link.first}, "
                    f"outside {link.min_gap:g}-{link.max_gap:g} minutes"
                )
    not_preferred = 0
    for task_id, start in starts.items():
        task = tasks[task_id]
        late = max(0.0, start - task.latest)
        if late > EPS and (task.is_break or task.late_is_infeasible):
            violations.append(f"{task_id} starts {late:.0f} minutes after the latest it may")
        if task.is_break:
            continue
        total_tardiness += late
        max_tardiness = max(max_tardiness, late)
        if task.preferred_workers and workers_of[task_id] not in task.preferred_workers:
            not_preferred += 1
    w = instance.weights
    moved = tuple(
        task_id
        for task_id, (was_worker, was_start) in instance.published.items()
        if task_id in workers_of
        and (workers_of[task_id] != was_worker or abs(starts[task_id] - was_start) > w.moved_minutes)
    )
    avoided = sum(workers[d.worker].avoid_cost for d in days if any(not tasks[t].is_break for t in d.tasks))
    cost = (
        w.moved * len(moved)
        + avoided
        + w.travel * travel_total
        + w.tardiness * total_tardiness
        + w.max_tardiness * max_tardiness
        + w.unassigned * len(unassigned)
        + w.not_preferred * not_preferred
        + w.paid_time * sum(d.paid_minutes for d in days)
    )
    feasible = not violations
    if feasible:
        explanation = (
            f"Every rule is kept. Travel {travel_total:.1f}, total lateness {total_tardiness:.1f}, "
            f"largest lateness {max_tardiness:.1f} minutes; cost {cost:.2f}."
        )
    else:
        explanation = f"{len(violations)} rule(s) broken, the first: {violations[0]}."
    return CheckResult(
        feasible=feasible,
        violations=tuple(violations),
        starts=starts,
        workers_of=workers_of,
        days=tuple(days),
        travel=travel_total,
        total_tardiness=total_tardiness,
        max_tardiness=max_tardiness,
        unassigned=unassigned,
        not_preferred=not_preferred,
        cost=cost,
        explanation=explanation,
        moved=moved,
    )


def _earliest_starts(
    instance: Instance, routes: Mapping[str, Sequence[str]], workers_of: Mapping[str, str]
) -> tuple[dict[str, float], bool]:
    """Earliest start of every placed task, by raising lower bounds until nothing moves.

    Returns the starts and whether they never settle (a circle of waits, or gaps that cannot all be kept).
    """
    tasks = {t.id: t for t in instance.tasks}
    workers = {w.id: w for w in instance.workers}
    lower: dict[str, float] = {}
    starts: dict[str, float] = {}
    links = [link for link in instance.links if link.first in workers_of and link.second in workers_of]
    limit = len(workers_of) + 2
    for _ in range(limit + 1):
        for worker_id, route in routes.items():
            worker = workers.get(worker_id)
            if worker is None:
                continue
            time, loc = worker.shift_start, worker.start_location
            for task_id in route:
                if workers_of.get(task_id) != worker_id:
                    continue
                task = tasks[task_id]
                arrive = time if task.is_break else time + instance.travel[loc][task.location]
                start = max(arrive, task.earliest, lower.get(task_id, -INFINITY))
                starts[task_id] = start
                time = start + task.duration
                if not task.is_break:
                    loc = task.location
        moved = False
        for link in links:
            a, b = starts[link.first], starts[link.second]
            if b < a + link.min_gap - EPS:
                lower[link.second] = a + link.min_gap
                moved = True
            if a < b - link.max_gap - EPS:
                lower[link.first] = b - link.max_gap
                moved = True
        if not moved:
            return starts, False
    return starts, True


def _clock(minutes: float) -> str:
    if minutes == INFINITY:
        return "no end"
    m = round(minutes)
    return f"{m // 60:02d}:{m % 60:02d}"
