"""Warm starts: the search starts from a given rota (published, or yesterday's), repairs it and never ends worse."""

import dataclasses

from ownway.enablement.rules.rostering import alns, checker, cityday, mankowska
from ownway.enablement.rules.rostering.model import Instance, Task, Weights, Worker

from ..conftest import MANKOWSKA


def _no_search(**kwargs):
    return alns.SolveOptions(time_limit=5, max_iterations=0, **kwargs)


def test_a_warm_start_from_a_good_rota_never_ends_worse():
    city = cityday.generate(visits=120, workers=14, seed=5)
    good = alns.solve(city.instance, alns.SolveOptions(time_limit=3, seed=2))
    good_cost = checker.check(city.instance, good.solution).cost
    for seed in (1, 7):
        warm = alns.solve(
            city.instance, alns.SolveOptions(time_limit=1, seed=seed, initial_routes=good.solution.routes)
        )
        report = checker.check(city.instance, warm.solution)
        assert report.feasible, report.violations
        assert report.cost <= good_cost + 1e-6


def test_a_warm_start_keeps_a_rota_that_still_fits_as_it_was():
    instance = mankowska.load(MANKOWSKA / "toy.json")
    solved = alns.solve(instance, alns.SolveOptions(time_limit=0.5))
    again = alns.solve(instance, _no_search(initial_routes=solved.solution.routes))
    assert again.solution.routes == solved.solution.routes


def _day(tasks, workers):
    travel = tuple(tuple(0 if i == j else 10 for j in range(4)) for i in range(4))
    return Instance("day", tuple(tasks), tuple(workers), travel, (), Weights(), must_assign_all=False)


def test_infeasible_parts_of_a_warm_start_are_repaired():
    workers = [
        Worker("ann", frozenset({"personal care"}), shift_start=420, shift_end=720),
        Worker("bob", frozenset({"personal care", "medication"}), shift_start=420, shift_end=720),
    ]
    tasks = [
        Task("wash", "v1", 1, 30, 480, 500, skill="personal care", late_is_infeasible=True),
        Task("pills", "v2", 2, 15, 480, 500, skill="medication", late_is_infeasible=True),
        Task("lunch", "v3", 3, 30, 600, 660, skill="personal care"),
    ]
    # Yesterday's rota: Ann did the pills (she may not), both morning visits at once (cannot be), a visit that
    # no longer exists, and a worker who is not on shift today.
    yesterday = {"ann": ["pills", "wash", "gone"], "carl": ["lunch"]}
    instance = _day(tasks, workers)
    result = alns.solve(instance, _no_search(initial_routes=yesterday))
    report = checker.check(instance, result.solution)
    assert report.feasible, report.violations
    assert report.unassigned == ()
    assert "pills" in result.solution.routes["bob"]
    assert result.solution.routes["ann"][0] == "wash"


def test_fixed_tasks_stay_where_they_are():
    city = cityday.generate(visits=60, workers=8, seed=3)
    solved = alns.solve(city.instance, alns.SolveOptions(time_limit=1, seed=1))
    fixed = frozenset(t for r in solved.solution.routes.values() for t in r[:2])
    again = alns.solve(
        city.instance,
        alns.SolveOptions(time_limit=1, seed=4, initial_routes=solved.solution.routes, fixed=fixed),
    )
    before = checker.check(city.instance, solved.solution).workers_of
    after = checker.check(city.instance, again.solution).workers_of
    assert all(after[t] == before[t] for t in fixed)


def test_the_change_penalty_keeps_the_published_rota():
    city = cityday.generate(visits=60, workers=8, seed=3)
    solved = alns.solve(city.instance, alns.SolveOptions(time_limit=1, seed=1))
    report = checker.check(city.instance, solved.solution)
    published = {t: (w, report.starts[t]) for t, w in report.workers_of.items()}
    weights = dataclasses.replace(city.instance.weights, moved=500.0)
    instance = dataclasses.replace(city.instance, published=published, weights=weights)
    kept = alns.solve(instance, alns.SolveOptions(time_limit=1, seed=9, initial_routes=solved.solution.routes))
    assert checker.check(instance, kept.solution).moved == ()
