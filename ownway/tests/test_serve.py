"""``ownway serve`` in several processes (gunicorn) or one (waitress), started for real and asked over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts processes through /proc (Linux)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local address made here
        return response.status, dict(response.headers), response.read()


@contextmanager
def serving(tmp_path: Path, *arguments: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OWNWAY_", "DATABASE_", "DJANGO_SETTINGS"))}
    env.update(OWNWAY_VAR_DIR=str(tmp_path), OWNWAY_SECURE_COOKIES="0", DATABASE_URL=f"sqlite:///{tmp_path}/db")
    server = subprocess.Popen(  # noqa: S603 - this interpreter, with a fixed command
        [sys.executable, "-m", "ownway.cli", "serve", "--port", str(port), *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                output = server.stdout.read().decode() if server.stdout else ""
                pytest.fail(f"ownway serve did not answer /healthz:\n{output}")
            time.sleep(0.2)
        yield server, base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_serve_with_two_workers_answers_from_two_processes(tmp_path):
    with serving(tmp_path, "--workers", "2", "--threads", "2") as (server, base):
        status, headers, body = _get(f"{base}/healthz")
        assert (status, body, headers["Server"]) == (200, b"ok\n", "gunicorn")
        deadline = time.monotonic() + 30
        while len(workers := _children(server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) == 2, f"gunicorn's processes under {server.pid}: {workers}"
        assert server.pid not in workers
        for _ in range(10):
            assert _get(f"{base}/healthz")[0] == 200
    assert server.returncode == 0
    assert all(not Path(f"/proc/{pid}").exists() for pid in workers), "the web processes stop with the server"


def test_serve_with_one_worker_is_one_waitress_process(tmp_path):
    with serving(tmp_path, "--workers", "1") as (server, base):
        status, headers, body = _get(f"{base}/healthz")
        assert (status, body, headers["Server"]) == (200, b"ok\n", "Ownway")  # waitress, as the demo serves
        assert _children(server.pid) == set()
