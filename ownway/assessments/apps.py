from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "ownway.assessments"
    label = "assessments"
    verbose_name = "Assessments and eligibility"
