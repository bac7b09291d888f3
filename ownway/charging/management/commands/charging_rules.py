"""Show and set a year's charging figures and the council's choices, or start a new year from the last one.

    manage.py charging_rules --year 2025/26                  # every figure, with its source or why it is not confirmed
    manage.py charging_rules --year 2025/26 --set carer_premium=48.15 --set free_reablement_weeks=8
    manage.py charging_rules --year 2025/26 --set war_widows_pension_disregarded_in_full=yes
    manage.py charging_rules --year 2026/27 --confirm "mig_single_pension_age=LAC(DHSC)(2026)1, annex, table 2"
    manage.py charging_rules --year 2027/28 --starts 2027-04-06 --copy-from 2026/27 --set mig_single_18_to_24=99.65

The same as the finance team's figures pages (/money/figures/), through the same services
(:func:`~ownway.charging.services.charging_rule_set_save`, :func:`~ownway.charging.services.charging_rule_set_start`).
Each figure is read by its kind: amounts in pounds ("48.15", "£1,000"), weeks and ages as whole numbers,
the council's choices as yes or no; one that cannot be read is refused by name and nothing changes. A
figure the council sets counts as confirmed; ``--confirm`` confirms one as it stands, naming the source
checked. A new year copied from another keeps that year's marks on the figures it does not set, and marks
those changed every April, so nothing unchecked passes for checked. Every change is audited, and a
contribution held back by a figure now confirmed is worked out again and its letter sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.charging.models import ChargingRuleSet
from ownway.charging.rules.rulesets import FigureKind, figure_fields
from ownway.charging.services import charging_rule_set_save, charging_rule_set_start
from ownway.core.dates import format_date


class Command(BaseCommand):
    help = "Show and set a year's charging figures"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="like 2025/26")
        parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="set one figure")
        parser.add_argument(
            "--confirm", action="append", default=[], metavar="NAME=SOURCE",
            help="confirm one figure as it stands, naming where it was checked",
        )  # fmt: skip
        parser.add_argument("--starts", type=dt.date.fromisoformat, help="when a new year's rules start (YYYY-MM-DD)")
        parser.add_argument("--copy-from", help="start a new year from this year's figures")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        figures: dict[str, Any] = {}
        for item in options["set"]:
            name, value = self._pair(item, "VALUE")
            figures[name] = None if value.lower() in ("", "none") else value
        confirm = dict(self._pair(item, "SOURCE") for item in options["confirm"])
        existing = ChargingRuleSet.objects.filter(year=year).first()
        try:
            if options["copy_from"]:
                if options["starts"] is None:
                    raise CommandError("Give --starts, the date the new year's rules start")
                existing = charging_rule_set_start(actor=None, year=year, starts_on=options["starts"],
                                                   copy_from=options["copy_from"], figures=figures)  # fmt: skip
            if confirm or (figures and not options["copy_from"]):
                starts = options["starts"] or (existing.starts_on if existing else None)
                if starts is None:
                    raise CommandError(f"{year} has no figures yet: give --starts or --copy-from")
                existing = charging_rule_set_save(
                    actor=None, year=year, starts_on=starts, figures={} if options["copy_from"] else figures,
                    confirm=confirm,
                )  # fmt: skip
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if existing is None:
            raise CommandError(f"No charging figures are held for {year}")
        self.stdout.write(f"Charging figures for {existing.year}, from {format_date(existing.starts_on)}:")
        figures = existing.figures
        marks, sources = figures.get("unconfirmed", {}), figures.get("sources", {})
        for f in figure_fields():
            value, kind = figures.get(f.name, f.default), f.metadata["kind"]
            if kind == FigureKind.CHOICE:
                self.stdout.write(f"  {f.name:<32} {'yes' if value else 'no'} (the council's choice)")
                continue
            shown = "(not set)" if value is None else f"{value} weeks" if kind == FigureKind.WEEKS else str(value)
            if f.name in marks:
                note = f"   NOT CONFIRMED: {marks[f.name]}"
            elif f.name in sources:
                note = (
                    "   set by the council" if sources[f.name] == "set by the council" else f"   from {sources[f.name]}"
                )
            else:
                note = ""
            self.stdout.write(f"  {f.name:<32} {shown}{note}")

    @staticmethod
    def _pair(item: str, what: str) -> tuple[str, str]:
        name, sep, value = item.partition("=")
        if not sep:
            raise CommandError(f"Write each figure as NAME={what}, not {item!r}")
        return name.strip(), value.strip()
