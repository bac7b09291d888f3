"""A small council with something of everything, for tests that try every role against every address.

Two locality teams (A and B) and two enablement teams, each with its own people; two citizens in team A
(``citizen``, and ``carer``, who cares for ``citizen``) and one in team B; two providers, each with its
organisation's directory entries; and for each person in the locality teams a record of every kind, made
through the services as the screens make them: a contact, a decided assessment with its letter, a draft
self-assessment, an indicative budget with an appeal, a financial assessment, an approved support plan
with a new draft version, a direct payment, and a shortlist of services.

Each record is tagged with whose it is (:class:`Owner`), so a test can say, for any user, whether a record
is their own, their team's, another team's, another citizen's or another provider's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role, TeamKind
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.allocation.selectors import answers_from_assessment, ras_model_active
from ownway.allocation.services import budget_appeal_raise, indicative_budget_calculate
from ownway.assessments.services import (
    assessment_record_outcome,
    assessment_start,
    assessment_update,
    eligibility_determine,
    self_assessment_start,
)
from ownway.carers.services_breaks import BreakDetails, break_book
from ownway.carers.services_consent import carer_consent_record
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
from ownway.charging.services import financial_assessment_record
from ownway.dayops.services import placement_make
from ownway.dayops.services_citizen import day_change_request
from ownway.dayops.services_outcomes import placement_goal_set
from ownway.directory.models import Attribute, Feed, Organization, ProviderAccount, ServiceChange
from ownway.directory.services import service_change_propose, shortlist_create
from ownway.directory.taxonomies import ESD_SERVICES, term_id
from ownway.enablement import demo as enablement_demo
from ownway.enablement import services as enablement_services
from ownway.enablement.models import EnablementWorker, Episode, RotaVisit
from ownway.enablement.services_replan import replan_choices, replan_start
from ownway.frontdoor.services import ContactData, contact_create
from ownway.payments.tests.factories import agreement_for
from ownway.people.models import CaringRelationship, Letter, Person
from ownway.people.services import caring_relationship_create
from ownway.people.tests.factories import PersonFactory
from ownway.planning.models import PlanLine
from ownway.planning.services import plan_version_start
from ownway.planning.tests.factories import directory_service
from ownway.reviews.models import ReminderLetter, Review, ReviewSequel, ReviewStatus, TherapyRequest
from ownway.reviews.services_proposals import plan_proposal_answer, plan_proposal_make

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@dataclass(frozen=True)
class Owner:
    """Whose a record is: a person's (and so their team's), an enablement team's, or a provider's."""

    person: Person | None = None
    team: Team | None = None
    organization: Organization | None = None


@dataclass
class World:
    users: dict[str, User]
    people: dict[str, Person]
    #: Each kind of record, by the name of whose it is ("A", "B", "C" for the people, "EA"/"EB", "X"/"Y").
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    owners: dict[str, dict[str, Owner]] = field(default_factory=dict)

    def add(self, kind: str, key: str, record: Any, owner: Owner) -> None:
        self.records.setdefault(kind, {})[key] = record
        self.owners.setdefault(kind, {})[key] = owner


def _user(username: str, role: Role, team: Team | None, **extra: Any) -> User:
    return UserFactory(username=username, role=role, team=team, **extra)


def _assessment(worker: User, person: Person):
    assessment = assessment_start(actor=worker, person=person)
    assessment_update(
        actor=worker,
        assessment=assessment,
        answers={"arises_from_impairment_or_illness": True, "significant_impact_on_wellbeing": True},
    )
    for outcome in ("personal_hygiene", "nutrition"):
        assessment_record_outcome(actor=worker, assessment=assessment, outcome=outcome, unable_without_assistance=True)
    eligibility_determine(actor=worker, assessment=assessment)
    assessment.refresh_from_db()
    return assessment


def _casework(world: World, key: str, person: Person, worker: User, manager: User, finance: User, broker: User):
    """A record of every kind for one person, made by their team's worker and manager."""
    owner = Owner(person=person, team=person.team)
    contact = contact_create(
        actor=worker,
        data=ContactData(
            first_name=person.first_name,
            last_name=person.last_name,
            reason="Struggling to get washed and dressed",
            source="self",
            route_of_access="community",
            person=person,
            team=person.team,
        ),
    )
    world.add("contact", key, contact, owner)
    assessment = _assessment(worker, person)
    world.add("assessment", key, assessment, owner)
    _version, model = ras_model_active()
    answers = answers_from_assessment(model=model, assessment=assessment) | {"nights": "none", "carer": "managing"}
    budget = indicative_budget_calculate(actor=worker, person=person, answers=answers, assessment=assessment)
    world.add("indicative_budget", key, budget, owner)
    world.add("appeal", key, budget_appeal_raise(actor=worker, budget=budget, reasons="Nights are not counted"), owner)
    fa = financial_assessment_record(
        actor=finance,
        person=person,
        circumstances=Circumstances(
            age=70, weekly_cost_of_care=Decimal(300), incomes=(Income(IncomeKind.STATE_PENSION, Decimal("230.25")),)
        ),
        year="2025/26",
    )
    world.add("financial_assessment", key, fa, owner)
    agreement = agreement_for(worker, manager, person)
    world.add("agreement", key, agreement, owner)
    world.add("personal_budget", key, agreement.budget, owner)
    plan = agreement.budget.version.plan
    world.add("plan", key, plan, owner)
    world.add("review", key, Review.objects.filter(plan=plan).order_by("pk").first(), owner)
    # A review held that asked the team for an occupational therapy assessment, and one that ended support
    # (made as rows: holding the plan's own review would end the plan the other records need).
    held = Review.objects.create(
        person=person, plan=plan, reason="person_asked", due_on=timezone.localdate(), opens_on=timezone.localdate(),
        due_explanation="Asked for", status=ReviewStatus.DONE, decision="end_support", held_on=timezone.localdate(),
    )  # fmt: skip
    world.add("review_sequel", key, ReviewSequel.objects.create(
        review=held, cld_event_outcome="NFA - Support declined", ends_on=timezone.localdate(), end_reason="declined",
    ), owner)  # fmt: skip
    world.add("reminder_letter", key, ReminderLetter.objects.create(
        person=person, kind="direct_payment", subject_id=agreement.pk, due_on=timezone.localdate(),
        sent_on=timezone.localdate(),
    ), owner)  # fmt: skip
    asked = Review.objects.create(
        person=person, plan=plan, reason="change_of_need", due_on=timezone.localdate(), opens_on=timezone.localdate(),
        due_explanation="Asked for", status=ReviewStatus.DONE, decision="ot_assessment", held_on=timezone.localdate(),
    )  # fmt: skip
    world.add("therapy_request", key, TherapyRequest.objects.create(
        person=person, review=asked, team=person.team, reason="Rails and a perching stool?", requested_by=worker,
        requested_on=timezone.localdate(),
    ), owner)  # fmt: skip
    draft = plan_version_start(actor=worker, plan=plan)
    world.add("plan_version", key, draft, owner)
    world.add("plan_line", key, PlanLine.objects.filter(version=draft).order_by("pk").first(), owner)
    world.add("letter", key, Letter.objects.filter(person=person).order_by("pk").first(), owner)
    world.add(
        "shortlist", key, shortlist_create(actor=broker, person=person, purpose="Something to do on Fridays"), owner
    )
    # A day placement at the first provider's service, with a goal.
    placement = placement_make(actor=worker, person=person, service=world.records["service"]["X"], days=["MO"],
                               session="full_day", starts_on=timezone.localdate())  # fmt: skip
    placement_goal_set(actor=worker, placement=placement, kind="skills", own_words="Cook a meal",
                       set_on=timezone.localdate())  # fmt: skip
    world.add("placement", key, placement, owner)


def _enablement(world: World, key: str, team: Team, manager: User) -> None:
    staff, people = enablement_demo.make_team(manager=manager, team=team, day=TOMORROW, workers=1, people=1, seed=1)
    owner = Owner(person=people[0], team=team)
    episode = Episode.objects.get(person=people[0])
    world.add("episode", key, episode, owner)
    world.add("planned_visit", key, episode.planned_visits.order_by("pk").first(), owner)
    world.add("enablement_worker", key, EnablementWorker.objects.get(user=staff[0]), Owner(team=team))
    waiting = enablement_services.referral_record(
        actor=manager,
        person=people[0],
        team=team,
        source=episode.referral.source,
        received_on=timezone.localdate(),
        reason="Back in hospital; wants to try again at home",
    )
    world.add("referral", key, waiting, owner)
    rota = enablement_services.rota_create(actor=manager, team=team, date=TOMORROW, time_limit=2)
    world.add("rota_visit", key, RotaVisit.objects.filter(rota=rota).order_by("pk").first(), Owner(team=team))
    # A run of the optimiser in the background, waiting for a worker (its page is found by its job's id).
    run, _ = enablement_services.rota_run_start(actor=manager, team=team, first_day=TOMORROW, days=7)
    world.add("rota_run", key, run.job, Owner(team=team))
    world.people[key] = people[0]
    world.add("person", key, people[0], owner)


def _enablement_replan(world: World, key: str, manager: User, *, publish: bool) -> None:
    """The team's day published, and a re-plan of it waiting for a worker (its page is found by its job's id)."""
    rota = world.records["rota_visit"][key].rota
    if publish:
        enablement_services.rota_publish(actor=manager, rota=rota, publish_unplaced=True)
    rota.refresh_from_db()
    choices = replan_choices(rota)
    at = dt.time(choices.day_start // 60 + 2, 0)
    replan = replan_start(actor=manager, rota=rota, kind="off_sick", at=at, worker=choices.workers[0])
    world.add("replan", key, replan.job, Owner(team=rota.team))


def _carers_offered(world: World, people: dict[str, Person], worker: User, administrator: User) -> None:
    """Carers offered a carer's assessment, waiting for their answer: Mary (C), who cares for Ada, and Charles's
    carer, a person on no team's caseload."""
    from ownway.carers.services_offers import carer_assessment_offer_make

    caroline = PersonFactory(first_name="Caroline", last_name="Herschel", team=None)
    for key, actor, caring in (
        ("A", worker, CaringRelationship.objects.get(carer=people["C"], cared_for=people["A"])),
        ("B", administrator, caring_relationship_create(actor=administrator, carer=caroline, cared_for=people["B"],
                                                        relationship="friend_or_neighbour")),
    ):  # fmt: skip
        owner = Owner(person=people[key], team=people[key].team)
        world.add("caring_relationship", key, caring, owner)
        offer = carer_assessment_offer_make(
            actor=actor, relationship=caring, offered_on=timezone.localdate(), method="phone"
        )
        world.add("carer_offer", key, offer, owner)


def _safeguarding(world: World, key: str, person: Person, worker: User) -> None:
    """A safeguarding concern about the person, given to their team's worker, decided on as a s.42 enquiry by the
    safeguarding team (which none of the small council's roles is in), and a second concern still to decide."""
    from ownway.safeguarding.services import (
        ConcernData,
        DecisionData,
        concern_allocate,
        concern_raise_for_person,
        decision_record,
    )

    team = Team.objects.filter(kind=TeamKind.SAFEGUARDING).first() or TeamFactory(
        name="Adult safeguarding", kind=TeamKind.SAFEGUARDING
    )
    lead = User.objects.filter(team=team).first() or _user("safeguarding_lead", Role.TEAM_MANAGER, team)
    owner = Owner(person=person, team=worker.team)
    concern = concern_raise_for_person(actor=worker, person=person, data=ConcernData(what_happened="Money missing"))
    concern_allocate(actor=lead, concern=concern, worker=worker)
    decision = DecisionData(view_sought="not_safe", adult_view="", has_care_needs=True, has_care_needs_reasons="Yes",
                            at_risk=True, at_risk_reasons="Yes", cannot_protect=True, cannot_protect_reasons="Yes",
                            outcome="s42")  # fmt: skip
    decision_record(actor=lead, concern=concern, data=decision)
    world.add("enquiry", key, concern.enquiry, owner)
    waiting = concern_raise_for_person(
        actor=worker, person=person, data=ConcernData(what_happened="Bruises", alleged="Her nephew")
    )
    concern_allocate(actor=lead, concern=waiting, worker=worker)
    world.add("concern", key, waiting, owner)
    from ownway.safeguarding.sars import SarData, sar_save

    review = sar_save(actor=lead, data=SarData(title=f"Adult {key}", started_on=timezone.localdate(),
                                               criteria_reasons="The board chose to review"))  # fmt: skip
    world.add("sar", key, review, owner)
    from ownway.planning.tests.factories import directory_service
    from ownway.safeguarding.large_scale import large_scale_link, large_scale_open

    home = directory_service(f"Care home {key}", organization=f"Care homes {key}")
    large = large_scale_open(actor=lead, name=f"Care home {key}, enquiry", service=home)
    large_scale_link(actor=lead, enquiry=large, concerns=[waiting])
    world.add("large_scale", key, large, owner)


def _complaints(world: World, key: str, person: Person, citizen: User) -> None:
    """A complaint the citizen made online about their care, acknowledged and answered by the complaints team
    (which none of the small council's roles is in)."""
    from ownway.complaints.services import (
        AcknowledgementData,
        ComplaintData,
        ResponseData,
        complaint_acknowledge,
        complaint_make_online,
        complaint_respond,
    )  # fmt: skip

    team = Team.objects.filter(kind=TeamKind.COMPLAINTS).first() or Team.objects.create(
        name="Complaints", kind=TeamKind.COMPLAINTS
    )
    officer = User.objects.filter(username="complaints_officer").first() or _user(
        "complaints_officer", Role.TEAM_MANAGER, team
    )
    today = timezone.localdate()
    complaint = complaint_make_online(actor=citizen, person=person, data=ComplaintData(
        what_happened="My carers were late every day last week", matter_on=today))  # fmt: skip
    complaint_acknowledge(actor=officer, complaint=complaint, data=AcknowledgementData(
        acknowledged_on=today, how="Email", discussion_offered=True))  # fmt: skip
    complaint_respond(actor=officer, complaint=complaint, data=ResponseData(
        outcome="not_upheld", findings="The visits were on time by the provider's records"))  # fmt: skip
    world.add("complaint", key, complaint, Owner(person=person, team=person.team))


def build_world() -> World:
    """The whole small council (a few seconds)."""
    team_a = TeamFactory(name="North locality", kind=TeamKind.LOCALITY, area="North")
    team_b = TeamFactory(name="South locality", kind=TeamKind.LOCALITY, area="South")
    enablement_a = TeamFactory(name="Enablement North", kind=TeamKind.ENABLEMENT, area="North")
    enablement_b = TeamFactory(name="Enablement South", kind=TeamKind.ENABLEMENT, area="South")
    people = {
        "A": PersonFactory(first_name="Ada", last_name="Lovelace", team=team_a, email="ada@example.com"),
        "B": PersonFactory(first_name="Charles", last_name="Babbage", team=team_b, email="charles@example.com"),
        "C": PersonFactory(first_name="Mary", last_name="Somerville", team=team_a, email="mary@example.com"),
    }
    users = {
        Role.SOCIAL_WORKER: _user("social_worker", Role.SOCIAL_WORKER, team_a),
        Role.OCCUPATIONAL_THERAPIST: _user("occupational_therapist", Role.OCCUPATIONAL_THERAPIST, team_a),
        Role.TEAM_MANAGER: _user("team_manager", Role.TEAM_MANAGER, team_a),
        Role.ENABLEMENT_WORKER: _user("enablement_worker", Role.ENABLEMENT_WORKER, enablement_a),
        Role.ENABLEMENT_MANAGER: _user("enablement_manager", Role.ENABLEMENT_MANAGER, enablement_a),
        Role.BROKER: _user("broker", Role.BROKER, TeamFactory(name="Brokerage", kind=TeamKind.BROKERAGE)),
        Role.FINANCE_OFFICER: _user(
            "finance_officer", Role.FINANCE_OFFICER, TeamFactory(name="Finance", kind=TeamKind.FINANCE)
        ),
        Role.COMMISSIONER: _user(
            "commissioner", Role.COMMISSIONER, TeamFactory(name="Commissioning", kind=TeamKind.COMMISSIONING)
        ),
        Role.ADMINISTRATOR: _user(
            "administrator", Role.ADMINISTRATOR, TeamFactory(name="Systems", kind=TeamKind.ADMINISTRATION)
        ),
        Role.CITIZEN: _user("citizen", Role.CITIZEN, None, person=people["A"]),
        "carer": _user("carer", Role.CITIZEN, None, person=people["C"]),
        Role.PROVIDER: _user("provider", Role.PROVIDER, None, organisation_name="Friendly Day Services"),
    }
    others = {
        "social_worker_b": _user("social_worker_b", Role.SOCIAL_WORKER, team_b),
        "team_manager_b": _user("team_manager_b", Role.TEAM_MANAGER, team_b),
        "enablement_manager_b": _user("enablement_manager_b", Role.ENABLEMENT_MANAGER, enablement_b),
        "citizen_b": _user("citizen_b", Role.CITIZEN, None, person=people["B"]),
        "provider_y": _user("provider_y", Role.PROVIDER, None, organisation_name="Other Care Ltd"),
    }
    world = World(users={str(k): v for k, v in users.items()}, people=people)
    world.users.update(others)
    for key, person in people.items():
        world.add("person", key, person, Owner(person=person, team=person.team))
    caring_relationship_create(
        actor=users[Role.SOCIAL_WORKER],
        carer=people["C"],
        cared_for=people["A"],
        relationship="son_or_daughter",
        hours_per_week=Decimal(20),
    )
    # The directory: each provider's organisation with one service, and a change waiting for review.
    for key, provider, name in (
        ("X", users[Role.PROVIDER], "Friendly Day Services"),
        ("Y", others["provider_y"], "Other Care Ltd"),
    ):
        service = directory_service(f"{name} lunch club", organization=name)
        organization = service.organization
        ProviderAccount.objects.create(user=provider, organization=organization)
        owner = Owner(organization=organization)
        world.add("service", key, service, owner)
        world.add(
            "service_change",
            key,
            service_change_propose(actor=provider, service=service, proposed={"description": "Now with a hot lunch"}),
            owner,
        )
    # A registered directory feed (that cannot be read here: its page says so).
    world.add("feed", "X", Feed.objects.create(name="Neighbouring council", source="/nonexistent/feed.json"), Owner())
    sw, tm = users[Role.SOCIAL_WORKER], users[Role.TEAM_MANAGER]
    finance, broker = users[Role.FINANCE_OFFICER], users[Role.BROKER]
    _casework(world, "A", people["A"], sw, tm, finance, broker)
    _casework(world, "B", people["B"], others["social_worker_b"], others["team_manager_b"], finance, broker)
    _casework(world, "C", people["C"], sw, tm, finance, broker)
    for key, citizen in (("A", users[Role.CITIZEN]), ("B", others["citizen_b"]), ("C", users["carer"])):
        world.add("self_assessment", key, self_assessment_start(actor=citizen), Owner(person=citizen.person))
        # Each citizen asks to change the days of their day placement.
        world.add(
            "day_change_request",
            key,
            day_change_request(actor=citizen, placement=world.records["placement"][key], days=["TU"],
                               session="morning", wanted_from=TOMORROW),
            world.owners["placement"][key],
        )  # fmt: skip
    # Each citizen proposes two changes to their plan: one their worker has answered, one waiting.
    for key, citizen, worker in (("A", users[Role.CITIZEN], sw), ("B", others["citizen_b"], others["social_worker_b"]),
                                 ("C", users["carer"], sw)):  # fmt: skip
        owner = world.owners["plan"][key]
        answered = plan_proposal_make(actor=citizen, kind="other", words="More help on Mondays")
        plan_proposal_answer(actor=worker, proposal=answered, agree=False, reply="Mondays are full: we can do Tuesdays")
        world.add("proposal_answered", key, answered, owner)
        world.add("plan_proposal", key, plan_proposal_make(actor=citizen, kind="outcome", words="Swim weekly"), owner)
    # Each person is asked to answer a survey (ownway.surveys).
    from ownway.surveys.services import survey_invite

    for key, person in people.items():
        invited = survey_invite(actor=None, person=person, survey_key="poet", round="world", reason="plan")
        world.add("survey_invitation", key, invited, Owner(person=person, team=person.team))
    _carers_offered(world, people, users[Role.SOCIAL_WORKER], users[Role.ADMINISTRATOR])
    # Ada consents to Mary, her carer, seeing her plan, her reviews and the breaks her day placement gives.
    consent = carer_consent_record(actor=users[Role.SOCIAL_WORKER], cared_for=people["A"], carer=people["C"],
                                   covers=["plan", "reviews", "day_breaks"], given_on=timezone.localdate())  # fmt: skip
    world.add("carer_consent", "A", consent, world.owners["placement"]["A"])
    # Mary has a weekly break booked at a sitting service, while she cares for Ada.
    sitting = directory_service("Sitting service", organization="Sitters Together",
                                costs=(("Standard", "14.00", "price", "hour"),))  # fmt: skip
    Attribute.objects.create(taxonomy_term_id=term_id(ESD_SERVICES, "short_breaks"), link_id=sitting.pk)
    booking = break_book(
        actor=users[Role.SOCIAL_WORKER], carer=people["C"],
        details=BreakDetails(cared_for=people["A"], service=sitting, kind="weekly", weekday=1, starts_on=TOMORROW,
                             ends_on=None, start_time=dt.time(10), end_time=dt.time(14)),
    )  # fmt: skip
    world.add("break_booking", "C", booking, Owner(person=people["C"], team=people["C"].team))
    _safeguarding(world, "A", people["A"], sw)
    _safeguarding(world, "B", people["B"], others["social_worker_b"])
    _complaints(world, "A", people["A"], users[Role.CITIZEN])
    _complaints(world, "B", people["B"], others["citizen_b"])
    _enablement(world, "EA", enablement_a, users[Role.ENABLEMENT_MANAGER])
    _enablement(world, "EB", enablement_b, others["enablement_manager_b"])
    enablement_services.rota_publish(
        actor=users[Role.ENABLEMENT_MANAGER], rota=world.records["rota_visit"]["EA"].rota, publish_unplaced=True
    )
    _enablement_replan(world, "EA", users[Role.ENABLEMENT_MANAGER], publish=False)
    _enablement_replan(world, "EB", others["enablement_manager_b"], publish=True)
    # Background work: a job the finance officer started that failed, and the council's schedules.
    from ownway.jobs.models import Job, JobStatus, Schedule
    from ownway.jobs.services import schedules_ensure

    job = Job.objects.create(
        task_path="ownway.payments.tasks.direct_payments_run", label="Pay the direct payments due",
        requested_by=finance, status=JobStatus.FAILED, attempts=3, error="BankFileError: the disk is full",
    )  # fmt: skip
    world.add("job", "X", job, Owner())
    # The council fleet: a day's runs planned by a broker, with one vehicle's run (the driver's page).
    from ownway.dayops.models import FleetPlan, FleetRoute, Vehicle

    fleet_job = Job.objects.create(task_path="ownway.dayops.tasks_transport.fleet_plan_day", label="Fleet runs",
                                   requested_by=users[Role.BROKER], status=JobStatus.DONE)  # fmt: skip
    fleet_plan = FleetPlan.objects.create(job=fleet_job, date=TOMORROW, requested_by=users[Role.BROKER], outcome={})
    vehicle = Vehicle.objects.create(registration="WO12RLD", seats=8, wheelchair_spaces=2, depot_name="Whitley",
                                     depot_postcode="CV3 4FX")  # fmt: skip
    world.add("fleet_plan", "X", fleet_plan, Owner())
    world.add("vehicle", "X", vehicle, Owner())
    world.add("fleet_route", "X", FleetRoute.objects.create(plan=fleet_plan, vehicle=vehicle, leaves_minute=480),
              Owner())  # fmt: skip
    schedules_ensure()
    world.add("schedule", "X", Schedule.objects.order_by("pk").first(), Owner())
    assert ServiceChange.objects.count() == 2
    return world
