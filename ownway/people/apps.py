from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "ownway.people"
    label = "people"
    verbose_name = "People"
