from django.apps import AppConfig


class EnablementConfig(AppConfig):
    name = "ownway.enablement"
    label = "enablement"
    verbose_name = "Enablement (short-term help at home) and its rota"

    def ready(self) -> None:
        from django.urls import reverse

        from ownway.jobs.notices import job_page_register

        from .tasks import rota_optimise_day, rota_optimise_week

        for work in (rota_optimise_day, rota_optimise_week):
            job_page_register(work, lambda job: reverse("enablement:rota_run", kwargs={"pk": job.pk}))
