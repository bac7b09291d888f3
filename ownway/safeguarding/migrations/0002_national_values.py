from django.db import migrations


def load(apps, schema_editor):
    from ownway.safeguarding.defaults import defaults_load

    defaults_load(apps.get_model("safeguarding", "SafeguardingValue"), apps.get_model("safeguarding", "Timescale"))


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
