from django.db import migrations


def load(apps, schema_editor):
    from ownway.guide.pages import defaults_load as pages_load
    from ownway.guide.terms import defaults_load as terms_load

    terms_load(apps.get_model("guide", "Term"), apps.get_model("guide", "TermName"))
    pages_load(apps.get_model("guide", "Page"), apps.get_model("guide", "PageVersion"))


class Migration(migrations.Migration):
    dependencies = [("guide", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
