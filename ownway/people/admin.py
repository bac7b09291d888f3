from django.contrib import admin

from ownway.accounts.admin import AuditedAdmin

from .models import CodeValue


@admin.register(CodeValue)
class CodeValueAdmin(AuditedAdmin):
    """Code lists are data a council can correct (for example when NHS England revises a list)."""

    list_display = ["list", "code", "label", "cld_r1", "cld_r2", "group", "is_active"]
    list_filter = ["list", "is_active"]
