"""Time writing the Client Level Data extract and checking its data quality, at council x5 with a year of events.

    uv run python benchmarks/cld_extract.py [--size small | --size council5 | --people 100960] [--seed 1]
    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/cld_extract.py --size council5

It makes a fresh database beside the configured one (``benchkit.throwaway_database``) and puts a council's adults
(``--people``, or a named size of ``ownway.people.demo.generator.SIZES``; council x5 is 100,960) and a year of their
events straight into the tables, as the services would have left them. For every 100 people known, in the year:
100 contacts at the front door, each closed, with 80 conversations recorded on their own; 35 needs and carers'
assessments completed, each with its eligibility decision; 10 enablement episodes; and for 69 of them (13,861
packages for Birmingham's 20,192 open cases, x5) a personal budget of two paid lines, 60 of which are reviewed. That
is about 400,000 rows at council x5, in the proportions of Birmingham's figures (standards.md; README).

It writes the extract for the twelve months to the day before the run (``ownway.reporting.services.cld_check_run``,
as ``manage.py cld_extract`` does) to a file in a temporary folder, checks every row, and prints the rows, the
failures per field, and the peak memory of the process (target: under 1 GB, the rows streamed, never held). The
last line is ``seconds=<float>``: the time the extract and its check took (target: under 60 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from benchkit import throwaway_database

#: Events in the year for every person known (see the module's docstring).
CONTACTS, CONVERSATIONS, ASSESSMENTS, EPISODES, BUDGETS, REVIEWS = 1.0, 0.8, 0.35, 0.10, 0.69, 0.60


def peak_megabytes() -> float:
    """The most memory the process has held (resident set), in megabytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--size", default="small", help="a named size of ownway.people.demo.generator.SIZES")
    size.add_argument("--people", type=int, help="people known to the council (instead of --size)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()
    if args.people is not None and not 50 <= args.people <= 1_000_000:
        parser.error("--people must be from 50 to 1,000,000")

    with throwaway_database(keep=args.keep):
        from django.db import connection
        from django.utils import timezone

        from ownway.accounts.models import Team, User
        from ownway.accounts.roles import Role, TeamKind
        from ownway.assessments.models import Assessment, AssessmentKind, AssessmentStatus, EligibilityDetermination
        from ownway.enablement.models import Episode, EpisodeStatus, STS002aSequel
        from ownway.frontdoor.models import Contact, ContactStatus, Conversation, EventOutcome, RouteOfAccess
        from ownway.people.demo.generator import SIZES
        from ownway.people.models import CodeList, CodeValue, Person
        from ownway.people.rules.nhs_number import nhs_check_digit
        from ownway.planning.models import (
            BudgetLine,
            PersonalBudget,
            PlanLine,
            PlanOutcome,
            PlanStatus,
            PlanVersion,
            SupportPlan,
        )
        from ownway.reporting.cld import Period
        from ownway.reporting.services import cld_check_run
        from ownway.reviews.models import Review, ReviewStatus

        if args.people is None and args.size not in SIZES:
            parser.error(f"--size must be one of {', '.join(SIZES)}")
        people = args.people if args.people is not None else SIZES[args.size]
        rng = random.Random(args.seed)  # noqa: S311 (synthetic data)
        today = timezone.localdate()
        end = today - dt.timedelta(days=1)
        start = (end + dt.timedelta(days=1)).replace(year=end.year - 1)
        span = (end - start).days
        setup = time.perf_counter()
        batch = 5000

        def day() -> dt.date:
            return start + dt.timedelta(days=rng.randrange(span))

        def moment(on: dt.date) -> dt.datetime:
            return timezone.make_aware(dt.datetime.combine(on, dt.time(9 + rng.randrange(8))))

        def nhs_number(n: int) -> str:
            while True:
                first = f"{(400_000_000 + n * 7 + rng.randrange(7)) % 1_000_000_000:09d}"
                check = nhs_check_digit(first)
                if check is not None:
                    return f"{first}{check}"

        team = Team.objects.create(name="Locality", kind=TeamKind.LOCALITY)
        worker = User.objects.create(username="worker", role=Role.SOCIAL_WORKER, team=team)
        codes = {
            name: list(CodeValue.objects.filter(list=name).values_list("pk", flat=True))
            for name in (CodeList.GENDER, CodeList.ETHNICITY, CodeList.PRIMARY_SUPPORT_REASON,
                         CodeList.ACCOMMODATION_STATUS, CodeList.EMPLOYMENT_STATUS)
        }  # fmt: skip
        Person.objects.bulk_create(
            (
                Person(
                    reference=f"B{i:09d}", first_name="Cld", last_name=f"Bench{i}", nhs_number=nhs_number(i),
                    date_of_birth=dt.date(rng.randint(1922, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                    postcode=f"B{rng.randint(1, 99)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                    f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                    gender_id=rng.choice(codes[CodeList.GENDER]), ethnicity_id=rng.choice(codes[CodeList.ETHNICITY]),
                    primary_support_reason_id=rng.choice(codes[CodeList.PRIMARY_SUPPORT_REASON]),
                    accommodation_status_id=rng.choice(codes[CodeList.ACCOMMODATION_STATUS]),
                    employment_status_id=rng.choice(codes[CodeList.EMPLOYMENT_STATUS]),
                    has_unpaid_carer=rng.choice(["yes", "no"]), autism=rng.random() < 0.03, team=team,
                )
                for i in range(people)
            ),
            batch_size=batch,
        )  # fmt: skip
        person_ids = list(Person.objects.values_list("pk", flat=True))

        outcomes = [o.value for o in EventOutcome]
        routes = [r.value for r in RouteOfAccess]
        Contact.objects.bulk_create(
            (
                Contact(
                    reference=f"C{n + 1:09d}", person_id=rng.choice(person_ids), first_name="Cld",
                    last_name="Bench",
                    source="self", route_of_access=rng.choice(routes), reason="Needs help at home",
                    received_at=moment(received), status=ContactStatus.CLOSED, outcome=rng.choice(outcomes),
                    closed_at=moment(min(received + dt.timedelta(days=rng.randint(0, 10)), end)),
                )
                for n, received in enumerate(day() for _ in range(round(people * CONTACTS)))
            ),
            batch_size=batch,
        )  # fmt: skip
        contacts = list(Contact.objects.values_list("pk", "received_at"))
        Conversation.objects.bulk_create(
            (
                Conversation(contact_id=pk, kind="listen_and_connect", held_on=timezone.localtime(received).date(),
                             recorded_by=worker)
                for pk, received in rng.sample(contacts, min(len(contacts), round(people * CONVERSATIONS)))
            ),
            batch_size=batch,
        )  # fmt: skip
        assessments = []
        for _ in range(round(people * ASSESSMENTS)):
            completed = day()
            assessments.append(
                Assessment(
                    person_id=rng.choice(person_ids), assessor=worker, status=AssessmentStatus.COMPLETED,
                    kind=AssessmentKind.CARER if rng.random() < 0.15 else AssessmentKind.NEEDS,
                    started_on=completed - dt.timedelta(days=rng.randint(0, 28)), completed_on=completed,
                )
            )  # fmt: skip
        Assessment.objects.bulk_create(assessments, batch_size=batch)
        EligibilityDetermination.objects.bulk_create(
            (
                EligibilityDetermination(assessment_id=pk, rule_eligible=True, rule_reasons=[],
                                         rule_outcomes_not_achieved=[], eligible=rng.random() < 0.8,
                                         decided_by=worker)
                for pk in Assessment.objects.values_list("pk", flat=True)
            ),
            batch_size=batch,
        )  # fmt: skip
        episodes = []
        for _ in range(round(people * EPISODES)):
            began = day()
            ended = began + dt.timedelta(days=rng.randint(10, 42))
            episodes.append(
                Episode(
                    person_id=rng.choice(person_ids), team=team, start_date=began, planned_end_date=began +
                    dt.timedelta(days=42), ended_on=ended if ended < end else None,
                    outcome=rng.choice(list(STS002aSequel)) if ended < end else "",
                    status=EpisodeStatus.ENDED if ended < end else EpisodeStatus.ACTIVE,
                    latitude=Decimal("52.48"), longitude=Decimal("-1.89"), created_by=worker,
                )
            )  # fmt: skip
        Episode.objects.bulk_create(episodes, batch_size=batch)

        # Personal budgets: a plan, its approved version, an outcome, two paid lines and the budget over them.
        funded = rng.sample(person_ids, min(len(person_ids), round(people * BUDGETS)))
        SupportPlan.objects.bulk_create((SupportPlan(person_id=pk, worker=worker) for pk in funded), batch_size=batch)
        plans = list(SupportPlan.objects.values_list("pk", "person_id"))
        PlanVersion.objects.bulk_create(
            (PlanVersion(plan_id=pk, number=1, status=PlanStatus.APPROVED, created_by=worker) for pk, _ in plans),
            batch_size=batch,
        )
        versions = dict(PlanVersion.objects.values_list("plan_id", "pk"))
        PlanOutcome.objects.bulk_create(
            (PlanOutcome(version_id=versions[pk], own_words="To stay at home") for pk, _ in plans), batch_size=batch
        )
        outcome_of = dict(PlanOutcome.objects.values_list("version_id", "pk"))
        lines = []
        for pk, _person in plans:
            version = versions[pk]
            lines.append(PlanLine(version_id=version, outcome_id=outcome_of[version], kind="pa_hours",
                                  description="Help at home", unit="hour", unit_cost=Decimal("21.50"),
                                  units=Decimal(rng.randint(4, 20)), frequency="weekly", weekly_cost=Decimal(200),
                                  management="direct_payment", position=0))  # fmt: skip
            lines.append(PlanLine(version_id=version, outcome_id=outcome_of[version], kind="day_opportunity",
                                  description="Day centre", unit="day", unit_cost=Decimal("48.00"),
                                  units=Decimal(rng.randint(1, 4)), frequency="weekly", weekly_cost=Decimal(96),
                                  management="council_managed", position=1))  # fmt: skip
        PlanLine.objects.bulk_create(lines, batch_size=batch)
        PersonalBudget.objects.bulk_create(
            (
                PersonalBudget(person_id=person, version_id=versions[pk], total_weekly=Decimal(296),
                               contribution_weekly=Decimal(rng.choice([0, 0, 45])), council_weekly=Decimal(251),
                               starts_on=start - dt.timedelta(days=rng.randint(0, 900)))
                for pk, person in plans
            ),
            batch_size=batch,
        )  # fmt: skip
        budget_of = dict(PersonalBudget.objects.values_list("version_id", "pk"))
        BudgetLine.objects.bulk_create(
            (
                BudgetLine(budget_id=budget_of[version], plan_line_id=line, weekly_cost=cost, management=management,
                           delivery_mechanism="Direct Payment" if management == "direct_payment" else
                           "CASSR Managed Personal Budget")
                for line, version, cost, management in PlanLine.objects.values_list(
                    "pk", "version_id", "weekly_cost", "management")
            ),
            batch_size=batch,
        )  # fmt: skip
        Review.objects.bulk_create(
            (
                Review(person_id=person, plan_id=pk, version_id=versions[pk], reason="change_of_need",
                       due_on=held, opens_on=held - dt.timedelta(days=14), due_explanation="Asked for",
                       status=ReviewStatus.DONE, held_on=held, method="person", decision="no_change",
                       decision_reasons="Going well", reviewer=worker)
                for (pk, person), held in ((plan, day()) for plan in rng.sample(plans, round(len(plans) * REVIEWS
                                                                                              / BUDGETS)))
            ),
            batch_size=batch,
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have, after a load of this size
        print(f"{people:,} people on {connection.vendor} (made in {time.perf_counter() - setup:.1f} s)")

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "cld.csv"
            began = time.perf_counter()
            with path.open("w", newline="", encoding="utf-8") as handle:
                check = cld_check_run(period=Period(start, end), output=handle, written_to=str(path))
            seconds = time.perf_counter() - began
            size = path.stat().st_size
        print(f"extract {start} to {end}: {check.rows:,} rows ({size / 1e6:.1f} MB), {check.failures:,} failures")
        for score in check.scores:
            if score["missing"] or score["invalid"]:
                print(f"  {score['name']}: {score['missing']:,} blank but mandatory, {score['invalid']:,} not valid")
        print(f"peak memory: {peak_megabytes():.0f} MB")
        print(f"seconds={seconds:.3f}")


if __name__ == "__main__":
    main()
