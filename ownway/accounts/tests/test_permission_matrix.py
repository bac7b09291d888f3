"""Every role against every address: each page of the site and each operation of the API.

The addresses come from Django's URL resolver and the operations from the API's OpenAPI document, so a
new page or operation is tried as soon as it exists, and this test fails until the policy below says who
may use it. Each address that takes a record is tried with a record of the user's own (or their team's),
one of another team, one of another citizen and one of another provider, from the small council of
:mod:`ownway.accounts.tests.world`.

The expected answer comes from the permission policy as the README's "Who sees what" and each app's
``permissions`` module state it, written out here as a table (:data:`PAGES`, :data:`API`), never from
what the code answers today:

* allowed: the page or a redirect (a form that sends you on), never a refusal;
* refused: 403 or 404, never 200, and a POST with the ID of a record the user may not touch writes
  nothing (only the audit row of the refusal);
* not signed in: sent to sign in (pages) or 401 (API), except for public pages.

The full product (a few minutes) is marked ``slow``; a social worker, a citizen, a carer, a provider and
someone not signed in, against the people, planning, directory and direct-payment pages and every API
operation, run with the rest of the suite.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from config.api import api
from ownway.accounts.tests.world import TOMORROW, Owner, World

# --- Who is who ---------------------------------------------------------------------------------------

#: Every role tried: each staff role, a citizen, a citizen who cares for that citizen, a provider, and
#: someone not signed in.
ROLES = [
    "social_worker",
    "occupational_therapist",
    "team_manager",
    "enablement_worker",
    "enablement_manager",
    "broker",
    "finance_officer",
    "commissioner",
    "administrator",
    "citizen",
    "carer",
    "provider",
    "anonymous",
]
CASEWORK = frozenset({"social_worker", "occupational_therapist", "team_manager", "enablement_worker",
                      "enablement_manager"})  # fmt: skip
COUNCIL_WIDE = frozenset({"broker", "finance_officer", "administrator"})
STAFF = CASEWORK | COUNCIL_WIDE | {"commissioner"}
CITIZENS = frozenset({"citizen", "carer"})
SIGNED_IN = STAFF | CITIZENS | {"provider"}
EVERYONE = SIGNED_IN | {"anonymous"}
WRITERS = frozenset({"social_worker", "occupational_therapist", "team_manager"})
ASSESSORS = WRITERS | {"administrator"}
THERAPY_TEAM = frozenset({"occupational_therapist", "team_manager"})
#: Who carries out assessments: whoever may change the person's record, other than the person.
PERSON_EDITORS = CASEWORK | {"administrator"}
MANAGERS = frozenset({"team_manager", "enablement_manager", "administrator"})
ENABLEMENT_MANAGERS = frozenset({"enablement_manager", "administrator"})
DIRECTORY_EDITORS = frozenset({"broker", "administrator"})
REGISTER_MARKERS = WRITERS | {"broker", "administrator", "provider"}
SURVEY_READERS = CITIZENS | CASEWORK | {"administrator"}
#: Council officers who change the jargon buster and the public information pages (guide.permissions).
GUIDE_EDITORS = frozenset({"commissioner", "team_manager", "administrator"})


# --- Whose a record is, as the policy sees it --------------------------------------------------------


def sees_person(world: World, role: str, owner: Owner) -> bool:
    """People policy: council-wide roles see everyone, casework roles their team's caseload, a citizen
    (carer or not) only their own record, commissioners and providers no one."""
    user = world.users[role]
    person = owner.person
    if person is None:
        return False
    if role in COUNCIL_WIDE:
        return True
    if role in CASEWORK:
        return person.team_id == user.team_id or person.named_worker_id == user.pk
    if role in CITIZENS:
        return user.person_id == person.pk
    return False


def same_team(world: World, role: str, owner: Owner) -> bool:
    """Enablement policy: a team's own managers and workers; administrators every team."""
    return role == "administrator" or (owner.team is not None and world.users[role].team_id == owner.team.pk)


def own_organisation(world: World, role: str, owner: Owner) -> bool:
    """Directory policy: a provider changes only its own organisation's entries."""
    account = getattr(world.users[role], "directory_provider", None)
    return account is not None and owner.organization is not None and account.organization_id == owner.organization.pk


def provider_own(world: World, role: str, owner: Owner) -> bool:
    """Day-opportunity registers: staff mark any service's, a provider only its own organisation's."""
    return role != "provider" or own_organisation(world, role, owner)


def open_contact(world: World, role: str, owner: Owner) -> bool:
    """Front-door policy: casework roles see their team's contacts and unallocated ones; administrators all."""
    return role == "administrator" or (owner.team is not None and world.users[role].team_id == owner.team.pk)


def safeguarding_involved(world: World, role: str, owner: Owner) -> bool:
    """Safeguarding policy, for the roles of this small council (none of whom is in the safeguarding team): the
    worker a concern is given to (each team's social worker here) and their team manager; no one else."""
    user = world.users[role]
    return role in {"social_worker", "team_manager"} and owner.team is not None and user.team_id == owner.team.pk


def complaint_involved(world: World, role: str, owner: Owner) -> bool:
    """Complaints policy, for the roles of this small council (none of whom is in the complaints team): the team
    manager of the person's team; no one else (the complaints here were made online by the citizens)."""
    user = world.users[role]
    return role == "team_manager" and owner.team is not None and user.team_id == owner.team.pk


def own_complaint(world: World, role: str, owner: Owner) -> bool:
    """A citizen's own complaint: about their own record."""
    return owner.person is not None and world.users[role].person_id == owner.person.pk


def survey_answerer(world: World, role: str, owner: Owner) -> bool:
    """Surveys policy: a citizen answers their own surveys and those of a person they care for now."""
    from ownway.people.models import CaringRelationship

    user = world.users[role]
    if owner.person is None or user.person_id is None:
        return False
    return (
        user.person_id == owner.person.pk
        or CaringRelationship.objects.filter(
            carer_id=user.person_id, cared_for=owner.person, ended_on__isnull=True
        ).exists()
    )


def survey_reader(world: World, role: str, owner: Owner) -> bool:
    """The survey on paper: those who answer it, and workers who may see the person (to print it)."""
    return survey_answerer(world, role, owner) if role in CITIZENS else sees_person(world, role, owner)


def anyone(world: World, role: str, owner: Owner) -> bool:
    return True


def relation(world: World, role: str, owner: Owner) -> str:
    """How a record stands to the user, in the words of the policy: for the failure messages."""
    user = world.users.get(role)
    if user is None:
        return "anyone's"
    if owner.organization is not None:
        return "own" if own_organisation(world, role, owner) else "another provider's"
    if owner.person is not None and user.person_id is not None:
        return "own" if user.person_id == owner.person.pk else "another citizen's"
    team = owner.team if owner.team is not None else (owner.person.team if owner.person else None)
    if team is not None and user.team_id == team.pk:
        return "own team's"
    return "another team's"


@dataclass(frozen=True)
class Rule:
    """Who may use an address: the roles, and for an address with a record, which records."""

    roles: frozenset[str]
    record: Callable[[World, str, Owner], bool] = anyone
    #: The kind of record each of the address's parameters names (see World.records).
    kinds: tuple[tuple[str, str], ...] = ()
    #: Public: no sign-in needed.
    public: bool = False
    #: Only these methods (others answer 405 and are not tried).
    methods: tuple[str, ...] = ("GET", "POST")
    #: A form that would change something if the check were missing: sent with the tampered ID.
    post: Callable[[World, str], dict[str, str]] | None = None
    #: May answer 503 (a readiness check saying what is missing: here, no worker is running).
    unavailable: bool = False

    def allows(self, world: World, role: str, owner: Owner | None) -> bool:
        if self.public:
            return True
        if role not in self.roles:
            return False
        return owner is None or self.record(world, role, owner)


def rule(roles, record=anyone, *kinds: tuple[str, str], **options) -> Rule:
    return Rule(roles=frozenset(roles), record=record, kinds=tuple(kinds), **options)


def public(**options) -> Rule:
    return Rule(roles=EVERYONE, public=True, **options)


def _person_form(world: World, key: str) -> dict[str, str]:
    return {"first_name": "Changed", "last_name": "Name", "date_of_birth_0": "4", "date_of_birth_1": "6",
            "date_of_birth_2": "1950", "email": "changed@example.com", "phone": "0121 496 0001"}  # fmt: skip


def _contact_action(world: World, key: str) -> dict[str, str]:
    return {"action": "close", "outcome": "assessment"}


def _plan_details(world: World, key: str) -> dict[str, str]:
    return {"risks": "Changed", "contingency": "Changed", "written_with": "Changed"}


def _tier_form(world: World, key: str) -> dict[str, str]:
    return {"tier": "enablement", "reason": "Tampered", "decided_on-day": "1", "decided_on-month": "6",
            "decided_on-year": "2026"}  # fmt: skip


def _complexity_form(world: World, key: str) -> dict[str, str]:
    return {"complexity": "complex", "classified_on-day": "1", "classified_on-month": "6", "classified_on-year": "2026"}


def _provision_form(world: World, key: str) -> dict[str, str]:
    return {"provision": "external"}


def _review_form(world: World, key: str) -> dict[str, str]:
    return {"held_on-day": "1", "held_on-month": "6", "held_on-year": "2026", "method": "person", "working": "Tampered",
            "needs_changed": "no", "decision": "no_change", "decision_reasons": "Tampered"}  # fmt: skip


def _review_request(world: World, key: str) -> dict[str, str]:
    return {"reason": "carer", "note": "Tampered", "due_on-day": "1", "due_on-month": "1", "due_on-year": "2027"}


def _proposal_form(world: World, key: str) -> dict[str, str]:
    return {"kind": "outcome", "words": "Tampered"}


def _proposal_answer(world: World, key: str) -> dict[str, str]:
    return {"answer": "next_version", "reply": "Tampered"}


def _goal_form(world: World, key: str) -> dict[str, str]:
    return {"kind": "skills", "own_words": "Tampered", "set_on-day": "1", "set_on-month": "1", "set_on-year": "2026"}


def _work_form(world: World, key: str) -> dict[str, str]:
    return {"kind": "paid", "role": "Tampered", "hours_per_week": "4", "starts_on-day": "1", "starts_on-month": "1",
            "starts_on-year": "2026"}  # fmt: skip


def _change_days_form(world: World, key: str) -> dict[str, str]:
    day = TOMORROW
    return {"days": "WE", "session": "evening", "wanted_from-day": str(day.day), "wanted_from-month": str(day.month),
            "wanted_from-year": str(day.year)}  # fmt: skip


def _carer_offer_form(world: World, key: str) -> dict[str, str]:
    day = timezone.localdate()
    return {"offered_on-day": str(day.day), "offered_on-month": str(day.month), "offered_on-year": str(day.year),
            "method": "letter"}  # fmt: skip


def _carer_answer_form(world: World, key: str) -> dict[str, str]:
    day = timezone.localdate()
    return {"answer": "declined", "answered_on-day": str(day.day), "answered_on-month": str(day.month),
            "answered_on-year": str(day.year), "declined_reason": "Tampered"}  # fmt: skip


def _contingency_form(world: World, key: str) -> dict[str, str]:
    day = timezone.localdate()
    return {"who_steps_in": "Tampered", "daily_needs": "Tampered", "emergency_contacts": "Tampered",
            "written_on-day": str(day.day), "written_on-month": str(day.month), "written_on-year": str(day.year),
            "look_again_on-day": "1", "look_again_on-month": "1", "look_again_on-year": str(day.year + 1)}  # fmt: skip


def _consent_form(world: World, key: str) -> dict[str, str]:
    return {"action": "withdraw", "consent": str(world.records["carer_consent"]["A"].pk)}


def _break_form(world: World, key: str) -> dict[str, str]:
    day = TOMORROW
    return {"cared_for": str(world.people["A"].pk), "service": str(world.records["break_booking"]["C"].service_id),
            "kind": "one_off", "starts_on-day": str(day.day), "starts_on-month": str(day.month),
            "starts_on-year": str(day.year), "ends_on-day": str(day.day), "ends_on-month": str(day.month),
            "ends_on-year": str(day.year), "start_time": "18:00", "end_time": "20:00"}  # fmt: skip


def _cancel_form(world: World, key: str) -> dict[str, str]:
    return {"action": "cancel", "reason": "Tampered"}


def _survey_form(world: World, key: str) -> dict[str, str]:
    return {"control": "none"}


def _survey_key_in(world: World, key: str) -> dict[str, str]:
    day = timezone.localdate()
    return {"channel": "paper", "answered_on-day": str(day.day), "answered_on-month": str(day.month),
            "answered_on-year": str(day.year), "control": "none"}  # fmt: skip


#: The policy, address by address (by the URL's name). Kinds name which record fills each parameter.
PERSON = ("pk", "person")
PAGES: dict[str, Rule] = {
    # The site and signing in
    "home:home": rule(SIGNED_IN),
    # For load balancers and monitoring (config.health): the second answers 503 here, with no worker running.
    ":healthz": public(methods=("GET",)),
    ":readyz": public(methods=("GET",), unavailable=True),
    "home:accessibility": public(),
    "home:privacy": public(),
    "accounts:login": public(),
    "accounts:signed_out": public(),
    "accounts:logout": public(methods=("POST",)),
    "accounts:user_list": rule({"administrator"}),
    # People: search and caseloads for those who hold one or work council-wide; a citizen their own record.
    "people:search": rule(CASEWORK | COUNCIL_WIDE),
    "people:caseload": rule(CASEWORK | COUNCIL_WIDE),
    "people:create": rule(CASEWORK | {"administrator", "broker"}),
    "people:me": rule(CITIZENS),
    "people:person": rule(CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, PERSON),
    "people:edit": rule(CASEWORK | {"administrator"} | CITIZENS, sees_person, PERSON, post=_person_form),
    "people:carer_add": rule(
        CASEWORK | {"administrator"},
        sees_person,
        PERSON,
        post=lambda w, key: {"carer_reference": w.people[key].reference, "relationship": "friend_or_neighbour"},
    ),
    "people:audit": rule(MANAGERS, sees_person, PERSON),
    # Letters: staff who see the person print and post them; an online account by invitation from the record.
    "people:letters_to_post": rule(CASEWORK | COUNCIL_WIDE),
    "people:letter_posted": rule(CASEWORK | COUNCIL_WIDE, sees_person, ("pk", "letter"), methods=("POST",)),
    "people:invite": rule(CASEWORK | {"administrator"}, sees_person, PERSON, post=lambda w, key: {"method": "email"}),
    "people:invite_letter_pdf": rule(CASEWORK | {"administrator"}, sees_person, PERSON, methods=("GET",)),
    "account_set_up:set_up": public(),
    # Assessments: the worker's and the team's lists, the task list for people the worker sees, the
    # decision letter for the person too; a citizen fills in only their own self-assessment.
    "assessments:worklist": rule(CASEWORK | COUNCIL_WIDE),
    "assessments:my_work": rule(CASEWORK),
    "assessments:team_work": rule({"team_manager", "enablement_manager"}),
    "assessments:start": rule(
        PERSON_EDITORS, sees_person, ("person_pk", "person"), methods=("POST",), post=lambda w, key: {"kind": "needs"}
    ),
    "assessments:tasks": rule(CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "assessment")),
    "assessments:about": rule(
        PERSON_EDITORS, sees_person, ("pk", "assessment"), post=lambda w, k: {"method": "other", "own_words": "X"}
    ),
    "assessments:conditions": rule(PERSON_EDITORS, sees_person, ("pk", "assessment")),
    "assessments:outcomes": rule(PERSON_EDITORS, sees_person, ("pk", "assessment")),
    "assessments:decide": rule(PERSON_EDITORS, sees_person, ("pk", "assessment")),
    "assessments:letter": rule(CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "assessment")),
    "assessments:letter_easy_read": rule(CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "assessment")),
    "assessments:letter_pdf": rule(CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "assessment")),
    "assessments:letter_easy_read_pdf": rule(CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "assessment")),
    "assessments:letter_send": rule(
        PERSON_EDITORS, sees_person, ("pk", "assessment"), post=lambda w, k: {"method": "post"}
    ),
    "assessments:self_review": rule(CASEWORK | COUNCIL_WIDE, sees_person, ("pk", "self_assessment")),
    "self_assessment:start": rule(CITIZENS),
    "self_assessment:resume": rule(CITIZENS, sees_person, ("pk", "self_assessment")),
    "self_assessment:check": rule(CITIZENS, sees_person, ("pk", "self_assessment")),
    "self_assessment:sent": rule(CITIZENS, sees_person, ("pk", "self_assessment")),
    "self_assessment:question": rule(CITIZENS, sees_person, ("pk", "self_assessment")),
    # Budgets (allocation.permissions)
    "allocation:worklist": rule(ASSESSORS),
    "allocation:mine": rule(CITIZENS),
    "allocation:calculate": rule(ASSESSORS, sees_person, ("assessment_pk", "assessment")),
    "allocation:budget": rule(
        ASSESSORS | {"broker", "finance_officer", "enablement_worker", "enablement_manager"} | CITIZENS,
        sees_person,
        ("pk", "indicative_budget"),
    ),
    "allocation:budget_easy_read": rule(
        ASSESSORS | {"broker", "finance_officer", "enablement_worker", "enablement_manager"} | CITIZENS,
        sees_person,
        ("pk", "indicative_budget"),
    ),
    "allocation:appeal": rule(
        ASSESSORS | CITIZENS,
        sees_person,
        ("pk", "indicative_budget"),
        post=lambda w, k: {"reasons": "Please look again"},
    ),
    "allocation:letter_pdf": rule(
        ASSESSORS | {"broker", "finance_officer", "enablement_worker", "enablement_manager"} | CITIZENS,
        sees_person,
        ("pk", "indicative_budget"),
    ),
    "allocation:letter_easy_read_pdf": rule(
        ASSESSORS | {"broker", "finance_officer", "enablement_worker", "enablement_manager"} | CITIZENS,
        sees_person,
        ("pk", "indicative_budget"),
    ),
    "allocation:appeal_letter_pdf": rule(
        ASSESSORS | {"broker", "finance_officer", "enablement_worker", "enablement_manager"} | CITIZENS,
        sees_person,
        ("pk", "appeal"),
    ),
    "allocation:appeal_letter_easy_read_pdf": rule(
        ASSESSORS | {"broker", "finance_officer", "enablement_worker", "enablement_manager"} | CITIZENS,
        sees_person,
        ("pk", "appeal"),
    ),
    "allocation:appeals": rule(ASSESSORS),
    # An appeal is decided by someone who may see the person and did not work out the budget (the worker).
    "allocation:decide": rule(
        {"occupational_therapist", "team_manager", "administrator"},
        sees_person,
        ("pk", "appeal"),
        post=lambda w, k: {"outcome": "upheld", "reasons": "Agreed"},
    ),
    "allocation:calibration": rule({"commissioner", "administrator"}),
    # Charging (charging.permissions)
    "charging:worklist": rule({"finance_officer", "administrator"}),
    "charging:mine": rule(CITIZENS),
    "charging:waiting": rule({"finance_officer", "administrator"}),
    # A year's figures: seen, set and confirmed by those who manage the charging rules (charging.permissions).
    "charging:figures": rule({"finance_officer", "administrator"}),
    "charging:figures_year": rule({"finance_officer", "administrator"}),
    "charging:uprate": rule({"finance_officer", "administrator"}, methods=("POST",)),
    "charging:assess": rule({"finance_officer", "administrator"}, sees_person, ("person_pk", "person")),
    "charging:assessment": rule(CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "financial_assessment")),
    "charging:assessment_easy_read": rule(
        CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "financial_assessment")
    ),
    "charging:letter_pdf": rule(CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "financial_assessment")),
    "charging:letter_easy_read_pdf": rule(
        CASEWORK | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "financial_assessment")
    ),
    "estimator:estimate": public(),
    # Surveys (surveys.permissions): a citizen answers their own and those of a person they care for; workers who
    # see the person key in answers given on paper or with them, and print the survey; managers and commissioners
    # read the results (counts only).
    "my_surveys:list": rule(CITIZENS, methods=("GET",)),
    "my_surveys:answer": rule(CITIZENS, survey_answerer, ("pk", "survey_invitation"), post=_survey_form),
    "my_surveys:answer_easy_read": rule(CITIZENS, survey_answerer, ("pk", "survey_invitation"), post=_survey_form),
    "my_surveys:pdf": rule(SURVEY_READERS, survey_reader, ("pk", "survey_invitation"), methods=("GET",)),
    "my_surveys:easy_read_pdf": rule(SURVEY_READERS, survey_reader, ("pk", "survey_invitation"), methods=("GET",)),
    "surveys:key_in": rule(CASEWORK | {"administrator"}, sees_person, ("pk", "survey_invitation"), post=_survey_key_in),
    "surveys:results": rule({"commissioner", "team_manager", "administrator"}, methods=("GET",)),
    "surveys:results_csv": rule({"commissioner", "team_manager", "administrator"}, methods=("GET",)),
    # The front door (frontdoor.permissions); anyone may refer themselves
    "frontdoor:contacts": rule(CASEWORK | {"administrator"}),
    "frontdoor:contact_create": rule(CASEWORK | {"administrator"}),
    "frontdoor:revisits": rule(CASEWORK | {"administrator"}, methods=("GET",)),
    "frontdoor:contact": rule(CASEWORK | {"administrator"}, open_contact, ("pk", "contact"), post=_contact_action),
    "refer:start": public(),
    "refer:sent": public(),
    # Safeguarding (safeguarding.permissions): anyone may raise a concern without signing in; staff who open a
    # person's record raise one from it; the safeguarding team, the worker it is given to and their team manager
    # see it, and the rest see only the flag on the person's record.
    "report_abuse:start": public(),
    "report_abuse:easy_read": public(),
    "report_abuse:sent": public(),
    "safeguarding:worklist": rule(CASEWORK),
    # The return's figures: the safeguarding lead only (a team manager in the safeguarding team, which none is here).
    "safeguarding:figures": rule(set()),
    # Safeguarding Adults Reviews: recorded by the safeguarding lead only (none here either).
    "safeguarding:sars": rule(set()),
    "safeguarding:sar_new": rule(set()),
    "safeguarding:sar": rule(set(), anyone, ("pk", "sar"), post=lambda w, k: {"title": "Tampered"}),
    # Large-scale enquiries (into a care home or a provider): the safeguarding team only (none here either).
    "safeguarding:large_scale_list": rule(set()),
    "safeguarding:large_scale_new": rule(set(), post=lambda w, k: {"name": "Tampered"}),
    "safeguarding:large_scale": rule(
        set(), anyone, ("pk", "large_scale"), post=lambda w, k: {"action": "close", "close-closed_on-day": "1"}
    ),
    "safeguarding:raise": rule(
        CASEWORK | COUNCIL_WIDE, sees_person, PERSON, post=lambda w, k: {"what_happened": "Tampered"}
    ),
    "safeguarding:concern": rule(
        CASEWORK, safeguarding_involved, ("pk", "concern"), post=lambda w, k: {"action": "release"}
    ),
    "safeguarding:enquiry": rule(
        CASEWORK,
        safeguarding_involved,
        ("pk", "enquiry"),
        post=lambda w, k: {"action": "add_action", "action-what": "Tampered", "action-organisation": "X"},
    ),
    # A provider listed in the directory raises a concern from its portal (safeguarding.permissions).
    "safeguarding:provider_raise": rule({"provider"}),
    # Complaints (complaints.permissions): anyone may complain without signing in; a citizen reads their own
    # complaints and our answers; staff who open a person's record record one from it; the complaints team (which
    # none is in here) and the person's team manager see a complaint; the report is the complaints team's.
    "complain:start": public(),
    "complain:easy_read": public(),
    "complain:sent": public(),
    "complain:yours": rule(CITIZENS),
    "complain:response": rule(CITIZENS, own_complaint, ("pk", "complaint")),
    "complain:response_easy_read": rule(CITIZENS, own_complaint, ("pk", "complaint")),
    "complain:response_pdf": rule(CITIZENS, own_complaint, ("pk", "complaint")),
    "complain:response_easy_read_pdf": rule(CITIZENS, own_complaint, ("pk", "complaint")),
    "complaints:worklist": rule(STAFF),
    "complaints:record": rule(
        CASEWORK | COUNCIL_WIDE, sees_person, PERSON, post=lambda w, k: {"what_happened": "Tampered"}
    ),
    "complaints:complaint": rule(
        STAFF, complaint_involved, ("pk", "complaint"), post=lambda w, k: {"action": "ombudsman"}
    ),
    "complaints:letter": rule(STAFF, complaint_involved, ("pk", "complaint")),
    "complaints:letter_pdf": rule(STAFF, complaint_involved, ("pk", "complaint")),
    "complaints:report": rule(set()),
    "complaints:report_csv": rule(set()),
    # Enablement (enablement.permissions)
    "enablement:home": rule({"enablement_worker", "enablement_manager", "administrator", "commissioner"}),
    "enablement:rota": rule(ENABLEMENT_MANAGERS),
    "enablement:move": rule(ENABLEMENT_MANAGERS, same_team, ("pk", "rota_visit")),
    # A run of the optimiser: seen and stopped by those who may see that team's rota.
    "enablement:rota_run": rule(
        ENABLEMENT_MANAGERS, same_team, ("pk", "rota_run"), post=lambda w, k: {"action": "cancel"}
    ),
    # Re-planning a published day, and a re-plan's page (its changes, published from it).
    "enablement:replan": rule(ENABLEMENT_MANAGERS),
    "enablement:replan_run": rule(
        ENABLEMENT_MANAGERS, same_team, ("pk", "replan"), post=lambda w, k: {"action": "publish"}
    ),
    "enablement:workforce": rule(ENABLEMENT_MANAGERS),
    "enablement:worker": rule(ENABLEMENT_MANAGERS, same_team, ("pk", "enablement_worker")),
    "enablement:my_day": rule({"enablement_worker"}),
    # A visit on a published rota is recorded only by the worker on it (the team's one worker in this world).
    "enablement:visit_record": rule(
        {"enablement_worker"},
        same_team,
        ("pk", "rota_visit"),
        post=lambda w, k: {"client_id": "9b2f6c1e-0000-4000-8000-000000000001", "kind": "missed", "reason": "not_in"},
    ),
    "enablement:referrals": rule(ENABLEMENT_MANAGERS),
    "enablement:start_episode": rule(ENABLEMENT_MANAGERS, same_team, ("pk", "referral")),
    "enablement:episodes": rule(ENABLEMENT_MANAGERS | {"enablement_worker"}),
    "enablement:episode": rule(
        ENABLEMENT_MANAGERS | {"enablement_worker"},
        same_team,
        ("pk", "episode"),
        post=lambda w, k: {"action": "note", "note": "Made tea"},
    ),
    "enablement:planned_visit": rule(
        ENABLEMENT_MANAGERS, same_team, ("pk", "episode"), post=lambda w, k: {"action": "remove"}
    ),
    "enablement:dashboard": rule({"enablement_manager", "commissioner", "administrator"}),
    # After six weeks: extend, hand on and follow up (enablement managers of the episode's team).
    "enablement:episode_next": rule(
        ENABLEMENT_MANAGERS,
        same_team,
        ("pk", "episode"),
        post=lambda w, k: {
            "action": "extend",
            "extend-reason": "Tampered",
            "extend-new_end-day": "1",
            "extend-new_end-month": "1",
            "extend-new_end-year": "2099",
        },
    ),
    "enablement:follow_ups": rule(ENABLEMENT_MANAGERS, methods=("GET",)),
    # People handed over from enablement: the receiving team's workers take them on.
    "enablement:hand_offs": rule({"social_worker", "occupational_therapist", "team_manager", "administrator"}),
    # The directory: public to search and read; providers change their own entries; brokers review.
    "directory:search": public(),
    "directory:service": public(),
    "directory:assure": rule(DIRECTORY_EDITORS, anyone, ("pk", "service"), methods=("POST",)),
    "directory:accept_venue": rule(DIRECTORY_EDITORS, anyone, ("pk", "service"), methods=("POST",)),
    "directory:resolve_conflict": rule(DIRECTORY_EDITORS, anyone, ("pk", "service"), methods=("POST",)),
    "directory:feeds": rule(DIRECTORY_EDITORS),
    "directory:feed": rule(DIRECTORY_EDITORS, anyone, ("pk", "feed")),
    "directory:provider_services": rule({"provider"}),
    "directory:provider_change": rule(
        {"provider"}, own_organisation, ("pk", "service"), post=lambda w, k: {"description": "Changed by someone else"}
    ),
    "directory:review_list": rule(DIRECTORY_EDITORS),
    "directory:review_change": rule(
        DIRECTORY_EDITORS | {"provider"},
        lambda w, r, o: r != "provider" or own_organisation(w, r, o),
        ("pk", "service_change"),
    ),
    "directory:shortlists": rule(
        DIRECTORY_EDITORS, sees_person, ("person_pk", "person"), post=lambda w, k: {"purpose": "Tampered"}
    ),
    "directory:shortlist": rule(DIRECTORY_EDITORS, sees_person, ("pk", "shortlist")),
    "directory:personal_assistants": rule(CASEWORK | COUNCIL_WIDE),
    # A citizen with a record looks for a PA (the page explains how to get a direct payment to one without);
    # the guidance on employing one is public.
    "directory:find_assistant": rule(CITIZENS, methods=("GET",)),
    "directory:employing": public(methods=("GET",)),
    "directory:employing_topic": public(methods=("GET",)),
    "oruk:root": public(),
    "oruk:services": public(),
    "oruk:service": public(),
    "oruk:service_at_locations": public(),
    "oruk:service_at_location": public(),
    "oruk:taxonomies": public(),
    "oruk:taxonomy": public(),
    "oruk:taxonomy_terms": public(),
    "oruk:taxonomy_term": public(),
    # Support plans (planning.permissions): written by the person's workers, read by brokers and finance
    # officers and the person; approved by the worker or a team manager.
    # Day opportunities: tiers and reviews by the person's workers; placements by them and brokers; a service's
    # places and waiting list to all who read or place.
    "dayops:reviews_due": rule(WRITERS),
    "dayops:person": rule(WRITERS | COUNCIL_WIDE, sees_person, ("person_pk", "person")),
    "dayops:tier": rule(WRITERS, sees_person, ("person_pk", "person"), post=_tier_form),
    # What the commissioner's Tables 5 and 6 count: a person's complexity of need (those who decide their tier)
    # and who runs a day service (the directory's editors).
    "dayops:complexity": rule(WRITERS, sees_person, ("person_pk", "person"), post=_complexity_form),
    "dayops:provision": rule(DIRECTORY_EDITORS, anyone, ("pk", "service"), post=_provision_form),
    "dayops:review": rule(WRITERS, sees_person, ("person_pk", "person")),
    "dayops:place": rule(WRITERS | {"broker"}, sees_person, ("person_pk", "person")),
    # Suggestions for those who place people; adding one to the person's shortlist is the directory's (brokers).
    "dayops:match": rule(
        WRITERS | {"broker"}, sees_person, ("person_pk", "person"), post=lambda w, k: {"service": "Tampered"}
    ),
    "dayops:service": rule(WRITERS | COUNCIL_WIDE, anyone, ("pk", "service")),
    # Outcomes: a placement's goals for those who read day opportunities, recorded by the person's workers; the
    # counts of work and volunteering (no names) for them, those who work council-wide and commissioners.
    "dayops:placement": rule(WRITERS | COUNCIL_WIDE, sees_person, ("pk", "placement"), post=_goal_form),
    "dayops:placement_review": rule(WRITERS, sees_person, ("pk", "placement")),
    "dayops:placement_work": rule(WRITERS, sees_person, ("pk", "placement"), post=_work_form),
    "dayops:employment": rule(WRITERS | COUNCIL_WIDE | {"commissioner"}),
    # The person's own days and requests to change them; a carer's breaks, shown only with the person's consent
    # (the page is any citizen's: what it shows is decided by the consent). Workers answer requests.
    "dayops:my_days": rule(CITIZENS),
    "dayops:my_change": rule(CITIZENS, sees_person, ("pk", "placement"), post=_change_days_form),
    "dayops:carer_breaks": rule(CITIZENS),
    "dayops:change_requests": rule(WRITERS),
    "dayops:change_request": rule(
        WRITERS, sees_person, ("pk", "day_change_request"), post=lambda w, k: {"outcome": "done"}
    ),
    # Registers: staff who place people and administrators mark any service's; a provider only its own.
    "dayops:registers": rule(REGISTER_MARKERS),
    "dayops:register": rule(REGISTER_MARKERS, provider_own, ("pk", "service")),
    # The commissioner's tables of the day-care cohort: counts only (dayops.permissions).
    "dayops:figures": rule({"commissioner", "administrator"}),
    "dayops:figures_csv": rule({"commissioner", "administrator"}),
    # The Client Level Data extract's data quality (reporting.permissions): scores for commissioners and administrators;
    # the named rows behind them, the extract itself and starting a check for administrators.
    "reporting:cld": rule({"commissioner", "administrator"}, methods=("GET",)),
    "reporting:cld_scores_csv": rule({"commissioner", "administrator"}, methods=("GET",)),
    "reporting:cld_run": rule({"administrator"}, methods=("POST",)),
    "reporting:cld_failures": rule({"administrator"}, methods=("GET",)),
    "reporting:cld_failures_csv": rule({"administrator"}, methods=("GET",)),
    "reporting:cld_extract_csv": rule({"administrator"}, methods=("GET",)),
    # Carers (carers.permissions_breaks): workers record a person's consent for their carers; the person withdraws
    # it on their own page; a carer's own page shows the cared-for person's plan and reviews only with consent (the
    # page is any citizen's: what it shows is decided by the consent). Breaks are read by the carer's workers and
    # council-wide roles, and booked, changed and cancelled by the workers and brokers.
    "carers:mine": rule(CITIZENS),
    "carers:my_consent_withdraw": rule(CITIZENS, sees_person, ("pk", "carer_consent"), methods=("POST",)),
    "carers:consents": rule(WRITERS, sees_person, ("person_pk", "person"), post=_consent_form),
    "carers:breaks": rule(WRITERS | COUNCIL_WIDE, sees_person, ("person_pk", "person"), post=_break_form),
    "carers:break": rule(WRITERS | {"broker"}, sees_person, ("pk", "break_booking"), post=_cancel_form),
    # Reviews of plans: writers hold them for the people they see; council-wide roles read them.
    # Carers: assessments offered by whoever may change the carer's record; the carers never offered one on the
    # writers' lists; contingency plans written by who may change either record, read by staff who see either.
    "carers:not_offered": rule(WRITERS, methods=("GET",)),
    "carers:offer": rule(PERSON_EDITORS, sees_person, ("pk", "caring_relationship"), post=_carer_offer_form),
    "carers:offer_answer": rule(PERSON_EDITORS, sees_person, ("pk", "carer_offer"), post=_carer_answer_form),
    "carers:contingency": rule(CASEWORK | COUNCIL_WIDE, sees_person, ("pk", "caring_relationship"), methods=("GET",)),
    "carers:contingency_write": rule(
        PERSON_EDITORS, sees_person, ("pk", "caring_relationship"), post=_contingency_form
    ),
    "reviews:due": rule(WRITERS),
    "reviews:review": rule(WRITERS | COUNCIL_WIDE, sees_person, ("pk", "review"), methods=("GET",)),
    "reviews:record": rule(WRITERS, sees_person, ("pk", "review"), post=_review_form),
    "reviews:request": rule(WRITERS, sees_person, ("plan_pk", "plan"), post=_review_request),
    # Messages (inbox.permissions): a citizen writes to their own workers from their support page; casework roles
    # who may open the person's record read and answer.
    "my_support:support": rule(CITIZENS),
    "inbox:waiting": rule(CASEWORK),
    "inbox:person": rule(CASEWORK, sees_person, PERSON, post=lambda w, k: {"body": "Tampered"}),
    "my_review:review": rule(CITIZENS),
    # The review-coming letter: the person's own, and staff who may see the person print it to post.
    "my_review:letter_pdf": rule(CITIZENS | WRITERS | COUNCIL_WIDE, sees_person, ("pk", "review"), methods=("GET",)),
    "my_review:letter_easy_read_pdf": rule(
        CITIZENS | WRITERS | COUNCIL_WIDE, sees_person, ("pk", "review"), methods=("GET",)
    ),
    # The person's proposals to change their plan: their own; the answer's letter for them and for staff who
    # see them (to print and post); answered by the workers who hold reviews.
    "my_review:easy_read": rule(CITIZENS),
    "my_review:proposals": rule(CITIZENS, methods=("GET",)),
    "my_review:proposals_easy_read": rule(CITIZENS, methods=("GET",)),
    "my_review:proposal_new": rule(CITIZENS, post=_proposal_form),
    "my_review:proposal_new_easy_read": rule(CITIZENS, post=_proposal_form),
    "my_review:proposal_letter_pdf": rule(
        CITIZENS | WRITERS | COUNCIL_WIDE, sees_person, ("pk", "proposal_answered"), methods=("GET",)
    ),
    "my_review:proposal_letter_easy_read_pdf": rule(
        CITIZENS | WRITERS | COUNCIL_WIDE, sees_person, ("pk", "proposal_answered"), methods=("GET",)
    ),
    "reviews:proposals": rule(WRITERS, methods=("GET",)),
    "reviews:proposal": rule(WRITERS, sees_person, ("pk", "plan_proposal"), post=_proposal_answer),
    "my_review:ending_pdf": rule(CITIZENS, sees_person, ("pk", "review_sequel"), methods=("GET",)),
    "my_review:ending_easy_read_pdf": rule(CITIZENS, sees_person, ("pk", "review_sequel"), methods=("GET",)),
    "my_review:reminder_pdf": rule(CITIZENS, sees_person, ("pk", "reminder_letter"), methods=("GET",)),
    "my_review:reminder_easy_read_pdf": rule(CITIZENS, sees_person, ("pk", "reminder_letter"), methods=("GET",)),
    # The occupational therapy assessments reviews asked for: the therapists and managers of the team sent them.
    "reviews:therapy": rule(THERAPY_TEAM, methods=("GET",)),
    "reviews:therapy_take": rule(THERAPY_TEAM, same_team, ("pk", "therapy_request"), methods=("POST",)),
    "dayops:register_week": rule(REGISTER_MARKERS, provider_own, ("pk", "service")),
    "dayops:absence_alerts": rule(WRITERS),
    "dayops:placement_change": rule(WRITERS | {"broker"}, sees_person, ("person_pk", "person")),
    "dayops:places_free": rule(WRITERS | {"broker"}),
    "dayops:charge_rates": rule({"finance_officer", "administrator"}),
    "dayops:charges": rule(WRITERS | {"finance_officer", "administrator"}, sees_person, ("person_pk", "person")),
    # Transport: a person's travel and travel training by those who place them; the council fleet, its day's runs
    # and each driver's run by brokers and administrators.
    "dayops:travel": rule(WRITERS | {"broker"}, sees_person, ("person_pk", "person")),
    "dayops:travel_training": rule(WRITERS | {"broker"}, sees_person, ("person_pk", "person")),
    "dayops:fleet": rule({"broker", "administrator"}),
    "dayops:vehicle": rule({"broker", "administrator"}, anyone, ("pk", "vehicle")),
    "dayops:fleet_plan": rule({"broker", "administrator"}, anyone, ("pk", "fleet_plan")),
    "dayops:fleet_route": rule({"broker", "administrator"}, anyone, ("pk", "fleet_route"), methods=("GET",)),
    "planning:approvals": rule(WRITERS),
    "planning:person_plans": rule(WRITERS | COUNCIL_WIDE | CITIZENS, sees_person, ("person_pk", "person")),
    "planning:plan": rule(WRITERS | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "plan")),
    "planning:pdf": rule(WRITERS | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "plan")),
    "planning:easy_read_pdf": rule(WRITERS | COUNCIL_WIDE | CITIZENS, sees_person, ("pk", "plan")),
    "planning:new_version": rule(WRITERS, sees_person, ("pk", "plan"), methods=("POST",)),
    "planning:outcome": rule(WRITERS, sees_person, ("pk", "plan_version"), post=lambda w, k: {"own_words": "Tampered"}),
    "planning:line": rule(WRITERS, sees_person, ("pk", "plan_version")),
    "planning:directory": rule(WRITERS, sees_person, ("pk", "plan_version")),
    "planning:line_change": rule(WRITERS, sees_person, ("pk", "plan_line")),
    "planning:line_remove": rule(WRITERS, sees_person, ("pk", "plan_line")),
    "planning:details": rule(WRITERS, sees_person, ("pk", "plan_version"), post=_plan_details),
    "planning:submit": rule(WRITERS, sees_person, ("pk", "plan_version"), methods=("POST",)),
    "planning:decide": rule(WRITERS, sees_person, ("pk", "plan_version")),
    "my_plan:plan": rule(CITIZENS),
    "my_plan:easy_read": rule(CITIZENS),
    "my_plan:pdf": rule(CITIZENS),
    "my_plan:easy_read_pdf": rule(CITIZENS),
    # Direct payments (payments.permissions)
    "payments:list": rule(WRITERS | {"finance_officer", "broker", "administrator"}),
    "payments:run": rule({"finance_officer"}, methods=("POST",)),
    "payments:reviews": rule(WRITERS | {"finance_officer"}),
    "payments:set_up": rule(WRITERS | {"finance_officer"}, sees_person, ("budget_pk", "personal_budget")),
    "payments:account": rule(
        WRITERS | {"finance_officer", "broker", "administrator"} | CITIZENS, sees_person, ("pk", "agreement")
    ),
    "payments:action": rule(
        {"finance_officer", "team_manager"},
        sees_person,
        ("pk", "agreement"),
        post=lambda w, k: {"starts_on_0": "1", "starts_on_1": "1", "starts_on_2": "2027", "reason": "Tampered"},
    ),
    "my_money:account": rule(CITIZENS),
    # Background work (jobs.permissions): administrators see every job; whoever started one sees it
    "jobs:list": rule({"administrator"}, methods=("GET",)),
    "jobs:job": rule({"administrator", "finance_officer"}, anyone, ("pk", "job"), methods=("GET",)),
    "jobs:retry": rule({"administrator"}, anyone, ("pk", "job"), methods=("POST",)),
    "jobs:schedules": rule({"finance_officer", "administrator"}, methods=("GET",)),
    "jobs:schedule": rule(
        {"finance_officer", "administrator"},
        anyone,
        ("pk", "schedule"),
        post=lambda w, k: {"at": "07:30", "enabled": "yes"},
    ),
    # The jargon buster and the information pages (guide.permissions): anyone reads them without signing in;
    # council officers change them.
    "guide:index": public(methods=("GET",)),
    "guide:glossary": public(methods=("GET",)),
    "guide:glossary_easy_read": public(methods=("GET",)),
    "guide:page": public(methods=("GET",)),
    "guide:page_easy_read": public(methods=("GET",)),
    "guide:terms": rule(GUIDE_EDITORS, methods=("GET",)),
    "guide:term_add": rule(GUIDE_EDITORS),
    "guide:term_change": rule(GUIDE_EDITORS),
    "guide:page_edit": rule(GUIDE_EDITORS),
    # The API's own pages (its operations are tried below, from the OpenAPI document)
    "api:openapi-json": public(),
    "api:openapi-view": public(),
    "api:api-root": public(),
    "api/v1/^(?P<rest>.*)$": public(),
}

#: The rest of each address that is not a record: the day of a rota, the question of a self-assessment.
FIXED = {"day": TOMORROW.isoformat(), "key": None, "action": "suspend", "visit_pk": None, "year": "2026-27",
         "slug": "direct-payments", "term": "direct-payment", "topic": "recruiting"}  # fmt: skip
ADMIN_PUBLIC = {"admin:login"}


# --- The addresses, from the URL resolver ---------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    name: str
    route: str
    params: tuple[str, ...]


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[Address]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            space = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), space)
        elif isinstance(pattern, URLPattern):
            if getattr(pattern.callback, "__module__", "") == "ninja.operation":
                continue  # an API operation: tried from the OpenAPI document below
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if pattern.name else route
            yield Address(name=name, route=route, params=tuple(pattern.pattern.regex.groupindex))


ADDRESSES = list(_walk(get_resolver().url_patterns))
SITE = [a for a in ADDRESSES if not a.route.startswith("admin/")]
ADMIN = [a for a in ADDRESSES if a.route.startswith("admin/")]


def test_every_address_has_a_rule():
    """A new page must say who may use it before it can be merged, and every rule is for a page."""
    assert sorted({a.name for a in SITE} - set(PAGES)) == []
    assert sorted(set(PAGES) - {a.name for a in SITE}) == []


def _callbacks(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, object]]:
    """Each address of the site (API operations included) with the view that answers it."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            space = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _callbacks(pattern.url_patterns, prefix + str(pattern.pattern), space)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (f"{namespace}:{pattern.name}" if pattern.name else route), pattern.callback


def test_sign_in_is_required_unless_a_page_is_marked_public():
    """Sign-in is the default (``LoginRequiredMiddleware``); a page is open to everyone only when its view is
    marked ``login_not_required`` and the policy above says it is public. The API's operations answer 401
    themselves, so they are marked too; the admin site keeps its own sign-in page."""
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE
    wrong = []
    for name, view in _callbacks(get_resolver().url_patterns):
        marked_public = not getattr(view, "login_required", True)
        if name.startswith(("admin:", "admin/")):
            if marked_public and name not in ADMIN_PUBLIC:
                wrong.append(f"{name}: an admin page marked public")
            continue
        if getattr(view, "__module__", "") == "ninja.operation" or name.startswith(("api:", "api/")):
            expected = True
        else:
            expected = PAGES[name].public
        if marked_public != expected:
            wrong.append(f"{name}: {'marked public' if marked_public else 'needs sign-in'}, the policy says "
                         f"{'public' if expected else 'sign in'}")  # fmt: skip
    assert wrong == []


# --- Trying them ----------------------------------------------------------------------------------------

#: Cells the policy is known to refuse but the code lets through, each naming the defect; the merge that
#: fixes it removes the line (the tests are strict: a cell that starts passing fails until then).
KNOWN_LEAKS: dict[tuple[str, str], str] = {}

#: Rows and roles run with the rest of the suite; the full product is marked slow.
FAST_ROLES = {"social_worker", "citizen", "carer", "provider", "anonymous"}
FAST_APPS = (
    "people:", "planning:", "directory:", "payments:", "dayops:", "reviews:", "carers:", "safeguarding:",
    "report_abuse:", "complain:", "complaints:", "surveys:", "my_surveys:", "guide:",
)  # fmt: skip
#: Written to by every request, refused or not: the audit trail, an API token's last use, sessions and the
#: sign-in guard.
BOOKKEEPING = re.compile(r"^(accounts_auditevent|accounts_apitoken|django_session|axes_\w+)$")
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
REFUSED = {403, 404}


class Writes:
    """Records every write a request makes to a table other than the bookkeeping ones."""

    def __init__(self) -> None:
        self.tables: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and not BOOKKEEPING.match(match.group(1)):
            self.tables.append(match.group(1))
        return execute(sql, params, many, context)


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _kwargs(world: World, address: Address, rule: Rule, key: str | None) -> dict[str, str]:
    kinds = dict(rule.kinds)
    values: dict[str, str] = {}
    for param in address.params:
        if param in kinds:
            values[param] = str(world.records[kinds[param]][key].pk)
        elif param == "visit_pk":
            values[param] = str(world.records["planned_visit"][key].pk)
        elif param == "key":
            from ownway.assessments.rules import self_assessment as questions

            values[param] = questions.applicable(questions.SelfAssessmentKind.NEEDS, {})[0].key
        elif param in FIXED:
            values[param] = str(FIXED[param])
        elif param == "pk":
            values[param] = str(world.records["service"]["X"].pk)  # public directory and ORUK records
        else:
            values[param] = "1"
    return values


def _owners(world: World, rule: Rule) -> list[str | None]:
    if not rule.kinds:
        return [None]
    return sorted(world.records[rule.kinds[0][1]])


def _url(address: Address, values: dict[str, str]) -> str:
    if address.name.startswith(("admin", "api/v1/^")) or ":" not in address.name:
        url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m.group(1), "1"), address.route)
        return url.replace("^(?P<rest>.*)$", "no-such-thing").replace("(?P<url>.*)$", "no-such-thing")
    return reverse(address.name.removeprefix(":"), kwargs=values)  # ":name": a page in no namespace


def _signed_out(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(("/sign-in/", "/admin/login/"))


def _check(world, role, rule, owner, response, method) -> str | None:
    """What is wrong with the answer, or None."""
    status = response.status_code
    if status >= 500 and not (rule.unavailable and status == 503):
        return f"{method} answered {status}"
    if rule.public:
        return None
    if role == "anonymous":
        return None if _signed_out(response) else f"{method} answered {status}, not the sign-in page"
    allowed = rule.allows(world, role, owner)
    if allowed:
        if status in REFUSED or _signed_out(response):
            return f"{method} refused ({status}) though the policy allows it"
        return None
    if status not in REFUSED:
        return f"{method} answered {status} though the policy refuses it"
    return None


def _try(world: World, role: str, address: Address, rule: Rule) -> list[str]:
    client = _client(world, role)
    problems: list[str] = []
    for key in _owners(world, rule):
        owner = world.owners[rule.kinds[0][1]][key] if key is not None else None
        url = _url(address, _kwargs(world, address, rule, key))
        whose = relation(world, role, owner) if owner is not None else ""
        if "GET" in rule.methods:
            problem = _check(world, role, rule, owner, client.get(url), "GET")
            if problem:
                problems.append(f"{url} ({whose} record): {problem}" if whose else f"{url}: {problem}")
        if "POST" in rule.methods and not rule.public and not rule.allows(world, role, owner):
            writes = Writes()
            body = rule.post(world, key) if rule.post is not None and key is not None else {}
            with connection.execute_wrapper(writes):
                response = client.post(url, body)
            problem = _check(world, role, rule, owner, response, "POST")
            if problem:
                problems.append(f"{url} ({whose} record): {problem}")
            if writes.tables:
                problems.append(f"POST {url} ({whose} record) was refused but wrote to {sorted(set(writes.tables))}")
    return problems


def _cells(addresses, rules_for) -> list:
    cells = []
    for address in addresses:
        for role in ROLES:
            fast = role in FAST_ROLES and address.name.startswith(FAST_APPS) and "pdf" not in address.name
            marks = [] if fast else [pytest.mark.slow]
            if (role, address.name) in KNOWN_LEAKS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[(role, address.name)]))
            cells.append(pytest.param(role, address, id=f"{role}-{address.name}", marks=marks))
    return cells


@pytest.mark.parametrize(("role", "address"), _cells(SITE, PAGES))
def test_page(world, db, role, address):
    problems = _try(world, role, address, PAGES[address.name])
    assert problems == [], "\n".join(problems)


ADMIN_RULE = rule(set())


@pytest.mark.parametrize(("role", "address"), _cells(ADMIN, None))
def test_admin_site(world, db, role, address):
    """The admin site is for accounts marked as staff of the site; no role has that by being its role."""
    if address.name in ADMIN_PUBLIC:
        return
    client = _client(world, role)
    response = client.get(_url(address, {}))
    assert response.status_code != 200
    assert response.status_code < 500


# --- The API: every operation in the OpenAPI document ----------------------------------------------------

DOCUMENT = api.get_openapi_schema()
VIEWERS = CASEWORK | COUNCIL_WIDE | CITIZENS
BUDGET_VIEWERS = ASSESSORS | {"broker", "finance_officer", "enablement_worker", "enablement_manager"} | CITIZENS
NEW_PERSON = {"first_name": "Tampered", "last_name": "Record", "date_of_birth": "1950-01-01",
              "confirm_not_duplicate": True}  # fmt: skip
CONTACT = {"first_name": "Tampered", "last_name": "Contact", "reason": "Help", "source": "self"}
ANSWERS = {"own_words": "Tampered"}
ELIGIBILITY = {"arises_from_impairment_or_illness": True, "significant_impact_on_wellbeing": True, "outcomes": []}


@dataclass(frozen=True)
class Operation:
    rule: Rule
    #: The JSON body sent, given the record's ID (for IDs tampered in the body), or None for no body.
    body: Callable[[World, str | None], dict] | None = None
    query: dict[str, str] | None = None


def _op(roles, record=anyone, *kinds, body=None, query=None) -> Operation:
    return Operation(rule(roles, record, *kinds), body, query)


def _person_id(world: World, key: str | None) -> int:
    return world.records["person"][key].pk if key else 0


API: dict[str, Operation] = {
    "GET /api/v1/me": _op(SIGNED_IN),
    "GET /api/v1/people": _op(CASEWORK | COUNCIL_WIDE, query={"q": "a"}),
    "POST /api/v1/people": _op(CASEWORK | {"administrator", "broker"}, body=lambda w, k: NEW_PERSON),
    "GET /api/v1/people/{person_id}": _op(VIEWERS, sees_person, ("person_id", "person")),
    "PATCH /api/v1/people/{person_id}": _op(
        CASEWORK | {"administrator"} | CITIZENS,
        sees_person,
        ("person_id", "person"),
        body=lambda w, k: {"phone": "0121 496 0999"},
    ),
    "GET /api/v1/people/{person_id}/carers": _op(VIEWERS, sees_person, ("person_id", "person")),
    "GET /api/v1/code-lists": _op(SIGNED_IN),
    "GET /api/v1/code-lists/{list_name}": _op(SIGNED_IN),
    "POST /api/v1/eligibility/adult": _op(SIGNED_IN, body=lambda w, k: ELIGIBILITY),
    "POST /api/v1/eligibility/carer": _op(
        SIGNED_IN,
        body=lambda w, k: {
            "arises_from_providing_necessary_care": True,
            "health_deteriorating_or_at_risk": True,
            "significant_impact_on_wellbeing": True,
            "outcomes": [],
        },
    ),
    "POST /api/v1/assessments": _op(
        PERSON_EDITORS, sees_person, ("body:person_id", "person"), body=lambda w, k: {"person_id": _person_id(w, k)}
    ),
    "GET /api/v1/assessments/{assessment_id}": _op(VIEWERS, sees_person, ("assessment_id", "assessment")),
    "PATCH /api/v1/assessments/{assessment_id}": _op(
        PERSON_EDITORS, sees_person, ("assessment_id", "assessment"), body=lambda w, k: ANSWERS
    ),
    "PUT /api/v1/assessments/{assessment_id}/outcomes": _op(
        PERSON_EDITORS, sees_person, ("assessment_id", "assessment"), body=lambda w, k: {"findings": []}
    ),
    "POST /api/v1/assessments/{assessment_id}/determination": _op(
        PERSON_EDITORS, sees_person, ("assessment_id", "assessment"), body=lambda w, k: {"practitioner_differs": False}
    ),
    "GET /api/v1/contacts": _op(CASEWORK | {"administrator"}),
    "POST /api/v1/contacts": _op(
        CASEWORK | {"administrator"},
        sees_person,
        ("body:person_id", "person"),
        body=lambda w, k: {**CONTACT, "person_id": _person_id(w, k)},
    ),
    "GET /api/v1/contacts/{contact_id}": _op(CASEWORK | {"administrator"}, open_contact, ("contact_id", "contact")),
    "POST /api/v1/contacts/{contact_id}/conversations": _op(
        CASEWORK | {"administrator"},
        open_contact,
        ("contact_id", "contact"),
        body=lambda w, k: {"kind": "listen_and_connect", "what_matters": "Tampered"},
    ),
    "POST /api/v1/contacts/{contact_id}/close": _op(
        CASEWORK | {"administrator"},
        open_contact,
        ("contact_id", "contact"),
        body=lambda w, k: {"outcome": "assessment"},
    ),
    "POST /api/v1/contacts/{contact_id}/person": _op(
        CASEWORK | {"administrator"}, open_contact, ("contact_id", "contact"), body=lambda w, k: {"create": True}
    ),
    "POST /api/v1/contacts/{contact_id}/worker": _op(
        CASEWORK | {"administrator"},
        open_contact,
        ("contact_id", "contact"),
        body=lambda w, k: {"worker_id": w.users["social_worker"].pk},
    ),
    "GET /api/v1/ras/model": _op(SIGNED_IN),
    "POST /api/v1/ras/calculate": _op(SIGNED_IN, body=lambda w, k: {"answers": {}}),
    "GET /api/v1/ras/budgets/{budget_id}": _op(BUDGET_VIEWERS, sees_person, ("budget_id", "indicative_budget")),
    "POST /api/v1/charging/calculate": _op(SIGNED_IN, body=lambda w, k: {"age": 70, "weekly_cost_of_care": 100}),
    "GET /api/v1/charging/assessments/{assessment_id}": _op(
        VIEWERS, sees_person, ("assessment_id", "financial_assessment")
    ),
    "GET /api/v1/support-plans/{plan_id}": _op(WRITERS | COUNCIL_WIDE | CITIZENS, sees_person, ("plan_id", "plan")),
    "POST /api/v1/direct-payments/pa-costs": _op(STAFF, body=lambda w, k: {"hourly_rate": 15, "hours_per_week": 10}),
    "GET /api/v1/direct-payments/{agreement_id}": _op(
        WRITERS | {"finance_officer", "broker", "administrator"} | CITIZENS, sees_person, ("agreement_id", "agreement")
    ),
    # Other agencies raise a safeguarding concern (safeguarding.api), naming a record only if they may open it.
    "POST /api/v1/safeguarding/concerns": _op(
        CASEWORK | COUNCIL_WIDE | {"provider"},
        sees_person,
        ("body:person_id", "person"),
        body=lambda w, k: {"what_happened": "Tampered", "person_id": _person_id(w, k)},
    ),
    "GET /api/v1/enablement/my-day": _op({"enablement_worker"}, query={"date": TOMORROW.isoformat()}),
    "GET /api/v1/enablement/rota": _op({"enablement_manager"}, query={"date": TOMORROW.isoformat()}),
}
FIXED_PATH = {"list_name": "gender"}
OPERATIONS = [f"{method.upper()} {path}" for path, ops in DOCUMENT["paths"].items() for method in ops]


def test_every_api_operation_has_a_rule():
    assert sorted(set(OPERATIONS) - set(API)) == []
    assert sorted(set(API) - set(OPERATIONS)) == []


def _api_client(world: World, role: str) -> Client:
    if role == "anonymous":
        return Client()
    from ownway.accounts.services import api_token_create

    _token, secret = api_token_create(actor=None, user=world.users[role], name="Permission matrix")
    return Client(headers={"authorization": f"Bearer {secret}"})


def _try_api(world: World, role: str, name: str, operation: Operation) -> list[str]:
    method, path = name.split(" ", 1)
    client = _api_client(world, role)
    rule_ = operation.rule
    problems = []
    for key in _owners(world, rule_):
        owner = world.owners[rule_.kinds[0][1]][key] if key is not None else None
        url = path
        for param, kind in rule_.kinds:
            if not param.startswith("body:"):
                url = url.replace("{" + param + "}", str(world.records[kind][key].pk))
        for param, value in FIXED_PATH.items():
            url = url.replace("{" + param + "}", value)
        allowed = rule_.allows(world, role, owner)
        writes = Writes()
        send = getattr(client, method.lower())
        with connection.execute_wrapper(writes):
            if operation.body is not None:
                response = send(url, data=json.dumps(operation.body(world, key)), content_type="application/json")
            else:
                response = send(url, operation.query or {})
        whose = f" ({relation(world, role, owner)} record)" if owner is not None else ""
        status = response.status_code
        if status >= 500:
            problems.append(f"{name}{whose}: {status}")
        elif role == "anonymous":
            if status != 401:
                problems.append(f"{name}: {status} without signing in, not 401")
        elif allowed and status in REFUSED:
            problems.append(f"{name}{whose}: refused ({status}) though the policy allows it")
        elif (
            not allowed
            and status not in REFUSED
            and not (rule_.kinds and rule_.kinds[0][0].startswith("body:") and status == 422)
        ):
            problems.append(f"{name}{whose}: {status} though the policy refuses it")
        if not allowed and writes.tables:
            problems.append(f"{name}{whose} was refused but wrote to {sorted(set(writes.tables))}")
    return problems


def _api_cells() -> list:
    cells = []
    for name in OPERATIONS:
        for role in ROLES:
            marks = [] if role in FAST_ROLES else [pytest.mark.slow]
            if (role, name) in KNOWN_LEAKS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[(role, name)]))
            cells.append(pytest.param(role, name, id=f"{role}-{name}", marks=marks))
    return cells


@pytest.mark.parametrize(("role", "name"), _api_cells())
def test_api_operation(world, db, role, name):
    problems = _try_api(world, role, name, API[name])
    assert problems == [], "\n".join(problems)
