"""Write the year's Safeguarding Adults Collection tables as CSV files: ``ownway manage safeguarding_return --year
2026-27 --output DIR`` (one file a table, SG1a.csv … SG5b.csv; see ownway.safeguarding.sac)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.safeguarding.sac import YearNotUnderstood, build_return, year_named
from ownway.ui.csv_files import SafeWriter


class Command(BaseCommand):
    help = "Write the year's Safeguarding Adults Collection tables as CSV files"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="the financial year, like 2026-27")
        parser.add_argument("--output", required=True, type=Path, help="the folder to write the CSV files to")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year = year_named(options["year"])
        except YearNotUnderstood as error:
            raise CommandError(str(error)) from error
        output: Path = options["output"]
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot write to {output}: {error.strerror}") from error
        started = time.perf_counter()
        built = build_return(year)
        for name, rows in built.tables.items():
            with (output / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
                SafeWriter(handle).writerows(rows)
        self.stdout.write(
            f"Safeguarding Adults Collection {year.label}: {len(built.tables)} tables written to {output} "
            f"in {time.perf_counter() - started:.1f} seconds"
        )
