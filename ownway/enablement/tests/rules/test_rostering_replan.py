"""Re-planning the rest of a day: worked examples of a worker off sick, a visit added and a visit cancelled."""

from ownway.enablement.rules.rostering import alns, checker, cityday, replan
from ownway.enablement.rules.rostering.model import Instance, Link, LinkKind, Task, Weights, Worker

QUICK = alns.SolveOptions(time_limit=1.0, seed=1)


def _day(tasks, links=()):
    """Three workers from 07:00 to 14:00 at base 0; everyone's homes 10 minutes from each other and the base."""
    workers = [
        Worker(name, frozenset({"personal care"}), shift_start=420, shift_end=840) for name in ("ann", "bob", "cat")
    ]
    travel = tuple(tuple(0 if i == j else 10 for j in range(6)) for i in range(6))
    weights = Weights(travel=1.0, tardiness=2.0, max_tardiness=1.0, unassigned=1000.0)
    return Instance("day", tuple(tasks), tuple(workers), travel, tuple(links), weights, must_assign_all=False)


TASKS = [
    Task("a1", "a1", 1, 30, 450, 510),  # 07:30-08:30 window
    Task("a2", "a2", 2, 30, 600, 660),
    Task("a3", "a3", 3, 30, 690, 750),
    Task("b1", "b1", 4, 30, 450, 510),
    Task("b2", "b2", 5, 30, 630, 690),
    Task("c1", "c1", 1, 30, 540, 600),
    Task("c2", "c2", 3, 30, 720, 780),
]
PUBLISHED = {"ann": ["a1", "a2", "a3"], "bob": ["b1", "b2"], "cat": ["c1", "c2"]}


def test_a_worker_off_sick_at_ten_loses_only_the_rest_of_their_day():
    day = _day(TASKS)
    result = replan.replan(day, PUBLISHED, at=600, off_sick="ann", options=QUICK)
    assert result.report.feasible, result.report.violations
    routes = result.solution.routes
    assert routes["ann"] == ("a1",)  # done before 10:00: stays hers
    assert routes["bob"][0] == "b1"
    assert routes["cat"][0] == "c1"
    moved = {c.task: c for c in result.changes if c.kind == "moved"}
    assert set(moved) == {"a2", "a3"}
    assert all(c.from_worker == "ann" and c.to_worker in {"bob", "cat"} for c in moved.values())
    assert all(c.to_start >= 600 for c in moved.values())
    # Nobody else's visits had to move to another worker or by more than half an hour.
    assert result.others == 2
    assert result.others_moved == 0
    assert "Re-planned from 10:00" in result.explanation


def test_a_visit_that_cannot_be_covered_is_listed_with_the_reason():
    tasks = [*TASKS[:5], Task("hoist", "hoist", 5, 30, 620, 640, skill="hoist")]
    day = _day(tasks)
    published = {"ann": ["a1", "a2", "a3"], "bob": ["b1", "b2"], "cat": []}
    result = replan.replan(day, published, at=600, off_sick="ann", options=QUICK)
    unplaced = {c.task: c for c in result.changes if c.kind == "unplaced"}
    assert unplaced["hoist"].reason == "No worker on duty has the skill 'hoist'"
    assert unplaced["hoist"].from_worker is None


def test_a_cancelled_visit_comes_off_and_an_added_one_goes_on():
    added = Task("new", "new", 2, 30, 700, 760)
    day = _day([*TASKS, added])
    result = replan.replan(day, PUBLISHED, at=600, cancelled={"b2"}, options=QUICK)
    assert result.report.feasible, result.report.violations
    kinds = {c.task: (c.kind, c.from_worker, c.to_worker) for c in result.changes}
    assert kinds["b2"] == ("cancelled", "bob", None)
    assert kinds["new"][0] == "added"
    assert kinds["new"][2] is not None
    assert "b2" not in {t for r in result.solution.routes.values() for t in r}
    # The rest of the published rota stays as it was.
    assert result.others_moved == 0


def test_a_visit_whose_time_has_passed_is_not_placed_in_the_past():
    late_add = Task("missed", "missed", 2, 30, 450, 480)
    day = _day([*TASKS, late_add])
    result = replan.replan(day, PUBLISHED, at=600, options=QUICK)
    assert "missed" not in {t for r in result.solution.routes.values() for t in r}
    # Never placed, so nothing changes for it: it was not on the rota and its time has gone.
    assert "missed" not in {c.task for c in result.changes}


def test_a_double_handed_visit_already_started_keeps_both_workers():
    tasks = [*TASKS, Task("d/a", "d", 5, 60, 570, 600), Task("d/b", "d", 5, 60, 570, 600)]
    links = [Link("d/a", "d/b", LinkKind.SIMULTANEOUS)]
    day = _day(tasks, links)
    published = {"ann": ["a1", "d/a", "a2", "a3"], "bob": ["b1", "d/b", "b2"], "cat": ["c1", "c2"]}
    before = checker.check(day, published)
    assert before.feasible, before.violations
    result = replan.replan(day, published, at=600, off_sick="ann", options=QUICK)
    assert result.report.feasible, result.report.violations
    assert result.report.workers_of["d/a"] == "ann"
    assert result.report.workers_of["d/b"] == "bob"
    assert result.report.starts["d/a"] == before.starts["d/a"]


def test_losing_one_worker_of_forty_at_ten_moves_few_other_visits():
    city = cityday.generate(visits=350, workers=40, seed=1)
    published = alns.solve(city.instance, alns.SolveOptions(time_limit=4, seed=1))
    routes = published.solution.routes
    starts = checker.check(city.instance, published.solution).starts
    early = [w.id for w in city.instance.workers if w.shift_start < 600]
    sick = max(early, key=lambda w: sum(1 for t in routes[w] if starts[t] >= 600))
    result = replan.replan(
        city.instance, routes, at=600, off_sick=sick, options=alns.SolveOptions(time_limit=3, seed=1)
    )
    assert result.report.feasible, result.report.violations
    assert result.moved_share < 0.15
    lost = [t for t in routes[sick] if starts[t] >= 600 and not t.startswith("break")]
    placed = sum(1 for t in lost if result.report.workers_of.get(t) not in (None, sick))
    assert placed >= len(lost) - 2
    assert result.seconds < 10
