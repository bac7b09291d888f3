"""Reading the settings as a server starting with given environment variables would make them."""

from __future__ import annotations

import os
import subprocess
import sys

#: Variables a probe clears first, so that the machine running the tests does not decide the answer.
_OWNWAY_VARIABLES = ("OWNWAY_BEHIND_PROXY", "OWNWAY_PROXY_HOPS", "OWNWAY_SECURE_COOKIES", "OWNWAY_DEBUG")


def fresh_settings(*names: str, **environ: str) -> str:
    """The named settings of ``config.settings.base`` (space-separated reprs), read in a fresh interpreter
    with ``environ`` set; or what the interpreter said when the settings refused to load."""
    env = {k: v for k, v in os.environ.items() if k not in _OWNWAY_VARIABLES}
    code = f"from config.settings import base; print(*(repr(getattr(base, n)) for n in {names!r}))"
    done = subprocess.run(  # noqa: S603 - this interpreter, with a fixed script
        [sys.executable, "-c", code], env={**env, **environ}, capture_output=True, text=True, check=False
    )
    return (done.stdout or done.stderr).strip()
