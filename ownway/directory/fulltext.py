"""Full-text search of the directory's services: whole words, stemmed, ranked, on PostgreSQL and SQLite alike.

A search for "men" finds services that say "men" (and "man" is a different word), not "dementia", "mental" or
"women"; "walk" finds "walking" and "walks" because both databases reduce words to their stems (Porter's
English stemmer). Results carry a ``relevance``: words in the name count more than words elsewhere.

* **PostgreSQL**: the service's ``search_vector`` column (``to_tsvector('english', …)`` of the name, weight A,
  and the search text, weight B), written by a trigger and served by a GIN index; queries are
  ``plainto_tsquery('english', …)`` (every word must appear) and ranked with ``ts_rank``
  (``django.contrib.postgres.search``).
* **SQLite**: an FTS5 table ``directory_service_fts`` (columns ``name`` and ``body``, tokenizer
  ``porter unicode61 remove_diacritics 2``) whose row id is the service's ``search_key``, kept in step by
  triggers; queries are each word quoted (so no word is read as an FTS5 operator) and ranked with ``bm25``.

The triggers and the FTS5 table are made by migration ``0011``; :func:`ensure_sqlite_index` makes them again
(and refills the table) after any later migration that rebuilt ``directory_service`` on SQLite, which drops a
table's triggers with it. It runs after every ``migrate``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection as default_connection
from django.db import connections
from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

CONFIG = "english"
FTS_TABLE = "directory_service_fts"
#: The FTS5 table's rank (its own column, which works where a call of bm25() cannot, as beside a window count) is
#: set to bm25 with weights for the columns (name, body): a word in the name counts ten times one elsewhere.
SQLITE_RANK = "-directory_service_fts.rank"
#: ts_rank's weights for D, C, B and A: A is the name, B the rest.
POSTGRES_WEIGHTS = [0.1, 0.2, 0.4, 1.0]

SQLITE_TRIGGERS = {
    "directory_service_fts_insert": """
        CREATE TRIGGER IF NOT EXISTS directory_service_fts_insert AFTER INSERT ON directory_service BEGIN
            INSERT INTO directory_service_fts (rowid, name, body) VALUES (new.search_key, new.name, new.search_text);
        END""",
    "directory_service_fts_update": """
        CREATE TRIGGER IF NOT EXISTS directory_service_fts_update
        AFTER UPDATE OF name, search_text, search_key ON directory_service BEGIN
            DELETE FROM directory_service_fts WHERE rowid = old.search_key;
            INSERT INTO directory_service_fts (rowid, name, body) VALUES (new.search_key, new.name, new.search_text);
        END""",
    "directory_service_fts_delete": """
        CREATE TRIGGER IF NOT EXISTS directory_service_fts_delete AFTER DELETE ON directory_service BEGIN
            DELETE FROM directory_service_fts WHERE rowid = old.search_key;
        END""",
}


def ensure_sqlite_index(connection: Any = None) -> bool:
    """On SQLite, make the FTS5 table and its triggers if any is missing, and then fill the table afresh.

    Returns whether anything was made. Does nothing on other databases."""
    connection = connection or default_connection
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        if "directory_service" not in present:
            return False
        if FTS_TABLE in present and all(name in present for name in SQLITE_TRIGGERS):
            return False
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_fts USING fts5("
            "name, body, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        cursor.execute(
            "INSERT INTO directory_service_fts (directory_service_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')"
        )
        for statement in SQLITE_TRIGGERS.values():
            cursor.execute(statement)
        cursor.execute("DELETE FROM directory_service_fts")
        cursor.execute(
            "INSERT INTO directory_service_fts (rowid, name, body) "
            "SELECT search_key, name, search_text FROM directory_service"
        )
    return True


def _fts5_query(words: list[str]) -> str:
    """Each word as an FTS5 string (double quotes doubled), all of them required."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def matching(qs: QuerySet[Any], words: list[str]) -> QuerySet[Any]:
    """Services of ``qs`` that have every word, each annotated with ``relevance`` (higher is better; 0 when no
    words are given, and then nothing is left out)."""
    if not words:
        return qs.annotate(relevance=Value(0.0, output_field=FloatField()))
    text = " ".join(words)
    if connections[qs.db].vendor == "postgresql":
        query = SearchQuery(text, config=CONFIG, search_type="plain")
        return qs.filter(search_vector=query).annotate(
            relevance=SearchRank(F("search_vector"), query, weights=POSTGRES_WEIGHTS)
        )
    # SQLite: join the FTS5 table on the service's search key; bm25 is lower for a better match.
    return qs.extra(  # noqa: S610 - fixed SQL; the only value, the query, is a parameter
        tables=[FTS_TABLE],
        where=["directory_service_fts MATCH %s", "directory_service_fts.rowid = directory_service.search_key"],
        params=[_fts5_query(words)],
    ).annotate(relevance=RawSQL(SQLITE_RANK, (), output_field=FloatField()))  # noqa: S611 - fixed SQL


def matching_ids(words: list[str], *, using: str = "default") -> Any:
    """The ids of the services that have every word, for ``filter(service_id__in=...)`` on rows that point at a
    service (a query of its own, so that it stands inside another)."""
    from .models import Service

    if connections[using].vendor == "postgresql":
        query = SearchQuery(" ".join(words), config=CONFIG, search_type="plain")
        return Service.objects.filter(search_vector=query).values("pk")
    return RawSQL(
        "SELECT s.id FROM directory_service_fts JOIN directory_service s ON s.search_key = directory_service_fts.rowid "
        "WHERE directory_service_fts MATCH %s",
        (_fts5_query(words),),
    )
