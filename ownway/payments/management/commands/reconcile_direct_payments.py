"""Check that the direct-payment ledger and the bank files on disk agree: ``manage.py reconcile_direct_payments``.

Prints each way they differ (a file recorded as sent that is not in ``OWNWAY_BACS_DIR`` or has changed, a
file paying an account more or less than the ledger says, payments in no written file, a file the ledger does
not know) and ends with an error status if there is any, so a scheduler can raise the alarm.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ownway.core.money import format_money
from ownway.payments.selectors import ledger_reconciliation


class Command(BaseCommand):
    help = "Check that the direct-payment ledger and the BACS files on disk agree"

    def handle(self, *args: Any, **options: Any) -> None:
        check = ledger_reconciliation()
        for discrepancy in check.discrepancies:
            self.stdout.write(discrepancy)
        differences = len(check.discrepancies)
        if differences:
            raise CommandError(
                f"The ledger and the bank files do not agree: {differences} difference{'s' if differences != 1 else ''}"
            )
        files = f"{check.files_written} file{'s' if check.files_written != 1 else ''}"
        self.stdout.write(f"The ledger and the bank files agree: {files}, {format_money(check.files_total)} sent")
