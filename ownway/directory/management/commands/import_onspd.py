"""Load postcode centres from the ONS Postcode Directory: ``manage.py import_onspd ONSPD.csv [--areas B,CV]``.

The ONSPD (ONS Open Geography Portal, quarterly) is one CSV with a row per postcode: ``pcds`` (the
postcode written with its space), ``lat`` and ``long`` (WGS84), and ``doterm`` (the date a postcode
was terminated, empty while in use). Rows without a grid reference carry ``lat`` 99.999999 and are
skipped with that reason, as are terminated postcodes unless ``--include-terminated``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.directory.geocode import area_of
from ownway.directory.services import postcodes_import

NO_GRID_REFERENCE = 99.999999


class Command(BaseCommand):
    help = "Import postcode centres from an ONS Postcode Directory (ONSPD) CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--areas", default="", help="Only these postcode areas, like B,CV,WS")
        parser.add_argument("--include-terminated", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        areas = {a.strip().upper() for a in options["areas"].split(",") if a.strip()}
        skipped: list[tuple[str, str]] = []

        def usable(reader: csv.DictReader[str]) -> Iterator[tuple[str, float, float]]:
            names = {n.lower(): n for n in reader.fieldnames or []}
            code_col = names.get("pcds") or names.get("pcd")
            if code_col is None or "lat" not in names or "long" not in names:
                raise CommandError("This is not an ONSPD file: it needs the columns pcds (or pcd), lat and long")
            for row in reader:
                postcode = (row.get(code_col) or "").strip()
                if areas and area_of(postcode) not in areas:
                    continue
                if (row.get(names.get("doterm", "")) or "").strip() and not options["include_terminated"]:
                    skipped.append((postcode, "terminated"))
                    continue
                try:
                    lat, lon = float(row[names["lat"]]), float(row[names["long"]])
                except (TypeError, ValueError):  # not a number, or missing from a short row
                    skipped.append((postcode, "its latitude or longitude is not a number"))
                    continue
                if lat == NO_GRID_REFERENCE:
                    skipped.append((postcode, "it has no grid reference"))
                    continue
                yield postcode, lat, lon

        def rows() -> Iterator[tuple[str, float, float]]:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                try:
                    yield from usable(reader)
                except (UnicodeDecodeError, csv.Error):
                    raise CommandError(
                        "The file is not text in UTF-8 that splits into cells: is it the ONSPD CSV?"
                    ) from None

        loaded, rejected = postcodes_import(actor=None, rows=rows(), source="ONSPD")
        self.stdout.write(f"Loaded {loaded} postcodes; skipped {len(skipped) + len(rejected)}")
        for postcode, reason in [*skipped, *rejected][:50]:
            self.stdout.write(f"  skipped {postcode}: {reason}")
