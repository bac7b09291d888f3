from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "ownway.home"
    label = "home"
    verbose_name = "Home page and navigation"
