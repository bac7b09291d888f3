from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "ownway.surveys"
    label = "surveys"
    verbose_name = "Outcome and experience surveys"
