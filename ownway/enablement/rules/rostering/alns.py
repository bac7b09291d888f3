"""A rota solver of our own: adaptive large neighbourhood search with linked visits handled natively.

Ropke & Pisinger, "An adaptive large neighborhood search heuristic for the pickup and delivery problem with time
windows", *Transportation Science* 40(4), 2006: repeatedly remove some visits (at random, the costliest, related
ones near in place and time, or all in a slice of the day) and put them back by cheapest insertion, accepting
worse rotas with a falling probability (simulated annealing). The operators that find improvements are chosen
more often.

Unlike a routing library, a double-handed visit is inserted as one move into two workers' days at once, starting
together; a visit that must follow another is inserted with its gap. Each candidate is first costed quickly along
the two days it touches, then the best few are costed exactly with every knock-on wait in other workers' days.
The solver never places a task where it would break a hard rule; a task that fits nowhere stays unplaced and
:func:`unplaced_reason` says why.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .model import INFINITY, Instance, LinkKind, Solution

EPS = 1e-6
_FAR = 90.0  # minutes: insertion places this far outside a task's window are not tried
Moves = tuple[tuple[int, int, int], ...]  # (worker, position, task) insertions


@dataclass(frozen=True)
class Progress:
    """How far a search has got: its rounds, the tasks placed in the best rota so far and that rota's cost."""

    rounds: int
    placed: int
    tasks: int
    best_cost: float
    seconds: float


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = 10.0
    seed: int = 1
    exact_candidates: int = 1
    pair_width: int = 8
    removed_share: float = 0.3
    max_removed: int = 40
    temperature: float = 0.05
    max_iterations: int | None = None
    #: Told how far the search has got, at most every ``progress_seconds`` (and once when it ends).
    progress: Callable[[Progress], None] | None = None
    #: Asked at the same moments whether to stop now with the best rota so far (someone cancelled).
    should_stop: Callable[[], bool] | None = None
    progress_seconds: float = 0.5
    #: A warm start: each worker's day as task ids in order (a published rota, or yesterday's for the same
    #: people). The search starts from it, dropping what no longer fits and inserting the rest, instead of
    #: building a rota from nothing; it never ends worse than the rota it started from once repaired.
    initial_routes: Mapping[str, Sequence[str]] | None = None
    #: Tasks the search never takes out of the day they start in (visits already started or in the past).
    fixed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SolveResult:
    solution: Solution
    cost: float
    iterations: int
    seconds: float
    explanation: str
    #: Whether ``should_stop`` ended the search before its time.
    stopped: bool = False


class _Problem:
    """The instance turned into flat lists indexed by integers, for speed."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.tasks = instance.tasks
        self.n = len(instance.tasks)
        self.index = {t.id: i for i, t in enumerate(instance.tasks)}
        self.loc = [t.location for t in instance.tasks]
        self.dur = [t.duration for t in instance.tasks]
        self.early = [t.earliest for t in instance.tasks]
        self.late = [t.latest for t in instance.tasks]
        self.brk = [t.is_break for t in instance.tasks]
        self.hard = [t.is_break or t.late_is_infeasible for t in instance.tasks]
        self.m = len(instance.workers)
        self.w_start = [w.start_location for w in instance.workers]
        self.w_end = [w.end_location for w in instance.workers]
        self.shift_start = [w.shift_start for w in instance.workers]
        self.shift_end = [w.shift_end for w in instance.workers]
        self.travel = [list(row) for row in instance.travel]
        self.can: list[list[int]] = [
            [k for k, w in enumerate(instance.workers) if instance.can_do(w, t)] for t in instance.tasks
        ]
        worker_index = {w.id: k for k, w in enumerate(instance.workers)}
        self.pref: list[frozenset[int]] = [
            frozenset(worker_index[p] for p in t.preferred_workers if p in worker_index) for t in instance.tasks
        ]
        self.links: list[tuple[int, int, float, float]] = [
            (self.index[link.first], self.index[link.second], link.min_gap, link.max_gap) for link in instance.links
        ]
        self.links_of: list[list[tuple[int, int, float, float]]] = [[] for _ in range(self.n)]
        for link in self.links:
            self.links_of[link[0]].append(link)
            self.links_of[link[1]].append(link)
        # Groups: tasks joined by links move together.
        parent = list(range(self.n))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b, _, _ in self.links:
            parent[find(a)] = find(b)
        groups: dict[int, list[int]] = {}
        for i in range(self.n):
            groups.setdefault(find(i), []).append(i)
        self.groups = [sorted(g) for g in groups.values()]
        self.group_of = [0] * self.n
        for g, members in enumerate(self.groups):
            for i in members:
                self.group_of[i] = g
        w = instance.weights
        self.wd, self.wt, self.wmax = w.travel, w.tardiness, w.max_tardiness
        self.wun, self.wpref, self.wpaid = w.unassigned, w.not_preferred, w.paid_time
        # A rostered shift is paid whether busy or not; an open-ended day is paid from leaving to coming back.
        self.avoid = [w.avoid_cost for w in instance.workers]
        self.fixed_paid = sum(e - s for s, e in zip(self.shift_start, self.shift_end, strict=True) if e < INFINITY)
        # Re-planning: where each task was on the published rota, and the cost of changing that.
        self.wmoved, self.moved_minutes = w.moved, w.moved_minutes
        self.was_worker = [-1] * self.n
        self.was_start = [0.0] * self.n
        for task_id, (worker_id, start) in instance.published.items():
            if task_id in self.index and worker_id in worker_index:
                self.was_worker[self.index[task_id]] = worker_index[worker_id]
                self.was_start[self.index[task_id]] = start


class _State:
    """Routes with their exact earliest start times and cost."""

    def __init__(self, problem: _Problem, routes: list[list[int]]) -> None:
        self.p = problem
        self.routes = routes
        self.start = [0.0] * problem.n
        self.owner = [-1] * problem.n
        self.cost = INFINITY
        self.tmax = 0.0
        self.evaluate()

    def copy_routes(self) -> list[list[int]]:
        return [list(r) for r in self.routes]

    def evaluate(self) -> float:
        self.cost, self.tmax = _evaluate(self.p, self.routes, self.start, self.owner)
        return self.cost


def _evaluate(p: _Problem, routes: list[list[int]], start: list[float], owner: list[int]) -> tuple[float, float]:
    """Exact cost of ``routes`` (INFINITY when a hard rule breaks), filling ``start`` and ``owner``."""
    travel = p.travel
    loc, dur, early, brk = p.loc, p.dur, p.early, p.brk
    for i in range(p.n):
        owner[i] = -1
    lower = [-INFINITY] * p.n
    dist = 0.0
    for w, route in enumerate(routes):
        cur = p.w_start[w]
        for i in route:
            owner[i] = w
            if not brk[i]:
                dist += travel[cur][loc[i]]
                cur = loc[i]
        if route:
            dist += travel[cur][p.w_end[w]]
    dirty: Sequence[int] = range(len(routes))
    links = [lk for lk in p.links if owner[lk[0]] >= 0 and owner[lk[1]] >= 0]
    for lk in links:
        if owner[lk[0]] == owner[lk[1]]:
            return INFINITY, 0.0
    rounds = 0
    while True:
        for w in dirty:
            t = p.shift_start[w]
            cur = p.w_start[w]
            for i in routes[w]:
                s = t if brk[i] else t + travel[cur][loc[i]]
                if s < early[i]:
                    s = early[i]
                if lower[i] > s:
                    s = lower[i]
                start[i] = s
                t = s + dur[i]
                if not brk[i]:
                    cur = loc[i]
        if not links:
            break
        moved: set[int] = set()
        for a, b, mn, mx in links:
            sa, sb = start[a], start[b]
            if sb < sa + mn - EPS:
                lower[b] = sa + mn
                moved.add(owner[b])
            if sa < sb - mx - EPS:
                lower[a] = sb - mx
                moved.add(owner[a])
        if not moved:
            break
        rounds += 1
        if rounds > p.n + 2:
            return INFINITY, 0.0
        dirty = sorted(moved)
    tard = tmax = 0.0
    late, hard = p.late, p.hard
    pref_miss = 0
    avoided = 0.0
    paid = p.fixed_paid
    for w, route in enumerate(routes):
        if not route:
            continue
        last = route[-1]
        cur = p.w_start[w]
        for i in route:
            lt = start[i] - late[i]
            if lt > EPS:
                if hard[i]:
                    return INFINITY, 0.0
                tard += lt
                if lt > tmax:
                    tmax = lt
            if p.pref[i] and w not in p.pref[i]:
                pref_miss += 1
            if not brk[i]:
                cur = loc[i]
        back = start[last] + dur[last] + travel[cur][p.w_end[w]]
        if back > p.shift_end[w] + EPS:
            return INFINITY, 0.0
        if p.avoid[w] and any(not brk[i] for i in route):
            avoided += p.avoid[w]
        if p.wpaid and p.shift_end[w] == INFINITY:
            first = next((i for i in route if not brk[i]), route[0])
            paid += back - (start[first] - travel[p.w_start[w]][loc[first]])
    unassigned = sum(1 for i in range(p.n) if owner[i] < 0)
    cost = (
        p.wd * dist + p.wt * tard + p.wmax * tmax + p.wun * unassigned + p.wpref * pref_miss + p.wpaid * paid + avoided
    )
    if p.wmoved:
        changed = 0
        for i in range(p.n):
            was = p.was_worker[i]
            if was >= 0 and owner[i] >= 0 and (owner[i] != was or abs(start[i] - p.was_start[i]) > p.moved_minutes):
                changed += 1
        cost += p.wmoved * changed
    return cost, tmax


class _Search:
    def __init__(self, problem: _Problem, options: SolveOptions) -> None:
        self.p = problem
        self.opt = options
        self.rng = random.Random(options.seed)  # noqa: S311 - search randomness, not security
        self.scratch_start = [0.0] * problem.n
        self.scratch_owner = [-1] * problem.n
        self.pair_width = options.pair_width
        self.scratch_tmax = 0.0
        self.stopped = False
        self.fixed_groups = {problem.group_of[problem.index[t]] for t in options.fixed if t in problem.index}

    # --- quick estimates ------------------------------------------------------------------------------------
    def _prev_state(self, st: _State, w: int, pos: int) -> tuple[float, int]:
        """End time and location of the worker just before position ``pos`` of their route."""
        p = self.p
        route = st.routes[w]
        if pos == 0:
            return p.shift_start[w], p.w_start[w]
        j = route[pos - 1]
        t = st.start[j] + p.dur[j]
        k = pos - 1
        while k >= 0 and p.brk[route[k]]:
            k -= 1
        cur = p.w_start[w] if k < 0 else p.loc[route[k]]
        return t, cur

    def _next_loc(self, st: _State, w: int, pos: int) -> int:
        p = self.p
        route = st.routes[w]
        k = pos
        while k < len(route) and p.brk[route[k]]:
            k += 1
        return p.w_end[w] if k >= len(route) else p.loc[route[k]]

    def _push(self, st: _State, w: int, pos: int, i: int, s: float) -> tuple[float, float]:
        """Extra lateness downstream (and the largest new lateness) if ``i`` starts at ``s`` before ``pos``.

        Returns (INFINITY, 0) when a hard rule would break in this worker's day.
        """
        p = self.p
        route = st.routes[w]
        t = s + p.dur[i]
        cur = p.loc[i] if not p.brk[i] else self._prev_state(st, w, pos)[1]
        extra = 0.0
        worst = 0.0
        k = pos
        n = len(route)
        while k < n:
            j = route[k]
            arr = t if p.brk[j] else t + p.travel[cur][p.loc[j]]
            old = st.start[j]
            if arr <= old + EPS:
                return extra, worst
            lt_new = arr - p.late[j]
            if lt_new > EPS:
                if p.hard[j]:
                    return INFINITY, 0.0
                lt_old = old - p.late[j]
                extra += lt_new - (lt_old if lt_old > 0 else 0.0)
                if lt_new > worst:
                    worst = lt_new
            t = arr + p.dur[j]
            if not p.brk[j]:
                cur = p.loc[j]
            k += 1
        if t + p.travel[cur][p.w_end[w]] > p.shift_end[w] + EPS:
            return INFINITY, 0.0
        return extra, worst

    def _single(self, st: _State, i: int, w: int, pos: int) -> tuple[float, float, float]:
        """(earliest start, travel added, preference/paid cost added) for ``i`` at ``pos`` in ``w``'s day."""
        p = self.p
        t, cur = self._prev_state(st, w, pos)
        if p.brk[i]:
            return max(t, p.early[i]), 0.0, 0.0
        nxt = self._next_loc(st, w, pos)
        if pos == 0 and not st.routes[w]:
            added = p.travel[p.w_start[w]][p.loc[i]] + p.travel[p.loc[i]][p.w_end[w]]
        else:
            added = p.travel[cur][p.loc[i]] + p.travel[p.loc[i]][nxt] - p.travel[cur][nxt]
        s = t + p.travel[cur][p.loc[i]]
        if s < p.early[i]:
            s = p.early[i]
        other = 0.0
        if p.pref[i] and w not in p.pref[i]:
            other += p.wpref
        if p.avoid[w] and all(p.brk[j] for j in st.routes[w]):
            other += p.avoid[w]
        if p.wmoved and p.was_worker[i] >= 0 and (w != p.was_worker[i] or abs(s - p.was_start[i]) > p.moved_minutes):
            other += p.wmoved
        return s, added, other

    def _cost_at(self, st: _State, i: int, w: int, pos: int, s: float, added: float, other: float) -> float:
        p = self.p
        lt = s - p.late[i]
        own = lt if lt > 0 else 0.0
        if own > EPS and p.hard[i]:
            return INFINITY
        if s + p.dur[i] > p.shift_end[w] + EPS:
            return INFINITY
        extra, worst = self._push(st, w, pos, i, s)
        if extra == INFINITY:
            return INFINITY
        worst = max(worst, own)
        return p.wd * added + p.wt * (own + extra) + p.wmax * (worst - st.tmax if worst > st.tmax else 0.0) + other

    def _options_single(self, st: _State, i: int) -> list[tuple[float, int, int, float]]:
        p = self.p
        out = []
        early, late = p.early[i], p.late[i]
        start = st.start
        for w in p.can[i]:
            route = st.routes[w]
            for pos in range(len(route) + 1):
                # Skip places far from the window: after a visit starting long after it closes (every later place
                # is later still), or before a visit that starts long before it opens.
                if pos > 0 and start[route[pos - 1]] > late + _FAR:
                    break
                if pos < len(route) and start[route[pos]] + _FAR < early:
                    continue
                s, added, other = self._single(st, i, w, pos)
                c = self._cost_at(st, i, w, pos, s, added, other)
                if c < INFINITY:
                    out.append((c, w, pos, s))
        return out

    # --- insertion ------------------------------------------------------------------------------------------
    def insert_group(self, st: _State, g: int, noise: float) -> bool:
        p = self.p
        members = p.groups[g]
        cands: list[tuple[float, Moves]]
        if len(members) == 1:
            i = members[0]
            cands = [(c, ((w, pos, i),)) for c, w, pos, _ in self._options_single(st, i)]
        elif len(members) == 2 and len(p.links_of[members[0]]) == 1:
            cands = self._pair_candidates(st, members)
        else:
            return self._insert_sequentially(st, members)
        if not cands:
            return False
        if noise > 0:
            rng = self.rng
            cands = [(c * (1 + noise * (2 * rng.random() - 1)), m) for c, m in cands]
        cands.sort(key=lambda x: x[0])
        best_cost = INFINITY
        best_moves = None
        best_times: tuple[list[float], list[int], float] | None = None
        for _, moves in cands[: self.opt.exact_candidates]:
            cost = self._try(st, moves)
            if cost < best_cost:
                best_cost, best_moves = cost, moves
                best_times = (self.scratch_start, self.scratch_owner, self.scratch_tmax)
                self.scratch_start, self.scratch_owner = [0.0] * p.n, [-1] * p.n
        if best_moves is None:
            # The quick estimates missed knock-on effects: look further down the list.
            for _, moves in cands[self.opt.exact_candidates : self.opt.exact_candidates + 20]:
                cost = self._try(st, moves)
                if cost < INFINITY:
                    best_cost, best_moves = cost, moves
                    best_times = (self.scratch_start, self.scratch_owner, self.scratch_tmax)
                    self.scratch_start, self.scratch_owner = [0.0] * p.n, [-1] * p.n
                    break
        if best_moves is None or best_times is None:
            return False
        self._apply(st, best_moves)
        # Keep the exact times worked out for the chosen move rather than working them out again.
        old_start, old_owner = st.start, st.owner
        st.start, st.owner, st.tmax = best_times
        st.cost = best_cost
        self.scratch_start, self.scratch_owner = old_start, old_owner
        return True

    def _pair_candidates(self, st: _State, members: list[int]) -> list[tuple[float, Moves]]:
        p = self.p
        a, b, mn, mx = p.links_of[members[0]][0]
        opts_a = sorted(self._options_single(st, a))[: self.pair_width]
        opts_b = sorted(self._options_single(st, b))[: self.pair_width]
        single_a = {(w, pos): self._single(st, a, w, pos) for _, w, pos, _ in opts_a}
        single_b = {(w, pos): self._single(st, b, w, pos) for _, w, pos, _ in opts_b}
        cands: list[tuple[float, Moves]] = []
        for _, wa, pa, sa0 in opts_a:
            _, add_a, oth_a = single_a[wa, pa]
            for _, wb, pb, sb0 in opts_b:
                if wa == wb:
                    continue
                sa, sb = sa0, sb0
                if sb < sa + mn:
                    sb = sa + mn
                if sb - sa > mx:
                    sa = sb - mx
                _, add_b, oth_b = single_b[wb, pb]
                ca = self._cost_at(st, a, wa, pa, sa, add_a, oth_a)
                if ca == INFINITY:
                    continue
                cb = self._cost_at(st, b, wb, pb, sb, add_b, oth_b)
                if cb == INFINITY:
                    continue
                cands.append((ca + cb, ((wa, pa, a), (wb, pb, b))))
        return cands

    def _insert_sequentially(self, st: _State, members: list[int]) -> bool:
        for i in sorted(members, key=lambda x: self.p.early[x]):
            opts = sorted(self._options_single(st, i))
            placed = False
            for _, w, pos, _ in opts[:10]:
                moves = ((w, pos, i),)
                if self._try(st, moves) < INFINITY:
                    self._apply(st, moves)
                    st.evaluate()
                    placed = True
                    break
            if not placed:
                return False
        return True

    def _apply(self, st: _State, moves: Sequence[tuple[int, int, int]]) -> None:
        # Insert at the higher position first when two moves touch the same route.
        for w, pos, i in sorted(moves, key=lambda m: (m[0], -m[1])):
            st.routes[w].insert(pos, i)

    def _try(self, st: _State, moves: Sequence[tuple[int, int, int]]) -> float:
        self._apply(st, moves)
        cost, self.scratch_tmax = _evaluate(self.p, st.routes, self.scratch_start, self.scratch_owner)
        for w, _, i in moves:
            st.routes[w].remove(i)
        return cost

    # --- removal --------------------------------------------------------------------------------------------
    def remove_groups(self, st: _State, groups: Sequence[int]) -> None:
        drop = {i for g in groups if g not in self.fixed_groups for i in self.p.groups[g]}
        st.routes = [[i for i in r if i not in drop] for r in st.routes]

    def placed_groups(self, st: _State) -> list[int]:
        p = self.p
        return [
            g
            for g, members in enumerate(p.groups)
            if st.owner[members[0]] >= 0 and not p.brk[members[0]] and g not in self.fixed_groups
        ]

    def random_removal(self, st: _State, q: int) -> list[int]:
        placed = self.placed_groups(st)
        return self.rng.sample(placed, min(q, len(placed)))

    def worst_removal(self, st: _State, q: int) -> list[int]:
        p = self.p
        gain: dict[int, float] = {}
        for w, route in enumerate(st.routes):
            prev = p.w_start[w]
            for k, i in enumerate(route):
                if p.brk[i]:
                    continue
                nxt = self._next_loc(st, w, k + 1)
                saved = p.travel[prev][p.loc[i]] + p.travel[p.loc[i]][nxt] - p.travel[prev][nxt]
                lt = st.start[i] - p.late[i]
                g = p.group_of[i]
                gain[g] = gain.get(g, 0.0) + p.wd * saved + p.wt * (lt if lt > 0 else 0.0)
                prev = p.loc[i]
        ranked = sorted(gain, key=lambda g: -gain[g])
        chosen: list[int] = []
        while ranked and len(chosen) < q:
            k = int(len(ranked) * self.rng.random() ** 4)
            chosen.append(ranked.pop(k))
        return chosen

    def related_removal(self, st: _State, q: int) -> list[int]:
        p = self.p
        placed = self.placed_groups(st)
        if not placed:
            return []
        seed = self.rng.choice(placed)
        si = p.groups[seed][0]

        def rel(g: int) -> float:
            i = p.groups[g][0]
            return p.travel[p.loc[si]][p.loc[i]] + 0.5 * abs(st.start[si] - st.start[i])

        ranked = sorted(placed, key=rel)
        chosen: list[int] = []
        while ranked and len(chosen) < q:
            k = int(len(ranked) * self.rng.random() ** 5)
            chosen.append(ranked.pop(k))
        return chosen

    def time_removal(self, st: _State, q: int) -> list[int]:
        p = self.p
        placed = self.placed_groups(st)
        if not placed:
            return []
        pivot = st.start[p.groups[self.rng.choice(placed)][0]]
        ranked = sorted(placed, key=lambda g: abs(st.start[p.groups[g][0]] - pivot))
        return ranked[:q]

    def route_removal(self, st: _State, q: int) -> list[int]:
        p = self.p
        used = [w for w, r in enumerate(st.routes) if r]
        if not used:
            return []
        w = self.rng.choice(used)
        groups = list(dict.fromkeys(p.group_of[i] for i in st.routes[w] if not p.brk[i]))
        extra = self.related_removal(st, max(0, q - len(groups)))
        return list(dict.fromkeys(groups + extra))[: max(q, len(groups))]

    # --- orchestration --------------------------------------------------------------------------------------
    def order(self, groups: list[int], how: int) -> list[int]:
        p = self.p
        if how == 0:
            self.rng.shuffle(groups)
            return groups
        if how == 1:
            return sorted(groups, key=lambda g: (-len(p.groups[g]), p.late[p.groups[g][0]]))
        return sorted(groups, key=lambda g: (p.late[p.groups[g][0]], self.rng.random()))

    def construct(self) -> _State:
        if self.opt.initial_routes is not None:
            return self.warm_start(self.opt.initial_routes)
        p = self.p
        routes: list[list[int]] = [[] for _ in range(p.m)]
        # Breaks first, each in its own worker's day.
        for i in range(p.n):
            if p.brk[i] and len(p.can[i]) == 1:
                routes[p.can[i][0]].append(i)
        for r in routes:
            r.sort(key=lambda i: p.early[i])
        st = _State(p, routes)
        todo = [g for g, members in enumerate(p.groups) if st.owner[members[0]] < 0]
        for g in self.order(todo, 1):
            self.insert_group(st, g, 0.0)
        return st

    def warm_start(self, initial: Mapping[str, Sequence[str]]) -> _State:
        """Start from given routes: keep each task that still fits, in its order, then insert the rest.

        Tasks that no longer exist, workers no longer on shift, and tasks a worker may not do are dropped first.
        Then the groups (a double-handed visit's two parts together) are put back one at a time, earliest place
        first, each at its own position relative to what is already back; a group that would break a hard rule
        stays out. Whatever is out at the end is inserted by cheapest insertion, as when building from nothing.
        """
        p = self.p
        worker_index = {w.id: k for k, w in enumerate(p.instance.workers)}
        wanted: dict[int, tuple[int, int]] = {}  # task -> (worker, position in the given route)
        for worker_id, route in initial.items():
            w = worker_index.get(worker_id)
            if w is None:
                continue
            for pos, task_id in enumerate(route):
                i = p.index.get(task_id)
                if i is not None and i not in wanted and w in p.can[i]:
                    wanted[i] = (w, pos)
        routes: list[list[int]] = [[] for _ in range(p.m)]
        st = _State(p, routes)
        groups = [g for g, members in enumerate(p.groups) if all(i in wanted for i in members)]
        groups.sort(key=lambda g: min(wanted[i][1] for i in p.groups[g]))
        for g in groups:
            members = p.groups[g]
            if len({wanted[i][0] for i in members}) < len(members):
                continue  # linked tasks given to one worker
            moves = tuple(
                (wanted[i][0], sum(1 for j in routes[wanted[i][0]] if wanted[j][1] < wanted[i][1]), i) for i in members
            )
            if self._try(st, moves) < INFINITY:
                self._apply(st, moves)
        st.evaluate()
        todo = [g for g, members in enumerate(p.groups) if st.owner[members[0]] < 0]
        for g in self.order(todo, 1):
            self.insert_group(st, g, 0.0)
        return st

    def _check_in(self, routes: list[list[int]], cost: float, rounds: int, t0: float) -> bool:
        """Tell the progress hook how far the search has got; whether it should stop now."""
        p = self.p
        if self.opt.progress is not None:
            placed = sum(1 for r in routes for i in r if not p.brk[i])
            tasks = sum(1 for b in p.brk if not b)
            seconds = time.perf_counter() - t0
            self.opt.progress(Progress(rounds=rounds, placed=placed, tasks=tasks, best_cost=cost, seconds=seconds))
        if self.opt.should_stop is not None and self.opt.should_stop():
            self.stopped = True
        return self.stopped

    def run(self) -> tuple[_State, int]:
        p = self.p
        t0 = time.perf_counter()
        deadline = t0 + self.opt.time_limit
        self.stopped = False
        current = self.construct()
        best_routes, best_cost = current.copy_routes(), current.cost
        n_groups = sum(1 for g in p.groups if not p.brk[g[0]])
        next_check = time.perf_counter() + self.opt.progress_seconds
        stop = self._check_in(best_routes, best_cost, 0, t0)
        if n_groups < 2 or stop:
            return current, 0
        removals = [
            self.random_removal,
            self.worst_removal,
            self.related_removal,
            self.time_removal,
            self.route_removal,
        ]
        weights = [1.0] * len(removals)
        t_start = max(self.opt.temperature * current.cost / max(1, n_groups) ** 0.5, 1e-3)
        t_end = t_start / 200
        it = 0
        since_best = 0
        while True:
            now = time.perf_counter()
            if now >= deadline:
                break
            if now >= next_check:
                next_check = now + self.opt.progress_seconds
                if self._check_in(best_routes, best_cost, it, t0):
                    break
            if self.opt.max_iterations is not None and it >= self.opt.max_iterations:
                break
            it += 1
            frac = (now - t0) / self.opt.time_limit
            temp = t_start * (t_end / t_start) ** frac
            qmax = max(2, min(self.opt.max_removed, int(self.opt.removed_share * n_groups)))
            q = self.rng.randint(2, qmax) if self.rng.random() < 0.5 else self.rng.randint(2, max(2, qmax // 3))
            k = self.rng.choices(range(len(removals)), weights)[0]
            saved = current.copy_routes()
            saved_cost = current.cost
            chosen = removals[k](current, q)
            self.remove_groups(current, chosen)
            current.evaluate()
            noise = 0.1 if self.rng.random() < 0.3 else 0.0
            todo = [g for g, members in enumerate(p.groups) if current.owner[members[0]] < 0]
            for g in self.order(todo, self.rng.randrange(3)):
                self.insert_group(current, g, noise)
            new_cost = current.cost
            reward = 0.0
            if new_cost < best_cost - EPS:
                best_cost, best_routes = new_cost, current.copy_routes()
                reward = 3.0
                since_best = 0
            elif new_cost < saved_cost - EPS:
                reward = 1.0
            elif new_cost < saved_cost + EPS or self.rng.random() < math.exp(-(new_cost - saved_cost) / temp):
                reward = 0.3
            else:
                current.routes = saved
                current.evaluate()
            since_best += 1
            weights[k] = 0.9 * weights[k] + 0.1 * max(reward, 0.05) * 4
            if since_best > 2000:
                current.routes = [list(r) for r in best_routes]
                current.evaluate()
                since_best = 0
        best = _State(p, best_routes)
        if not self.stopped and self.opt.progress is not None:
            self._check_in(best_routes, best.cost, it, t0)
        return best, it


def solve(instance: Instance, options: SolveOptions | None = None) -> SolveResult:
    """Build a rota for ``instance`` within ``options.time_limit`` seconds."""
    options = options or SolveOptions()
    t0 = time.perf_counter()
    problem = _Problem(instance)
    search = _Search(problem, options)
    state, iterations = search.run()
    ids = [t.id for t in instance.tasks]
    routes = {w.id: tuple(ids[i] for i in state.routes[k]) for k, w in enumerate(instance.workers)}
    unplaced = [t for k, t in enumerate(instance.tasks) if state.owner[k] < 0]
    unassigned = {t.id: unplaced_reason(instance, t.id, routes) for t in unplaced}
    seconds = time.perf_counter() - t0
    # Counted as the rota page counts them: each worker's part of a visit is a visit (a visit needing two workers
    # counts twice, as it has two lines on the rota), and a worker's break is not one.
    visits = sum(1 for t in instance.tasks if not t.is_break)
    visits_unplaced = sum(1 for t in unplaced if not t.is_break)
    breaks_unplaced = len(unplaced) - visits_unplaced
    explanation = (
        f"Placed {visits - visits_unplaced} of {visits} visits in {seconds:.1f} s ({iterations} rounds of search)"
    )
    if visits_unplaced:
        explanation += f"; {visits_unplaced} could not be placed"
    if breaks_unplaced:
        explanation += f"; {breaks_unplaced} break{'s' if breaks_unplaced != 1 else ''} could not be fitted in"
    return SolveResult(
        solution=Solution(routes=routes, unassigned=unassigned),
        cost=state.cost,
        iterations=iterations,
        seconds=seconds,
        explanation=explanation + ".",
        stopped=search.stopped,
    )


def unplaced_reason(instance: Instance, task_id: str, routes: dict[str, tuple[str, ...]]) -> str:
    """Why a task could not be placed, in plain words, from the most basic cause to the least."""
    task = instance.task(task_id)
    able = [w for w in instance.workers if instance.can_do(w, task)]
    if not able:
        if task.skill is not None:
            return f"No worker on duty has the skill '{task.skill}'"
        return "No worker is allowed to do this visit"
    on_shift = [
        w
        for w in able
        if w.shift_start + (0 if task.is_break else instance.travel[w.start_location][task.location])
        <= (task.latest if task.late_is_infeasible else math.inf)
        and max(task.earliest, w.shift_start) + task.duration + instance.travel[task.location][w.end_location]
        <= w.shift_end
    ]
    if not on_shift:
        return "No worker with the right skills is on shift at a time this visit can happen"
    partners = [
        link.second if link.first == task_id else link.first
        for link in instance.links
        if task_id in (link.first, link.second)
    ]
    if partners:
        link_kind = next(lk.kind for lk in instance.links if task_id in (lk.first, lk.second))
        if link_kind == LinkKind.SIMULTANEOUS:
            able_ids = {w.id for w in on_shift}
            other = instance.task(partners[0])
            others = {w.id for w in instance.workers if instance.can_do(w, other)}
            if len(able_ids | others) < 2 or not able_ids or not others:
                return "A double-handed visit needs two workers on shift with the right skills, and there are not two"
            return "No two workers with the right skills are free at the same time within this visit's window"
        return "The linked visit could not be placed within the gap allowed between the two"
    return "Every worker who could do this visit is already busy at the times it can happen"
