"""``manage.py generate_city``: build the demo city, calibrated to Birmingham's published figures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ownway.accounts.context import Origin, origin_scope
from ownway.people.demo.builder import DemoCityExists, generate_city
from ownway.people.demo.generator import DEFAULT_AS_OF, DEMO_PASSWORD, SIZES, demo_logins


class Command(BaseCommand):
    help = (
        "Build a synthetic city for demonstrations and load tests: teams, staff in every role, people who "
        "use services calibrated to Birmingham's Day Opportunities Strategy (2019), their carers, and "
        "citizen and provider accounts. --people counts the people who use services; their carers (about "
        "four in ten people have one) are made on top, as person records of their own. The same --seed "
        f"gives the same city. Every demo account's password is {DEMO_PASSWORD}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        size = parser.add_mutually_exclusive_group()
        size.add_argument(
            "--people", type=int, help="people who use services (carers come on top); e.g. 20192, 1000000"
        )
        size.add_argument(
            "--size",
            choices=list(SIZES),
            help="a named size: "
            + ", ".join(f"{name} = {count:,} people" for name, count in SIZES.items())
            + " (council is Birmingham's 20,192 open cases)",
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--clear",
            action="store_true",
            help="first remove EVERY person record and the demo's accounts and teams (demo and test databases only)",
        )
        parser.add_argument(
            "--as-of",
            default=DEFAULT_AS_OF.isoformat(),
            help=f"the date ages and dates are drawn at, YYYY-MM-DD or 'today' (default {DEFAULT_AS_OF.isoformat()})",
        )
        parser.add_argument("--batch-size", type=int, default=5000, help="people written per batch (default 5000)")
        parser.add_argument("--summary-json", type=Path, help="also write a summary (with the day-care cohort) here")

    def handle(self, *args: Any, **options: Any) -> None:
        people = options["people"]
        if people is None:
            people = SIZES[options["size"] or "tiny"]
        if people < 0:
            raise CommandError("--people cannot be negative")
        as_of = self._as_of(options["as_of"])
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 2:
                self.stdout.write(f"  {done:,} of {total:,} people written")

        with origin_scope(Origin(request_id=f"generate_city-{options['seed']}", via="command")):
            try:
                summary = generate_city(
                    people=people,
                    seed=options["seed"],
                    clear=options["clear"],
                    as_of=as_of,
                    batch_size=options["batch_size"],
                    progress=progress,
                )
            except DemoCityExists as error:
                raise CommandError(str(error)) from error
        if options["summary_json"]:
            options["summary_json"].write_text(json.dumps(summary.as_dict(), indent=1), encoding="utf-8")
        if verbosity >= 1:
            for line in summary.lines():
                self.stdout.write(line)
            self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
            for role, username in demo_logins():
                self.stdout.write(f"  {role:<24} {username}")

    @staticmethod
    def _as_of(value: str) -> dt.date:
        if value == "today":
            return timezone.localdate()
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as error:
            raise CommandError("--as-of must be a date like 2026-03-31, or 'today'") from error
        if day > timezone.localdate():
            raise CommandError("--as-of cannot be in the future: generated dates would be too")
        return day
