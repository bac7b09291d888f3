"""Rota solver benchmark on published home-care instances, and a generated city day.

    uv run python benchmarks/rostering.py [DIRECTORY] [--time-limit 60] [--solver alns|ortools] [--only GLOB]

DIRECTORY holds instances in the Mankowska et al. (2014) JSON format (default:
``benchmarks/data/hhcrsp-mankowska/instances``, with its licence and source in that folder's README); best known
costs are read from ``best_known.md`` beside or above it.
Each instance is solved within the time limit, the solution is judged by the project's own checker
(``ownway.enablement.rules.rostering.checker``), and its cost and gap to the best known are printed, then the
mean gap per family (number of patients). An infeasible solution counts as an infinite gap.

Then a realistic city day (about 40 workers, 350 visits, 10 % double-handed, urban travel) is generated and
solved; its contact time %, travel % and cost per contact hour are printed (``--hourly-cost``, default £25.00).
The last line is ``mean_gap_pct=<float>``, the mean gap over the instances.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "benchmarks" / "data" / "hhcrsp-mankowska" / "instances"
FAMILIES = {10: "A", 25: "B", 50: "C", 75: "D", 100: "E", 200: "F", 300: "G"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance (default 60)")
    parser.add_argument("--solver", choices=["alns", "ortools"], default="alns")
    parser.add_argument("--only", default="*.json", help="glob of instance files to run (default all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--best-known", type=Path, default=None)
    parser.add_argument("--city-time-limit", type=float, default=None, help="seconds for the city day")
    parser.add_argument("--no-city", action="store_true")
    parser.add_argument("--hourly-cost", type=Decimal, default=Decimal("25.00"), help="£ per paid hour")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from ownway.enablement.rules.rostering import alns, checker, cityday, mankowska, ortools_routing
    from ownway.enablement.rules.utilisation import utilisation

    def run(instance, limit):
        if args.solver == "ortools":
            solution, _ = ortools_routing.solve(instance, time_limit=limit)
            return solution
        return alns.solve(instance, alns.SolveOptions(time_limit=limit, seed=args.seed)).solution

    files = sorted(args.directory.glob(args.only), key=_natural)
    if not files:
        parser.error(f"no instances matching {args.only} in {args.directory}")
    known_path = args.best_known or next(
        (p for p in (args.directory / "best_known.md", args.directory.parent / "best_known.md") if p.exists()), None
    )
    known = mankowska.best_known(known_path) if known_path else {}
    print(f"solver={args.solver} time_limit={args.time_limit:g}s instances={len(files)} dir={args.directory}")
    columns = ("travel", "tard", "tmax", "cost", "best", "gap%")
    print(f"{'instance':<28} {'fam':>3} {'feasible':>8} " + " ".join(f"{c:>9}" for c in columns))
    gaps: list[float] = []
    by_family: dict[str, list[float]] = {}
    for path in files:
        instance = mankowska.load(path)
        solution = run(instance, args.time_limit)
        report = checker.check(instance, solution)
        best = known.get(path.stem)
        gap = math.inf if not report.feasible else (100 * (report.cost / best - 1) if best else math.nan)
        size = len({t.visit for t in instance.tasks})
        family = FAMILIES.get(size, str(size))
        if not math.isnan(gap):
            gaps.append(gap)
            by_family.setdefault(family, []).append(gap)
        print(
            f"{path.stem:<28} {family:>3} {'yes' if report.feasible else 'NO':>8} {report.travel:9.2f} "
            f"{report.total_tardiness:9.2f} {report.max_tardiness:9.2f} {report.cost:9.2f} "
            f"{best if best else float('nan'):9.2f} {gap:9.2f}",
            flush=True,
        )
        if not report.feasible:
            print(f"  infeasible: {report.violations[0]}")
    print("family means:")
    for family, values in sorted(by_family.items()):
        print(f"  {family} ({len(values)} instances): mean gap {statistics.fmean(values):.2f}%")
    if not args.no_city:
        day = cityday.generate(seed=args.seed)
        instance = day.instance
        limit = args.city_time_limit if args.city_time_limit is not None else args.time_limit
        solution = (
            run(instance, limit) if args.solver == "alns" or not any(t.is_break for t in instance.tasks) else None
        )
        if solution is None:
            print("city day: the OR-Tools baseline does not model breaks; skipped")
        else:
            report = checker.check(instance, solution)
            figures = utilisation(
                contact_minutes=round(report.contact_minutes),
                travel_minutes=round(report.travel),
                paid_minutes=round(report.paid_minutes),
                hourly_cost=args.hourly_cost,
            )
            placed = len(instance.tasks) - len(report.unassigned)
            print(
                f"city day: {len(instance.workers)} workers, {day.visits} visits ({day.double_handed} double-handed), "
                f"{len(instance.tasks)} tasks incl. breaks; time limit {limit:g}s"
            )
            print(
                f"  feasible={report.feasible} placed={placed}/{len(instance.tasks)}"
                f" late_minutes={report.total_tardiness:.0f} "
                f"largest_late={report.max_tardiness:.0f} not_with_usual_worker={report.not_preferred}"
            )
            print(
                f"  contact_time_pct={figures.contact_pct} travel_pct={figures.travel_pct} "
                f"cost_per_contact_hour=£{figures.cost_per_contact_hour} (at £{args.hourly_cost} a paid hour)"
            )
            for task_id, reason in list(solution.unassigned.items())[:5]:
                print(f"  not placed: {task_id}: {reason}")
    mean = statistics.fmean(gaps) if gaps else math.nan
    print(f"mean_gap_pct={mean:.3f}")


def _natural(path: Path) -> list[object]:
    return [int(s) if s.isdigit() else s for s in re.split(r"(\d+)", path.name)]


if __name__ == "__main__":
    main()
