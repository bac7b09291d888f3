"""Plan lines point at the directory service itself, not at a bare id.

Each id already recorded is kept: it becomes the link when the directory has that service; when it does not,
the id is written into the line's description so it is not lost.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_services(apps, schema_editor):
    PlanLine = apps.get_model("planning", "PlanLine")
    Service = apps.get_model("directory", "Service")
    lines = PlanLine.objects.exclude(old_directory_service_id=None)
    known = set(Service.objects.filter(pk__in=lines.values("old_directory_service_id")).values_list("pk", flat=True))
    for line in lines:
        if line.old_directory_service_id in known:
            line.directory_service_id = line.old_directory_service_id
            line.save(update_fields=["directory_service"])
        else:
            line.description = (
                f"{line.description}\n(Directory entry {line.old_directory_service_id}, no longer in the directory)"
            )
            line.save(update_fields=["description"])


def unlink_services(apps, schema_editor):
    PlanLine = apps.get_model("planning", "PlanLine")
    for line in PlanLine.objects.exclude(directory_service=None):
        line.old_directory_service_id = line.directory_service_id
        line.save(update_fields=["old_directory_service_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_search_rows"),
        ("planning", "0002_budget_and_contribution_sources"),
    ]

    operations = [
        migrations.RenameField(
            model_name="planline", old_name="directory_service_id", new_name="old_directory_service_id"
        ),
        migrations.AddField(
            model_name="planline",
            name="directory_service",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="directory.service",
            ),
        ),
        migrations.RunPython(link_services, unlink_services),
    ]
