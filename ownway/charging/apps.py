from django.apps import AppConfig


class ChargingConfig(AppConfig):
    name = "ownway.charging"
    label = "charging"
    verbose_name = "Financial assessments and contributions"
