"""Each financial assessment says the date its charge applies from, which chooses the year's figures.

Assessments made before this were worked out with the figures in force on the day they were made, so
that day is the date their charge applies from.
"""

from django.db import migrations, models
from django.utils import timezone


def from_the_day_assessed(apps, schema_editor):
    FinancialAssessment = apps.get_model("charging", "FinancialAssessment")
    for fa in FinancialAssessment.objects.filter(charges_from__isnull=True).only("pk", "assessed_at").iterator():
        FinancialAssessment.objects.filter(pk=fa.pk).update(charges_from=timezone.localdate(fa.assessed_at))


class Migration(migrations.Migration):
    dependencies = [("charging", "0002_rules_2025_26")]
    operations = [
        migrations.AddField(model_name="financialassessment", name="charges_from", field=models.DateField(null=True)),
        migrations.RunPython(from_the_day_assessed, migrations.RunPython.noop),
        migrations.AlterField(model_name="financialassessment", name="charges_from", field=models.DateField()),
    ]
