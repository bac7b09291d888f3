"""Fill the directory for the demo city: ``manage.py generate_directory --services 400 --seed 1``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.names import name_key
from ownway.directory.demo import build_feed, personal_assistants
from ownway.directory.models import Organization, PersonalAssistant
from ownway.directory.services import directory_import, provider_account_link


class Command(BaseCommand):
    help = "Add synthetic directory entries at real postcodes of the demo city."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--services", type=int, default=400)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--area", default="B")

    def handle(self, *args: Any, **options: Any) -> None:
        # A provider already speaking for an organisation (the demo's day services made it) keeps it.
        providers = list(
            User.objects.filter(role=Role.PROVIDER, directory_provider__isnull=True)
            .exclude(organisation_name="")
            .order_by("username")
        )
        names = list(dict.fromkeys(p.organisation_name for p in providers))
        feed = build_feed(
            services=options["services"], seed=options["seed"], area=options["area"], organisation_names=names
        )
        report = directory_import(actor=None, payload=feed, source=f"demo seed {options['seed']}")
        self.stdout.write(report.summary)
        linked = 0
        for user in providers:
            organization = Organization.objects.filter(name=user.organisation_name).first()
            if organization is not None:
                provider_account_link(actor=None, user=user, organization=organization)
                linked += 1
        self.stdout.write(f"{linked} provider accounts linked to their organisations")
        added = 0
        for data in personal_assistants(seed=options["seed"], area=options["area"]):
            if not PersonalAssistant.objects.filter(name=data["name"]).exists():
                PersonalAssistant.objects.create(
                    **data, search_name=name_key(data["name"]), consent_given_at=timezone.now()
                )
                added += 1
        self.stdout.write(f"{added} personal assistants who agreed to be listed added to the register")
