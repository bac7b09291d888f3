from django.apps import AppConfig


class CarersConfig(AppConfig):
    name = "ownway.carers"
    label = "carers"
    verbose_name = "Carers' support"

    def ready(self) -> None:
        from ownway.people.consent import consent_source_register
        from ownway.people.panels import record_panel_register
        from ownway.planning.panels import own_plan_panel_register

        from .panels_breaks import BREAKS_PANEL
        from .panels_offers import CARERS_PANEL, OWN_CONTINGENCY_PANEL
        from .selectors_consent import consents_standing

        # Each carer's assessment offered or done, and their contingency plan.
        record_panel_register(CARERS_PANEL)
        # The carers' contingency plans, on the cared-for person's own plan page.
        own_plan_panel_register(OWN_CONTINGENCY_PANEL)
        # What a carer may see by consent, and their breaks from caring.
        record_panel_register(BREAKS_PANEL)
        consent_source_register(lambda relationships, covering: consents_standing(relationships, covering=covering))
