"""List the RAS versions, write one out as JSON to change, and make a new version from such a file.

    manage.py ras_version                                         # the versions, and which is in use
    manage.py ras_version --export 1 --file ras.json              # a version's definition, to edit
    manage.py ras_version --import ras.json --name "2026 review" [--activate]

A definition holds the domains, the questions with the points for each answer (a question may name the
assessment outcome it is answered from), the price table (pounds a point from each threshold) and the
bands. It is checked in full before anything is saved; versions are never changed, only added.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.allocation.models import RasModelVersion
from ownway.allocation.services import ras_version_create


class Command(BaseCommand):
    help = "List, export and import versions of the Resource Allocation System"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--export", type=int, metavar="NUMBER", help="write this version's definition out")
        parser.add_argument("--file", type=Path, help="where --export writes (default: print it)")
        parser.add_argument("--import", dest="import_file", type=Path, metavar="FILE", help="make a new version")
        parser.add_argument("--name", default="", help="the new version's name")
        parser.add_argument("--notes", default="", help="why the new version was made")
        parser.add_argument("--activate", action="store_true", help="put the new version into use")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["export"] is not None:
            version = RasModelVersion.objects.filter(number=options["export"]).first()
            if version is None:
                raise CommandError(f"There is no version {options['export']}")
            text = json.dumps(version.definition, indent=2, ensure_ascii=False)
            if options["file"]:
                options["file"].write_text(text + "\n", encoding="utf-8")
                self.stdout.write(f"Version {version.number} written to {options['file']}")
            else:
                self.stdout.write(text)
            return
        if options["import_file"]:
            try:
                definition = json.loads(options["import_file"].read_text(encoding="utf-8"))
            except OSError as error:
                raise CommandError(f"Cannot read {options['import_file']}: {error.strerror}") from error
            except json.JSONDecodeError as error:
                raise CommandError(f"{options['import_file']} is not valid JSON: {error}") from error
            if not isinstance(definition, dict):
                raise CommandError("The file must hold one JSON object: the definition")
            try:
                version = ras_version_create(
                    actor=None, name=options["name"], definition=definition, notes=options["notes"],
                    activate=options["activate"],
                )  # fmt: skip
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            state = "and put it into use" if options["activate"] else "(not in use yet)"
            self.stdout.write(f"Made version {version.number} ({version.name}) {state}")
            return
        for v in RasModelVersion.objects.order_by("number"):
            self.stdout.write(f"{v.number:>4}  {v.get_status_display():<8}  {v.created_at:%Y-%m-%d}  {v.name}")
