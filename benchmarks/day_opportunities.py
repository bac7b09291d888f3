"""Mark a day's register at every day service through the register pages, then build the commissioner's tables.

    uv run python benchmarks/day_opportunities.py [--size small | --size council5 | --people 100960] [--seed 1]
    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/day_opportunities.py --size council5

It makes a fresh database beside the configured one (``benchkit.throwaway_database``), builds the demo city of
that size with its day-care cohort (``ownway.dayops.demo``: about 7,700 placements at council x5), then, for a
weekday since the city's date, opens the register of every service for each part of the day anyone is placed in
and sends it back marked for everyone, as the people who mark it do: a provider's staff for its own services,
the council's staff for the council's. Each request goes through Django's full request handling (middleware,
sessions, the audit trail, Jinja2 rendering; no network), as the other page benchmarks do. It prints the
register page's timings (opening and saving), checks that every mark was saved, then builds every one of the
commissioner's tables (``ownway.dayops.figures.cohort_figures``, not cached) and times that.

Targets: the register page's p95 under 100 ms; the tables under 5 seconds. The last line is
``seconds=<float>``: the time the tables took.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import time

from benchkit import percentile, throwaway_database


def _day(today: dt.date) -> dt.date:
    """The last weekday up to today (every day service is open Monday to Friday)."""
    day = today
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--size", default="small", help="a named size of ownway.people.demo.generator.SIZES")
    size.add_argument("--people", type=int, help="people who use services (instead of --size)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()

    with throwaway_database(keep=args.keep):
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["testserver"]
        settings.SESSION_COOKIE_SECURE = False
        settings.CSRF_COOKIE_SECURE = False
        from django.db import connection
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from ownway.accounts.context import Origin, origin_scope
        from ownway.accounts.models import User
        from ownway.accounts.roles import Role
        from ownway.dayops.demo import generate_day_opportunities
        from ownway.dayops.figures import cohort_figures
        from ownway.dayops.models import Attendance, Placement
        from ownway.directory.models import ProviderAccount, Service
        from ownway.people.demo.builder import generate_city
        from ownway.people.demo.generator import SIZES

        people = args.people if args.people is not None else SIZES[args.size]
        started = time.perf_counter()
        with origin_scope(Origin(request_id=f"benchmark-{args.seed}", via="command")):
            city = generate_city(people=people, seed=args.seed)
            made = generate_day_opportunities(cohort=city.day_care, seed=args.seed, as_of=city.as_of)
        built = time.perf_counter() - started
        day = _day(timezone.localdate())
        print(f"database={connection.vendor} people={people} built_seconds={built:.1f}")
        for line in made.lines():
            print(line)

        staff = User.objects.filter(role=Role.BROKER, is_active=True).order_by("username").first()
        assert staff is not None, "the demo city has no broker to mark the council's registers"
        markers = {
            account.organization_id: account.user
            for account in ProviderAccount.objects.select_related("user").order_by("user__username")
        }
        clients: dict[int, Client] = {}

        def client_for(user: User) -> Client:
            """A signed-in browser for the user, that has opened its list of registers (not timed)."""
            if user.pk not in clients:
                clients[user.pk] = Client()
                clients[user.pk].force_login(user)
                assert clients[user.pk].get(reverse("dayops:registers")).status_code == 200
            return clients[user.pk]

        sessions = (
            Placement.objects.filter(service__day_service__isnull=False)
            .values_list("service_id", "session")
            .distinct()
            .order_by("service_id", "session")
        )
        services = {s.pk: s for s in Service.objects.filter(day_service__isnull=False)}
        # One register opened before the clock starts, so its templates are compiled, as on a running server.
        first_service, first_session = sessions[0]
        client_for(staff).get(
            f"{reverse('dayops:register', kwargs={'pk': first_service})}?date={day.isoformat()}&session={first_session}"
        )
        opening: list[float] = []
        saving: list[float] = []
        marked = 0
        for service_id, session in sessions:
            service = services[service_id]
            user = markers.get(service.organization_id, staff) if service.organization_id else staff
            client = client_for(user)
            url = f"{reverse('dayops:register', kwargs={'pk': service_id})}?date={day.isoformat()}&session={session}"
            clock = time.perf_counter()
            page = client.get(url)
            opening.append((time.perf_counter() - clock) * 1000)
            assert page.status_code == 200, (page.status_code, url)
            fields = sorted(set(_radio_names(page.content.decode())))
            if not fields:
                continue  # no one on this register on this weekday
            marks = {name: ("attended" if k % 9 else "ill") for k, name in enumerate(fields)}
            clock = time.perf_counter()
            saved = client.post(url, marks)
            saving.append((time.perf_counter() - clock) * 1000)
            assert saved.status_code == 302, (saved.status_code, url)
            marked += len(marks)
        assert Attendance.objects.filter(date=day).count() == marked, "not every mark was saved"
        timings = sorted(opening + saving)
        print(f"day={day.isoformat()} registers={len(opening)} saved={len(saving)} marks={marked} "
              f"services={len(services)} placements={Placement.objects.count()}")  # fmt: skip
        for name, values in (("open", sorted(opening)), ("save", sorted(saving))):
            if values:
                print(f"register_{name}_median_ms={statistics.median(values):.1f} "
                      f"register_{name}_p95_ms={percentile(values, 0.95):.1f} "
                      f"register_{name}_max_ms={values[-1]:.1f}")  # fmt: skip
        print(f"register_p95_ms={percentile(timings, 0.95):.1f}")

        clock = time.perf_counter()
        figures = cohort_figures(day)
        tables_seconds = time.perf_counter() - clock
        print(f"cohort_people={figures.people} spend=£{figures.total_spend:,.0f}")
        print(f"seconds={tables_seconds:.3f}")


def _radio_names(html: str) -> list[str]:
    """The names of the register's questions (one a person: ``p<placement id>``)."""
    return re.findall(r'<input[^>]*type="radio"[^>]*name="(p\d+)"', html) + re.findall(
        r'<input[^>]*name="(p\d+)"[^>]*type="radio"', html
    )


if __name__ == "__main__":
    main()
