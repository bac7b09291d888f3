"""Full-text search of the directory's services, the second step (the first, ``0010_search_fulltext``, adds the
columns and fills them): each service's search key made unique, the index of located services, "free" only when a
cost option says so, and the full-text index with the triggers that keep it (see ``0010``). A migration of its own
because PostgreSQL refuses to alter a table in the transaction that has just updated its rows.
"""

from django.db import migrations, models

import ownway.directory.models
from ownway.directory.fulltext import ensure_sqlite_index

POSTGRES = [
    """
    CREATE FUNCTION directory_service_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A')
            || setweight(to_tsvector('english', coalesce(NEW.search_text, '')), 'B');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER directory_service_search_vector
    BEFORE INSERT OR UPDATE OF name, search_text ON directory_service
    FOR EACH ROW EXECUTE FUNCTION directory_service_search_vector()
    """,
    "UPDATE directory_service SET name = name",
    "CREATE INDEX directory_service_search ON directory_service USING gin (search_vector)",
]
POSTGRES_BACK = [
    "DROP INDEX IF EXISTS directory_service_search",
    "DROP TRIGGER IF EXISTS directory_service_search_vector ON directory_service",
    "DROP FUNCTION IF EXISTS directory_service_search_vector()",
]
SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS directory_service_fts_insert",
    "DROP TRIGGER IF EXISTS directory_service_fts_update",
    "DROP TRIGGER IF EXISTS directory_service_fts_delete",
    "DROP TABLE IF EXISTS directory_service_fts",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        ensure_sqlite_index(schema_editor.connection)
    elif schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    statements = {"postgresql": POSTGRES_BACK, "sqlite": SQLITE_BACK}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0010_search_fulltext"),
    ]

    operations = [
        migrations.AlterField(
            model_name="service",
            name="search_key",
            field=models.BigIntegerField(default=ownway.directory.models.new_search_key, editable=False, unique=True),
        ),
        migrations.AddIndex(
            model_name="service",
            index=models.Index(fields=["status", "has_location"], name="directory_service_located"),
        ),
        # Free only when a cost option says so (rules.cost): a service not yet costed is not free.
        migrations.AlterField(
            model_name="service",
            name="is_free",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AlterField(
            model_name="serviceatlocation",
            name="is_free",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(install, uninstall),
    ]
