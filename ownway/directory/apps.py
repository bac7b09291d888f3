from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "ownway.directory"
    label = "directory"
    verbose_name = "Directory of support"

    def ready(self) -> None:
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
