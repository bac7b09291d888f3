"""Fill the directory for the demo city: ``manage.py generate_directory --services 400 --seed 1``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ownway.directory.demo import build_feed
from ownway.directory.services import directory_import


class Command(BaseCommand):
    help = "Add synthetic directory entries at real postcodes of the demo city."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--services", type=int, default=400)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--area", default="B")

    def handle(self, *args: Any, **options: Any) -> None:
        feed = build_feed(services=options["services"], seed=options["seed"], area=options["area"])
        report = directory_import(actor=None, payload=feed, source=f"demo seed {options['seed']}")
        self.stdout.write(report.summary)
