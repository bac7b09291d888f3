from django.apps import AppConfig


class ChargingConfig(AppConfig):
    name = "ownway.charging"
    label = "charging"
    verbose_name = "Financial assessments and contributions"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register

        from .panels import CONTRIBUTION_PANEL

        record_panel_register(CONTRIBUTION_PANEL)
