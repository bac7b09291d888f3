from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "ownway.directory"
    label = "directory"
    verbose_name = "Directory of support"
