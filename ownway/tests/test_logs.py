"""Log lines carry the id of the request that wrote them (the X-Request-ID header, the audit trail's request id),
as text for a person or one JSON object a line for a log collector (``OWNWAY_LOG_FORMAT``)."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys

from django.conf import settings

from config.logs import JsonFormatter, RequestIdFilter
from ownway.accounts.context import Origin, origin_scope


def _console() -> logging.StreamHandler:
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)]
    assert handlers, "the settings' console handler"
    return handlers[0]


def test_a_line_written_during_a_request_carries_its_id(client, db, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OSError("no database")

    console = _console()
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(connection, "cursor", refuse)
            response = client.get("/readyz")  # logs that the database did not answer
    finally:
        console.setStream(previous)
    request_id = response["X-Request-ID"]
    lines = [line for line in written.getvalue().splitlines() if "Readiness" in line]
    assert lines, written.getvalue()
    assert f"WARNING ownway.health [{request_id}] Readiness: the database did not answer" in lines[0]


def test_json_lines_have_the_request_id_the_level_and_any_extra_fields():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("ownway.tests.logs")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with origin_scope(Origin(request_id="req-123", via="web")):
            logger.warning("Paid %s people", 3, extra={"run": 7})
        logger.error("Outside a request")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert {k: first[k] for k in ("level", "logger", "message", "request_id", "via", "run")} == {
        "level": "WARNING",
        "logger": "ownway.tests.logs",
        "message": "Paid 3 people",
        "request_id": "req-123",
        "via": "web",
        "run": 7,
    }
    assert first["time"].endswith("+00:00")
    assert (second["request_id"], second["via"]) == ("-", "-")


def test_the_format_is_chosen_by_the_environment():
    script = (
        "import django, logging; django.setup(); "
        "from ownway.accounts.context import Origin, origin_scope\n"
        "with origin_scope(Origin(request_id='r-1', via='command')): logging.getLogger('ownway').warning('hello')"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OWNWAY_", "DATABASE_"))}
    for log_format in ("json", "text"):
        done = subprocess.run(  # noqa: S603 - this interpreter, with a fixed script
            [sys.executable, "-c", script],
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.base", "OWNWAY_LOG_FORMAT": log_format},
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
        line = done.stderr.strip().splitlines()[-1]
        if log_format == "json":
            assert {k: json.loads(line)[k] for k in ("message", "request_id")} == {
                "message": "hello",
                "request_id": "r-1",
            }
        else:
            assert line.endswith("WARNING ownway [r-1] hello")


def test_the_request_id_is_the_proxys_when_there_is_a_proxy_to_trust(client, db, settings):
    given = "0123456789abcdef0123456789abcdef"
    settings.OWNWAY_PROXY_HOPS = 0
    assert client.get("/healthz", headers={"x-request-id": given})["X-Request-ID"] != given
    settings.OWNWAY_PROXY_HOPS = 1
    assert client.get("/healthz", headers={"x-request-id": given})["X-Request-ID"] == given
    for forged in ("x" * 37, "short", "has space inside it", "<script>"):
        assert client.get("/healthz", headers={"x-request-id": forged})["X-Request-ID"] != forged
