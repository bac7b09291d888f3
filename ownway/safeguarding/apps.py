from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "ownway.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding adults"

    def ready(self) -> None:
        from ownway.people.panels import record_panel_register
        from ownway.people.permissions import person_access_register
        from ownway.ui.offers import offer_register

        from .access import SAFEGUARDING_ACCESS
        from .links import DIRECT_PAYMENT_OFFER, PROVIDER_OFFER, REVIEW_OFFER
        from .panels import SAFEGUARDING_PANEL

        record_panel_register(SAFEGUARDING_PANEL)
        person_access_register(SAFEGUARDING_ACCESS)
        offer_register(DIRECT_PAYMENT_OFFER)
        offer_register(REVIEW_OFFER)
        offer_register(PROVIDER_OFFER)

        from ownway.directory.quality import quality_notes_register

        from .large_scale import service_quality_notes

        quality_notes_register("safeguarding", service_quality_notes)

        from ownway.people.demo.builder import city_clearing

        from .demo import clear_safeguarding

        city_clearing.connect(clear_safeguarding, dispatch_uid="safeguarding-clear-city")
