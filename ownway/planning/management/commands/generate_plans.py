"""A demo support plan, budget and direct payment: ``manage.py generate_plans`` (after generate_city)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ownway.accounts.context import Origin, origin_scope
from ownway.planning.demo import generate_plans


class Command(BaseCommand):
    help = "Make the demo citizen's support plan, budget and paid direct payment, and plans waiting for approval."

    def handle(self, *args: Any, **options: Any) -> None:
        with origin_scope(Origin(request_id="plans-demo", via="command")):
            summary = generate_plans()
        for line in summary.lines():
            self.stdout.write(line)
