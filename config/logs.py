"""Log lines that say which request wrote them, as text for a person or as JSON for a log collector.

Every line carries the id of the request (or command, or job) it was written in: the same id the audit trail
records and the ``X-Request-ID`` header answers with, so a council's log search finds every line of one
request and the audit rows it wrote. ``OWNWAY_LOG_FORMAT=json`` writes one JSON object a line (for a log
collector); ``text`` (the default) writes lines a person reads on a terminal.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

#: The attributes every ``logging.LogRecord`` has: anything else on a record was passed as ``extra``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    """Adds the current request's id and how it came (``web``, ``api``, ``command``) to each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        from ownway.accounts.context import origin_in_scope

        origin = origin_in_scope()
        record.request_id = origin.request_id if origin is not None else "-"
        record.via = origin.via if origin is not None else "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request id, and any ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            "via": getattr(record, "via", "-"),
            "process": record.process,
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and name not in line:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str, ensure_ascii=False)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """Django's ``LOGGING``: everything to standard error, in the chosen format, with the request id."""
    formatter: dict[str, Any] = {"()": "config.logs.JsonFormatter"} if log_format == "json" else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "config.logs.RequestIdFilter"}},
        "formatters": {"ownway": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "ownway"}},
        "root": {"handlers": ["console"], "level": level},
        # Django's own loggers send to the root as well (its default handlers are not wanted twice).
        "loggers": {"django": {"handlers": [], "propagate": True}},
    }
