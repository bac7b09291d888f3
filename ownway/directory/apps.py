from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "ownway.directory"
    label = "directory"
    verbose_name = "Directory of support"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_fulltext, sender=self, dispatch_uid="directory_fulltext")
        from ownway.jobs.models import Cadence
        from ownway.jobs.services import ScheduleDefault, schedule_register

        from . import tasks

        schedule_register(
            ScheduleDefault(
                key=tasks.SCHEDULE_KEY,
                label="Import the directory's registered feeds again",
                work=lambda: tasks.feeds_import_all,
                cadence=Cadence.DAILY,
                at=tasks.feeds_import_at,
            )
        )


def _ensure_fulltext(using: str = "default", **kwargs: object) -> None:
    """After ``migrate``: SQLite's full-text table and triggers, made again if a migration rebuilt the table."""
    from django.db import connections

    from .fulltext import ensure_sqlite_index

    ensure_sqlite_index(connections[using])
