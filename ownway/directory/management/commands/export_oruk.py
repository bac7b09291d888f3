"""Export the whole directory as Open Referral UK 3.0 JSON: ``manage.py export_oruk [--output FILE]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ownway.directory.selectors import directory_export


class Command(BaseCommand):
    help = "Write every service, fully nested, and every taxonomy as ORUK 3.0 JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="File to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        data = directory_export()
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if options.get("output"):
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {len(data['services'])} services and {len(data['taxonomies'])} taxonomies")
        else:
            self.stdout.write(text)
