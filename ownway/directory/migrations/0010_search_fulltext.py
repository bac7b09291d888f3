"""Full-text search of the directory's services, and services without a location made findable.

* ``has_location``: whether the service is offered at a location with a known position (kept in step by the
  services), so a search near a postcode can list the services offered anywhere after the ones nearby.
* PostgreSQL: ``search_vector``, the service's name (weight A) and its search text (weight B) as an
  English ``tsvector``, written by a trigger whenever either changes, with a GIN index.
* SQLite: ``directory_service_fts``, an FTS5 table (Porter stemming, accents folded) with the same two
  columns, keyed by the service's ``search_key`` and kept in step by triggers
  (:func:`ownway.directory.fulltext.ensure_sqlite_index`).

Triggers (not the services) keep both in step, so that every way of writing a service (an import, a
provider's change, a bulk load) leaves the index right.
"""

import random

import django.contrib.postgres.search
from django.db import migrations, models


def fill_keys_and_locations(apps, schema_editor):
    """A search key of its own for each existing service, whether it is offered at a location, and no longer free
    when nothing says so."""
    Service = apps.get_model("directory", "Service")
    ServiceAtLocation = apps.get_model("directory", "ServiceAtLocation")
    rng = random.SystemRandom()
    for pk in Service.objects.values_list("pk", flat=True).iterator(2000):
        Service.objects.filter(pk=pk).update(search_key=rng.randrange(1, 2**62))
    located = ServiceAtLocation.objects.filter(
        location__latitude__isnull=False, location__longitude__isnull=False
    ).values("service_id")
    Service.objects.filter(pk__in=located).update(has_location=True)
    # A service whose cost options give no amount (or that has none) said nothing about cost: not free.
    costed = apps.get_model("directory", "CostOption").objects.filter(amount__isnull=False).values("service_id")
    Service.objects.exclude(pk__in=costed).update(is_free=False, cost_from=None)
    ServiceAtLocation.objects.exclude(service_id__in=costed).update(is_free=False, cost_from=None)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0009_import_feed_shapes_and_ownership"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="has_location",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="service",
            name="search_key",
            field=models.BigIntegerField(default=0, editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="service",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_keys_and_locations, migrations.RunPython.noop, elidable=True),
    ]
