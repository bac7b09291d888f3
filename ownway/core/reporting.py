"""Reads for reports: figures over the whole council, which may come from a read replica.

A council running a read replica of its database (``DATABASE_REPLICA_URL``) sends the heavy reads behind its
reporting pages (the commissioner's figures, the RAS calibration, the enablement dashboard) to the replica, so
they do not slow the primary that every worker's page reads and writes. A selector is marked a reporting read
with :func:`reporting_read`; while it runs, the database router (``config.routers``) sends its reads to the
replica. Everything else, and every write (audit rows included), goes to the primary.

A replica may be a few seconds behind the primary, so only figures where that does not matter are marked:
never a page a person acts on, never a check before a change, never money that is paid or reconciled.

Figures over the whole city that every visit of a page would count again (the commissioner's home page reads
every person) are kept for a few minutes (:func:`figures_cached`, ``OWNWAY_FIGURES_CACHE_SECONDS``), and the
page says when they were counted.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache

_reporting: ContextVar[bool] = ContextVar("ownway_reporting_read", default=False)


def in_reporting_read() -> bool:
    return _reporting.get()


@contextlib.contextmanager
def reporting_reads() -> Iterator[None]:
    """Within this block, reads may come from the read replica."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


def reporting_read[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """Mark a selector whose reads may come from the read replica (it must return its results evaluated)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with reporting_reads():
            return function(*args, **kwargs)

    return wrapper


def figures_cached[R](key: str, compute: Callable[[], R]) -> R:
    """``compute()``, counted again at most every ``OWNWAY_FIGURES_CACHE_SECONDS`` seconds (0: every time) and
    kept meanwhile under ``key`` in the cache. Only for figures with no one identifiable in them, the same for
    everyone allowed to see them: the caller checks that the user may see them before asking."""
    seconds: Any = settings.OWNWAY_FIGURES_CACHE_SECONDS
    if not seconds:
        return compute()
    return cast("R", cache.get_or_set(f"ownway:figures:{key}", compute, int(seconds)))
