from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "ownway.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding adults"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register

        from .panels import SAFEGUARDING_PANEL

        record_panel_register(SAFEGUARDING_PANEL)

        from ownway.directory.quality import quality_notes_register

        from .large_scale import service_quality_notes

        quality_notes_register("safeguarding", service_quality_notes)
