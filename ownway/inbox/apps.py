from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "ownway.inbox"
    label = "inbox"
    verbose_name = "Messages and the person's own pages"

    def ready(self) -> None:
        from ownway.people.demo.builder import city_clearing

        from .demo import clear_messages

        city_clearing.connect(clear_messages, dispatch_uid="inbox-clear-city")
