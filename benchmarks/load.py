"""Drive a running Ownway with a realistic mix of people using it at once, over real HTTP, and time every page.

    uv run python benchmarks/load.py [--url http://127.0.0.1:8000] [--users 50] [--seconds 60] [--think 1.0]

Start the server first, on the city to be measured, for example the council x5 city on PostgreSQL:

    export DATABASE_URL=postgres://user:pass@127.0.0.1:5432/ownway
    uv run ownway demo --size council5 --no-serve      # once: builds the city, the directory and enablement
    uv run ownway serve --port 8000

Each simulated user signs in as one of the demo accounts (``ownway.people.demo.generator.demo_logins``; every
password is the demo's) through the sign-in form, as a browser does, then finds what to look at the way a
person would (a worker reads their caseload for names and records), and from then on asks for a page, waits a
moment (``--think`` seconds on average) and asks for another, until the time is up. The mix:

    social workers  40%   people search by name, a person's record, their worklist, their caseload
    team managers   15%   the team page (its first and second page of workers), their home page
    citizens        15%   their home page, their money, their plan, their own record
    the public      15%   the directory search, signed out
    other systems   10%   the API's people search (signed in, or with ``--api-token``)
    commissioners    5%   their home page (the city's figures)

Signing in and finding things happen before the clock starts and are not timed. Every answer other than
2xx or 3xx is an error, counted and shown. It prints each page's count, median and 95th percentile, the
requests a second, the errors, and as its last line ``p95_ms=<float>`` over every timed request.

It sends traffic only to this machine (a loopback address) unless ``--allow-remote`` is given.

To see the throughput grow with the number of web processes, let it start the server itself with each number
in turn (on the database ``DATABASE_URL`` names) and compare them, for example with no pause between pages so
that the server, not the users, sets the pace:

    uv run python benchmarks/load.py --serve-workers 1,2,3 --users 50 --think 0 --seconds 60

The last line is then the p95 of the last number of processes.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import ipaddress
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchkit import percentile

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: Surnames searched for when a worker's caseload gives none (common English surnames).
SURNAMES = ("smith", "jones", "taylor", "brown", "khan", "patel", "wilson", "evans", "ali", "walker")
#: What the public type into the directory's search box.
DIRECTORY_SEARCHES = ("lunch club", "day centre", "garden", "art", "dementia", "walking", "music", "sport", "café")


class Failed(Exception):
    """A request that did not answer 2xx or 3xx (or did not answer at all)."""


@dataclass
class Results:
    """The timings of every request, by page, and the errors; shared by all the users' threads."""

    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, page: str, seconds: float) -> None:
        with self.lock:
            self.timings[page].append(seconds * 1000)

    def error(self, page: str, what: str) -> None:
        with self.lock:
            self.errors[page] += 1
            if len(self.examples) < 10:
                self.examples.append(f"{page}: {what}")


class Browser:
    """One person's connection to the server: keeps its cookies, does not follow redirects."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.https = parts.scheme == "https"
        self.prefix = parts.path.rstrip("/")
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self.connection is None:
            kind = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
            self.connection = kind(self.host, self.port, timeout=self.timeout)
        return self.connection

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> tuple[int, str]:
        headers = {"Accept": "text/html,application/json", **self.headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"{'https' if self.https else 'http'}://{self.host}:{self.port}{self.prefix}{path}"
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile is opened again, once
            connection = self._connect()
            try:
                connection.request(method, self.prefix + path, body=data, headers=headers)
                response = connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, OSError):
                connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            self.connection = None
        return response.status, text

    def get(self, path: str) -> str:
        status, text = self.request("GET", path)
        if not 200 <= status < 400:
            raise Failed(f"{status} from GET {path}")
        return text

    def sign_in(self, username: str, password: str) -> None:
        form = self.get("/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        if token is None:
            raise Failed("the sign-in page has no CSRF token")
        status, _ = self.request(
            "POST", "/sign-in/", {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        )
        if status != 302:
            raise Failed(f"signing in as {username} answered {status}, not a redirect (wrong password?)")


Page = tuple[str, Callable[[], str]]  # the name a page is reported under, and how to ask for it


def _found(pattern: str, text: str) -> list[str]:
    return list(dict.fromkeys(re.findall(pattern, text)))


def social_worker(browser: Browser, rng: random.Random) -> list[tuple[Page, float]]:
    caseload = browser.get("/people/caseload/")
    records = _found(r'href="(/people/\d+/)"', caseload) or ["/people/me/"]
    names = [n.lower() for n in _found(r'href="/people/\d+/">[^<]*?\b([A-Z][a-z]{3,})</a>', caseload)] or list(SURNAMES)

    def search() -> str:
        return browser.get("/people/?" + urlencode({"q": rng.choice(names)[: rng.randint(3, 6)]}))

    return [
        (("worker: people search", search), 4),
        (("worker: person's record", lambda: browser.get(rng.choice(records))), 3),
        (("worker: my work", lambda: browser.get("/assessments/my-work/")), 2),
        (("worker: caseload", lambda: browser.get("/people/caseload/")), 1),
    ]


def team_manager(browser: Browser, rng: random.Random) -> list[tuple[Page, float]]:
    return [
        (("manager: team page", lambda: browser.get("/assessments/team/")), 3),
        (("manager: team page 2", lambda: browser.get("/assessments/team/?page=2")), 1),
        (("manager: home", lambda: browser.get("/")), 1),
    ]


def citizen(browser: Browser, rng: random.Random) -> list[tuple[Page, float]]:
    return [
        (("citizen: home", lambda: browser.get("/")), 2),
        (("citizen: my money", lambda: browser.get("/my-money/")), 1),
        (("citizen: my plan", lambda: browser.get("/my-plan/")), 1),
        (("citizen: my record", lambda: browser.get("/people/me/")), 1),
    ]


def public(browser: Browser, rng: random.Random) -> list[tuple[Page, float]]:
    def search() -> str:
        return browser.get("/directory/?" + urlencode({"q": rng.choice(DIRECTORY_SEARCHES)}))

    return [(("public: directory search", search), 1)]


def api(browser: Browser, rng: random.Random) -> list[tuple[Page, float]]:
    def search() -> str:
        return browser.get("/api/v1/people?" + urlencode({"q": rng.choice(SURNAMES)[: rng.randint(3, 5)]}))

    return [(("api: people search", search), 1)]


def commissioner(browser: Browser, rng: random.Random) -> list[tuple[Page, float]]:
    return [(("commissioner: home", lambda: browser.get("/")), 1)]


@dataclass(frozen=True)
class Kind:
    """A kind of user: how many in a hundred, the demo account they sign in as ("" for none), what they do."""

    share: int
    username: str
    pages: Callable[[Browser, random.Random], list[tuple[Page, float]]]


MIX: tuple[Kind, ...] = (
    Kind(40, "social_worker", social_worker),
    Kind(15, "team_manager", team_manager),
    Kind(15, "citizen", citizen),
    Kind(15, "", public),
    Kind(10, "social_worker", api),
    Kind(5, "commissioner", commissioner),
)


def kinds_for(users: int) -> list[Kind]:
    """``users`` kinds of user in the proportions of :data:`MIX` (largest remainders), each kind at least once
    when there are enough users."""
    exact = [kind.share * users / 100 for kind in MIX]
    counts = [int(x) for x in exact]
    for index in sorted(range(len(MIX)), key=lambda i: exact[i] - counts[i], reverse=True)[: users - sum(counts)]:
        counts[index] += 1
    return [kind for kind, count in zip(MIX, counts, strict=True) for _ in range(count)]


def _loopback(host: str) -> bool:
    try:
        return all(ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None))
    except (OSError, ValueError):
        return False


def _wait_for(url: str, seconds: float = 120.0) -> None:
    """Wait until the server answers (it may still be starting), for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            Browser(url, timeout=10).request("GET", "/sign-in/")
            return
        except (OSError, http.client.HTTPException) as error:
            if time.monotonic() > deadline:
                sys.exit(f"No answer from {url} in {seconds:g} seconds: {error}")
            time.sleep(1)


@dataclass
class Summary:
    """One measurement: how many requests, how fast, how many failed."""

    requests: int
    seconds: float
    p95_ms: float
    median_ms: float
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def measure(args: argparse.Namespace, url: str) -> Summary:
    """Sign the users in at ``url``, measure for ``args.seconds`` and print each page's figures."""
    _wait_for(url)
    results = Results()
    kinds = kinds_for(args.users)
    ready = threading.Barrier(len(kinds) + 1)
    stop = threading.Event()
    failed_setup: list[str] = []

    def user(number: int, kind: Kind) -> None:
        rng = random.Random(args.seed * 10_007 + number)  # noqa: S311 - a reproducible mix, not a secret
        browser = Browser(url)
        pages: list[tuple[Page, float]] = []
        try:
            if kind.pages is api and args.api_token:
                browser.headers["Authorization"] = f"Bearer {args.api_token}"
            elif kind.username:
                browser.sign_in(kind.username, args.password)
            pages = kind.pages(browser, rng)
        except (Failed, OSError, http.client.HTTPException) as error:
            failed_setup.append(f"user {number} ({kind.username or 'public'}): {error}")
        ready.wait()
        if not pages:
            return
        choices, weights = zip(*pages, strict=True)
        time.sleep(rng.uniform(0, args.think))  # not everyone starts at the same moment
        while not stop.is_set():
            name, ask = rng.choices(choices, weights)[0]
            started = time.perf_counter()
            try:
                ask()
            except (Failed, OSError, http.client.HTTPException) as error:
                results.error(name, str(error) or type(error).__name__)
            else:
                results.record(name, time.perf_counter() - started)
            if args.think:
                stop.wait(rng.uniform(0.5 * args.think, 1.5 * args.think))

    threads = [threading.Thread(target=user, args=(n, kind), daemon=True) for n, kind in enumerate(kinds)]
    print(f"Signing in {len(kinds)} users at {url}…", flush=True)
    for thread in threads:
        thread.start()
    ready.wait()
    for line in failed_setup:
        print(f"  could not start: {line}")
    print(f"Measuring for {args.seconds:g} seconds…", flush=True)
    started = time.perf_counter()
    stop.wait(args.seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.perf_counter() - started

    every: list[float] = []
    print()
    print(f"{'page':<30} {'requests':>9} {'median ms':>10} {'p95 ms':>8} {'errors':>7}")
    for name in sorted(set(results.timings) | set(results.errors)):
        times = sorted(results.timings.get(name, []))
        every += times
        median = f"{statistics.median(times):.1f}" if times else "-"
        p95 = f"{percentile(times, 0.95):.1f}" if times else "-"
        print(f"{name:<30} {len(times):>9} {median:>10} {p95:>8} {results.errors.get(name, 0):>7}")
    every.sort()
    errors = sum(results.errors.values()) + len(failed_setup)
    if results.examples:
        print("\nErrors, the first few:")
        for example in results.examples:
            print(f"  {example}")
    summary = Summary(
        requests=len(every),
        seconds=elapsed,
        p95_ms=percentile(every, 0.95) if every else float("nan"),
        median_ms=statistics.median(every) if every else float("nan"),
        errors=errors,
    )
    print()
    print(f"users={len(kinds)} seconds={elapsed:.1f} think={args.think:g}")
    print(f"requests={summary.requests} requests_per_second={summary.per_second:.1f}")
    print(f"median_ms={summary.median_ms:.1f}")
    print(f"errors={errors}")
    return summary


@contextlib.contextmanager
def served(workers: int, port: int, threads: int) -> Iterator[str]:
    """``ownway serve`` in ``workers`` processes on this machine, on the database the environment names, for
    as long as the block runs."""
    command = [sys.executable, "-m", "ownway.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--threads", str(threads)]  # fmt: skip
    root = Path(__file__).resolve().parent.parent
    server = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("whole numbers of processes, separated by commas: 1,2,4") from None
    if not counts or not all(1 <= n <= 64 for n in counts):
        raise argparse.ArgumentTypeError("each number of processes from 1 to 64")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="where Ownway is served")
    parser.add_argument("--users", type=int, default=50, help="people using it at once (default 50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to measure (default 60)")
    parser.add_argument("--think", type=float, default=1.0, help="average seconds between a user's pages")
    parser.add_argument("--password", help="the demo accounts' password (default: the demo's)")
    parser.add_argument("--api-token", help="a bearer token for the API users, instead of signing in")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--allow-remote", action="store_true", help="allow a server that is not on this machine")
    parser.add_argument(
        "--serve-workers",
        type=_counts,
        help="start `ownway serve` here with each of these numbers of processes in turn (1,2,4), on the database "
        "DATABASE_URL names, measure each, and compare them (--url is then not used)",
    )
    parser.add_argument("--port", type=int, default=8071, help="the port for --serve-workers (default 8071)")
    parser.add_argument("--threads", type=int, default=8, help="threads per process for --serve-workers")
    args = parser.parse_args()
    if not 1 <= args.users <= 1000 or not 0 < args.seconds <= 3600 or not 0 <= args.think <= 60:
        parser.error("--users must be 1 to 1000, --seconds more than 0 and at most 3600, --think 0 to 60")
    if not 1024 <= args.port <= 65535 or not 1 <= args.threads <= 64:
        parser.error("--port must be 1024 to 65535 and --threads 1 to 64")
    host = urlsplit(args.url).hostname or ""
    if args.serve_workers is None and not args.allow_remote and not _loopback(host):
        parser.error(f"{host} is not this machine: give --allow-remote to load a server elsewhere")
    if args.password is None:
        from ownway.people.demo.generator import DEMO_PASSWORD

        args.password = DEMO_PASSWORD

    if args.serve_workers is None:
        summary = measure(args, args.url)
    else:
        compared: list[tuple[int, Summary]] = []
        for workers in args.serve_workers:
            print(f"\n=== ownway serve with {workers} process{'es' if workers > 1 else ''}", flush=True)
            with served(workers, args.port, args.threads) as url:
                compared.append((workers, measure(args, url)))
        print(f"\n{'processes':>9} {'requests/s':>11} {'median ms':>10} {'p95 ms':>8} {'errors':>7}")
        for workers, each in compared:
            print(f"{workers:>9} {each.per_second:>11.1f} {each.median_ms:>10.1f} {each.p95_ms:>8.1f} {each.errors:>7}")
        summary = compared[-1][1]
    print(f"p95_ms={summary.p95_ms:.1f}")


if __name__ == "__main__":
    main()
