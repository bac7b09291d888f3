from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "ownway.surveys"
    label = "surveys"
    verbose_name = "Outcome and experience surveys"

    def ready(self) -> None:
        from ownway.core.followers import Follower
        from ownway.jobs.models import Cadence
        from ownway.jobs.services import ScheduleDefault, schedule_register
        from ownway.people.demo.builder import city_clearing
        from ownway.people.panels import record_panel_register
        from ownway.reviews.followers import REVIEW_HELD

        from . import tasks
        from .demo import clear_surveys
        from .panels import SURVEYS_PANEL
        from .services import review_surveys_send

        REVIEW_HELD.register(Follower(name="surveys.after_review", follow=review_surveys_send, order=200))
        record_panel_register(SURVEYS_PANEL)
        city_clearing.connect(clear_surveys, dispatch_uid="surveys-clear-city")
        schedule_register(
            ScheduleDefault(
                key=tasks.SCHEDULE_KEY,
                label="Ask the people whose plan has run for a while how it is going",
                work=lambda: tasks.survey_invitations,
                cadence=Cadence.DAILY,
                at=tasks.surveys_at,
            )
        )
