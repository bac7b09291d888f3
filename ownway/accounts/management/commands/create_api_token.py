"""``manage.py create_api_token --user USERNAME --name "System name"``: a bearer token for another system."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ownway.accounts.context import Origin, origin_scope
from ownway.accounts.models import User
from ownway.accounts.services import api_token_create


class Command(BaseCommand):
    help = (
        "Make an API token for another system. The token acts as USERNAME, with exactly that account's "
        "access, so make a dedicated account with the role the system needs. The token is printed once: "
        "only a digest of it is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, metavar="USERNAME", help="The account the token acts as.")
        parser.add_argument("--name", required=True, help='What system will use the token, like "Finance system".')

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["user"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account with the username {username!r}")
        if not user.is_active:
            raise CommandError(f"The account {username!r} is not active: a token for it would not work")
        origin = Origin(request_id=str(uuid.uuid4()), path="manage.py create_api_token", via="command")
        try:
            with origin_scope(origin):
                token, secret = api_token_create(actor=None, user=user, name=options["name"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Made the token {token} for {user} ({user.get_role_display()})."))
        self.stdout.write("Give it to the system now: it will not be shown again.")
        self.stdout.write("")
        self.stdout.write(secret)
        self.stdout.write("")
        self.stdout.write("The system sends it with each request as the header  Authorization: Bearer <token>")
