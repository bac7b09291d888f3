"""Time scheduling every plan's next review and the team's list of reviews due, at council x5 (100,000 plans).

    uv run python benchmarks/reviews.py [--plans 100000] [--teams 16] [--requests 100]
    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/reviews.py

It makes a fresh database beside the configured one (Django's test database), migrates it, and puts
``--plans`` people with an approved support plan and a current personal budget straight into the tables
(spread over ``--teams`` teams, each with a social worker and a team manager; the plans started over the last
three years, and a third had a review held since), as a council moving to Ownway would have them: with no
review scheduled yet. It then times ``planned_reviews_refresh`` working out every plan's next review and
writing it (the nightly refresh; the first night does them all), and asks for the team's list of reviews due
(``/reviews/``, its first page) as a team manager ``--requests`` times through Django's full request handling
(middleware, sessions, the audit trail, Jinja2; no network). It prints the list's median and p95 (target: p95
under 150 ms), then, as its last line, ``seconds=<float>``: the time the refresh took (target: under 30 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from decimal import Decimal

from benchkit import percentile, throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=100_000)
    parser.add_argument("--teams", type=int, default=16)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if not 1 <= args.teams <= args.plans <= 1_000_000 or not 1 <= args.requests <= 10_000:
        parser.error("--teams must be at least 1 and at most --plans (at most 1,000,000); --requests 1 to 10,000")

    with throwaway_database():
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["testserver"]
        settings.SESSION_COOKIE_SECURE = False
        settings.CSRF_COOKIE_SECURE = False
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        from ownway.accounts.models import Team, User
        from ownway.accounts.roles import Role
        from ownway.people.models import Person
        from ownway.planning.models import BudgetStatus, PersonalBudget, PlanStatus, PlanVersion, SupportPlan
        from ownway.reviews import services as review_services
        from ownway.reviews.models import Review, ReviewStatus

        rng = random.Random(args.seed)  # noqa: S311 (synthetic data)
        today = timezone.localdate()
        setup = time.perf_counter()
        teams = [Team.objects.create(name=f"Locality {t + 1}", kind="locality") for t in range(args.teams)]
        workers = [
            User.objects.create(username=f"worker{t}", role=Role.SOCIAL_WORKER, team=team)
            for t, team in enumerate(teams)
        ]
        manager = User.objects.create(username="manager", role=Role.TEAM_MANAGER, team=teams[0])
        batch = 5000
        Person.objects.bulk_create(
            (
                Person(
                    reference=f"R{i:09d}",
                    first_name="Review",
                    last_name=f"Bench{i}",
                    date_of_birth=dt.date(rng.randint(1930, 2006), rng.randint(1, 12), rng.randint(1, 28)),
                    team=teams[i % args.teams],
                    named_worker=workers[i % args.teams],
                )
                for i in range(args.plans)
            ),
            batch_size=batch,
        )
        people = list(Person.objects.order_by("pk").values_list("pk", "team_id"))
        worker_of = {team.pk: worker for team, worker in zip(teams, workers, strict=True)}
        SupportPlan.objects.bulk_create(
            (SupportPlan(person_id=pk, worker=worker_of[team_id]) for pk, team_id in people), batch_size=batch
        )
        plans = list(SupportPlan.objects.order_by("pk").values_list("pk", "person_id", "worker_id"))
        starts = {pk: today - dt.timedelta(days=rng.randint(0, 3 * 365)) for pk, _, _ in plans}
        PlanVersion.objects.bulk_create(
            (
                PlanVersion(
                    plan_id=pk,
                    number=1,
                    status=PlanStatus.APPROVED,
                    starts_on=starts[pk],
                    total_weekly=Decimal("250.00"),
                    created_by_id=worker_id,
                )
                for pk, _, worker_id in plans
            ),
            batch_size=batch,
        )
        versions = dict(PlanVersion.objects.values_list("plan_id", "pk"))
        PersonalBudget.objects.bulk_create(
            (
                PersonalBudget(
                    person_id=person_id,
                    version_id=versions[pk],
                    status=BudgetStatus.CURRENT,
                    total_weekly=Decimal("250.00"),
                    contribution_weekly=Decimal("40.00"),
                    council_weekly=Decimal("210.00"),
                    starts_on=starts[pk],
                )
                for pk, person_id, _ in plans
            ),
            batch_size=batch,
        )
        held = [
            Review(
                person_id=person_id,
                plan_id=pk,
                reason="planned",
                status=ReviewStatus.DONE,
                held_on=starts[pk] + dt.timedelta(days=rng.randint(42, max(42, (today - starts[pk]).days))),
                due_on=starts[pk] + dt.timedelta(weeks=8),
                opens_on=starts[pk] + dt.timedelta(weeks=6),
                due_explanation="Held before",
                decision="no_change",
                decision_reasons="Working well",
            )
            for pk, person_id, _ in plans
            if (today - starts[pk]).days > 60 and rng.random() < 1 / 3
        ]
        Review.objects.bulk_create(held, batch_size=batch)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have, after a load of this size
        print(f"{args.plans:,} plans in {args.teams} teams, {len(held):,} with a review held, on {connection.vendor} "
              f"(made in {time.perf_counter() - setup:.1f} s)")  # fmt: skip

        started = time.perf_counter()
        made = review_services.planned_reviews_refresh()
        seconds = time.perf_counter() - started
        assert made == args.plans, f"{made} reviews scheduled for {args.plans} plans"
        assert review_services.planned_reviews_refresh() == 0

        client = Client()
        client.force_login(manager)
        for _ in range(3):
            assert client.get("/reviews/").status_code == 200
        timings = []
        for _ in range(args.requests):
            began = time.perf_counter()
            response = client.get("/reviews/")
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        timings.sort()
        due = Review.objects.filter(status=ReviewStatus.OPEN, opens_on__lte=today, person__team=teams[0]).count()
        print(f"team list of reviews due ({due:,} due in the team): median {statistics.median(timings):.1f} ms, "
              f"p95 {percentile(timings, 0.95):.1f} ms over {args.requests} requests")  # fmt: skip
        print(f"refresh: {made:,} reviews scheduled in {seconds:.2f} s")
        print(f"seconds={seconds:.3f}")


if __name__ == "__main__":
    main()
