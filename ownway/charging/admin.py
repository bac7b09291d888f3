from django.contrib import admin

from .models import ChargingRuleSet


@admin.register(ChargingRuleSet)
class ChargingRuleSetAdmin(admin.ModelAdmin[ChargingRuleSet]):
    """Figures are changed with the services (so the change is audited): here they are read."""

    list_display = ("year", "starts_on", "updated_at")
    readonly_fields = ("year", "starts_on", "figures", "updated_by", "updated_at")
