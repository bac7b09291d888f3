"""An index on the services' names as the search compares them (upper case), so that a search near a postcode finds
the service named exactly as the words typed, which it lists first, without reading every service that has the words.
"""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0011_search_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="service",
            index=models.Index(django.db.models.functions.text.Upper("name"), name="directory_service_name_upper"),
        ),
    ]
