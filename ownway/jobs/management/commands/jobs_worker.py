"""``ownway worker``: run a background worker until stopped (Ctrl+C or SIGTERM finish the current task first)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ownway.jobs.worker import Worker


class Command(BaseCommand):
    help = "Run a background worker: queued tasks, scheduled work, and recovery of stopped workers' tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds to wait when the queue is empty.")
        parser.add_argument("--batch", action="store_true", help="Run what is queued now, then stop.")
        parser.add_argument("--worker-id", default="", help="A name for this worker, unique across all workers.")

    def handle(self, *args: Any, interval: float, batch: bool, worker_id: str, **options: Any) -> None:
        if not 0 <= interval <= 60:
            self.stderr.write("--interval must be from 0 to 60 seconds")
            raise SystemExit(2)
        if len(worker_id) > 64:
            self.stderr.write("--worker-id must be 64 characters or fewer")
            raise SystemExit(2)
        for name in ("ownway.jobs", "django_tasks_db", "django.tasks"):
            log = logging.getLogger(name)
            if not log.handlers and not logging.getLogger().handlers:
                log.addHandler(logging.StreamHandler(self.stdout))
            log.setLevel(logging.INFO if options["verbosity"] >= 1 else logging.WARNING)
        worker = Worker(interval=interval, batch=batch, worker_id=worker_id)
        worker.configure_signals()
        worker.run()
