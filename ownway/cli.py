"""The ``ownway`` command.

``ownway demo``      set up everything on this machine and serve the demo city
``ownway serve``     serve the app: several processes (gunicorn) as OWNWAY_WEB_WORKERS says, or one (waitress)
``ownway worker``    run a background worker (queued and scheduled work; start as many as needed)
``ownway manage …``  any Django management command (``ownway manage migrate``)
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ownway.people.demo.generator import SIZES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_SEED = 2026


def _django_setup(settings: str = "config.settings.base") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    _check_settings()
    import django

    django.setup()


def _check_settings() -> None:
    """Read the settings now: a variable set to something unusable stops the command with its message alone
    (which variable, what it was, what it may be), before anything is served or run."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reading a setting loads them all
    except ImproperlyConfigured as error:
        sys.exit(f"Ownway cannot start: {error}")


def ensure_frontend_assets() -> None:
    """Install GOV.UK Frontend (pinned in package-lock.json) from npm if it is not already here."""
    marker = PROJECT_ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "govuk-frontend.min.css"
    if marker.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("Ownway needs Node.js and npm to install the GOV.UK Frontend assets. Install them and try again.")
    print("Installing the GOV.UK Frontend assets with npm…", flush=True)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=PROJECT_ROOT, check=True)  # noqa: S603


def serve(host: str, port: int, threads: int = 8) -> None:
    """One process answering ``threads`` requests at once (waitress): the laptop demo, and any platform
    without ``fork``. It can use one processor core at most."""
    from waitress import serve as waitress_serve

    from config.wsgi import application

    print(f"\nOwnway is running at http://{host}:{port}/  (press Ctrl+C to stop)\n", flush=True)
    waitress_serve(application, host=host, port=port, threads=threads, ident="Ownway")


def serve_processes(host: str, port: int, *, workers: int, threads: int) -> None:
    """``workers`` processes, each answering ``threads`` requests at once (gunicorn, threaded workers): a
    council's server, using every core. A process that dies or hangs is replaced; ``SIGTERM`` lets each
    finish the requests it has and stop; ``SIGHUP`` reloads the code without dropping a request."""
    from django.conf import settings
    from gunicorn.app.base import BaseApplication

    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "proc_name": "ownway",
        # A request longer than this is stuck (the optimiser and payment runs are background jobs).
        "timeout": 60,
        "graceful_timeout": 30,
        "keepalive": 5,
        # The client's address and scheme are Django's to read from the proxy's headers, as many hops as
        # OWNWAY_PROXY_HOPS says (ownway.accounts.requests); gunicorn must not trust them on its own.
        "secure_scheme_headers": {},
        "forwarded_allow_ips": "",
        # No control socket: several servers may run on one machine, and nothing here uses it.
        "control_socket_disable": True,
        "errorlog": "-",
        "loglevel": str(settings.OWNWAY_LOG_LEVEL).lower(),
    }

    class Server(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> object:
            from config.wsgi import application

            return application

    shown = f"[{host}]" if ":" in host else host
    print(
        f"\nOwnway is running at http://{shown}:{port}/ in {workers} processes of {threads} threads"
        "  (press Ctrl+C to stop)\n",
        flush=True,
    )
    Server().run()


def run_serve(args: argparse.Namespace) -> None:
    """``ownway serve``: several processes unless one is asked for (or the platform cannot fork)."""
    _django_setup()
    from django.conf import settings

    workers = args.workers if args.workers is not None else int(settings.OWNWAY_WEB_WORKERS)
    threads = args.threads if args.threads is not None else int(settings.OWNWAY_WEB_THREADS)
    if workers > 1 and hasattr(os, "fork"):
        serve_processes(args.host, args.port, workers=workers, threads=threads)
    else:
        serve(args.host, args.port, threads=threads)


def _bounded(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"a whole number from {low} to {high}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"a whole number from {low} to {high}")
        return number

    return parse


def _start_afresh() -> None:
    """``--fresh``: the demo's embedded SQLite database is removed and made again from the migrations.

    Everything in a demo city hangs together (contacts, assessments, budgets, plans and payments all point
    at people), so starting again from an empty database is the one clean way. A PostgreSQL database is
    the council's to drop, never the demo's. The bank files the old city's payment runs wrote go with it when
    they are the demo's own (in its ``var`` directory): the new city's first run writes files of the same names.
    """
    from django.conf import settings
    from django.db import connection

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        sys.exit("--fresh starts the embedded SQLite database again; for another database, drop and create it yourself")
    connection.close()
    path = Path(database["NAME"])
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    demo_bank_files_clear()


def demo_bank_files_clear() -> int:
    """Remove the payment runs' bank files when they are the demo's own (in its ``var`` directory, not a
    directory a council set); how many went."""
    from django.conf import settings

    bank_files = Path(settings.OWNWAY_BACS_DIR).resolve()
    if not bank_files.is_dir() or not bank_files.is_relative_to(Path(settings.VAR_DIR).resolve()):
        return 0
    removed = 0
    for old_file in bank_files.glob("DP-*.csv"):
        old_file.unlink()
        removed += 1
    return removed


def build_city(*, people: int, seed: int = DEMO_SEED, per_team: int | None = None) -> list[str]:
    """The demo city, each part made through the services the screens use: its people and staff; the
    demonstration council's charging figures for the year in force, confirmed by its finance officer for the
    demonstration only (``charging.demo.confirm_demo_figures``), before any contribution is worked out; casework
    (contacts in proportion to each team's caseload, or ``per_team`` each); budgets and contributions; plans;
    reviews; safeguarding concerns and enquiries; carers' assessments offered, plans, contingency plans, consents
    and breaks; and the day-care cohort's day services, tiers, placements and attendance (the registers of the
    weeks before today, the demo's today, as its plans and payments are). What was made, as lines."""
    import datetime as dt

    from django.utils import timezone

    from ownway.accounts.context import Origin, origin_scope
    from ownway.assessments.demo import generate_casework
    from ownway.carers.demo_breaks import generate_breaks
    from ownway.carers.demo_offers import generate_carers_support
    from ownway.charging.demo import confirm_demo_figures, generate_money
    from ownway.complaints.demo import generate_complaints
    from ownway.dayops.demo import generate_day_opportunities
    from ownway.guide.demo import generate_guide
    from ownway.inbox.demo import generate_messages
    from ownway.people.demo.builder import generate_city
    from ownway.planning.demo import generate_plans
    from ownway.reporting.demo import generate_cld_check
    from ownway.reviews.demo import generate_reviews
    from ownway.safeguarding.demo import generate_safeguarding
    from ownway.surveys.demo import generate_surveys

    with origin_scope(Origin(request_id=f"demo-{seed}", via="command")):
        city = generate_city(people=people, seed=seed, clear=True)
        lines = city.lines()
        lines += confirm_demo_figures()
        lines += generate_casework(seed=seed, per_team=per_team).lines()
        lines += generate_money(seed=seed)
        lines += generate_plans().lines()
        lines += generate_reviews()
        lines += generate_safeguarding(seed=seed)
        lines += generate_messages()
        lines += generate_complaints(seed=seed)
        lines += generate_carers_support()
        lines += generate_breaks()
        lines += generate_surveys(seed=seed)
        lines += generate_guide()
        lines += generate_day_opportunities(
            cohort=city.day_care, seed=seed, as_of=city.as_of,
            registers_until=timezone.localdate() - dt.timedelta(days=1),
        ).lines()  # fmt: skip
        lines += generate_cld_check()
    return lines


def demo(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    # The demo runs on plain http on this machine: cookies cannot be marked secure-only.
    os.environ.setdefault("OWNWAY_SECURE_COOKIES", "0")
    ensure_frontend_assets()
    _django_setup()
    from django.core.management import call_command

    from ownway.people.models import Person

    if args.fresh:
        _start_afresh()
    print("Preparing the database…", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from ownway.accounts.context import Origin, origin_scope
    from ownway.people.demo.generator import DEMO_PASSWORD, demo_logins

    if args.fresh or not Person.objects.exists():
        print(f"Building the demo city ({args.people:,} people)…", flush=True)
        for line in build_city(people=args.people):
            print(f"  {line}")
    from ownway.directory.models import Service

    # The day-care cohort's own day services do not count: the directory's other entries are made here.
    if args.fresh or not Service.objects.filter(day_service__isnull=True).exists():
        print("Filling the directory of support…", flush=True)
        with origin_scope(Origin(request_id=f"demo-{DEMO_SEED}", via="command")):
            call_command("generate_directory", "--services", "400", "--seed", str(DEMO_SEED))
    from ownway.enablement.demo import demo_city_enablement
    from ownway.enablement.models import Episode

    if args.fresh or not Episode.objects.exists():
        print("Planning tomorrow's enablement visits…", flush=True)
        with origin_scope(Origin(request_id=f"demo-{DEMO_SEED}", via="command")):
            print(f"  {demo_city_enablement(seed=DEMO_SEED)}")

    print(f"\nReady in {time.perf_counter() - started:.1f} seconds.")
    print(f"\nDemo logins (every password is {DEMO_PASSWORD}):")
    from ownway.complaints.demo import COMPLAINTS_LOGINS
    from ownway.safeguarding.demo import SAFEGUARDING_LOGINS

    for role, username in [*demo_logins(), *SAFEGUARDING_LOGINS, *COMPLAINTS_LOGINS]:
        print(f"  {role:<26} {username}")
    if args.no_serve:
        return
    worker = start_worker()
    _stop_on_signals()
    try:
        serve(args.host, args.port)
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
    finally:
        stop_worker(worker)


def _stop_on_signals() -> None:
    """Ctrl+C, and SIGTERM from whatever started the demo (a terminal closing, a process manager, ``kill``),
    stop the demo the same way, so its worker is stopped with it (even when SIGINT came in ignored, as it does
    for a process started in the background)."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def start_worker() -> subprocess.Popen[bytes]:
    """A background worker beside the demo's web server, in a process of its own, stopped with it. It has a
    process group of its own, so Ctrl+C in the terminal reaches only the demo, which then asks the worker once
    to finish its task and stop (a second signal would stop it mid-task)."""
    print("Starting a background worker…", flush=True)
    return subprocess.Popen(
        [sys.executable, "-m", "ownway.cli", "worker"], cwd=PROJECT_ROOT, env={**os.environ}, process_group=0
    )


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """Ask the worker to finish its current task and stop; after 30 seconds, stop it outright. A second Ctrl+C
    (a terminal sends one to ``uv run`` and to the demo alike) does not cut the wait short."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def run_worker(args: argparse.Namespace) -> None:
    _django_setup()
    from django.core.management import call_command

    call_command("jobs_worker", interval=args.interval, batch=args.batch, worker_id=args.worker_id)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "manage":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
        _check_settings()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["ownway manage", *argv[1:]])
        return
    parser = argparse.ArgumentParser(prog="ownway", description="Ownway: my support, my own way.")
    sub = parser.add_subparsers(dest="command", required=True)
    demo_parser = sub.add_parser("demo", help="set up and serve the demo city on this machine")
    demo_size = demo_parser.add_mutually_exclusive_group()
    demo_size.add_argument("--people", type=int, default=20192, help="people in the demo city (default: 20,192)")
    demo_size.add_argument(
        "--size",
        choices=list(SIZES),
        help="a named size instead: " + ", ".join(f"{name} = {count:,} people" for name, count in SIZES.items()),
    )
    demo_parser.add_argument("--fresh", action="store_true", help="rebuild the demo city even if one exists")
    demo_parser.add_argument("--host", default="127.0.0.1")
    demo_parser.add_argument("--port", type=int, default=8000)
    demo_parser.add_argument("--no-serve", action="store_true", help="set up, print the logins, and stop")
    serve_parser = sub.add_parser("serve", help="serve the app")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument(
        "--workers", type=_bounded(1, 64), help="web processes (default: OWNWAY_WEB_WORKERS; 1 serves with waitress)"
    )
    serve_parser.add_argument(
        "--threads", type=_bounded(1, 64), help="requests each process answers at once (default: OWNWAY_WEB_THREADS)"
    )
    worker_parser = sub.add_parser("worker", help="run a background worker until stopped")
    worker_parser.add_argument("--interval", type=float, default=1.0, help="seconds to wait when nothing is queued")
    worker_parser.add_argument("--batch", action="store_true", help="run what is queued now, then stop")
    worker_parser.add_argument("--worker-id", default="", help="a name for this worker, unique across all workers")
    sub.add_parser("manage", help="run a Django management command")
    args = parser.parse_args(argv)
    if getattr(args, "size", None):
        args.people = SIZES[args.size]
    if args.command == "demo":
        demo(args)
    elif args.command == "serve":
        run_serve(args)
    elif args.command == "worker":
        run_worker(args)


if __name__ == "__main__":
    main()
