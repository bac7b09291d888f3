from django.db import migrations


def load(apps, schema_editor):
    from ownway.complaints.defaults import defaults_load

    defaults_load(apps.get_model("complaints", "ComplaintTimescale"))


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
