from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "ownway.complaints"
    label = "complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register

        from .panels import COMPLAINTS_PANEL

        record_panel_register(COMPLAINTS_PANEL)

        from ownway.people.demo.builder import city_clearing

        from .demo import clear_complaints

        city_clearing.connect(clear_complaints, dispatch_uid="complaints-clear-city")
