"""Whether this process is up and whether it is ready to serve: for a load balancer, an orchestrator or a
council's monitoring. Both are public (no sign-in), cheap, and show nothing secret.

``/healthz`` answers ``200 ok`` in plain text as long as the process answers at all: it touches no database,
so a database outage does not make every app process look dead and get restarted.

``/readyz`` answers 200 when the process can do its work: the database answers, every migration is applied,
and a background worker has said it is alive within the last minute. Otherwise it answers 503 with the
check that failed, as JSON. A reverse proxy sends requests only to ready processes.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("ownway.health")

#: A worker heard from less than this long ago counts as running (workers say they are alive every 5 seconds).
WORKER_SEEN_WITHIN = dt.timedelta(minutes=1)

#: Once every migration is found applied, this process does not look again: migrations are not unapplied
#: under a running service, and reading every migration file on each check would not be cheap.
_migrations_applied = False


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def _database_answers() -> str | None:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("Readiness: the database did not answer", exc_info=True)
        return "the database did not answer"
    return None


def _migrations_missing() -> str | None:
    global _migrations_applied
    if _migrations_applied:
        return None
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return f"{len(plan)} migration{'s' if len(plan) != 1 else ''} not applied (run: ownway manage migrate)"
    _migrations_applied = True
    return None


def _worker_missing() -> str | None:
    from ownway.jobs.services import worker_seen_since

    if worker_seen_since(timezone.now() - WORKER_SEEN_WITHIN):
        return None
    return "no background worker seen in the last minute (start one: ownway worker)"


@login_not_required
@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    problem = _database_answers()
    checks["database"] = problem or "ok"
    if problem is None:
        try:
            checks["migrations"] = _migrations_missing() or "ok"
            if checks["migrations"] == "ok":
                checks["worker"] = _worker_missing() or "ok"
            else:
                checks["worker"] = "not checked: migrations not applied"
        except Exception:
            logger.warning("Readiness: the database failed part-way through the checks", exc_info=True)
            checks.setdefault("migrations", "not checked: the database failed")
            checks.setdefault("worker", "not checked: the database failed")
    else:
        checks["migrations"] = checks["worker"] = "not checked: the database did not answer"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503)
