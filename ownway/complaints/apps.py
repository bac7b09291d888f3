from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "ownway.complaints"
    label = "complaints"
    verbose_name = "Complaints"
