from django.apps import AppConfig


class CarersConfig(AppConfig):
    name = "ownway.carers"
    label = "carers"
    verbose_name = "Carers' support"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register

        from .panels_breaks import BREAKS_PANEL

        record_panel_register(BREAKS_PANEL)
