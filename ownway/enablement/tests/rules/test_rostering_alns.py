"""The rota solver: small published instances to their known optimum, and days that cannot be fully covered."""

import pytest

from ownway.enablement.rules.rostering import alns, checker, mankowska
from ownway.enablement.rules.rostering.model import Instance, Link, LinkKind, Task, Weights, Worker

from ..conftest import MANKOWSKA


@pytest.mark.parametrize(
    ("name", "optimum"),
    [
        # Family A values equal the CPLEX lower bounds (iolab-uniud/hhcrsp best known; gecco2020-brkga bks.csv).
        ("InstanzCPLEX_HCSRP_10_1", 218.199),
        ("InstanzCPLEX_HCSRP_10_3", 305.858),
        ("InstanzCPLEX_HCSRP_10_5", 189.543),
    ],
)
def test_small_instances_reach_their_optimum(name, optimum):
    instance = mankowska.load(MANKOWSKA / "instances" / f"{name}.json")
    result = alns.solve(instance, alns.SolveOptions(time_limit=1.5, seed=3))
    report = checker.check(instance, result.solution)
    assert report.feasible, report.violations
    assert report.cost == pytest.approx(optimum, abs=0.01)
    assert result.cost == pytest.approx(report.cost)


def test_toy_is_solved_and_checked():
    instance = mankowska.load(MANKOWSKA / "toy.json")
    result = alns.solve(instance, alns.SolveOptions(time_limit=0.5))
    report = checker.check(instance, result.solution)
    assert report.feasible, report.violations
    # At least as good as the rota worked by hand in test_rostering_checker (travel 409, no lateness).
    assert report.cost <= 409 / 3 + 1e-6
    assert "Placed 9 of 9 visits" in result.explanation


def _day(tasks, workers, links=()):
    travel = tuple(tuple(0 if i == j else 10 for j in range(4)) for i in range(4))
    return Instance("day", tuple(tasks), tuple(workers), travel, tuple(links), Weights(), must_assign_all=False)


def test_a_day_that_cannot_be_covered_says_why():
    workers = [
        Worker("ann", frozenset({"personal care"}), shift_start=420, shift_end=720),
        Worker("bob", frozenset({"personal care"}), shift_start=420, shift_end=720),
    ]
    tasks = [
        Task("hoist", "v1", 1, 30, 480, 540, skill="hoist", late_is_infeasible=True),
        Task("evening", "v2", 2, 30, 1080, 1140, skill="personal care", late_is_infeasible=True),
        Task("wash", "v3", 3, 60, 480, 500, skill="personal care", late_is_infeasible=True),
        Task("double-a", "v4", 1, 45, 480, 500, skill="personal care", late_is_infeasible=True),
        Task("double-b", "v4", 1, 45, 480, 500, skill="personal care", late_is_infeasible=True),
    ]
    links = [Link("double-a", "double-b", LinkKind.SIMULTANEOUS)]
    result = alns.solve(_day(tasks, workers, links), alns.SolveOptions(time_limit=0.5))
    reasons = result.solution.unassigned
    assert reasons["hoist"] == "No worker on duty has the skill 'hoist'"
    assert reasons["evening"] == "No worker with the right skills is on shift at a time this visit can happen"
    # Both workers are needed together at 08:00-08:20 for the double-handed visit, or one for the wash: not both.
    placed = {t for route in result.solution.routes.values() for t in route}
    assert ("wash" in placed) != ("double-a" in placed)
    if "wash" in placed:
        assert reasons["double-a"] == (
            "No two workers with the right skills are free at the same time within this visit's window"
        )
    else:
        assert reasons["wash"] == "Every worker who could do this visit is already busy at the times it can happen"
    report = checker.check(_day(tasks, workers, links), result.solution)
    assert report.feasible, report.violations


def test_shifts_and_breaks_are_kept():
    workers = [Worker("ann", frozenset({"care"}), shift_start=480, shift_end=780)]
    tasks = [Task(f"v{k}", f"v{k}", 1 + k % 3, 40, 480, 780, skill="care") for k in range(5)]
    tasks.append(Task("lunch", "lunch", -1, 30, 690, 720, allowed_workers=frozenset({"ann"}), is_break=True))
    instance = _day(tasks, workers)
    result = alns.solve(instance, alns.SolveOptions(time_limit=0.5))
    report = checker.check(instance, result.solution)
    assert report.feasible, report.violations
    assert 690 <= report.starts["lunch"] <= 720
    # 300 minutes of shift: five 40-minute visits, a 30-minute break and travel of 10 per leg fit.
    assert not result.solution.unassigned


def test_a_worker_who_would_rather_not_work_is_spared_when_possible():
    workers = [
        Worker("keen", frozenset({"care"}), shift_start=420, shift_end=900),
        Worker("rather-not", frozenset({"care"}), shift_start=420, shift_end=900, avoid_cost=60),
    ]
    tasks = [Task(f"v{k}", f"v{k}", 1 + k % 3, 30, 480 + 60 * k, 600 + 60 * k, skill="care") for k in range(4)]
    instance = _day(tasks, workers)
    result = alns.solve(instance, alns.SolveOptions(time_limit=0.5))
    assert result.solution.routes["rather-not"] == ()
    report = checker.check(instance, result.solution)
    assert report.feasible
    swapped = checker.check(instance, {"keen": [], "rather-not": result.solution.routes["keen"]})
    assert swapped.cost == pytest.approx(report.cost + 60)  # the same day, plus the request overridden


def test_the_search_reports_its_progress_and_stops_when_asked():
    instance = mankowska.load(MANKOWSKA / "instances" / "InstanzCPLEX_HCSRP_10_1.json")
    seen: list[alns.Progress] = []
    options = alns.SolveOptions(time_limit=30, seed=3, progress=seen.append, progress_seconds=0.05)
    stopping = alns.SolveOptions(**{**options.__dict__, "should_stop": lambda: len(seen) >= 4})
    result = alns.solve(instance, stopping)
    assert result.stopped
    assert result.seconds < 5  # stopped long before its 30 seconds
    assert len(seen) == 4
    assert [p.rounds for p in seen] == sorted(p.rounds for p in seen)
    tasks = sum(1 for t in instance.tasks if not t.is_break)
    assert all(p.tasks == tasks for p in seen)
    assert seen[-1].placed == tasks
    assert seen[-1].best_cost <= seen[0].best_cost
    assert checker.check(instance, result.solution).feasible

    seen.clear()
    finished = alns.solve(instance, alns.SolveOptions(time_limit=0.3, seed=3, progress=seen.append))
    assert not finished.stopped
    assert seen[-1].best_cost == pytest.approx(finished.cost)
    assert seen[-1].rounds == finished.iterations
