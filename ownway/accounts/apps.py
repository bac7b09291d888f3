from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ownway.accounts"
    label = "accounts"
    verbose_name = "Accounts, teams and audit"
