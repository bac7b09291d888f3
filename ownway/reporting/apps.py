from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "ownway.reporting"
    label = "reporting"
    verbose_name = "Reporting: Client Level Data and its data quality"

    def ready(self) -> None:
        from ownway.people.demo.builder import city_clearing

        from .demo import clear_cld_checks

        city_clearing.connect(clear_cld_checks, dispatch_uid="reporting-clear-city")

        from ownway.jobs.models import Cadence
        from ownway.jobs.services import ScheduleDefault, schedule_register

        from . import tasks

        # Each quarter's rolling twelve months, checked and written a week after the quarter ends (the submission
        # window closes a month after it: standards.md §1.1). The schedules run yearly, one for each quarter.
        for key, month, day in tasks.QUARTERLY:
            schedule_register(
                ScheduleDefault(
                    key=key,
                    label=f"Write and check the Client Level Data extract ({tasks.quarter_words(month)})",
                    work=lambda: tasks.cld_extract_job,
                    cadence=Cadence.YEARLY,
                    at=lambda: tasks.EXTRACT_AT,
                    month=month,
                    day=day,
                )
            )
