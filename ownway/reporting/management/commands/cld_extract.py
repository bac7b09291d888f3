"""Write the Client Level Data extract for a period and check it: ``ownway manage cld_extract --from 2026-04-01
--to 2027-03-31 --output FILE`` (one CSV row for each event; see ownway.reporting.cld). The failures of the
data-quality check are printed field by field, and kept for the data-quality page."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.reporting.cld import Period
from ownway.reporting.services import cld_check_run


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text[:20]!r} is not a date: give it as YYYY-MM-DD, like 2026-04-01") from None


class Command(BaseCommand):
    help = "Write the Client Level Data extract for a period as CSV and check its data quality"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="the first day, like 2026-04-01")
        parser.add_argument("--to", dest="end", required=True, help="the last day, like 2027-03-31")
        parser.add_argument("--output", required=True, type=Path, help="the CSV file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period(_date(options["start"]), _date(options["end"]))
        except ValueError as error:
            raise CommandError(str(error)) from error
        output: Path = options["output"]
        started = time.perf_counter()
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            handle = output.open("w", newline="", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write to {output}: {error.strerror}") from error
        with handle:
            check = cld_check_run(period=period, output=handle, written_to=str(output))
        self.stdout.write(
            f"Client Level Data {period.start} to {period.end}: {check.rows} rows written to {output} "
            f"in {time.perf_counter() - started:.1f} seconds"
        )
        failing = [score for score in check.scores if score["missing"] or score["invalid"]]
        if not failing:
            self.stdout.write("Data quality: every field passed its check.")
            return
        self.stdout.write(f"Data quality: {check.failures} failures, in {len(failing)} fields:")
        for score in failing:
            self.stdout.write(
                f"  {score['name']}: {score['missing']} blank but mandatory, {score['invalid']} not valid "
                f"(of {score['applicable']} rows it applies to)"
            )
