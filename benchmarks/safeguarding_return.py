"""Time building the yearly Safeguarding Adults Collection, and the safeguarding team's worklist, at council x5.

    uv run python benchmarks/safeguarding_return.py [--size small | --size council5 | --people 100960] [--seed 1]
    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/safeguarding_return.py --size council5

It makes a fresh database beside the configured one (``benchkit.throwaway_database``) and puts a council's adults
(``--people``, or a named size of ``ownway.people.demo.generator.SIZES``; council x5 is 100,960) and a year of
safeguarding straight into the tables, as the services would have left them: about 21 concerns a year for every
100 people known at council x5 (about 21,000), each decided the next day, about 30% leading to an enquiry (s.42 or
other, in England's shares: ``ownway.safeguarding.demo``), each enquiry with Making Safeguarding Personal, capacity,
the types, location and sources of risk, and closed with its outcomes. The year is the last whole financial year
(the return is built after the year ends); on top of it, the concerns of the last two days wait for a decision and
the enquiries of the last eight weeks are open, as on the worklist of a working team.

It builds the return (``ownway.safeguarding.sac.build_return``) and checks its totals against what was made, then
asks for the safeguarding worklist (``/safeguarding/``) as a worker in the safeguarding team ``--requests`` times
through Django's full request handling (middleware, sessions, the audit trail, Jinja2; no network) and prints its
median and p95 (target: p95 under 150 ms). The last line is ``seconds=<float>``: the time the return took to build
(target: under 20 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Sequence

from benchkit import percentile, throwaway_database

#: Concerns a year for every person known, at council x5 (about 21,000 for 100,960 people).
CONCERNS_PER_PERSON = 21_000 / 100_960


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--size", default="small", help="a named size of ownway.people.demo.generator.SIZES")
    size.add_argument("--people", type=int, help="people known to the council (instead of --size)")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()
    if args.people is not None and not 50 <= args.people <= 1_000_000:
        parser.error("--people must be from 50 to 1,000,000")
    if not 1 <= args.requests <= 10_000:
        parser.error("--requests must be from 1 to 10,000")

    with throwaway_database(keep=args.keep):
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["testserver"]
        settings.SESSION_COOKIE_SECURE = False
        settings.CSRF_COOKIE_SECURE = False
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        from ownway.accounts.models import Team, User
        from ownway.accounts.roles import Role, TeamKind
        from ownway.core.dates import financial_year
        from ownway.people.demo.generator import SIZES
        from ownway.people.models import CodeList, CodeValue, Person
        from ownway.safeguarding import demo
        from ownway.safeguarding.models import (
            Advocacy,
            AskedWho,
            Channel,
            Concern,
            ConcernStatus,
            Decision,
            DecisionOutcome,
            Enquiry,
            EnquiryKind,
            EnquiryStatus,
            SafeguardingValue,
            ValueList,
            ViewSought,
        )
        from ownway.safeguarding.sac import build_return

        if args.people is None and args.size not in SIZES:
            parser.error(f"--size must be one of {', '.join(SIZES)}")
        people = args.people if args.people is not None else SIZES[args.size]
        rng = random.Random(args.seed)  # noqa: S311 (synthetic data)
        now = timezone.now()
        today = timezone.localdate()
        year = financial_year(financial_year(today).first_day - dt.timedelta(days=1))
        setup = time.perf_counter()

        team = Team.objects.create(name="Adult safeguarding", kind=TeamKind.SAFEGUARDING)
        worker = User.objects.create(username="safeguarding", role=Role.SOCIAL_WORKER, team=team,
                                     first_name="Sam", last_name="Okafor")  # fmt: skip
        User.objects.create(username="safeguarding_lead", role=Role.TEAM_MANAGER, team=team)
        codes = {
            name: list(CodeValue.objects.filter(list=name).values_list("pk", flat=True))
            for name in (CodeList.GENDER, CodeList.ETHNICITY, CodeList.PRIMARY_SUPPORT_REASON)
        }
        batch = 5000
        Person.objects.bulk_create(
            (
                Person(
                    reference=f"G{i:09d}",
                    first_name="Safe",
                    last_name=f"Bench{i}",
                    date_of_birth=dt.date(rng.randint(1922, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                    gender_id=rng.choice(codes[CodeList.GENDER]) if codes[CodeList.GENDER] else None,
                    ethnicity_id=rng.choice(codes[CodeList.ETHNICITY]) if codes[CodeList.ETHNICITY] else None,
                    primary_support_reason_id=(
                        rng.choice(codes[CodeList.PRIMARY_SUPPORT_REASON])
                        if codes[CodeList.PRIMARY_SUPPORT_REASON]
                        else None
                    ),
                    autism=rng.random() < 0.03,
                )
                for i in range(people)
            ),
            batch_size=batch,
        )
        person_ids = list(Person.objects.values_list("pk", flat=True))
        value = {(v.list, v.code): v.pk for v in SafeguardingValue.objects.all()}

        def pick(value_list: str, weighted: Sequence[tuple[str, float]]) -> int:
            return value[(value_list, demo._pick(rng, weighted))]

        # The year's concerns, then the recent ones still open: (received, what becomes of it).
        in_year = round(people * CONCERNS_PER_PERSON)
        span = (year.last_day - year.first_day).days + 1
        plan: list[tuple[dt.datetime, str]] = []
        start = dt.datetime.combine(year.first_day, dt.time(9), tzinfo=now.tzinfo)
        for _ in range(in_year):
            roll = rng.random()
            fate = "s42" if roll < demo.S42_SHARE else "other" if roll < demo.S42_SHARE + demo.OTHER_SHARE else "none"
            plan.append((start + dt.timedelta(days=rng.randrange(span), minutes=rng.randrange(480)), fate))
        for _ in range(max(1, round(in_year * 2 / 365))):
            plan.append((now - dt.timedelta(hours=rng.randint(1, 40)), "new"))
        for _ in range(max(1, round(in_year * 56 / 365 * (demo.S42_SHARE + demo.OTHER_SHARE)))):
            plan.append((now - dt.timedelta(days=rng.randint(2, 56), hours=rng.randint(0, 8)), "open"))

        Concern.objects.bulk_create(
            (
                Concern(
                    reference=f"S{n + 1:07d}",
                    channel=Channel.STAFF if rng.random() < 0.9 else Channel.PUBLIC,
                    person_id=rng.choice(person_ids),
                    what_happened=rng.choice(demo.WHAT),
                    received_at=received,
                    decision_due_at=received + dt.timedelta(days=1),
                    status=(
                        ConcernStatus.NEW
                        if fate == "new"
                        else ConcernStatus.ENQUIRY
                        if fate == "open"
                        else ConcernStatus.CLOSED
                    ),
                    worker=worker,
                    closed_at=received + dt.timedelta(hours=20)
                    if fate == "none"
                    else received + dt.timedelta(days=41)
                    if fate in ("s42", "other")
                    else None,
                )
                for n, (received, fate) in enumerate(plan)
            ),
            batch_size=batch,
        )
        concerns = list(Concern.objects.order_by("pk").values_list("pk", "received_at"))
        decided = [(pk, received, fate) for (pk, received), (_r, fate) in zip(concerns, plan, strict=True)
                   if fate != "new"]  # fmt: skip
        Decision.objects.bulk_create(
            (
                Decision(
                    concern_id=pk,
                    view_sought=ViewSought.ASKED,
                    adult_view="I want it to stop.",
                    has_care_needs=fate != "none",
                    has_care_needs_reasons="From their assessment and what was said",
                    at_risk=True,
                    at_risk_reasons="What was seen and reported",
                    cannot_protect=fate in ("s42", "open"),
                    cannot_protect_reasons="Because of their needs",
                    outcome=DecisionOutcome.S42 if fate in ("s42", "open") else fate,
                    disposal_id=value[(ValueList.DISPOSAL, "advice")] if fate == "none" else None,
                    advice_given="Gave the number to call" if fate == "none" else "",
                    decided_by=worker,
                    decided_at=received + dt.timedelta(hours=20),
                )
                for pk, received, fate in decided
            ),
            batch_size=batch,
        )
        enquiring = [(pk, received, fate) for pk, received, fate in decided if fate != "none"]
        enquiries = []
        for pk, received, fate in enquiring:
            started = (received + dt.timedelta(days=1)).date()
            expressed = rng.random() < 0.75
            lacked = rng.random() < 0.3
            closed = fate != "open"
            enquiries.append(
                Enquiry(
                    concern_id=pk,
                    kind=EnquiryKind.OTHER if fate == "other" else EnquiryKind.S42,
                    started_on=started,
                    due_on=started + dt.timedelta(days=28),
                    lead=worker,
                    status=EnquiryStatus.CLOSED if closed else EnquiryStatus.OPEN,
                    msp_asked_id=value[(ValueList.MSP_ASKED, "asked_expressed" if expressed else "asked_none")],
                    asked_who=AskedWho.ADULT,
                    desired_outcomes="To feel safe at home" if expressed else "",
                    capacity_id=value[(ValueList.CAPACITY, "lacked" if lacked else "did_not_lack")],
                    advocacy=rng.choice([Advocacy.ADVOCATE, Advocacy.FAMILY_OR_FRIEND]) if lacked else
                    Advocacy.NOT_NEEDED,
                    location_id=pick(ValueList.LOCATION, demo.LOCATIONS),
                    risk_assessment="Spoke with the adult, their family and the provider.",
                    protection_plan="Daily visits; reviewed in four weeks.",
                    risk_assessment_outcome_id=value[(ValueList.RISK_ASSESSMENT_OUTCOME, "identified_action")]
                    if closed else None,
                    risk_outcome_id=pick(ValueList.RISK_OUTCOME, [("reduced", 66), ("removed", 23), ("remains", 11)])
                    if closed else None,
                    msp_achieved_id=pick(ValueList.MSP_ACHIEVED, [("fully", 65), ("partly", 29), ("not", 6)])
                    if closed and expressed else None,
                    closing_summary="Told the adult whom to call if they are worried again." if closed else "",
                    concluded_on=started + dt.timedelta(days=40) if closed else None,
                    closed_by=worker if closed else None,
                )
            )  # fmt: skip
        Enquiry.objects.bulk_create(enquiries, batch_size=batch)
        made = Enquiry.objects.values_list("pk", flat=True)
        types = Enquiry.risk_types.through
        sources = Enquiry.sources.through
        type_rows, source_rows = [], []
        for enquiry_id in made:
            for kind in {pick(ValueList.RISK_TYPE, demo.TYPES) for _ in range(rng.randint(1, 2))}:
                type_rows.append(types(enquiry_id=enquiry_id, safeguardingvalue_id=kind))
            source = pick(ValueList.SOURCE, demo.SOURCES)
            source_rows.append(sources(enquiry_id=enquiry_id, safeguardingvalue_id=source))
        types.objects.bulk_create(type_rows, batch_size=batch)
        sources.objects.bulk_create(source_rows, batch_size=batch)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have, after a load of this size
        # The return counts the enquiries started in the year (one from a concern of 31 March starts in the next).
        s42 = sum(1 for e in enquiries if e.kind == EnquiryKind.S42 and e.started_on in year)
        other = sum(1 for e in enquiries if e.kind == EnquiryKind.OTHER and e.started_on in year)
        print(f"{people:,} people; {len(plan):,} concerns ({in_year:,} in {year.label}), {len(enquiring):,} enquiries "
              f"({s42:,} s.42 and {other:,} other in {year.label}) on {connection.vendor} "
              f"(made in {time.perf_counter() - setup:.1f} s)")  # fmt: skip

        started_at = time.perf_counter()
        result = build_return(year)
        seconds = time.perf_counter() - started_at
        counted = [result.figure("SG1f", row, "Count") for row in
                   ("Total safeguarding concerns", "Total section 42 enquiries", "Total other enquiries")]  # fmt: skip
        assert counted == [in_year, s42, other], f"the return counted {counted}, not {[in_year, s42, other]}"

        client = Client()
        client.force_login(worker)
        for _ in range(3):  # templates compiled, as on a running server
            assert client.get("/safeguarding/").status_code == 200
        timings = []
        for _ in range(args.requests):
            began = time.perf_counter()
            response = client.get("/safeguarding/")
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        timings.sort()
        still_open = Concern.objects.exclude(status=ConcernStatus.CLOSED).count()
        print(f"safeguarding worklist ({still_open:,} open concerns and enquiries): median "
              f"{statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms over {args.requests} "
              "requests")  # fmt: skip
        print(f"worklist_p95_ms={percentile(timings, 0.95):.1f}")
        print(f"return: {len(result.tables)} tables for {year.label} in {seconds:.2f} s")
        print(f"seconds={seconds:.3f}")


if __name__ == "__main__":
    main()
