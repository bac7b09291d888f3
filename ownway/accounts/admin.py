from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone

from . import events
from .audit import audit_record
from .models import ApiToken, AuditEvent, Team, User


def _admin_actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Writes every save and delete made in the administration site to the audit trail too."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: ModelForm[Any], change: bool) -> None:
        super().save_model(request, obj, form, change)
        changed = {name: str(form.cleaned_data.get(name)) for name in form.changed_data if name != "password"}
        audit_record(actor=_admin_actor(request), action=events.ADMIN_RECORD_SAVED, subject=obj, new=changed)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        audit_record(actor=_admin_actor(request), action=events.ADMIN_RECORD_DELETED, subject=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            audit_record(actor=_admin_actor(request), action=events.ADMIN_RECORD_DELETED, subject=obj)
        super().delete_queryset(request, queryset)


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name", "kind", "area", "is_active"]
    list_filter = ["kind", "is_active"]


@admin.register(User)
class OwnwayUserAdmin(AuditedAdmin, UserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Ownway", {"fields": ("role", "team", "job_title", "person", "organisation_name")}),
    )
    raw_id_fields = ["person"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Tokens are made with ``manage.py create_api_token`` (the secret is shown once); here they are revoked."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "digest", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(actor=_admin_actor(request), action=events.API_TOKEN_REVOKED, subject=token)


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
