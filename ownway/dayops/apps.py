from django.apps import AppConfig


class DayopsConfig(AppConfig):
    name = "ownway.dayops"
    label = "dayops"
    verbose_name = "Day opportunities: tiers, placements and progression"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register

        from .panels import DAYOPS_PANEL

        record_panel_register(DAYOPS_PANEL)
