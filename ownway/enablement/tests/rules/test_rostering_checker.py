"""The checker against hand-worked figures on toy.json and the rules it must refuse."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownway.enablement.rules.rostering import checker, mankowska
from ownway.enablement.rules.rostering.model import Instance, Link, LinkKind, Task, Worker

from ..conftest import MANKOWSKA


@pytest.fixture(scope="module")
def toy():
    return mankowska.load(MANKOWSKA / "toy.json")


# Worked by hand from toy.json's matrix (rows: depot, p1..p6):
# c1: depot-p3 56, start 56 (window 0-60), ends 101; p3-p4 54 -> 155, waits for c2 to p4 at 168; ends 198;
#     p4-p5 19 -> 217, window opens 270, but p5's second part (c3) arrives 320 and may be at most 45 min after,
#     so p5/0 starts 275, ends 290; p5-p6 35 -> 325, window opens 360; ends 405; home 27 -> 432. Travel 191.
# c2: depot-p2 34, start 120, ends 140; p2-p4 28 -> 168; ends 198; p4-p6 28 -> 226; p6/1 60-90 min after 360
#     so 420 (latest 420: on time); ends 440; home 27 -> 467. Travel 117.
# c3: depot-p1 38, start 240, ends 270; p1-p5 50 -> 320; ends 350; home 13 -> 363. Travel 101.
# Travel 409, no lateness: cost 409 / 3.
GOOD = {"c1": ["p3/0", "p4/0", "p5/0", "p6/0"], "c2": ["p2/0", "p4/1", "p6/1"], "c3": ["p1/0", "p5/1"]}


def test_toy_hand_worked_rota(toy):
    result = checker.check(toy, GOOD)
    assert result.feasible, result.violations
    assert result.starts == {
        "p3/0": 56,
        "p4/0": 168,
        "p4/1": 168,
        "p5/0": 275,
        "p5/1": 320,
        "p6/0": 360,
        "p6/1": 420,
        "p2/0": 120,
        "p1/0": 240,
    }
    assert result.travel == 409
    assert result.total_tardiness == 0
    assert result.max_tardiness == 0
    assert result.cost == pytest.approx(409 / 3)
    days = {d.worker: d for d in result.days}
    assert days["c1"].travel_minutes == 191
    assert days["c2"].travel_minutes == 117
    assert days["c3"].travel_minutes == 101
    assert days["c2"].leave == 86
    assert days["c2"].back == 467
    assert days["c2"].waiting_minutes == 194  # 420 - 226 at p6
    assert days["c2"].paid_minutes == 381  # leave 86 to back 467
    assert result.contact_minutes == 265
    assert "Every rule is kept" in result.explanation


def test_toy_lateness_hand_worked(toy):
    # c1 does p4 first (synchronised with c2 at 168, ends 198), then p3: 198 + 51 = 249, 189 minutes after 60.
    # c1 travel 7 + 51 + 56 = 114, c2 34 + 28 + 7 = 69, c3 38 + 39 = 77: 260.
    result = checker.check(toy, {"c1": ["p4/0", "p3/0"], "c2": ["p2/0", "p4/1"], "c3": ["p1/0"]})
    assert result.travel == 260
    assert result.total_tardiness == 189
    assert result.max_tardiness == 189
    assert not result.feasible
    assert set(result.unassigned) == {"p5/0", "p5/1", "p6/0", "p6/1"}
    assert "Task p5/0 is not given to anyone" in result.violations
    assert result.cost == pytest.approx((260 + 189 + 189) / 3 + 4 * 10_000 / 1)


def test_refuses_missing_skill_and_same_worker_for_linked_tasks(toy):
    routes = {"c1": ["p3/0", "p2/0"], "c2": ["p6/1"], "c3": ["p1/0", "p4/0", "p4/1", "p5/1"]}
    result = checker.check(toy, routes)
    assert "c1 does not have the skill s3 needed for p2/0" in result.violations
    assert "The linked tasks p4/0 and p4/1 need two different workers" in result.violations
    assert "Only one of the linked tasks p5/0 and p5/1 is placed" in result.violations


def test_refuses_a_task_given_twice(toy):
    routes = {"c1": ["p3/0"], "c3": ["p3/0"]}
    result = checker.check(toy, routes)
    assert "Task p3/0 is given to both c1 and c3" in result.violations


def test_detects_circular_waiting():
    travel = ((0, 1, 1), (1, 0, 1), (1, 1, 0))
    tasks = (
        Task("a1", "a", 1, 10, 0, 100),
        Task("a2", "a", 1, 10, 0, 100),
        Task("b1", "b", 2, 10, 0, 100),
        Task("b2", "b", 2, 10, 0, 100),
    )
    links = (Link("a1", "a2", LinkKind.SIMULTANEOUS), Link("b1", "b2", LinkKind.SIMULTANEOUS))
    inst = Instance("circle", tasks, (Worker("x", frozenset()), Worker("y", frozenset())), travel, links)
    result = checker.check(inst, {"x": ["a1", "b1"], "y": ["b2", "a2"]})
    assert not result.feasible
    assert any("circle" in v for v in result.violations)


def test_shift_end_and_break_lateness():
    travel = ((0, 30), (30, 0))
    tasks = (
        Task("v", "v", 1, 60, 0, 100),
        Task("lunch", "lunch", -1, 30, 0, 50, allowed_workers=frozenset({"x"}), is_break=True),
    )
    inst = Instance("shift", tasks, (Worker("x", frozenset(), shift_start=0, shift_end=100),), travel)
    result = checker.check(inst, {"x": ["v", "lunch"]})
    # v 30-90, lunch at 90 (40 late, at the visit's address), home 90 + 30 + 30 = 150 > 100.
    assert result.starts["lunch"] == 90
    assert "lunch starts 40 minutes after the latest it may" in result.violations
    assert "x is back at 02:30, after the end of their shift at 01:40" in result.violations
    assert result.travel == 60
    assert result.days[0].paid_minutes == 100


@settings(max_examples=40, deadline=None)
@given(st.permutations(["p1/0", "p2/0", "p3/0", "p4/1", "p6/1", "p5/1"]), st.integers(0, 6))
def test_paid_time_is_contact_travel_waiting(toy, order, cut):
    """With no shift limit, paid time is exactly visits + travel + waiting, whatever the order."""
    s3_only = [t for t in order if t not in ("p1/0", "p3/0")]
    routes = {"c1": ["p3/0", "p4/0", "p5/0", "p6/0"], "c2": s3_only[: cut % 5], "c3": ["p1/0", *s3_only[cut % 5 :]]}
    result = checker.check(toy, routes)
    for day in result.days:
        assert day.paid_minutes == pytest.approx(
            day.contact_minutes + day.travel_minutes + day.waiting_minutes + day.break_minutes
        )
    assert result.total_tardiness >= result.max_tardiness >= 0
