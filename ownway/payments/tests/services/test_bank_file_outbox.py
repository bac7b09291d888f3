"""A payment counts as sent only once it is in a bank file written to disk; the ledger is reconciled with the
files in the folder; a run whose process died is found and marked abandoned by the next."""

from __future__ import annotations

import datetime as dt
import io
import os
import socket
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ownway.payments import services
from ownway.payments.models import BacsFile, BacsFileStatus, Payment, PaymentRun, RunStatus
from ownway.payments.selectors import ledger_reconciliation
from ownway.payments.tests.factories import agreement_for

pytestmark = pytest.mark.django_db
PAY_DAY = dt.date(2026, 5, 4)  # two periods due: 6 April (pro rata) and 4 May


@pytest.fixture
def agreement(social_worker, team_manager, person):
    return agreement_for(social_worker, team_manager, person)


def _sent() -> int:
    return Payment.objects.filter(bacs_file__status=BacsFileStatus.WRITTEN).count()


def test_a_file_that_cannot_be_written_leaves_its_payments_unsent_and_the_next_run_writes_it(
    agreement, finance_officer, settings, tmp_path, unwritable_bacs_dir
):
    with pytest.raises(services.BankFileError, match="could not be written"):
        services.payment_run(actor=finance_officer, as_of=PAY_DAY)
    failed = PaymentRun.objects.get()
    assert failed.status == RunStatus.FAILED
    assert "could not be written" in failed.error
    assert Payment.objects.count() == 2  # paid in the ledger ...
    assert _sent() == 0  # ... but not sent
    check = ledger_reconciliation()
    assert not check.reconciles
    assert check.payments_not_in_a_file == 2
    assert any("has not been written yet: its 2 payments (£1,591.26) are not sent" in d for d in check.discrepancies)

    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"
    again = services.payment_run(actor=finance_officer, as_of=PAY_DAY)
    assert again.payments_made == 0
    bacs_file = BacsFile.objects.get()
    assert bacs_file.run == failed  # the file the first run saved, written now: not a second one
    assert bacs_file.status == BacsFileStatus.WRITTEN
    assert again.notes == f"File {bacs_file.name} of run {failed.pk} had not been written: written now."
    on_disk = (tmp_path / "bacs" / bacs_file.name).read_text()
    assert on_disk == bacs_file.content
    assert on_disk.splitlines()[-1] == "T,1,159126"
    assert len(bacs_file.sha256) == 64
    assert _sent() == 2
    assert ledger_reconciliation().reconciles


def test_reconciliation_compares_the_ledger_with_the_files_on_disk(agreement, finance_officer, settings):
    run = services.payment_run(actor=finance_officer, as_of=PAY_DAY)
    folder = settings.OWNWAY_BACS_DIR
    path = folder / run.bacs_file.name
    check = ledger_reconciliation()
    assert check.reconciles, check.discrepancies
    assert (check.files_written, check.files_total, check.payments_not_in_a_file) == (1, Decimal("1591.26"), 0)

    original = path.read_text()
    path.write_text(original.replace("159126", "259126"))
    problems = ledger_reconciliation().discrepancies
    assert f"File {path.name} in {folder} has changed since it was written (its checksum differs)" in problems
    assert (
        f"File {path.name} pays {agreement.reference} £2,591.26 but the ledger puts £1,591.26 for it in that file"
        in problems
    )

    path.write_text(original)
    Payment.objects.filter(period_start=dt.date(2026, 5, 4)).update(amount=Decimal("1.00"))
    problems = ledger_reconciliation().discrepancies
    assert (
        f"File {path.name} pays {agreement.reference} £1,591.26 but the ledger puts £531.42 for it in that file"
        in problems
    )

    Payment.objects.filter(period_start=dt.date(2026, 5, 4)).update(amount=Decimal("1060.84"))
    path.unlink()
    (folder / "DP-20260504-999999.csv").write_text("H,X\n")
    problems = ledger_reconciliation().discrepancies
    assert problems == (
        f"File {path.name}, recorded as sent, is not in {folder}",
        f"File DP-20260504-999999.csv in {folder} is not in the ledger",
    )


def test_a_file_already_in_the_folder_from_a_stopped_run_is_recorded_and_never_written_twice(
    agreement, finance_officer, settings, tmp_path, unwritable_bacs_dir
):
    with pytest.raises(services.BankFileError):
        services.payment_run(actor=finance_officer, as_of=PAY_DAY)
    saved = BacsFile.objects.get()
    # As if the stopped run had put the whole file in the folder and died before recording it:
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"
    settings.OWNWAY_BACS_DIR.mkdir()
    (settings.OWNWAY_BACS_DIR / saved.name).write_text(saved.content)
    again = services.payment_run(actor=finance_officer, as_of=dt.date(2026, 6, 1))  # one more period due
    assert "was already in the folder, whole: recorded as sent, not written again" in again.notes
    assert sorted(p.name for p in settings.OWNWAY_BACS_DIR.iterdir()) == [saved.name, again.bacs_file.name]
    assert [f.payments_count for f in BacsFile.objects.order_by("pk")] == [2, 1]
    assert ledger_reconciliation().reconciles


def test_a_different_file_of_the_same_name_is_never_overwritten(
    agreement, finance_officer, settings, tmp_path, unwritable_bacs_dir
):
    with pytest.raises(services.BankFileError):
        services.payment_run(actor=finance_officer, as_of=PAY_DAY)
    saved = BacsFile.objects.get()
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"
    settings.OWNWAY_BACS_DIR.mkdir()
    (settings.OWNWAY_BACS_DIR / saved.name).write_text("someone else's file\n")
    with pytest.raises(services.BankFileError, match=r"A different file called .* is already in"):
        services.payment_run(actor=finance_officer, as_of=PAY_DAY)
    assert (settings.OWNWAY_BACS_DIR / saved.name).read_text() == "someone else's file\n"
    assert _sent() == 0


def _ended_process() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_run_whose_process_died_is_marked_abandoned_by_the_next_which_carries_on(agreement, finance_officer):
    now = timezone.now()
    dead = PaymentRun.objects.create(as_of=PAY_DAY, host=socket.gethostname(), pid=_ended_process(), heartbeat_at=now)
    elsewhere_alive = PaymentRun.objects.create(as_of=PAY_DAY, host="another-server", pid=1, heartbeat_at=now)
    elsewhere_silent = PaymentRun.objects.create(
        as_of=PAY_DAY, host="another-server", pid=2, heartbeat_at=now - dt.timedelta(minutes=16)
    )
    here_alive = PaymentRun.objects.create(as_of=PAY_DAY, host=socket.gethostname(), pid=os.getpid(), heartbeat_at=now)
    run = services.payment_run(actor=finance_officer, as_of=PAY_DAY)
    assert run.status == RunStatus.COMPLETED
    assert run.payments_made == 2
    for stopped in (dead, elsewhere_silent):
        stopped.refresh_from_db()
        assert stopped.status == RunStatus.ABANDONED
        assert stopped.finished_at is not None
        assert f"Run {run.pk} found it and carried on" in stopped.error
    assert f"its process ({socket.gethostname()}, {dead.pid}) had ended" in dead.error
    assert "nothing had been heard from it for more than 15 minutes" in elsewhere_silent.error
    for running in (elsewhere_alive, here_alive):
        running.refresh_from_db()
        assert running.status == RunStatus.RUNNING
    assert f"Run {dead.pk} had stopped without finishing" in run.notes
    assert f"Run {elsewhere_silent.pk} had stopped without finishing" in run.notes


def test_the_reconcile_command_lists_each_difference_and_fails(agreement, finance_officer, settings):
    run = services.payment_run(actor=finance_officer, as_of=PAY_DAY)
    out = io.StringIO()
    call_command("reconcile_direct_payments", stdout=out)
    assert out.getvalue() == "The ledger and the bank files agree: 1 file, £1,591.26 sent\n"
    (settings.OWNWAY_BACS_DIR / run.bacs_file.name).unlink()
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"The ledger and the bank files do not agree: 1 difference$"):
        call_command("reconcile_direct_payments", stdout=out)
    assert f"File {run.bacs_file.name}, recorded as sent, is not in" in out.getvalue()
