from django.apps import AppConfig


class EnablementConfig(AppConfig):
    name = "ownway.enablement"
    label = "enablement"
    verbose_name = "Enablement (short-term help at home) and its rota"
