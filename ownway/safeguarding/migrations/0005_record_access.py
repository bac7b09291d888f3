import django.db.models.deletion
from django.db import migrations, models


def load(apps, schema_editor):
    from ownway.safeguarding.defaults import defaults_load

    defaults_load(apps.get_model("safeguarding", "SafeguardingValue"), apps.get_model("safeguarding", "Timescale"))


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0004_large_scale"),
    ]

    operations = [
        migrations.AlterField(
            model_name="timescale",
            name="stage",
            field=models.CharField(
                choices=[
                    ("decision", "Deciding whether to make an enquiry"),
                    ("enquiry", "Concluding an enquiry"),
                    ("msp_feedback", "Asking the adult about their experience after closure"),
                    ("record_access", "Opening the adult's record after the concern closed"),
                ],
                max_length=20,
                unique=True,
            ),
        ),
        migrations.CreateModel(
            name="RecordAccess",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("until", models.DateField()),
                (
                    "concern",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="record_access",
                        to="safeguarding.concern",
                    ),
                ),
            ],
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
