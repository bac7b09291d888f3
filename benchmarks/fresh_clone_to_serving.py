"""Time from a fresh clone to the demo answering: clone, `uv run ownway demo`, first page served.

    uv run python benchmarks/fresh_clone_to_serving.py [--port 8765] [--people 20192]

Clones this repository's HEAD into a temporary folder (so nothing installed in the working tree
helps), runs the README's demo command there and polls the sign-in page. The last line is
``seconds=<float>``. The npm and uv caches of this machine are used, as they would be on a
developer's machine that has installed anything before.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--people", type=int, default=None, help="demo city size (default: the demo's own)")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "ownway"
        started = time.perf_counter()
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)  # noqa: S603, S607
        env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "DATABASE_URL"}}
        command = ["uv", "run", "ownway", "demo", "--port", str(args.port)]
        if args.people:
            command += ["--people", str(args.people)]
        log = (Path(tmp) / "demo.log").open("w")
        process = subprocess.Popen(  # noqa: S603
            command, cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        url = f"http://127.0.0.1:{args.port}/sign-in/"
        try:
            while True:
                if process.poll() is not None:
                    sys.exit(
                        f"The demo stopped before serving; see its output:\n{(Path(tmp) / 'demo.log').read_text()}"
                    )
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.perf_counter() - started > args.timeout:
                    sys.exit("The demo did not answer in time")
                time.sleep(0.25)
            elapsed = time.perf_counter() - started
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        print((Path(tmp) / "demo.log").read_text())
        print(f"seconds={elapsed:.1f}")


if __name__ == "__main__":
    main()
