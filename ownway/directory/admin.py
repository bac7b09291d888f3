"""The directory in the administration site, and the action that imports registered ORUK feeds."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from ownway.accounts.admin import AuditedAdmin
from ownway.accounts.models import User

from .models import (
    Feed,
    Organization,
    PersonalAssistant,
    Postcode,
    ProviderAccount,
    Service,
    ServiceChange,
    Taxonomy,
    TaxonomyTerm,
)
from .tasks import feeds_import_start


@admin.register(Feed)
class FeedAdmin(AuditedAdmin):
    list_display = ["name", "source", "is_api", "last_imported_at", "last_summary"]
    readonly_fields = ["last_imported_at", "last_summary", "last_rejected", "last_report"]
    actions = ["import_now"]

    @admin.action(description="Import the selected feeds now")
    def import_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        """Start an import of each selected feed in the background; each feed's record shows how it went."""
        if not isinstance(request.user, User):
            raise PermissionDenied("You cannot import into the directory")
        started = feeds_import_start(actor=request.user, feeds=queryset.order_by("pk"))
        count = f"{len(started)} feed{'s' if len(started) != 1 else ''}"
        self.message_user(
            request,
            format_html(
                "Importing {} in the background. Each feed's record shows how its import went when it is done; "
                'follow them on <a href="{}">background work</a>.',
                count,
                reverse("jobs:list"),
            ),
            messages.SUCCESS,
        )


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["name", "organization", "status", "kind", "assured_date", "cqc_rating"]
    list_filter = ["status", "kind", "cqc_rating"]
    search_fields = ["name", "organization__name"]
    readonly_fields = ["last_modified"]
    raw_id_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name", "email", "website"]
    search_fields = ["name"]


@admin.register(ProviderAccount)
class ProviderAccountAdmin(AuditedAdmin):
    list_display = ["user", "organization"]
    raw_id_fields = ["user", "organization"]


@admin.register(ServiceChange)
class ServiceChangeAdmin(AuditedAdmin):
    list_display = ["service", "status", "submitted_by", "submitted_at", "reviewed_by"]
    list_filter = ["status"]
    readonly_fields = ["service", "proposed", "before", "status", "submitted_by", "reviewed_by", "reviewed_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PersonalAssistant)
class PersonalAssistantAdmin(AuditedAdmin):
    list_display = ["name", "areas", "hourly_rate", "consent_given_at", "consent_withdrawn_at"]
    search_fields = ["name", "areas"]


@admin.register(Taxonomy)
class TaxonomyAdmin(AuditedAdmin):
    list_display = ["name", "uri", "version"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(AuditedAdmin):
    list_display = ["name", "taxonomy", "code"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin[Postcode]):
    list_display = ["postcode", "latitude", "longitude", "source"]
    search_fields = ["postcode"]
