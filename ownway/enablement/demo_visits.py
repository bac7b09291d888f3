"""The demo city's enablement past: the last few days' published rotas with the visits workers recorded (most on
time, some late, some cut short or missed with their reasons), and episodes that ended months ago, some extended,
some handed to long-term support, with their follow-ups at the end and 91 days after discharge, recorded or due.

Everything is made through the services, as a team would make it, so it is validated and audited.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import TeamKind
from ownway.people.models import Person
from ownway.people.services import person_name_words_write

from . import services, services_episodes, services_visits
from .models import (
    EnablementWorker,
    EpisodeFollowUp,
    EpisodeStatus,
    FollowUpPoint,
    ReferralSource,
    RotaVisit,
    Shift,
    SupportAfter,
    VisitReason,
)

#: Why a visit was missed, and why one was cut short, in the demo.
MISSED = [VisitReason.NOT_IN, VisitReason.IN_HOSPITAL, VisitReason.DECLINED, VisitReason.WORKER_DELAYED]
CUT_SHORT = [VisitReason.NOT_NEEDED, VisitReason.DECLINED, VisitReason.EMERGENCY]
NOTES = [
    "Made a cup of tea with prompting only.",
    "Managed the stairs with the rail; more confident today.",
    "Washed and dressed with a little help with socks.",
    "Took morning tablets from the blister pack unaided.",
    "",
]


def _moment(day: dt.date, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute))


def past_days(
    *, manager: User, team: Team, days: int = 5, time_limit: float = 1.0, seed: int = 1
) -> tuple[int, int, int]:
    """Publish a rota for each of the last ``days`` days, the shifts as tomorrow's, and record each placed visit
    as its worker would. Returns how many visits were recorded, how many of them late and how many missed."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    today = timezone.localdate()
    template = {s.worker_id: s for s in Shift.objects.filter(worker__team=team, date=today + dt.timedelta(days=1))}
    workers = {w.pk: w for w in EnablementWorker.objects.filter(team=team).select_related("user")}
    recorded = late = missed = 0
    for back in range(days, 0, -1):
        day = today - dt.timedelta(days=back)
        for worker_id, shift in template.items():
            services.shift_set(
                actor=manager, worker=workers[worker_id], date=day, starts=shift.starts, ends=shift.ends,
                kind=shift.kind, break_minutes=shift.break_minutes,
            )  # fmt: skip
        try:
            rota = services.rota_create(actor=manager, team=team, date=day, time_limit=time_limit, seed=seed + back)
        except ValidationError:  # a day with no shifts or no visits has no rota
            continue
        services.rota_publish(actor=manager, rota=rota, publish_unplaced=True)
        visits = RotaVisit.objects.filter(rota=rota, worker__isnull=False).select_related("planned_visit", "rota")
        for rv in visits.order_by("worker_id", "sequence"):
            assert rv.worker_id is not None  # placed visits only
            user = workers[rv.worker_id].user
            planned = rv.planned_visit.duration_minutes
            preferred = rv.planned_visit.preferred_start
            start = rv.start_minute if rv.start_minute is not None else preferred.hour * 60 + preferred.minute
            roll = rng.random()
            if roll < 0.06:
                services_visits.visit_record(
                    actor=user, rota_visit=rv, client_id=uuid.uuid4(), kind="missed", reason=rng.choice(MISSED)
                )
                missed += 1
                continue
            delay = rng.randint(20, 45) if roll < 0.16 else rng.randint(-5, 8)
            late += delay >= 20
            stay = rng.randint(max(1, planned // 3), planned - 10) if roll > 0.93 and planned > 15 else planned
            stay += rng.randint(0, 4) if stay == planned else 0
            arrived = _moment(day, max(0, start + delay))
            services_visits.visit_record(
                actor=user, rota_visit=rv, client_id=uuid.uuid4(), kind="arrive", device_time=arrived
            )
            services_visits.visit_record(
                actor=user, rota_visit=rv, client_id=uuid.uuid4(), kind="depart",
                device_time=arrived + dt.timedelta(minutes=stay), note=rng.choice(NOTES),
                reason=rng.choice(CUT_SHORT) if stay < planned - 4 else "",
            )  # fmt: skip
            recorded += 1
    return recorded, late, missed


def _person(team: Team, rng: random.Random, k: int) -> Person:
    person = Person(
        reference=f"EP{team.pk:03d}{k:05d}",
        first_name=rng.choice(["Ada", "Bill", "Clara", "Dennis", "Eileen", "Fred", "Gwen", "Hilda"]),
        last_name=rng.choice(["Ashby", "Bishop", "Cole", "Dean", "Ellis", "Fisher", "Grant", "Hall"]),
        date_of_birth=dt.date(1930 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28)),
        team=team,
    )
    person.search_name = person.name_key()
    person.save()
    person_name_words_write([person], new=True)
    return person


def episodes_after(*, manager: User, team: Team, people: int = 12, seed: int = 1) -> str:
    """Episodes that ended months ago (a few handed to long-term support), their follow-ups (most recorded, some
    still due on the list), and a few of today's episodes extended."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    today = timezone.localdate()
    locality = Team.objects.filter(kind=TeamKind.LOCALITY, is_active=True).order_by("pk").first()
    outcomes = ["ongoing_low_level", "no_services_other", "universal_signposted", "short_term_other"]
    handed = 0
    for k in range(people):
        person = _person(team, rng, k)
        started = today - dt.timedelta(days=rng.randint(100, 170))
        referral = services.referral_record(
            actor=manager, person=person, team=team, received_on=started - dt.timedelta(days=2),
            source=rng.choice([ReferralSource.HOSPITAL_DISCHARGE, ReferralSource.HOSPITAL_DISCHARGE,
                               ReferralSource.COMMUNITY]),
            reason="Home from hospital after a fall; wants to get back to managing on their own.",
        )  # fmt: skip
        episode = services.episode_start(
            actor=manager, referral=referral, start_date=started, planned_end_date=started + dt.timedelta(days=42),
            latitude=Decimal("52.480000"), longitude=Decimal("-1.900000"),
        )  # fmt: skip
        services.planned_visit_add(
            actor=manager, episode=episode, preferred_start=dt.time(8, 0), duration_minutes=rng.choice([30, 45])
        )
        if k % 4 == 0:
            services_episodes.episode_extend(
                actor=manager, episode=episode, new_end=started + dt.timedelta(days=52),
                reason="Still unsteady on the stairs; the therapist asked for ten more days",
            )  # fmt: skip
        ended = started + dt.timedelta(days=rng.randint(30, 42 if k % 4 else 52))
        if k % 4 == 1 and locality is not None:
            services_episodes.episode_hand_off(
                actor=manager, episode=episode, to_team=locality, ended_on=ended,
                needs="Help to wash and dress each morning; cannot manage the stairs alone",
            )  # fmt: skip
            handed += 1
        else:
            services.episode_end(actor=manager, episode=episode, ended_on=ended, outcome=rng.choice(outcomes))
        hours = services_episodes.care_hours_planned(episode)
        for follow_up in EpisodeFollowUp.objects.filter(episode=episode, due_on__lte=today - dt.timedelta(days=5)):
            if follow_up.point == FollowUpPoint.DAY_91 and k % 3 == 2:
                continue  # left due, on the team's list
            long_term = episode.outcome == "long_term_support"
            services_episodes.follow_up_record(
                actor=manager, follow_up=follow_up, at_home=rng.random() < 0.85 or follow_up.point == "end",
                support_after=SupportAfter.MORE if long_term else rng.choice([SupportAfter.NONE, SupportAfter.LESS]),
                care_hours_start=hours, care_hours_now=Decimal(7) if long_term else Decimal(0),
            )  # fmt: skip
    extended = 0
    for episode in team.enablement_episodes.filter(status=EpisodeStatus.ACTIVE).order_by("start_date")[:3]:
        new_end = episode.start_date + dt.timedelta(days=49)
        if new_end > episode.planned_end_date:
            services_episodes.episode_extend(
                actor=manager, episode=episode, new_end=new_end, reason="Goals nearly met; one more week to finish"
            )
            extended += 1
    return f"{people} episodes ended months ago ({handed} handed to long-term support), {extended} extended"
