"""Which database a query goes to: the primary, or for reporting reads the read replica when there is one.

Without ``DATABASE_REPLICA_URL`` there is one database and this router never chooses. With it, reads made
inside a reporting read (``ownway.core.reporting``) go to the ``replica`` alias; every other read and every
write goes to ``default``, the primary. Migrations run on the primary only: the replica copies them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ownway.core.reporting import in_reporting_read

#: The alias of the read replica in DATABASES.
REPLICA = "replica"


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if settings.OWNWAY_READ_REPLICA and in_reporting_read():
            return REPLICA
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        return db != REPLICA
