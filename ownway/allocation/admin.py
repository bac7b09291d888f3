from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import RasModelVersion


@admin.register(RasModelVersion)
class RasModelVersionAdmin(admin.ModelAdmin[RasModelVersion]):
    """Versions are made and put into use through the services (never edited): here they are read."""

    list_display = ("number", "name", "status", "created_at", "activated_at")
    readonly_fields = ("number", "name", "definition", "status", "notes", "created_by", "created_at", "activated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
