"""The worker: takes queued tasks from the database one at a time and runs them.

It is django_tasks_db's worker loop with what a council's service needs around it: it says it is alive every
few seconds from a thread of its own (so a long optimisation does not look like a dead worker), puts back in
the queue the work of workers that stopped, and starts scheduled work when its time comes. Any number of
workers on any number of machines may share one PostgreSQL database: a task is claimed under a row lock
(``SELECT … FOR UPDATE SKIP LOCKED``), so each runs once; on SQLite claims are serialised by an exclusive
transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time

from django.db import close_old_connections, connection
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from . import services

logger = logging.getLogger("ownway.jobs")

#: How often a worker says it is alive.
BEAT_SECONDS = 5.0
#: How often it looks for stopped workers' tasks and for scheduled work that is due.
HOUSEKEEPING_SECONDS = 10.0


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


class Worker(DatabaseWorker):
    def __init__(
        self,
        *,
        interval: float = 1.0,
        batch: bool = False,
        max_tasks: int | None = None,
        worker_id: str = "",
        schedules: bool = True,
    ) -> None:
        super().__init__(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=worker_id or new_worker_id(),
            excluded_queue_names=[],
        )
        self.started_at = timezone.now()
        self._stop_beating = threading.Event()
        self._last_housekeeping = 0.0
        self._contended = False
        #: Whether this worker starts the scheduled work that has fallen due (every real worker does).
        self.schedules = schedules

    # -- being alive ----------------------------------------------------------------------------------------

    def beat(self) -> None:
        services.worker_beat(self.worker_id, host=socket.gethostname(), pid=os.getpid(), started_at=self.started_at)

    def _beat_forever(self) -> None:
        # Several beats within the time after which a worker is taken for stopped, however short it is set.
        every = min(BEAT_SECONDS, services.worker_stale_after().total_seconds() / 3)
        try:
            while not self._stop_beating.wait(every):
                try:
                    self.beat()
                except Exception:  # a lost connection must not kill the beat: try again next time
                    logger.exception("Worker %s could not record that it is alive", self.worker_id)
                    connection.close()
        finally:
            connection.close()

    def housekeeping(self) -> None:
        services.jobs_recover_abandoned()
        if self.schedules:
            services.schedules_enqueue_due()

    # -- the loop -------------------------------------------------------------------------------------------

    def run(self) -> None:
        services.CURRENT_WORKER_ID = self.worker_id
        self.beat()
        services.schedules_ensure()
        beating = threading.Thread(target=self._beat_forever, name="ownway-worker-beat", daemon=True)
        beating.start()
        logger.info("Worker %s started", self.worker_id)
        try:
            self._loop()
        finally:
            self._stop_beating.set()
            beating.join(timeout=BEAT_SECONDS * 2)
            try:
                services.worker_gone(self.worker_id)
            except Exception:
                logger.exception("Worker %s could not record that it stopped", self.worker_id)
            logger.info("Worker %s stopped", self.worker_id)

    def _loop(self) -> None:
        while self.running:
            _close_old_connections()
            if time.monotonic() - self._last_housekeeping >= HOUSEKEEPING_SECONDS or self.batch:
                self._last_housekeeping = time.monotonic()
                try:
                    self.housekeeping()
                except OperationalError as error:
                    if not is_locked_database_exception(error):
                        raise
            task_result = self.claim()
            if task_result is not None:
                self.run_task(task_result)
            elif self.batch and not self._contended:
                return  # nothing left to run (a queue another worker held locked is looked at again)
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            _close_old_connections()
            if self.running and task_result is None:
                time.sleep(max(self.interval, 0.05) if self._contended else self.interval)

    def claim(self) -> DBTaskResult | None:
        """The next task ready to run, claimed for this worker; ``None`` when there is none or another worker
        held the queue locked (then ``_contended`` is set, so a worker in batch mode looks again)."""
        self._contended = False
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
                return task_result
        except OperationalError as error:
            if is_locked_database_exception(error):
                self._contended = True
                return None
            raise


def _close_old_connections() -> None:
    """Drop database connections that broke or grew old, as a request does; not inside a transaction (a test's,
    or a command's that runs the queue in-process), where closing would end the caller's transaction."""
    if not connection.in_atomic_block:
        close_old_connections()


def run_queued(*, max_tasks: int | None = None, schedules: bool = False) -> int:
    """Run everything queued now in this process, then return how many tasks ran (for tests and commands).

    Scheduled work that falls due meanwhile (the night's feed import, the day's payment run) is started too only
    when ``schedules`` says so: what is queued is what the caller put there, whatever the clock says."""
    worker = Worker(interval=0, batch=True, max_tasks=max_tasks, schedules=schedules)
    worker.run()
    return worker._run_tasks


def seconds_since(moment: dt.datetime) -> float:
    return (timezone.now() - moment).total_seconds()
