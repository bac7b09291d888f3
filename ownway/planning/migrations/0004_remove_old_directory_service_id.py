"""The bare directory service id, now kept as a link (0003), goes (its own step, after the rows are changed)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("planning", "0003_line_directory_service")]

    operations = [migrations.RemoveField(model_name="planline", name="old_directory_service_id")]
