from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "ownway.planning"
    label = "planning"
    verbose_name = "Support plans and personal budgets"
