from django.apps import AppConfig


class CarersConfig(AppConfig):
    name = "ownway.carers"
    label = "carers"
    verbose_name = "Carers' support"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register

        # Part "carers": each carer's assessment offered or done, and their contingency plan.
        from .panels_offers import CARERS_PANEL

        record_panel_register(CARERS_PANEL)
