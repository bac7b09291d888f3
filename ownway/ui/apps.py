from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "ownway.ui"
    label = "ui"
    verbose_name = "Pages and forms (GOV.UK Design System)"
