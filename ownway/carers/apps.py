from django.apps import AppConfig


class CarersConfig(AppConfig):
    name = "ownway.carers"
    label = "carers"
    verbose_name = "Carers' support"
