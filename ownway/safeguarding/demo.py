"""The demo city's safeguarding: a safeguarding team with two accounts, and a year of concerns and enquiries at
every stage, in England's proportions.

England 2024-25 (Safeguarding Adults Collection): 640,240 concerns, 185,270 s.42 enquiries and 10,285 other
enquiries across 153 councils, so about 29% of concerns lead to a s.42 enquiry and 1.6% to an other enquiry;
about 1.45 concerns a year for every 100 adults. Of concluded s.42 enquiries, neglect is the most common type of risk
(about 32%) and the adult's own home the most common location (about 46%); the risk was reduced or removed in
about 89% where one was identified.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role, TeamKind
from ownway.directory.models import Service, ServiceKind
from ownway.people.models import Person

from .large_scale import large_scale_link, large_scale_open
from .models import Concern, ConcernStatus, Decision, Enquiry
from .services import (
    ClosingData,
    ConcernData,
    DecisionData,
    PersonalData,
    RiskData,
    concern_allocate,
    concern_raise_for_person,
    concern_raise_public,
    decision_record,
    enquiry_action_add,
    enquiry_close,
    enquiry_personal,
    enquiry_risks,
)

#: Concerns a year for every 100 adults, and the shares leading to each kind of enquiry (SAC 2024-25).
CONCERNS_PER_100 = 1.45
S42_SHARE = 185_270 / 640_240
OTHER_SHARE = 10_285 / 640_240

TYPES = [("neglect", 32), ("financial", 15), ("psychological", 14), ("physical", 17), ("self_neglect", 8),
         ("domestic", 6), ("organisational", 4), ("sexual", 2), ("discriminatory", 1), ("sexual_exploitation", 0.5),
         ("modern_slavery", 0.5)]  # fmt: skip
LOCATIONS = [("own_home", 46), ("care_home_residential", 17), ("care_home_nursing", 12), ("hospital_acute", 5),
             ("community", 7), ("community_service", 4), ("other", 9)]  # fmt: skip
SOURCES = [("known_relative", 45), ("provider", 35), ("known_other", 12), ("unknown", 8)]
WHAT = [
    "Her neighbour says her son takes her pension every week and she has no food in the house.",
    "Bruises on his arms that he did not want to talk about; his carer answered for him.",
    "Care home staff seen shouting at a resident who could not find the toilet.",
    "He has stopped letting anyone in and the house smells; he has not collected his medicine for a month.",
    "Someone she met online has asked for money three times and she has taken out loans.",
    "Called names in the street because of his learning disability; his windows were broken last week.",
]


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def _account(username: str, role: Role, team: Team, first: str, last: str) -> User:
    from ownway.people.demo.generator import DEMO_PASSWORD

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, password=DEMO_PASSWORD, role=role, team=team,
                                        first_name=first, last_name=last)  # fmt: skip
    return user


#: The safeguarding team's demo accounts, as (what the account is for, user name), printed with the demo's other
#: logins (every password is the demo's).
SAFEGUARDING_LOGINS = (("Safeguarding worker", "safeguarding"), ("Safeguarding lead", "safeguarding_lead"))


def generate_safeguarding(*, seed: int = 1, today: dt.date | None = None) -> list[str]:
    """The team, its accounts (``safeguarding`` and ``safeguarding_lead``, the demo password) and a year of
    concerns about the city's adults, made through the services the screens use; what was made, as lines."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    team = Team.objects.filter(kind=TeamKind.SAFEGUARDING).first() or Team.objects.create(
        name="Adult safeguarding", kind=TeamKind.SAFEGUARDING
    )
    worker = _account(SAFEGUARDING_LOGINS[0][1], Role.SOCIAL_WORKER, team, "Sam", "Okafor")
    lead = _account(SAFEGUARDING_LOGINS[1][1], Role.TEAM_MANAGER, team, "Priya", "Lal")
    adults = list(Person.objects.filter(date_of_death__isnull=True).values_list("pk", flat=True))
    count = max(12, round(len(adults) * CONCERNS_PER_100 / 100))
    made = {"new": 0, "none": 0, "open": 0, "closed": 0}
    for number in range(count):
        days_ago = 0 if number < 3 else rng.randint(0, 364)
        received = timezone.now() - dt.timedelta(days=days_ago, hours=rng.randint(0, 8))
        with transaction.atomic():
            raiser = rng.choice(["neighbour", "family", "provider", "health", "police"])
            data = ConcernData(what_happened=rng.choice(WHAT), suspected_types=[_pick(rng, TYPES)], raised_by=raiser)
            if adults and rng.random() < 0.9:
                person = Person.objects.get(pk=rng.choice(adults))
                concern = concern_raise_for_person(actor=worker, person=person, data=data)
            else:
                data.adult_name = "Not known"
                concern = concern_raise_public(data=data, client_hash=f"demo-{number}")
            Concern.objects.filter(pk=concern.pk).update(
                received_at=received, decision_due_at=received + dt.timedelta(days=1)
            )
            concern.refresh_from_db()
            concern_allocate(actor=lead, concern=concern, worker=worker)
            if days_ago < 2:
                made["new"] += 1
                continue
            roll = rng.random()
            outcome = "s42" if roll < S42_SHARE else "other" if roll < S42_SHARE + OTHER_SHARE else "none"
            met = outcome == "s42"
            decision_record(actor=worker, concern=concern, data=DecisionData(
                view_sought=rng.choice(["asked", "asked", "not_safe", "not_able"]), adult_view="I want it to stop.",
                has_care_needs=outcome != "none", has_care_needs_reasons="From their assessment and what was said",
                at_risk=True, at_risk_reasons="What was seen and reported", cannot_protect=met,
                cannot_protect_reasons="Because of their needs" if met else "They can and do protect themselves",
                outcome=outcome, disposal="advice" if outcome == "none" else "",
                advice_given="Talked through the options and gave the number to call" if outcome == "none" else "",
            ))  # fmt: skip
            Decision.objects.filter(concern=concern).update(decided_at=received + dt.timedelta(hours=20))
            if outcome == "none":
                made["none"] += 1
                continue
            enquiry = Enquiry.objects.get(concern=concern)
            started = (received + dt.timedelta(days=1)).date()
            Enquiry.objects.filter(pk=enquiry.pk).update(started_on=started, due_on=started + dt.timedelta(days=28))
            enquiry.refresh_from_db()
            expressed = rng.random() < 0.75
            lacked = rng.random() < 0.3
            enquiry_personal(actor=worker, enquiry=enquiry, data=PersonalData(
                msp_asked="asked_expressed" if expressed else "asked_none", asked_who="adult",
                desired_outcomes="To feel safe at home and keep seeing my family" if expressed else "",
                capacity="lacked" if lacked else "did_not_lack",
                advocacy=rng.choice(["advocate", "family_or_friend"]) if lacked else "not_needed",
            ))  # fmt: skip
            enquiry_risks(actor=worker, enquiry=enquiry, data=RiskData(
                risk_types=list(dict.fromkeys([data.suspected_types[0], _pick(rng, TYPES)]))[: rng.randint(1, 2)],
                location=_pick(rng, LOCATIONS), sources=[_pick(rng, SOURCES)],
                risk_assessment="Spoke with the adult, their family and the provider.",
                protection_plan="Daily visits; the bank told; reviewed in four weeks.",
            ))  # fmt: skip
            enquiry_action_add(actor=worker, enquiry=enquiry, what="Speak to the provider's manager",
                               due_on=started + dt.timedelta(days=7), owner=worker)  # fmt: skip
            if days_ago < 56:
                made["open"] += 1
                continue
            enquiry_close(actor=worker, enquiry=enquiry, data=ClosingData(
                risk_assessment_outcome="identified_action",
                risk_outcome=_pick(rng, [("reduced", 66), ("removed", 23), ("remains", 11)]),
                msp_achieved=_pick(rng, [("fully", 65), ("partly", 29), ("not", 6)]) if expressed else "",
                closing_summary="Told the adult whom to call if they are worried again.",
            ))  # fmt: skip
            Enquiry.objects.filter(pk=enquiry.pk).update(concluded_on=min(today, started + dt.timedelta(days=40)))
            made["closed"] += 1
    large = _large_scale_enquiry(lead, today)
    return [
        f"Safeguarding: {count} concerns over the last year ({made['new']} waiting for a decision, {made['none']} "
        f"with no enquiry, {made['open']} enquiries open, {made['closed']} closed); sign in as safeguarding or "
        "safeguarding_lead with the demo password" + (f"; a large-scale enquiry into {large}" if large else "")
    ]


def _large_scale_enquiry(lead: User, today: dt.date) -> str:
    """A large-scale enquiry into a commissioned service with a CQC registration (a care provider), open three
    weeks, linking the open concerns about up to three of the city's adults: the service's directory entry shows
    staff that an enquiry is open."""
    service = (
        Service.objects.filter(kind=ServiceKind.COMMISSIONED)
        .exclude(cqc_location_id="")
        .select_related("organization")
        .order_by("name", "id")
        .first()
    )
    if service is None:
        return ""
    enquiry = large_scale_open(
        actor=lead, name=f"{service.name}, {today.year}", service=service, opened_on=today - dt.timedelta(days=21)
    )
    open_concerns = Concern.objects.filter(person__isnull=False, large_scale__isnull=True).exclude(
        status=ConcernStatus.CLOSED
    )
    large_scale_link(actor=lead, enquiry=enquiry, concerns=list(open_concerns.order_by("pk")[:3]))
    return service.name


def clear_safeguarding(**_signal: object) -> dict[str, int]:
    """Remove every safeguarding record about the demo city's people (concerns, decisions, enquiries, large-scale
    enquiries, reviews and access grants) so that the people can go: ``people.demo.builder.clear_city`` asks for
    this (``city_clearing``). The council's value lists and timescales stay, and so does the audit trail. For demo
    and test databases only."""
    from django.apps import apps

    kept = {"safeguarding.SafeguardingValue", "safeguarding.Timescale"}
    removed: dict[str, int] = {}
    # Each record only points at records made before it, so removing the newest kinds first never meets one
    # still in use.
    for model in reversed(list(apps.get_app_config("safeguarding").get_models())):
        if model._meta.label in kept:
            continue
        count = model._default_manager.all().delete()[1].get(model._meta.label, 0)
        if count:
            removed[f"safeguarding {model._meta.verbose_name_plural}"] = count
    return removed
