"""Put version 1 of the RAS (ownway/allocation/rules/default_model.py) into use on a new database."""

from django.db import migrations
from django.utils import timezone

from ownway.allocation.rules.default_model import default_definition


def create(apps, schema_editor):
    RasModelVersion = apps.get_model("allocation", "RasModelVersion")
    if RasModelVersion.objects.exists():
        return
    RasModelVersion.objects.create(
        number=1,
        name="Ownway starting model (to be calibrated)",
        definition=default_definition(),
        status="active",
        notes="Shipped with Ownway: fit it to the council's own support-plan costs with manage.py calibrate_ras.",
        activated_at=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("allocation", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
