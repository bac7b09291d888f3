from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "ownway.guide"
    label = "guide"
    verbose_name = "Jargon buster and public information"

    def ready(self) -> None:
        from ownway.ui.explain import glossary_source_register

        from .selectors import explained_terms

        glossary_source_register(explained_terms)

        from .blocks import blocks_register

        blocks_register()
