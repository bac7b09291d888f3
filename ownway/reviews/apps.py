from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "ownway.reviews"
    label = "reviews"
    verbose_name = "Reviews of care and support plans"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register
        from ownway.planning.followers import PLAN_APPROVED

        from .panels import REVIEWS_PANEL
        from .services import FIRST_REVIEW

        PLAN_APPROVED.register(FIRST_REVIEW)
        record_panel_register(REVIEWS_PANEL)

        from ownway.jobs.models import Cadence
        from ownway.jobs.services import ScheduleDefault, schedule_register

        from . import tasks

        schedule_register(
            ScheduleDefault(
                key=tasks.SCHEDULE_KEY,
                label="Schedule the reviews due and tell people theirs is coming",
                work=lambda: tasks.review_reminders,
                cadence=Cadence.DAILY,
                at=tasks.reminders_at,
            )
        )
