from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "ownway.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"
