"""Places where a payment run can be stopped dead, to show that a run killed anywhere never pays twice.

Set ``OWNWAY_FAULT_AT`` to the name of a step and a run reaching that step kills its own process with SIGKILL:
no exception, no clean-up, no chance to roll anything back but what the database itself rolls back, as when
a server loses power or the operating system ends the process. The fault tests
(``payments/tests/services/test_killed_runs.py``) run ``manage.py run_direct_payments`` in a separate process
killed at each step in turn, run it again, and check the ledger and the files on disk. Unset (always, outside
those tests), a step costs one look at the environment.
"""

from __future__ import annotations

import os
import signal

#: Every step of a payment run, in the order a run reaches them.
STEPS = (
    "run_started",  # the run's row is saved; nothing paid yet
    "batch_uncommitted",  # the first batch's payments and ledger are written but not committed
    "batch_paid",  # the first batch is committed; later batches are not paid yet
    "payments_made",  # every batch is paid; no bank file yet
    "file_claim_uncommitted",  # the file's row and its payments are written but not committed
    "file_claimed",  # the file's row is committed: between the commit and the file
    "file_partly_written",  # half the file is in its temporary name
    "file_renamed",  # the file is in the folder and synced, not yet recorded as written
    "file_recorded",  # the file is recorded as written; the run is not yet marked completed
)


def fault_point(step: str) -> None:
    """Kill this process now if ``OWNWAY_FAULT_AT`` names ``step``."""
    if step not in STEPS:
        raise ValueError(f"Unknown fault step {step!r}: add it to payments.faults.STEPS")
    if os.environ.get("OWNWAY_FAULT_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)
