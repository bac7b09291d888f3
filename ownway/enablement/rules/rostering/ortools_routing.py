"""The same rota problem given to Google OR-Tools' routing library, kept as the baseline to measure against.

The model is the one OR-Tools' maintainers describe for synchronised visits (or-tools issues #1294, #3664):
every task is a node; a time dimension carries travel plus the visit's duration; a window's latest start is a
soft upper bound whose cost is the lateness; skills restrict each node's vehicle; linked tasks have their start
times tied by constraints on the time dimension and must be on different vehicles. The largest lateness is not
in OR-Tools' objective (it cannot express a maximum); the checker costs it afterwards. Breaks are not modelled
here: instances with breaks are refused.
"""

from __future__ import annotations

import time

from .model import INFINITY, Instance, Solution

SCALE = 100  # OR-Tools works in integers: hundredths of a minute


def solve(instance: Instance, *, time_limit: float = 10.0) -> tuple[Solution, float]:
    """A rota from OR-Tools guided local search within ``time_limit`` seconds, and the seconds it took."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    if any(t.is_break for t in instance.tasks):
        raise ValueError("The OR-Tools baseline does not model breaks")
    t0 = time.perf_counter()
    tasks, workers = instance.tasks, instance.workers
    n, m = len(tasks), len(workers)
    # Nodes 0..n-1 are tasks, then a start and an end node for every worker.
    node_loc = [t.location for t in tasks]
    for worker in workers:
        node_loc += [worker.start_location, worker.end_location]
    starts = [n + 2 * k for k in range(m)]
    ends = [n + 2 * k + 1 for k in range(m)]
    manager = pywrapcp.RoutingIndexManager(n + 2 * m, m, starts, ends)
    routing = pywrapcp.RoutingModel(manager)
    travel = [[round(x * SCALE) for x in row] for row in instance.travel]
    durations = [round(t.duration * SCALE) for t in tasks] + [0] * (2 * m)

    def travel_cb(i: int, j: int) -> int:
        return int(travel[node_loc[manager.IndexToNode(i)]][node_loc[manager.IndexToNode(j)]])

    def time_cb(i: int, j: int) -> int:
        a = manager.IndexToNode(i)
        return int(durations[a] + travel[node_loc[a]][node_loc[manager.IndexToNode(j)]])

    travel_index = routing.RegisterTransitCallback(travel_cb)
    time_index = routing.RegisterTransitCallback(time_cb)
    routing.SetArcCostEvaluatorOfAllVehicles(travel_index)
    horizon = 10**9
    routing.AddDimension(time_index, horizon, horizon, False, "Time")
    dim = routing.GetDimensionOrDie("Time")
    w = instance.weights
    lateness_coefficient = max(1, round(w.tardiness / w.travel)) if w.travel > 0 else 1
    for k, task in enumerate(tasks):
        index = manager.NodeToIndex(k)
        dim.CumulVar(index).SetMin(round(task.earliest * SCALE))
        if task.latest < INFINITY:
            if task.late_is_infeasible:
                dim.CumulVar(index).SetMax(round(task.latest * SCALE))
            else:
                dim.SetCumulVarSoftUpperBound(index, round(task.latest * SCALE), lateness_coefficient)
        allowed = [v for v, wk in enumerate(workers) if instance.can_do(wk, task)]
        routing.VehicleVar(index).SetValues([-1, *allowed])
        if not instance.must_assign_all:
            routing.AddDisjunction([index], round(w.unassigned * SCALE))
    for v, wk in enumerate(workers):
        dim.CumulVar(routing.Start(v)).SetMin(round(wk.shift_start * SCALE))
        if wk.shift_end < INFINITY:
            dim.CumulVar(routing.End(v)).SetMax(round(wk.shift_end * SCALE))
    solver = routing.solver()
    ids = {t.id: k for k, t in enumerate(tasks)}
    for link in instance.links:
        a, b = manager.NodeToIndex(ids[link.first]), manager.NodeToIndex(ids[link.second])
        ca, cb = dim.CumulVar(a), dim.CumulVar(b)
        solver.Add(cb >= ca + round(link.min_gap * SCALE))
        solver.Add(cb <= ca + round(link.max_gap * SCALE))
        solver.Add(routing.VehicleVar(a) != routing.VehicleVar(b))
        solver.Add(routing.ActiveVar(a) == routing.ActiveVar(b))
    for v in range(m):
        routing.AddVariableMinimizedByFinalizer(dim.CumulVar(routing.End(v)))
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.LOCAL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(time_limit * 1000))
    assignment = routing.SolveWithParameters(params)
    routes: dict[str, tuple[str, ...]] = {wk.id: () for wk in workers}
    if assignment is not None:
        for v, wk in enumerate(workers):
            index = routing.Start(v)
            route = []
            index = assignment.Value(routing.NextVar(index))
            while not routing.IsEnd(index):
                route.append(tasks[manager.IndexToNode(index)].id)
                index = assignment.Value(routing.NextVar(index))
            routes[wk.id] = tuple(route)
    placed = {t for r in routes.values() for t in r}
    unassigned = {t.id: "OR-Tools found no place for it" for t in tasks if t.id not in placed}
    return Solution(routes=routes, unassigned=unassigned), time.perf_counter() - t0
