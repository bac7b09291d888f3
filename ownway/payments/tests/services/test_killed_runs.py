"""Payment runs killed for real, at every step: ``manage.py run_direct_payments`` in its own process, stopped
dead with SIGKILL (``payments.faults``), then run again. Nothing is paid twice, nothing is marked sent without
its file on disk, the killed run is marked abandoned, and the ledger and the files on disk reconcile.

The killed run needs the test's database from another process: the ``shared_database`` fixture
(:mod:`ownway.core.testing`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import signal
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from ownway.core.money import pence
from ownway.core.testing import SharedDatabase
from ownway.payments.faults import STEPS
from ownway.payments.models import BacsFile, BacsFileStatus, Payment, PaymentRun, RunStatus
from ownway.payments.selectors import ledger_reconciliation
from ownway.payments.tests.factories import agreement_for
from ownway.people.tests.factories import PersonFactory

MANAGE = Path(django_settings.BASE_DIR) / "manage.py"
PAY_DAY = dt.date(2026, 5, 4)  # each agreement has two periods due: 6 April (pro rata) and 4 May
NEXT_PAY_DAY = dt.date(2026, 6, 1)


@pytest.fixture
def folder(settings, tmp_path) -> Path:
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"
    return settings.OWNWAY_BACS_DIR


@pytest.fixture
def agreements(shared_database, social_worker, team_manager, person):
    people = [person, *(PersonFactory(team=person.team) for _ in range(2))]
    return [agreement_for(social_worker, team_manager, someone) for someone in people]


def _run_in_another_process(
    database: SharedDatabase, folder: Path, *, as_of: dt.date, kill_at: str | None
) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "OWNWAY_FAULT_AT"}
    env |= {"DATABASE_URL": database.url, "OWNWAY_BACS_DIR": str(folder)}
    if kill_at is not None:
        env["OWNWAY_FAULT_AT"] = kill_at
    database.hand_over()
    command = [sys.executable, str(MANAGE), "run_direct_payments", f"--as-of={as_of}", "--batch-size=2"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    database.take_back()
    return result


def _kill_at(step: str, database: SharedDatabase, folder: Path, *, as_of: dt.date = PAY_DAY) -> None:
    result = _run_in_another_process(database, folder, as_of=as_of, kill_at=step)
    assert result.returncode == -signal.SIGKILL, f"the run was not killed at {step}:\n{result.stdout}{result.stderr}"


def _run_again(as_of: dt.date = PAY_DAY) -> str:
    out = io.StringIO()
    call_command("run_direct_payments", f"--as-of={as_of}", "--batch-size=2", stdout=out)
    return out.getvalue()


def _credits_on_disk(folder: Path) -> dict[str, int]:
    """What every file in the folder pays each agreement, in pence."""
    credits: dict[str, int] = defaultdict(int)
    for path in folder.glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="ascii"))):
            if row[0] == "D":
                credits[row[6]] += int(row[5])
    return dict(credits)


def _nothing_is_marked_sent_without_its_file(folder: Path) -> None:
    for bacs_file in BacsFile.objects.filter(status=BacsFileStatus.WRITTEN):
        assert (folder / bacs_file.name).read_text(encoding="ascii") == bacs_file.content


def _everything_is_paid_once_and_sent_once(agreements, folder: Path, periods: int) -> None:
    assert Payment.objects.count() == len(agreements) * periods
    assert not Payment.objects.exclude(bacs_file__status=BacsFileStatus.WRITTEN).exists()
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for reference, amount in Payment.objects.values_list("agreement__reference", "amount"):
        paid[reference] += amount
    assert _credits_on_disk(folder) == {reference: pence(total) for reference, total in paid.items()}
    files = BacsFile.objects.filter(status=BacsFileStatus.WRITTEN).values_list("name", flat=True)
    assert sorted(path.name for path in folder.iterdir()) == sorted(files)  # and no temporary file left behind
    _nothing_is_marked_sent_without_its_file(folder)
    check = ledger_reconciliation()
    assert check.reconciles, check.discrepancies
    call_command("reconcile_direct_payments", stdout=io.StringIO())


@pytest.mark.parametrize("step", STEPS)
def test_a_run_killed_at_any_step_is_finished_by_the_next_and_nothing_is_paid_twice(
    step, shared_database, folder, agreements
):
    _kill_at(step, shared_database, folder)
    killed = PaymentRun.objects.get()
    assert killed.status == RunStatus.RUNNING  # it died without a word
    _nothing_is_marked_sent_without_its_file(folder)

    out = _run_again()

    killed.refresh_from_db()
    assert killed.status == RunStatus.ABANDONED
    assert "had ended" in killed.error
    assert f"Run {killed.pk} had stopped without finishing" in out
    _everything_is_paid_once_and_sent_once(agreements, folder, periods=2)
    assert _run_again().splitlines()[-1] == "Nothing new to send to the bank"


def test_a_run_killed_while_writing_the_file_another_killed_run_left_is_finished_by_the_next(
    shared_database, folder, agreements
):
    _kill_at("file_claimed", shared_database, folder)  # the first run's file saved, not written
    # The second run has a period more to pay: it saves its own file, then writes the first run's file into
    # the folder and dies before recording it.
    _kill_at("file_renamed", shared_database, folder, as_of=NEXT_PAY_DAY)
    first, second = PaymentRun.objects.order_by("pk")
    assert (folder / first.bacs_file.name).exists()
    assert BacsFile.objects.filter(status=BacsFileStatus.WRITTEN).count() == 0

    out = _run_again(NEXT_PAY_DAY)

    assert f"File {first.bacs_file.name} of run {first.pk} was already in the folder, whole" in out
    assert f"File {second.bacs_file.name} of run {second.pk} had not been written: written now." in out
    _everything_is_paid_once_and_sent_once(agreements, folder, periods=3)
