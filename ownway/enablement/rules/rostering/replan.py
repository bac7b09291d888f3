"""Re-planning the rest of a day when something changes: a worker goes off sick, a visit is added or cancelled.

The published rota is the starting point (a warm start of :mod:`.alns`). Visits already started, or due to start
before the time of the change, stay exactly where they are (their worker and start are pinned as hard rules). The
rest of the day is re-optimised with a change penalty in the objective (:attr:`.model.Weights.moved`): each visit
given to another worker, or moved by more than :attr:`.model.Weights.moved_minutes`, costs as much as
:data:`MOVED_COST` minutes of travel, so the search keeps as much of the published rota as it can while still
placing every visit it can (an unplaced visit costs far more). The answer is judged by the same checker as every
rota (:func:`.checker.check`) and every change is listed.

Why keep the published rota: people are told who is coming and when, and continuity of carer matters to them
(NICE NG21, *Home care: delivering personal care and practical support to older people living in their own
homes*, 2015, recommendations 1.4.1-1.4.3: the same workers, on time, told in advance of changes).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import alns, checker
from .model import Instance, Solution, Task

#: The cost of moving one visit from where the published rota had it, in minutes of travel saved.
MOVED_COST = 120.0
#: A visit moved by more than this many minutes counts as moved even with the same worker.
MOVED_MINUTES = 30.0
#: The default time the re-plan searches, in seconds (the target is under 10 s for a team of 40).
SECONDS = 5.0

CANCELLED = "Cancelled for the day"
PASSED = "Its time had passed before the re-plan"


@dataclass(frozen=True)
class Change:
    """One worker's part of a visit that is not as the published rota had it.

    ``kind`` is ``moved`` (another worker, or a time moved more than the allowed minutes), ``retimed`` (the same
    worker, a little earlier or later), ``added`` (newly placed), ``unplaced`` (with ``reason``) or ``cancelled``.
    """

    task: str
    visit: str
    kind: str
    from_worker: str | None
    from_start: float | None
    to_worker: str | None
    to_start: float | None
    reason: str = ""


@dataclass(frozen=True)
class Replan:
    solution: Solution
    report: checker.CheckResult
    instance: Instance
    changes: tuple[Change, ...]
    #: Other workers' visits not yet started at the time of the change, and how many of them moved.
    others: int
    others_moved: int
    seconds: float
    explanation: str

    @property
    def moved_share(self) -> float:
        return self.others_moved / self.others if self.others else 0.0


@dataclass(frozen=True)
class Prepared:
    """The rest of the day as a problem of its own: visits before the change pinned, the rest free to move."""

    instance: Instance
    #: Where the published rota had each task still in the day: {task id: (worker id, start)}.
    was: dict[str, tuple[str, float]]
    fixed: frozenset[str]
    #: Tasks taken out of the day, with the reason (cancelled, their time passed, their worker off sick).
    dropped: dict[str, str]
    initial: dict[str, list[str]]


def prepare(
    instance: Instance,
    published: Mapping[str, Sequence[str]],
    *,
    at: float,
    off_sick: str | None = None,
    cancelled: Iterable[str] = (),
    published_starts: Mapping[str, float] | None = None,
) -> Prepared:
    """The day from minute ``at`` (see :func:`replan`), ready for the search and for the checker."""
    cancelled = set(cancelled)
    tasks = {t.id: t for t in instance.tasks}
    starts = dict(published_starts or {})
    worked_out = checker.check(instance, {w: [t for t in r if t in tasks] for w, r in published.items()}).starts
    was: dict[str, tuple[str, float]] = {}
    for worker_id, route in published.items():
        for task_id in route:
            if task_id in tasks and task_id in worked_out:
                was[task_id] = (worker_id, float(starts.get(task_id, worked_out[task_id])))
    fixed = {t for t, (_, start) in was.items() if start < at and tasks[t].visit not in cancelled}
    dropped: dict[str, str] = {t.id: CANCELLED for t in instance.tasks if t.visit in cancelled}
    kept_tasks: list[Task] = []
    for task in instance.tasks:
        if task.id in dropped:
            continue
        if task.id in fixed:
            worker_id, start = was[task.id]
            # Pinned to the start the worker was given (and the minute it may have been rounded down by).
            task = dataclasses.replace(
                task,
                earliest=start,
                latest=start + 1,
                allowed_workers=frozenset({worker_id}),
                late_is_infeasible=True,
            )
        else:
            if task.id not in was and task.latest < at:
                dropped[task.id] = PASSED
                continue
            if task.is_break and off_sick is not None and task.allowed_workers == frozenset({off_sick}):
                dropped[task.id] = "The worker is off sick"
                continue
            earliest = max(task.earliest, at)
            task = dataclasses.replace(task, earliest=earliest, latest=max(task.latest, earliest))
        kept_tasks.append(task)
    kept_ids = {t.id for t in kept_tasks}
    workers = list(instance.workers)
    sick = next((w for w in workers if w.id == off_sick), None)
    if sick is not None:
        end = at
        last, loc = None, sick.start_location
        for task_id in published.get(sick.id, ()):
            if task_id in fixed:
                task = tasks[task_id]
                last = was[task_id][1] + task.duration
                if not task.is_break:
                    loc = task.location
        if last is not None:  # they finish what they had started, and go home
            end = max(end, last + instance.travel[loc][sick.end_location] + 1)
        workers = [dataclasses.replace(w, shift_end=max(w.shift_start, end)) if w is sick else w for w in workers]
    weights = dataclasses.replace(instance.weights, moved=MOVED_COST, moved_minutes=MOVED_MINUTES)
    today = dataclasses.replace(
        instance,
        tasks=tuple(kept_tasks),
        workers=tuple(workers),
        links=tuple(lk for lk in instance.links if lk.first in kept_ids and lk.second in kept_ids),
        weights=weights,
        published={t: v for t, v in was.items() if t in kept_ids},
    )
    initial = {w: [t for t in r if t in kept_ids and (w != off_sick or t in fixed)] for w, r in published.items()}
    return Prepared(instance=today, was=was, fixed=frozenset(fixed), dropped=dropped, initial=initial)


def replan(
    instance: Instance,
    published: Mapping[str, Sequence[str]],
    *,
    at: float,
    off_sick: str | None = None,
    cancelled: Iterable[str] = (),
    published_starts: Mapping[str, float] | None = None,
    options: alns.SolveOptions | None = None,
) -> Replan:
    """Re-optimise the rest of the day from minute ``at``.

    ``instance`` is the day as planned now (a visit added is a task not on the published rota); ``published``
    the published routes; ``off_sick`` a worker who does nothing from ``at`` (a visit they had started stays
    theirs); ``cancelled`` the visits (``Task.visit``) that no longer happen. ``published_starts`` are the
    starts the workers were told (by default, and for any task missing, worked out by the checker from the
    published routes).
    """
    ready = prepare(
        instance, published, at=at, off_sick=off_sick, cancelled=cancelled, published_starts=published_starts
    )
    today, was, fixed, dropped = ready.instance, ready.was, ready.fixed, ready.dropped
    tasks = {t.id: t for t in instance.tasks}
    base = options or alns.SolveOptions(time_limit=SECONDS)
    result = alns.solve(today, dataclasses.replace(base, initial_routes=ready.initial, fixed=fixed))
    report = checker.check(today, result.solution)
    changes: list[Change] = []
    for task in instance.tasks:
        if task.is_break:
            continue
        old = was.get(task.id)
        if task.id in dropped:
            kind = "cancelled" if dropped[task.id] == CANCELLED else "unplaced"
            if old is not None or kind == "cancelled":
                changes.append(_change(task, kind, old, None, dropped[task.id]))
            continue
        new_worker = report.workers_of.get(task.id)
        if new_worker is None:
            reason = result.solution.unassigned.get(task.id) or alns.unplaced_reason(
                today, task.id, result.solution.routes
            )
            changes.append(_change(task, "unplaced", old, None, reason))
            continue
        new = (new_worker, report.starts[task.id])
        if old is None:
            changes.append(_change(task, "added", None, new))
        elif task.id in report.moved:
            changes.append(_change(task, "moved", old, new))
        elif round(new[1]) != round(old[1]):
            changes.append(_change(task, "retimed", old, new))
    others = [
        t
        for t, (w, _) in was.items()
        if w != off_sick and t not in fixed and t not in dropped and not tasks[t].is_break
    ]
    others_moved = sum(1 for t in others if t in report.moved or t not in report.workers_of)
    placed = sum(1 for t in today.tasks if not t.is_break and t.id in report.workers_of)
    visits = sum(1 for t in today.tasks if not t.is_break)
    explanation = (
        f"Re-planned from {_clock(at)} in {result.seconds:.1f} s: {placed} of {visits} visits placed, "
        f"{others_moved} of {len(others)} other visits still to come moved."
    )
    return Replan(
        solution=result.solution,
        report=report,
        instance=today,
        changes=tuple(sorted(changes, key=_order)),
        others=len(others),
        others_moved=others_moved,
        seconds=result.seconds,
        explanation=explanation,
    )


def _change(
    task: Task, kind: str, old: tuple[str, float] | None, new: tuple[str, float] | None, reason: str = ""
) -> Change:
    return Change(
        task=task.id,
        visit=task.visit,
        kind=kind,
        from_worker=old[0] if old else None,
        from_start=old[1] if old else None,
        to_worker=new[0] if new else None,
        to_start=new[1] if new else None,
        reason=reason,
    )


def _order(change: Change) -> tuple[float, str]:
    start = change.from_start if change.from_start is not None else change.to_start
    return (start if start is not None else 0.0, change.task)


def _clock(minutes: float) -> str:
    m = round(minutes)
    return f"{m // 60:02d}:{m % 60:02d}"
