"""Front-door contacts and assessments for the demo city: ``manage.py generate_casework --seed S``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ownway.accounts.context import Origin, origin_scope
from ownway.assessments.demo import generate_casework


class Command(BaseCommand):
    help = "Make demo contacts and assessments for every team that holds a caseload (after generate_city)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--per-team",
            type=int,
            default=None,
            help="contacts (and assessments) per team (default: one for every 150 people on the team's caseload)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with origin_scope(Origin(request_id=f"casework-{options['seed']}", via="command")):
            summary = generate_casework(seed=options["seed"], per_team=options["per_team"])
        for line in summary.lines():
            self.stdout.write(line)
