from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "ownway.payments"
    label = "payments"
    verbose_name = "Direct payments"

    def ready(self) -> None:
        from ownway.charging.followers import contribution_follower_register

        from .followers import AGREEMENT_RATE

        contribution_follower_register(AGREEMENT_RATE)
