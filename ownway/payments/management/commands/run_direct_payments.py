"""Pay every direct payment that is due: ``manage.py run_direct_payments [--as-of YYYY-MM-DD]``.

Safe to run as often as you like, from a scheduler or by hand, even twice at once or after a run that was
stopped or killed: a period is never paid twice, and a bank file a stopped run left unwritten is written.
Prints what it paid, what it put right and where the BACS file is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ownway.accounts.models import User
from ownway.core.money import format_money
from ownway.payments.models import BacsFileStatus
from ownway.payments.services import BankFileError, payment_run


class Command(BaseCommand):
    help = "Pay the direct payments due by a date (today unless given), with the ledger and a BACS file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", help="pay what is due by this date (YYYY-MM-DD); today if not given")
        parser.add_argument("--user", help="the finance officer running it (their username); the scheduler if not")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"{options['as_of']!r} is not a date: use YYYY-MM-DD") from None
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"No user called {options['user']!r}")
        try:
            run = payment_run(actor=actor, as_of=as_of, batch_size=options["batch_size"])
        except BankFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Run {run.pk} as of {as_of}: {run.payments_made} payments, {format_money(run.total)}")
        for note in run.notes.splitlines():
            self.stdout.write(note)
        bacs = getattr(run, "bacs_file", None)
        if bacs is not None and bacs.status == BacsFileStatus.WRITTEN:
            self.stdout.write(
                f"BACS file {settings.OWNWAY_BACS_DIR}/{bacs.name}: {bacs.payments_count} payments, "
                f"{format_money(bacs.total)}"
            )
        else:
            self.stdout.write("Nothing new to send to the bank")
