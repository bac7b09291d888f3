"""Fit the RAS price table to historical support-plan costs, report the fit and fairness, optionally publish.

    manage.py calibrate_ras --costs plans.csv [--thresholds 0,20,60] [--publish "Calibrated April 2026"]
    manage.py calibrate_ras            # fit to the costs loaded before, and report

The CSV has a header and one row per support plan: ``points`` (the need score the RAS gives it),
``weekly_cost`` (what the plan cost a week, in pounds: ``250``, ``£1,250.50``), and optionally ``age`` or
``age_band`` and ``client_group``. No names are needed or kept. A row that cannot be used stops the command
with its line number and what is wrong, before anything is loaded. The command prints the fitted pounds per
point, R² and the mean absolute error; mean costs of the plans and mean indicative budgets by need band, age
band and client group, flagging gaps between groups with equal need. ``--publish`` makes a new RAS version
with the fitted price table and puts it into use (budgets already worked out keep their version).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.allocation.models import PlanCostSample
from ownway.allocation.rules.calibration import (
    BudgetRecord,
    CalibrationError,
    FairnessReport,
    Sample,
    age_band,
    fairness_report,
    fit_price_table,
)
from ownway.allocation.rules.ras import model_to_data
from ownway.allocation.selectors import current_budget_records, ras_model_active
from ownway.allocation.services import MAX_WEEKLY_BUDGET, plan_costs_load, ras_version_create
from ownway.core.money import format_money
from ownway.core.numbers import NumberError, parse_money, parse_whole_number
from ownway.core.text import too_long_for, without_control_characters
from ownway.ui.csv_files import CsvReadError, read_csv_rows

#: The most need points a support plan may have in the file: far above any questionnaire's total.
MAX_POINTS = 100_000
#: The oldest age a row may give.
MAX_AGE = 130


def _cell(row: list[str], index: dict[str, int], column: str) -> str:
    position = index.get(column)
    return row[position].strip() if position is not None and position < len(row) else ""


def _text(value: str, line: int, column: str) -> str:
    if without_control_characters(value) != value:
        raise CommandError(f"Line {line}: {column} holds a control character: type it again")
    if problem := too_long_for(PlanCostSample, column, value, column):
        raise CommandError(f"Line {line}: {problem}")
    return value


def _read(path: Path) -> list[tuple[Sample, str, str]]:
    """The support plans in the file, each checked, or a CommandError naming the line and what is wrong."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot open {path}: {error.strerror}") from error
    try:
        rows = read_csv_rows(data)
    except CsvReadError as error:
        raise CommandError(f"{path}: {error}") from None
    index = {cell.strip(): n for n, cell in enumerate(rows[0])} if rows else {}
    missing = {"points", "weekly_cost"} - set(index)
    if missing:
        raise CommandError(f"{path} needs the columns points and weekly_cost (missing: {', '.join(sorted(missing))})")
    samples: list[tuple[Sample, str, str]] = []
    for line, row in enumerate(rows[1:], start=2):
        try:
            points = parse_whole_number(_cell(row, index, "points"), low=0, high=MAX_POINTS, subject="points")
            cost = parse_money(_cell(row, index, "weekly_cost"), high=MAX_WEEKLY_BUDGET, subject="weekly_cost")
            age = _cell(row, index, "age")
            years = parse_whole_number(age, low=0, high=MAX_AGE, subject="age") if age else None
        except NumberError as error:
            raise CommandError(f"Line {line}: {error}") from None
        band = _text(_cell(row, index, "age_band"), line, "age_band") or (age_band(years) if years is not None else "")
        samples.append((Sample(points, cost), band, _text(_cell(row, index, "client_group"), line, "client_group")))
    return samples


class Command(BaseCommand):
    help = "Fit the RAS price table to support-plan costs and report the fit and fairness"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--costs", type=Path, help="CSV of support plans: points, weekly_cost[, age, client_group]")
        parser.add_argument("--thresholds", help="where each price band starts, like 0,20,60 (default: the model's)")
        parser.add_argument("--publish", metavar="NAME", help="make a new RAS version with the fitted table, in use")

    def handle(self, *args: Any, **options: Any) -> None:
        out = self.stdout
        if options["costs"]:
            rows = _read(options["costs"])
            plan_costs_load(actor=None, samples=rows, source=options["costs"].name)
            out.write(f"Loaded {len(rows)} support plans from {options['costs']}")
        version, model = ras_model_active()
        thresholds = [r.from_points for r in model.price_table]
        if options["thresholds"]:
            try:
                thresholds = [int(t) for t in options["thresholds"].split(",")]
            except ValueError:
                raise CommandError("Thresholds are whole numbers separated by commas, like 0,20,60") from None
        samples = list(PlanCostSample.objects.values_list("points", "weekly_cost", "age_band", "client_group"))
        if not samples:
            raise CommandError("No support-plan costs are loaded: give --costs FILE")
        try:
            fit = fit_price_table([Sample(p, c) for p, c, _a, _g in samples], thresholds)
        except CalibrationError as error:
            raise CommandError(str(error)) from error
        out.write(f"RAS version in use: {version.number} ({version.name})")
        out.write(fit.explanation)
        out.write(f"r_squared={fit.r_squared:.4f}")
        out.write(f"mean_absolute_error={fit.mean_absolute_error}")
        self._fairness("Support-plan costs", fairness_report(BudgetRecord(p, c, a or "unknown", g or "unknown")
                                                              for p, c, a, g in samples))  # fmt: skip
        self._fairness("Indicative budgets (each person's latest)", fairness_report(current_budget_records()))
        if options["publish"]:
            definition = model_to_data(model)
            definition["price_table"] = [
                {"from_points": r.from_points, "pounds_per_point": str(r.pounds_per_point)} for r in fit.price_table
            ]
            try:
                new = ras_version_create(
                    actor=None, name=options["publish"], definition=definition, notes=fit.explanation, activate=True
                )
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            out.write(f"Published RAS version {new.number} ({new.name}) and put it into use")

    def _fairness(self, title: str, report: FairnessReport) -> None:
        self.stdout.write(f"\n{title}: mean a week by need band")
        for m in report.means:
            note = "" if m.compared else "  too few to compare"
            self.stdout.write(
                f"  {m.need_band:<16} {m.dimension:<12} {m.group:<30} n={m.count:<6} "
                f"{format_money(m.mean_weekly)}{note}"
            )
        if report.gaps:
            self.stdout.write("GAPS:\n  " + "\n  ".join(g.explanation for g in report.gaps))
        for sentence in (report.summary, report.too_few_sentence):
            if sentence:
                self.stdout.write(sentence)
