from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ownway.accounts"
    label = "accounts"
    verbose_name = "Accounts, teams and audit"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deployment checks
