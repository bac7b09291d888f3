from django.apps import AppConfig


class CarersConfig(AppConfig):
    name = "ownway.carers"
    label = "carers"
    verbose_name = "Carers' support"

    def ready(self) -> None:
        from ownway.people.consent import consent_source_register
        from ownway.people.panels import record_panel_register

        from .panels_breaks import BREAKS_PANEL
        from .selectors_consent import consents_standing

        record_panel_register(BREAKS_PANEL)
        consent_source_register(lambda relationships, covering: consents_standing(relationships, covering=covering))
