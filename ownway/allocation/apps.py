from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "ownway.allocation"
    label = "allocation"
    verbose_name = "Resource Allocation System and indicative budgets"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register

        from .panels import BUDGET_PANEL

        record_panel_register(BUDGET_PANEL)
