"""The 2025/26 charging figures (ownway/charging/rules/rulesets.py), with the unconfirmed ones marked."""

import datetime as dt

from django.db import migrations

from ownway.charging.rules.rulesets import RULES_2025_26


def create(apps, schema_editor):
    ChargingRuleSet = apps.get_model("charging", "ChargingRuleSet")
    ChargingRuleSet.objects.get_or_create(
        year=RULES_2025_26.year, defaults={"starts_on": dt.date(2025, 4, 6), "figures": RULES_2025_26.to_data()}
    )


class Migration(migrations.Migration):
    dependencies = [("charging", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
