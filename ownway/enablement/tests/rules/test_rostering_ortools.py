"""The OR-Tools baseline gives rotas the project's checker accepts."""

import pytest

from ownway.enablement.rules.rostering import checker, mankowska, ortools_routing
from ownway.enablement.rules.rostering.model import Instance, Task, Worker

from ..conftest import MANKOWSKA


def test_toy_baseline_is_feasible():
    instance = mankowska.load(MANKOWSKA / "toy.json")
    solution, _ = ortools_routing.solve(instance, time_limit=3)
    report = checker.check(instance, solution)
    assert report.feasible, report.violations
    assert report.cost <= 409 / 3 + 1e-6  # no worse than the rota worked by hand


def test_baseline_refuses_breaks():
    tasks = (Task("lunch", "lunch", -1, 30, 0, 60, is_break=True),)
    instance = Instance("b", tasks, (Worker("x", frozenset()),), ((0.0,),))
    with pytest.raises(ValueError, match="breaks"):
        ortools_routing.solve(instance, time_limit=1)
