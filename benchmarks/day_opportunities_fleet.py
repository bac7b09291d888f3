"""A day of the council fleet's runs to day services and home: 150 passengers and 10 vehicles, planned in time.

    uv run python benchmarks/day_opportunities_fleet.py [--time-limit 25] [--seed 1]

The day is generated on the rota optimiser's city (``ownway.dayops.rules.fleetday``: six day services, two
depots, wheelchair-accessible minibuses, pick-up windows, at most an hour on board, travel from coordinates): each
passenger is taken to their service in the morning and home when it ends, 300 journeys. It is planned by
``ownway.dayops.rules.fleet.plan_day`` (the runs there, then the runs home from where each vehicle's first run
ended) and every run both ways is then judged by the independent checker (``fleet.check_day``): seats, wheelchair
spaces, pick-up windows, arrival by the service's start, the way home starting after the run there, and time on
board.
Prints each run's figures, any rule broken and any journey left out with the reason; the target is every
journey placed, every run feasible, within 30 seconds. The searches improve their plans until the time limit
(25 seconds by default, for both) and keep the best, so the time is mostly that limit: what the benchmark measures is
whether the plan is whole and feasible by then (on a busy machine it may not be; run it again with fewer other
jobs). The last line is ``seconds=<float>``, the planning time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=25.0, help="seconds for the search (default 25)")
    parser.add_argument("--passengers", type=int, default=150)
    parser.add_argument("--vehicles", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from ownway.dayops.rules import fleet, fleetday

    day = fleetday.generate(passengers=args.passengers, vehicles=args.vehicles, seed=args.seed)
    outward, _home = fleet.split(day)
    wheelchairs = sum(p.wheelchair for p in outward.passengers)
    print(
        f"{day.name}: {len(outward.passengers)} passengers ({wheelchairs} in a wheelchair), there and home: "
        f"{len(day.passengers)} journeys; {len(day.vehicles)} vehicles"
    )
    t0 = time.perf_counter()
    plan = fleet.plan_day(day, time_limit=args.time_limit)
    seconds = time.perf_counter() - t0
    report = fleet.check_day(day, plan, must_place_all=True)
    for run in report.runs:
        print(
            f"  {run.vehicle}: {run.passengers} journeys, {run.drive_minutes:.0f} min driving, longest ride "
            f"{run.longest_ride:.0f} min, at most {run.most_seats} seated and {run.most_wheelchairs} wheelchairs"
        )
    for passenger, reason in plan.unplaced.items():
        print(f"  left out {passenger}: {reason}")
    for violation in report.violations:
        print(f"  BROKEN: {violation}")
    placed = len(day.passengers) - len(plan.unplaced)
    print(plan.explanation)
    print(f"placed={placed}/{len(day.passengers)} feasible={report.feasible} drive_minutes={report.drive_minutes:.0f}")
    met = report.feasible and seconds < 30
    print(f"target: all placed, every run feasible, under 30 s: {'met' if met else 'NOT MET'}")
    print(f"seconds={seconds:.3f}")


if __name__ == "__main__":
    main()
