import datetime as dt

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "ownway.jobs"
    label = "jobs"
    verbose_name = "Background work"

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401
            tasks,
        )
        from .models import Cadence
        from .services import ScheduleDefault, schedule_register

        schedule_register(
            ScheduleDefault(
                key="jobs-prune",
                label="Clear away the records of background work finished more than 90 days ago",
                work=lambda: tasks.jobs_prune,
                cadence=Cadence.DAILY,
                at=lambda: dt.time(3, 30),
            )
        )
