from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ownway.api"
    label = "api"
    verbose_name = "JSON API"
