"""Where the current action comes from: the request, an API call or a command.

Services record audit events without being handed the request: the middleware (or a command) puts
the origin into a context variable for the length of the unit of work.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    request_id: str
    ip_address: str | None = None
    user_agent: str = ""
    path: str = ""
    via: str = "command"


_current: ContextVar[Origin | None] = ContextVar("ownway_origin", default=None)


def origin_in_scope() -> Origin | None:
    """The origin of the unit of work in progress, or None outside one (a log line written at start-up)."""
    return _current.get()


def current_origin() -> Origin:
    origin = _current.get()
    if origin is None:
        return Origin(request_id=str(uuid.uuid4()), via="command")
    return origin


@contextlib.contextmanager
def origin_scope(origin: Origin) -> Iterator[Origin]:
    token = _current.set(origin)
    try:
        yield origin
    finally:
        _current.reset(token)
