"""Consent for a carer moved to the carers app (its rows copied by carers' first migration, before this one)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dayops", "0007_recorded_by"),
        ("carers", "0002_breaks"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="carerconsent",
            name="carer_consent_one_current",
        ),
        migrations.DeleteModel(
            name="CarerConsent",
        ),
    ]
