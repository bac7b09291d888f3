"""Make a demonstration enablement team for a day: workers on shift, people with episodes and visit plans.

    uv run ownway manage enablement_demo [--date 2026-11-26] [--workers 40] [--people 150] [--seed 1]

The team's manager signs in as ``enablement-manager`` (the password is printed), runs the optimiser for the
day at /enablement/, moves a visit, publishes, and each worker (``enablement<team>-NN``) sees their day.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.dates import format_date
from ownway.enablement import demo
from ownway.enablement.demo import DEMO_PEOPLE, DEMO_WORKERS


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None, help="the day (default tomorrow)")
        parser.add_argument("--workers", type=int, default=DEMO_WORKERS)
        parser.add_argument(
            "--people", type=int, default=DEMO_PEOPLE, help="people receiving enablement (about two visits each)"
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["date"] or timezone.localdate() + dt.timedelta(days=1)
        if options["workers"] < 1 or options["people"] < 1:
            raise CommandError("Give at least one worker and one person")
        team = demo.enablement_team("Enablement (demo)")
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            manager, created = User.objects.get_or_create(
                username="enablement-manager",
                defaults={"first_name": "Rosa", "last_name": "Rosterer", "role": Role.ENABLEMENT_MANAGER, "team": team},
            )
            if created:
                manager.set_password(password)
                manager.save()
            staff, people = demo.make_team(
                manager=manager,
                team=team,
                day=day,
                workers=options["workers"],
                people=options["people"],
                seed=options["seed"],
            )
        for user in staff:
            if not user.has_usable_password():
                user.set_password(password)
                user.save(update_fields=["password"])
        self.stdout.write(f"{team.name}: {len(staff)} workers on shift and {len(people)} people on {format_date(day)}")
        if created:
            self.stdout.write(f"Sign in as enablement-manager (and the workers) with password {password}")
