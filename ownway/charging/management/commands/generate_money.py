"""Budgets, calibration costs and contributions for the demo city: ``manage.py generate_money --seed S``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ownway.accounts.context import Origin, origin_scope
from ownway.charging.demo import generate_money


class Command(BaseCommand):
    help = (
        "Work out indicative budgets and financial assessments for the demo city's completed assessments, and "
        "load synthetic support-plan costs for calibration (after generate_city and generate_casework)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        with origin_scope(Origin(request_id=f"money-{options['seed']}", via="command")):
            lines = generate_money(seed=options["seed"])
        for line in lines:
            self.stdout.write(line)
