"""Recalculate every open contribution under a new year's charging figures, and report the changes.

    manage.py uprate_contributions --year 2026/27 [--changes changes.csv]

The year's figures must be held first (add them in the admin or with the services). Prints how many
contributions were recalculated and changed, the weekly totals before and after, the first changes,
and any that could not be recalculated (left as they were); ``--changes`` writes every change to CSV.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.charging.selectors import NoRuleSet
from ownway.charging.services import contributions_uprate
from ownway.core.money import file_amount, format_money
from ownway.ui.csv_files import SafeWriter


class Command(BaseCommand):
    help = "Recalculate every open contribution under a new year's charging figures"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="the financial year, like 2026/27")
        parser.add_argument("--changes", type=Path, help="write every change to this CSV file")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            report = contributions_uprate(actor=None, year=options["year"])
        except NoRuleSet as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        out = self.stdout
        out.write(
            f"Uprated to {report.year}: {report.recalculated} contributions recalculated, {report.changed} changed"
        )
        out.write(f"Weekly total before {format_money(report.total_before)}, after {format_money(report.total_after)}")
        for person_id, before, after in report.changes[:20]:
            out.write(f"  person {person_id}: {format_money(before)} → {format_money(after)}")
        if len(report.changes) > 20:
            out.write(f"  … and {len(report.changes) - 20} more")
        for person_id, why in report.not_recalculated:
            out.write(f"  NOT recalculated, person {person_id}: {why}")
        if options["changes"]:
            with options["changes"].open("w", newline="") as handle:
                writer = SafeWriter(handle)
                writer.writerow(["person_id", "weekly_before", "weekly_after"])
                writer.writerows(
                    (person_id, file_amount(before), file_amount(after)) for person_id, before, after in report.changes
                )
            out.write(f"Every change written to {options['changes']}")
        out.write(f"seconds={seconds:.3f}")
