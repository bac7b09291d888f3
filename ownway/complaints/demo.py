"""The demo city's complaints: a complaints team with two accounts, and a year of complaints at every stage.

Volumes follow East Sussex's annual report for 2023-24 (362 adult social care complaints for about 29,500 people
it supported, 48% upheld): about 1.2 complaints a year for every 100 people, about half upheld in full or in
part. About 1 in 10 goes on to the Ombudsman (LGSCO 2024-25: 3,231 adult social care complaints across England).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role, TeamKind
from ownway.people.models import Person

from .models import Complaint, Extension
from .services import (
    AcknowledgementData,
    ComplaintData,
    ResponseData,
    complaint_acknowledge,
    complaint_extend,
    complaint_make_online,
    complaint_make_public,
    complaint_ombudsman,
    complaint_record,
    complaint_respond,
    complaint_review_request,
)

COMPLAINTS_PER_100 = 1.2
#: The complaints team's demo accounts, as (what the account is for, user name), printed with the demo's other
#: logins (every password is the demo's).
COMPLAINTS_LOGINS = (("Complaints officer", "complaints"), ("Complaints manager", "complaints_manager"))

WHAT = [
    (
        "My carers arrive late most mornings and my husband has to wait for his medication.",
        "Carers who come on time, and to be told when they are running late.",
    ),
    ("I was charged for weeks when the day centre was closed.", "Pay back what I paid for the closed weeks."),
    (
        "Nobody returned my calls for three weeks after my mother came out of hospital.",
        "A named person I can call who calls back.",
    ),
    ("My assessment says I need help with meals, but my plan has no help with meals.", "Put meals in my plan."),
    ("The letter about my budget used words I did not understand.", "Explain it to me in plain English."),
    (
        "My direct payment was paid late twice and my personal assistant was not paid on time.",
        "Pay on time and say sorry to my PA.",
    ),
    ("The social worker talked to my son and not to me, although I can speak for myself.", "Talk to me about my care."),
]
FINDINGS = {
    "upheld": "We checked the records and the provider's visit logs. You were right: this should not have happened.",
    "partly": "Some of what you said happened as you describe; some of it we could not find in the records.",
    "not_upheld": "We looked at the records and spoke to the people involved. We did what our procedures say.",
}
CHANGED = [
    "We have paid back the money and apologised.",
    "Your named worker will now call you back within 2 working days.",
    "The provider has changed the rota so your visits start on time; we will check it each month for 3 months.",
    "We have changed the letter to plain English for everyone.",
]


def _account(username: str, role: Role, team: Team, first: str, last: str) -> User:
    from ownway.people.demo.generator import DEMO_PASSWORD

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, password=DEMO_PASSWORD, role=role, team=team,
                                        first_name=first, last_name=last)  # fmt: skip
    return user


def _backdate(complaint: Complaint, received: dt.date) -> None:
    """Make a complaint made online look as if it came ``received`` (the demo's year); the clock moves with it."""
    shift = complaint.received_on - received
    Complaint.objects.filter(pk=complaint.pk).update(
        received_on=received, acknowledge_by=complaint.acknowledge_by - shift, respond_by=complaint.respond_by - shift,
        matter_on=min(complaint.matter_on, received),
    )  # fmt: skip
    complaint.refresh_from_db()


def generate_complaints(*, seed: int = 1, today: dt.date | None = None) -> list[str]:
    """The team, its accounts and a year of complaints made through the services the screens use."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    team = Team.objects.filter(kind=TeamKind.COMPLAINTS).first() or Team.objects.create(
        name="Complaints and customer relations", kind=TeamKind.COMPLAINTS
    )
    officer = _account(COMPLAINTS_LOGINS[0][1], Role.SOCIAL_WORKER, team, "Carol", "Hughes")
    manager = _account(COMPLAINTS_LOGINS[1][1], Role.TEAM_MANAGER, team, "Dev", "Mistry")
    people = list(
        Person.objects.filter(date_of_death__isnull=True, team__isnull=False).values_list("pk", flat=True)[:20000]
    )
    count = max(14, round(len(people) * COMPLAINTS_PER_100 / 100))
    made = {"to_acknowledge": 0, "open": 0, "answered": 0, "ombudsman": 0}
    for number in range(count):
        days_ago = 0 if number < 3 else rng.randint(1, 360)
        received = today - dt.timedelta(days=days_ago)
        what, wants = rng.choice(WHAT)
        procedure = "corporate" if rng.random() < 0.15 else "statutory"
        matter = received - dt.timedelta(days=rng.randint(0, 60))
        with transaction.atomic():
            if number == 3 or not people:
                complaint = complaint_make_public(data=ComplaintData(
                    what_happened="The pavement outside the day centre is broken and people trip on it.",
                    matter_on=today, procedure="corporate", made_by="anonymous"))  # fmt: skip
                _backdate(complaint, received)
            else:
                person = Person.objects.get(pk=rng.choice(people))
                late = number == 4
                behalf = rng.random() < 0.3
                complaint = complaint_record(actor=officer, person=person, data=ComplaintData(
                    what_happened=what, put_right=wants, procedure=procedure,
                    matter_on=received - dt.timedelta(days=400) if late else matter, received_on=received,
                    made_by="on_behalf" if behalf else "person",
                    complainant_name=rng.choice(["Sue Patel", "Tom Byrne", "Ama Mensah"]) if behalf else "",
                    complainant_relationship="Daughter or son" if behalf else "",
                    waiver_reason="They were in hospital for most of the year; the records are all still here"
                    if late else "",
                ))  # fmt: skip
            if days_ago < 3:
                made["to_acknowledge"] += 1
                continue
            acknowledged = min(today, complaint.acknowledge_by - dt.timedelta(days=rng.choice([0, 0, 0, 1, -2])))
            acknowledged = max(acknowledged, complaint.received_on)
            complaint_acknowledge(actor=officer, complaint=complaint, data=AcknowledgementData(
                acknowledged_on=acknowledged, how=rng.choice(["Letter", "Email", "Phone call"]),
                discussion_offered=True, discussion_note="Talked through how we will look into it",
            ), today=today)  # fmt: skip
            answer_after = rng.randint(15, 90)
            if days_ago < answer_after:
                if procedure == "statutory" and rng.random() < 0.2 and complaint.respond_by >= today:
                    complaint_extend(
                        actor=officer,
                        complaint=complaint,
                        new_due=complaint.respond_by + dt.timedelta(days=14),
                        reason="Waiting for the provider's records",
                        agreed_with="The complainant, by phone",
                        agreed=True,
                        today=today,
                    )
                made["open"] += 1
                continue
            outcome = rng.choices(["upheld", "partly", "not_upheld"], weights=[25, 23, 52])[0]
            complaint_respond(actor=manager, complaint=complaint, data=ResponseData(
                outcome=outcome, findings=FINDINGS[outcome],
                what_changed=rng.choice(CHANGED) if outcome != "not_upheld" else "",
                responded_on=min(today, complaint.received_on + dt.timedelta(days=answer_after)),
            ), today=today)  # fmt: skip
            made["answered"] += 1
            if rng.random() < 0.1:
                complaint_ombudsman(actor=manager, complaint=complaint, referred_on=today)
                made["ombudsman"] += 1
    lines = [
        f"Complaints: {count} over the last year ({made['to_acknowledge']} to acknowledge, {made['open']} being looked "
        f"into, {made['answered']} answered, {made['ombudsman']} to the Ombudsman); sign in as complaints or "
        "complaints_manager with the demo password"
    ]
    lines += _citizen_complaint(officer, today)
    return lines


def _citizen_complaint(officer: User, today: dt.date) -> list[str]:
    """The demo citizen's own complaint about a charge, made online and acknowledged, with a review of their plan
    asked for by their team manager: for the complaints officer to answer."""
    citizen = User.objects.filter(username="citizen", role=Role.CITIZEN, person__isnull=False).first()
    if citizen is None or citizen.person is None:
        return []
    person = citizen.person
    with transaction.atomic():
        complaint = complaint_make_online(actor=citizen, person=person, data=ComplaintData(
            what_happened="My financial assessment says I pay £20 a week, but I have been charged £45 a week since "
                          "my plan started.",
            put_right="Charge me what the assessment says and pay back the difference.", matter_on=today,
            procedure="statutory",
        ))  # fmt: skip
        complaint_acknowledge(actor=officer, complaint=complaint, data=AcknowledgementData(
            acknowledged_on=today, how="Email", discussion_offered=True,
            discussion_note="Agreed to answer within 6 weeks", agreed_respond_by=today + dt.timedelta(weeks=6),
        ))  # fmt: skip
        manager = User.objects.filter(role=Role.TEAM_MANAGER, team_id=person.team_id or 0).first()
        if manager is not None:
            # Refused before anything is written when the citizen has no approved plan: the complaint stands.
            with contextlib.suppress(ValidationError, PermissionDenied):
                complaint_review_request(
                    actor=manager,
                    complaint=complaint,
                    due_on=today + dt.timedelta(days=14),
                    note="The charge on the plan does not match the financial assessment",
                )
    return [f"Complaints: the demo citizen's complaint {complaint.reference} about a charge waits for its answer"]


def clear_complaints(**kwargs: object) -> dict[str, int]:
    """Remove every complaint, before the demo city's people and accounts go (``city_clearing``)."""
    Extension.objects.all().delete()
    return {"complaints": Complaint.objects.all().delete()[1].get("complaints.Complaint", 0)}
