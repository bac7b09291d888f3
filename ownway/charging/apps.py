from django.apps import AppConfig


class ChargingConfig(AppConfig):
    name = "ownway.charging"
    label = "charging"
    verbose_name = "Financial assessments and contributions"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register

        from .panels import CONTRIBUTION_PANEL

        record_panel_register(CONTRIBUTION_PANEL)

        from ownway.jobs.models import Cadence
        from ownway.jobs.services import ScheduleDefault, schedule_register

        from . import tasks

        schedule_register(
            ScheduleDefault(
                key=tasks.SCHEDULE_KEY,
                label="Work out contributions again under the new year's figures",
                work=lambda: tasks.contributions_uprate_job,
                cadence=Cadence.YEARLY,
                at=lambda: tasks.UPRATING_AT,
                month=tasks.UPRATING_MONTH,
                day=tasks.UPRATING_DAY,
            )
        )
