from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "ownway.planning"
    label = "planning"
    verbose_name = "Support plans and personal budgets"

    def ready(self) -> None:
        from ownway.charging.followers import contribution_follower_register

        from .followers import BUDGET_SPLIT

        contribution_follower_register(BUDGET_SPLIT)
