from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "ownway.payments"
    label = "payments"
    verbose_name = "Direct payments"
