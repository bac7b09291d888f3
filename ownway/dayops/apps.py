from django.apps import AppConfig


class DayopsConfig(AppConfig):
    name = "ownway.dayops"
    label = "dayops"
    verbose_name = "Day opportunities: tiers, placements and progression"

    def ready(self) -> None:
        from ownway.people.demo.builder import city_clearing
        from ownway.people.panels import record_panel_register

        from .demo import clear_day_opportunities
        from .panels import DAYOPS_PANEL

        record_panel_register(DAYOPS_PANEL)
        city_clearing.connect(clear_day_opportunities, dispatch_uid="dayops-clear-city")
