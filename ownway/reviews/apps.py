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
