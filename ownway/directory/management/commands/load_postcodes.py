"""Copy postcode centres from the packaged Code-Point Open into the database: ``manage.py load_postcodes --areas B,CV``.

Looking a postcode up works without this (it falls back to the package's files); loading an area
makes its look-ups a single indexed read.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.directory.geocode import CODE_POINT_SOURCE, code_point_rows
from ownway.directory.services import postcodes_import


class Command(BaseCommand):
    help = "Load postcode centres for some postcode areas from the packaged Code-Point Open."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--areas", required=True, help="Postcode areas, like B,CV,WS")

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for area in [a.strip().upper() for a in options["areas"].split(",") if a.strip()]:
            rows = code_point_rows(area)
            if not rows:
                raise CommandError(f"No postcodes found for area {area}")
            loaded, _ = postcodes_import(actor=None, rows=rows, source=CODE_POINT_SOURCE)
            total += loaded
            self.stdout.write(f"{area}: {loaded} postcodes")
        self.stdout.write(f"Loaded {total} postcodes")
