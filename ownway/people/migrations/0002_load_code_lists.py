from django.db import migrations


def load(apps, schema_editor):
    from ownway.people.code_lists import load_code_lists

    load_code_lists(apps.get_model("people", "CodeValue"))


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
