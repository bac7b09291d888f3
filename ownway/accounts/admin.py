from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from .models import ApiToken, AuditEvent, Team, User


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ["name", "kind", "area", "is_active"]
    list_filter = ["kind", "is_active"]


@admin.register(User)
class OwnwayUserAdmin(UserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Ownway", {"fields": ("role", "team", "job_title", "person", "organisation_name")}),
    )
    raw_id_fields = ["person"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """The audit trail, read-only: nobody can add, change or delete an entry here."""

    list_display = ["occurred_at", "actor_label", "action", "subject_type", "subject_id", "person_id", "ip_address"]
    list_filter = ["action", "via"]
    search_fields = ["actor_label", "subject_id", "request_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
