from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "ownway.jobs"
    label = "jobs"
    verbose_name = "Background work"

    def ready(self) -> None:
        from . import checks  # noqa: F401
