"""The surveys' questions (ownway.surveys.definitions), written as data."""

from django.db import migrations


def write(apps, schema_editor):
    from ownway.surveys.definitions import definitions_write

    definitions_write(
        apps.get_model("surveys", "Survey"), apps.get_model("surveys", "SurveyVersion"),
        apps.get_model("surveys", "Question"),
    )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(write, migrations.RunPython.noop)]
