"""The fleet planner on small days whose best plan can be worked out by hand, and the checker on broken plans."""

import pytest

from ownway.dayops.rules import fleet, fleetday
from ownway.dayops.rules.fleet import FleetDay, FleetPlan, Passenger, Run, Stop, Vehicle

NINE_THIRTY = 570.0
TEN = 600.0


def _matrix(rows):
    return tuple(tuple(float(x) for x in row) for row in rows)


def _line():
    """Depot, A, B and the service on one road: 10 minutes to A, 5 more to B, 5 more to the service."""
    at = [0, 10, 15, 20]
    return _matrix([[abs(a - b) for b in at] for a in at])


def test_two_neighbours_on_one_road_share_a_run_in_road_order():
    day = FleetDay(
        "line",
        (Passenger("A", 1, 3, 480, TEN, TEN, 60), Passenger("B", 2, 3, 480, TEN, TEN, 60)),
        (Vehicle("V", seats=4, wheelchair_spaces=1, depot=0),),
        _line(),
    )
    plan = fleet.solve(day, time_limit=1)
    assert not plan.unplaced
    (run,) = plan.runs
    assert [(s.kind, s.passenger) for s in run.stops][:2] == [("pickup", "A"), ("pickup", "B")]
    report = fleet.check(day, plan, must_place_all=True)
    assert report.feasible, report.violations
    assert report.drive_minutes == pytest.approx(20)  # the shortest possible: straight down the road
    # Leaving as late as it can: A waits on board only for the drive and B's 2 minutes getting on.
    assert report.rides["A"] == pytest.approx(5 + 2 + 5)


def _apart():
    """Depot D, A and B 12 minutes apart, each 10 minutes from the service S (D is 5 from A and 15 from B)."""
    #        D   A   B   S
    return _matrix([[0, 5, 15, 10], [5, 0, 12, 10], [15, 12, 0, 10], [10, 10, 10, 0]])


def test_a_short_longest_ride_sends_a_second_vehicle():
    """Together, whoever is picked up first rides 12 + 2 + 10 = 24 minutes: over their 20. One vehicle making two
    trips (D-A-S-B-S) cannot pick B up by 09:50. So each goes alone: 5 + 10 and 15 + 10 minutes of driving."""
    passengers = (
        Passenger("A", 1, 3, NINE_THIRTY, 590, TEN, max_ride=20),
        Passenger("B", 2, 3, NINE_THIRTY, 590, TEN, max_ride=20),
    )
    vehicles = (Vehicle("V1", 8, 1, depot=0), Vehicle("V2", 8, 1, depot=0))
    day = FleetDay("apart", passengers, vehicles, _apart())
    plan = fleet.solve(day, time_limit=1)
    report = fleet.check(day, plan, must_place_all=True)
    assert report.feasible, report.violations
    assert len(plan.runs) == 2
    assert report.drive_minutes == pytest.approx(40)
    assert max(report.rides.values()) <= 20


def test_with_a_longer_ride_allowed_one_vehicle_takes_both():
    passengers = (
        Passenger("A", 1, 3, NINE_THIRTY - 30, 590, TEN, max_ride=45),
        Passenger("B", 2, 3, NINE_THIRTY - 30, 590, TEN, max_ride=45),
    )
    day = FleetDay("apart", passengers, (Vehicle("V1", 8, 1, depot=0), Vehicle("V2", 8, 1, depot=0)), _apart())
    plan = fleet.solve(day, time_limit=1)
    assert fleet.check(day, plan, must_place_all=True).feasible
    # D-A-B-S drives 5 + 12 + 10 = 27; D-B-A-S 37; two trips D-A-S-B-S 35; two vehicles 40: one run, A first.
    (run,) = plan.runs
    assert [s.passenger for s in run.stops[:2]] == ["A", "B"]
    assert fleet.check(day, plan).drive_minutes == pytest.approx(27)


def test_more_wheelchairs_than_spaces_leaves_one_out_and_says_why():
    passengers = (
        Passenger("A", 1, 3, NINE_THIRTY, 590, TEN, 45, wheelchair=True),
        Passenger("B", 2, 3, NINE_THIRTY, 590, TEN, 45, wheelchair=True),
    )
    day = FleetDay("chairs", passengers, (Vehicle("V1", 8, 1, depot=0),), _apart())
    plan = fleet.solve(day, time_limit=1)
    assert len(plan.unplaced) == 1
    (reason,) = plan.unplaced.values()
    assert reason == (
        "2 passengers travel in a wheelchair but the fleet has 1 wheelchair space, and no vehicle could make a "
        "second trip in time"
    )
    assert fleet.check(day, plan).feasible
    assert not fleet.check(day, plan, must_place_all=True).feasible


def test_a_wheelchair_user_and_a_fleet_without_spaces():
    day = FleetDay(
        "no spaces",
        (Passenger("A", 1, 3, 480, TEN, TEN, 60, wheelchair=True, escort=True),),
        (Vehicle("V", seats=8, wheelchair_spaces=0, depot=0),),
        _line(),
    )
    assert fleet.impossible(day) == {"A": "no vehicle has a wheelchair space and a seat for an escort"}
    plan = fleet.solve(day, time_limit=1)
    assert plan.runs == ()
    assert plan.unplaced == {"A": "no vehicle has a wheelchair space and a seat for an escort"}


def test_a_journey_longer_than_the_longest_ride_is_refused_before_solving():
    day = FleetDay("far", (Passenger("B", 2, 3, 480, TEN, TEN, max_ride=8),), (Vehicle("V", 8, 1, 0),), _apart())
    assert fleet.impossible(day) == {"B": "the direct journey takes 10 minutes, longer than their longest ride of 8"}


def test_the_checker_finds_every_broken_rule():
    passengers = (
        Passenger("A", 1, 3, NINE_THIRTY, 590, TEN, 20, wheelchair=True),
        Passenger("B", 2, 3, NINE_THIRTY, 590, TEN, 20, wheelchair=True),
    )
    day = FleetDay("broken", passengers, (Vehicle("V", 1, 1, 0),), _apart())
    plan = FleetPlan(
        runs=(
            Run(
                "V",
                leaves=560,
                stops=(
                    Stop("pickup", "A", 1, 562),  # too soon after leaving, and before the window opens
                    Stop("pickup", "B", 2, 600),
                    Stop("drop", "A", 3, 620),
                    Stop("drop", "B", 3, 621),
                ),
            ),
        )
    )
    report = fleet.check(day, plan)
    text = "\n".join(report.violations)
    assert "cannot be at A's pickup by 09:22" in text
    assert "A is picked up at 09:22, outside 09:30 to 09:50" in text
    assert "B is picked up at 10:00, outside 09:30 to 09:50" in text
    assert "carries 2 wheelchairs in 1 spaces" in text
    assert "A reaches their service at 10:20, after it starts at 10:00" in text
    assert "A is on board 56 minutes, more than their longest ride of 20" in text
    assert not report.feasible


def test_the_generated_fleet_day_is_the_benchmark_shape():
    day = fleetday.generate(passengers=150, vehicles=10)
    outward, home = fleet.split(day)
    assert len(outward.passengers) == len(home.passengers) == 150  # each there and home
    assert len(day.vehicles) == 10
    assert 0.05 < sum(p.wheelchair for p in outward.passengers) / 150 < 0.25
    assert len(fleetday.generate(passengers=150, vehicles=10, way_home=False).passengers) == 150


def _both_ways(*, ends=960.0):
    """A and B on the road to the service (as in ``_line``), there by 10:00 and home from ``ends``."""
    going = (Passenger("A:to", 1, 3, 480, TEN, TEN, 60), Passenger("B:to", 2, 3, 480, TEN, TEN, 60))
    home = tuple(fleet.journey_home(p, ends=ends) for p in going)
    return FleetDay("line", going + home, (Vehicle("V", seats=4, wheelchair_spaces=1, depot=0),), _line())


def test_the_way_home_is_the_journey_there_reversed_from_the_end_of_the_session():
    going = Passenger("A:to", 1, 3, 480, 590, TEN, 45, wheelchair=True, escort=True, board=5, alight=3)
    home = fleet.journey_home(going, ends=960)
    assert (home.id, home.leg, home.pickup, home.destination) == ("A:home", fleet.Leg.HOME, 3, 1)
    assert (home.earliest, home.latest) == (960, 960 + fleet.RETURN_WAIT)
    assert (home.wheelchair, home.escort, home.max_ride, home.board, home.alight) == (True, True, 45, 5, 3)
    # A time agreed for them to be taken home is when they are collected from.
    assert fleet.journey_home(going, ends=960, ready=840).earliest == 840


def test_a_day_both_ways_takes_everyone_there_and_home_and_the_way_home_starts_where_the_first_run_ended():
    day = _both_ways()
    whole = fleet.plan_day(day, time_limit=2)
    report = fleet.check_day(day, whole, must_place_all=True)
    assert report.feasible, report.violations
    (going,), (back,) = whole.going.runs, whole.returning.runs
    assert {s.passenger for s in back.stops[:2]} == {"A:home", "B:home"}  # both collected from the service
    assert [s.passenger for s in back.stops if s.kind == "drop"] == ["B:home", "A:home"]  # B lives nearer
    (vehicle,) = whole.home.vehicles
    assert vehicle.depot == 3  # the way home starts at the service, where the first run ended
    assert vehicle.available_from == going.stops[-1].at + 1.0
    assert back.stops[0].at >= 960
    assert whole.explanation.startswith("To the services: 2 of 2 passengers on 1 of 1 vehicles. Home: 2 of 2")


def test_the_checker_refuses_a_way_home_that_starts_before_the_first_run_has_ended():
    day = _both_ways(ends=590.0)  # a short session: home from 09:50, before the run there has ended
    whole = fleet.plan_day(day, time_limit=1)
    assert fleet.check_day(day, whole).feasible
    early = fleet.WholeDay(whole.outward, whole.going, FleetDay(whole.home.name, whole.home.passengers,
                           day.vehicles, day.travel), whole.returning)  # fmt: skip
    assert "V starts its way home before its outward run has ended" in "\n".join(fleet.check_day(day, early).violations)


def test_the_checker_names_a_way_home_that_is_too_late_or_too_long():
    going = Passenger("A:to", 1, 3, 480, TEN, TEN, 20)
    home = fleet.journey_home(going, ends=960)
    day = FleetDay("late", (home,), (Vehicle("V", 4, 1, 0),), _line())
    plan = FleetPlan(runs=(Run("V", 900, (Stop("pickup", "A:home", 3, 1080), Stop("drop", "A:home", 1, 1110))),))
    text = "\n".join(fleet.check(day, plan).violations)
    assert "A:home is picked up at 18:00, outside 16:00 to 17:50" in text
    assert "A:home is on board 28 minutes, more than their longest ride of 20" in text
    assert "A:home reaches home at 18:30, after 18:12" in text
    wrong = FleetPlan(runs=(Run("V", 900, (Stop("pickup", "A:home", 1, 970), Stop("drop", "A:home", 3, 980))),))
    text = "\n".join(fleet.check(day, wrong).violations)
    assert "picked up away from their service" in text
    assert "dropped off away from home" in text


def test_no_one_is_left_on_board_longer_than_their_longest_ride_while_the_vehicle_waits():
    """Three people going home from the service to the same street: A from 12:30, C from 14:00 (the time agreed
    for them) and B from 16:00. The vehicle must not keep C on board waiting for B's window to open beyond C's
    hour (a plan OR-Tools' pair limit alone let through, with C on board 108 minutes)."""
    a = fleet.journey_home(Passenger("A:to", 1, 3, 480, TEN, TEN, 60), ends=750)
    c = fleet.journey_home(Passenger("C:to", 1, 3, 480, TEN, TEN, 60), ends=960, ready=840)
    b = fleet.journey_home(Passenger("B:to", 1, 3, 480, TEN, TEN, 60), ends=960)
    day = FleetDay("wait", (a, c, b), (Vehicle("V", 8, 1, depot=3, available_from=700),), _line())
    plan = fleet.solve(day, time_limit=1)
    report = fleet.check(day, plan, must_place_all=True)
    assert report.feasible, report.violations
    assert max(report.rides.values()) <= 60


SIX_PM = 1080.0


def _with_an_evening(*, day_ends=960.0):
    """A and B to the service for the day (home from ``day_ends``); C, who lives where A does, to its evening
    session from 18:00 to 21:00, picked up from 16:30 to 17:50. One vehicle, with four seats."""
    day = _both_ways(ends=day_ends)
    going = Passenger("C:to", 1, 3, 990, 1070, SIX_PM, 60, evening=True)
    evening = (going, fleet.journey_home(going, ends=1260))
    return FleetDay("line with an evening", day.passengers + evening, day.vehicles, day.travel)


def test_the_evening_is_planned_as_its_own_shift_with_the_vehicle_free_after_the_days_runs_home():
    """Worked example: the day's run home collects A and B at the service at 16:00 and drops B (5 minutes on) and
    then A (5 more), at A's home: the vehicle is free there from about 16:16. The evening shift starts there: it
    picks C up at A's home within 16:30 to 17:50, 10 minutes from the service, arriving by 18:00; and takes C home
    from 21:00."""
    day = _with_an_evening()
    outward, home = fleet.split(day)
    evening_out, evening_home = fleet.split(day, evening=True)
    assert [p.id for p in outward.passengers + home.passengers] == ["A:to", "B:to", "A:home", "B:home"]
    assert [p.id for p in evening_out.passengers + evening_home.passengers] == ["C:to", "C:home"]
    whole = fleet.plan_day(day, time_limit=2)
    report = fleet.check_day(day, whole, must_place_all=True)
    assert report.feasible, report.violations
    assert whole.evening is not None
    assert not whole.unplaced
    (day_home,) = whole.returning.runs
    (vehicle,) = whole.evening.outward.vehicles
    assert vehicle.depot == 1  # A's home, where the day's last run ended
    assert vehicle.available_from == day_home.stops[-1].at + 1.0
    (there,), (back,) = whole.evening.going.runs, whole.evening.returning.runs
    assert [(s.kind, s.passenger, s.location) for s in there.stops] == [("pickup", "C:to", 1), ("drop", "C:to", 3)]
    assert 990 <= there.stops[0].at <= 1070
    assert there.stops[-1].at <= SIX_PM
    assert back.stops[0].at >= 1260
    assert len(report.runs) == 4  # there and home, day and evening
    assert " Evening: to the services: 1 of 1 passengers on 1 of 1 vehicles. Home: 1 of 1" in whole.explanation


def test_a_day_without_evening_sessions_has_no_evening_shift():
    whole = fleet.plan_day(_both_ways(), time_limit=1)
    assert whole.evening is None
    assert "Evening" not in whole.explanation


def test_the_checker_refuses_an_evening_run_before_the_days_run_home_has_ended():
    """The day ends at 17:00 here: the vehicle drops A home at about 17:11, so it cannot leave for C at 16:45,
    though that is within C's window; and an evening left unplanned is named."""
    day = _with_an_evening(day_ends=1020.0)
    whole = fleet.plan_day(day, time_limit=2)
    assert fleet.check_day(day, whole, must_place_all=True).feasible
    assert whole.evening is not None
    early = fleet.WholeDay(
        whole.outward, whole.going, whole.home, whole.returning,
        evening=fleet.WholeDay(
            whole.evening.outward,
            FleetPlan(runs=(Run("V", 1005, (Stop("pickup", "C:to", 1, 1005), Stop("drop", "C:to", 3, 1017))),)),
            whole.evening.home, whole.evening.returning,
        ),
    )  # fmt: skip
    text = "\n".join(fleet.check_day(day, early).violations)
    assert "In the evening: Vehicle V leaves before it is available" in text
    unplanned = fleet.WholeDay(whole.outward, whole.going, whole.home, whole.returning)
    text = "\n".join(fleet.check_day(day, unplanned, must_place_all=True).violations)
    assert "The evening's journeys are not planned" in text
    assert "2 passengers have no run: C:to, C:home" in text
