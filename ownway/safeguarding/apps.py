from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "ownway.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding adults"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register
        from ownway.people.permissions import person_access_register

        from .access import SAFEGUARDING_ACCESS
        from .panels import SAFEGUARDING_PANEL

        record_panel_register(SAFEGUARDING_PANEL)
        person_access_register(SAFEGUARDING_ACCESS)
