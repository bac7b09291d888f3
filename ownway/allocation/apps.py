from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "ownway.allocation"
    label = "allocation"
    verbose_name = "Resource Allocation System and indicative budgets"
