"""Time a team manager's worklist page with 200 open items, on the demo city.

    uv run python benchmarks/team_worklist.py [--people 20192] [--items 200] [--requests 200]
    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/team_worklist.py

It makes a fresh database beside the configured one (as ``benchmarks/generate_city.py`` does), builds
the demo city, then gives the demo team manager's team ``--items`` open items: contacts (some given
to the team's workers, some not) and assessments in progress, a third of them past the 28-day
target. It then asks for ``/assessments/team/`` as that manager ``--requests`` times through Django's
full request handling (middleware, sessions, the audit trail, Jinja2 rendering; no network) and
prints the timings. The last line is ``p95_ms=<float>``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from benchkit import percentile, throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20_192)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    with throwaway_database():
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["testserver"]
        settings.SESSION_COOKIE_SECURE = False
        settings.CSRF_COOKIE_SECURE = False
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        from ownway.accounts.models import User
        from ownway.accounts.roles import CASEWORK_ROLES
        from ownway.assessments.models import Assessment
        from ownway.frontdoor.models import Contact, ContactSource
        from ownway.people.demo.builder import generate_city
        from ownway.people.models import Person

        generate_city(people=args.people, seed=args.seed)
        manager = User.objects.get(username="team_manager")
        assert manager.team is not None
        workers = list(User.objects.filter(team=manager.team, role__in=CASEWORK_ROLES).exclude(pk=manager.pk))
        people = list(Person.objects.filter(team=manager.team)[: args.items])
        now = timezone.now()
        today = timezone.localdate()
        contacts = args.items // 2
        Contact.objects.bulk_create(
            Contact(
                reference=f"B{i:07d}",
                first_name=f"Bench{i}",
                last_name="Contact",
                source=ContactSource.SELF,
                reason="Benchmark contact",
                received_at=now - dt.timedelta(days=i % 60),
                team=manager.team,
                worker=workers[i % len(workers)] if workers and i % 3 else None,
            )
            for i in range(contacts)
        )
        Assessment.objects.bulk_create(
            Assessment(
                person=people[i % len(people)],
                assessor=workers[i % len(workers)] if workers else manager,
                started_on=today - dt.timedelta(days=(40 if i % 3 == 0 else i % 20)),
            )
            for i in range(args.items - contacts)
        )
        client = Client()
        client.force_login(manager)
        first = client.get("/assessments/team/")
        assert first.status_code == 200, first.status_code
        body = first.content.decode()
        assert f"{args.items} open items" in body, "the page does not show the items made"
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get("/assessments/team/")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        timings.sort()
        p95 = percentile(timings, 0.95)
        print(f"database={connection.vendor} people={Person.objects.count()} team={manager.team.name}")
        print(f"open_items={args.items} workers={len(workers)} requests={args.requests} page_bytes={len(body)}")
        print(f"min_ms={timings[0]:.1f} median_ms={statistics.median(timings):.1f} max_ms={timings[-1]:.1f}")
        print(f"p95_ms={p95:.1f}")


if __name__ == "__main__":
    main()
