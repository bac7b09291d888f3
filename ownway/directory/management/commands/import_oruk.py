"""Import a directory feed: ``manage.py import_oruk FILE_OR_URL [--api]``.

A file or URL holding a list of services, an ORUK page of services, one service, or an Ownway
export, in ORUK 3.0, ORUK 1.x (Placecube's summary shape too) or HSDS 2.x tables (see
:mod:`ownway.directory.importer`). With ``--api``, SOURCE is the base address of an ORUK 3.0 API:
every page of ``/services`` is read and then each service in full from ``/services/{id}``. Upserts by
id; every rejected record is listed with its reason, and every value repaired, field not imported and
conflict with a local change.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.directory.importer import read_api, read_source
from ownway.directory.services import directory_import


class Command(BaseCommand):
    help = "Import a directory feed (ORUK 3.0, ORUK 1.x or HSDS 2.x; file or URL), upserting by id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="A JSON file, an http(s) address of a feed, or an API base with --api")
        parser.add_argument("--api", action="store_true", help="SOURCE is the base address of an ORUK 3.0 API")

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["source"]
        try:
            payload = read_api(source) if options["api"] else read_source(source)
        except (OSError, ValueError) as error:
            raise CommandError(f"Could not read {source}: {error}") from error
        try:
            report = directory_import(actor=None, payload=payload, source=source)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(report.summary)
        for what, reason in report.rejected:
            self.stdout.write(f"  rejected {what}: {reason}")
        for what, note in report.repaired:
            self.stdout.write(f"  repaired {what}: {note}")
        for name, count in report.unrecognised.most_common():
            self.stdout.write(f"  not imported: the field {name} ({count} records)")
        for what, name, here, feed in report.conflicts:
            self.stdout.write(f"  conflict {what}: {name} kept as '{here}' where the feed says '{feed}'")
