from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "ownway.inbox"
    label = "inbox"
    verbose_name = "Messages and the person's own pages"
