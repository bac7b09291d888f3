"""The demo city: calibrated to Birmingham's Day Opportunities Strategy, valid, and the same for a seed.

The generator draws the calibrated facts by exact quota (largest remainder), so every count is within
one person of its quota at any size; the tests check that property at small and council sizes and the
strategy's tables within 2 percentage points.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import pairwise

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.utils import timezone

from ownway.accounts.models import AuditEvent, Team, User
from ownway.accounts.roles import Role, TeamKind
from ownway.people.demo import calibration as cal
from ownway.people.demo.addresses import DISTRICTS, postcode_for
from ownway.people.demo.builder import DemoCityExists, clear_city, generate_city
from ownway.people.demo.generator import (
    CARER_PSR,
    DEFAULT_AS_OF,
    DEMO_PASSWORD,
    SIZES,
    iter_households,
    plan_city,
    plan_staff,
)
from ownway.people.models import CaringRelationship, Person
from ownway.people.rules.nhs_number import check_nhs_number
from ownway.people.rules.postcode import check_postcode
from ownway.people.services import next_person_reference

PP = 0.02  # two percentage points


def _within_quota(counts: Counter[str], shares: dict[str, float], total: int, slack: float = 1.0) -> None:
    for key, share in shares.items():
        assert abs(counts[key] - total * share) < slack, (key, counts[key], total * share)


def _within_pp(counts: Counter[str], shares: dict[str, float]) -> None:
    total = sum(counts.values())
    for key, share in shares.items():
        assert abs(counts[key] / total - share) <= PP, (key, counts[key] / total, share)


# --- The calibration data ----------------------------------------------------------------------------
def test_tables_as_printed_add_up_to_the_strategys_totals():
    assert cal.DAY_CARE_TOTAL == 1540
    assert cal.INTERNAL_TOTAL == 678
    assert cal.EXTERNAL_TOTAL == 633
    assert sum(cal.TABLE_1[g][3] for g in cal.CLIENT_GROUPS) == 1698
    assert sum(sum(row.values()) for row in cal.TABLE_2.values()) == 1537
    assert sum(sum(row.values()) for row in cal.TABLE_3.values()) == 1537


def test_derived_cells_reproduce_the_published_totals():
    cells = cal.OPEN_CASE_CELLS
    assert sum(cells.values()) == cal.OPEN_CASES == 20_192
    assert min(cells.values()) >= 0
    for group in cal.CLIENT_GROUPS:
        assert cells[(group, cal.EXTERNAL)] == cal.TABLE_6[group]
        day = sum(cells[(group, p)] for p in (cal.INTERNAL, cal.EXTERNAL, cal.OTHER_DAY_CARE))
        assert day == cal.DAY_CARE_BY_GROUP[group]
        assert sum(cells[(group, p)] for p in cal.PROVISIONS) == cal.OPEN_CASES_BY_GROUP[group]
    assert sum(cells[(g, cal.INTERNAL)] for g in cal.CLIENT_GROUPS) == 678
    assert cal.OPEN_CASES_BY_GROUP[cal.LEARNING_DISABILITIES] == 4326
    assert sum(cells[(g, cal.OTHER_DAY_CARE)] for g in cal.CLIENT_GROUPS) == 1540 - 678 - 633


@pytest.mark.parametrize(
    ("total", "weights"),
    [(10, [1, 1, 1]), (678, [10, 111, 473, 84]), (7, [0, 5, 0, 2]), (0, [1, 2]), (1, [1, 1]), (3, [0.5, 0.25])],
)
def test_apportion_sums_to_the_total_and_stays_within_one_of_each_quota(total, weights):
    parts = cal.apportion(total, weights)
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - total * weight / sum(weights)) < 1
        if weight == 0:
            assert part == 0


def test_client_group_follows_from_reason_and_age():
    assert cal.client_group_for("learning_disability", 70) == cal.LEARNING_DISABILITIES
    assert cal.client_group_for("mental_health", 30) == cal.MENTAL_HEALTH
    assert cal.client_group_for("physical_personal_care", 65) == cal.OLDER_ADULTS
    assert cal.client_group_for("sensory_visual", 64) == cal.PHYSICAL_DISABILITIES
    assert cal.client_group_for(CARER_PSR, 50) is None


# --- Postcodes and names -----------------------------------------------------------------------------
def test_every_street_of_every_district_gets_valid_postcodes_in_its_district():
    for district in DISTRICTS:
        for street in district.streets:
            for number in (1, 25, 49, 240):
                postcode = postcode_for(district.code, street, number)
                check = check_postcode(postcode)
                assert check.valid, postcode
                assert check.normalised == postcode
                assert postcode.split()[0] == district.code
    assert postcode_for("B21", "Soho Road", 3) == postcode_for("B21", "Soho Road", 20)  # neighbours share one


# --- The plan, without the database ------------------------------------------------------------------
@pytest.mark.parametrize("people", [2_000, SIZES["council"]])
def test_plan_matches_the_tables_by_exact_quota(people):
    plan = plan_city(people, seed=11)
    groups = Counter(plan.client_group)
    _within_quota(groups, cal.shares(cal.OPEN_CASES_BY_GROUP), people)
    _within_pp(groups, cal.shares(cal.OPEN_CASES_BY_GROUP))

    provisions = Counter(plan.provision)
    _within_quota(provisions, cal.shares({p: sum(cal.OPEN_CASE_CELLS[(g, p)] for g in cal.CLIENT_GROUPS)
                                          for p in cal.PROVISIONS}), people)  # fmt: skip
    day = [i for i in range(people) if plan.provision[i] != cal.NO_DAY_CARE]
    assert abs(len(day) - people * 1540 / 20_192) < 2

    # Table 1: client groups in day care (one person of rounding per provision).
    day_groups = Counter(plan.client_group[i] for i in day)
    _within_quota(day_groups, cal.shares(cal.DAY_CARE_BY_GROUP), len(day), slack=3)
    _within_pp(day_groups, cal.shares(cal.DAY_CARE_BY_GROUP))
    # Table 6: client groups in external day care.
    external = Counter(plan.client_group[i] for i in day if plan.provision[i] == cal.EXTERNAL)
    _within_quota(external, cal.shares(cal.TABLE_6), provisions[cal.EXTERNAL])
    _within_pp(external, cal.shares(cal.TABLE_6))
    # Table 5: complexity in internal day care, which takes only learning and physical disabilities.
    internal = [i for i in day if plan.provision[i] == cal.INTERNAL]
    complexity = Counter(plan.complexity[i] for i in internal)
    _within_quota(complexity, cal.shares(cal.TABLE_5), len(internal))
    _within_pp(complexity, cal.shares(cal.TABLE_5))
    assert {plan.client_group[i] for i in internal} <= {cal.LEARNING_DISABILITIES, cal.PHYSICAL_DISABILITIES}
    assert all(plan.age_band[i] not in cal.OVER_65_BANDS for i in internal)
    assert all(c == "" for i, c in enumerate(plan.complexity) if plan.provision[i] != cal.INTERNAL)

    # Tables 2 and 3, within each client group: for the day-care cohort and for the whole city.
    for group in cal.CLIENT_GROUPS:
        for members in (
            [i for i in day if plan.client_group[i] == group],
            [i for i in range(people) if plan.client_group[i] == group],
        ):
            ethnic = Counter(plan.ethnic_group[i] for i in members)
            ages = Counter(plan.age_band[i] for i in members)
            _within_quota(ethnic, cal.table_2_shares(group), len(members))
            _within_quota(ages, cal.table_3_shares(group), len(members))
            if len(members) >= 50:  # one person is then at most 2 percentage points
                _within_pp(ethnic, cal.table_2_shares(group))
                _within_pp(ages, cal.table_3_shares(group))


def test_plan_and_people_are_the_same_for_a_seed_and_differ_between_seeds():
    first, again, other = plan_city(600, seed=5), plan_city(600, seed=5), plan_city(600, seed=6)
    assert first == again
    assert first.client_group != other.client_group

    def people(plan):
        staff = plan_staff(plan, seed=5)
        return staff.members, [
            (h.person, [(c.person, c.relationship, c.hours_per_week, c.lives_with, c.started_on, c.account)
                        for c in h.carers], h.account, h.day_care)
            for h in iter_households(plan, staff, seed=5)
        ]  # fmt: skip

    assert people(first) == people(again)


def test_generated_values_are_valid_and_consistent():
    plan = plan_city(1_500, seed=3)
    staff = plan_staff(plan, seed=3)
    references = []
    nhs_numbers = []
    for household in iter_households(plan, staff, seed=3, first_number=41):
        person = household.person
        age = (
            DEFAULT_AS_OF.year
            - person["date_of_birth"].year
            - ((DEFAULT_AS_OF.month, DEFAULT_AS_OF.day) < (person["date_of_birth"].month, person["date_of_birth"].day))
        )
        assert cal.age_band_for(age) == plan.age_band[household.index]
        assert cal.client_group_for(person["primary_support_reason"], age) == household.client_group
        if person["needs_interpreter"]:
            assert person["language"] not in ("", "English")
        if person["named_worker"]:
            assert person["named_worker"] in staff.caseworkers[person["team"]]
        assert (person["has_unpaid_carer"] == "yes") == bool(household.carers)
        references.append(person["reference"])
        nhs_numbers.append(person["nhs_number"])
        for link in household.carers:
            carer = link.person
            references.append(carer["reference"])
            assert carer["primary_support_reason"] == CARER_PSR
            assert carer["date_of_birth"] <= DEFAULT_AS_OF.replace(year=DEFAULT_AS_OF.year - 18)
            assert carer["first_name"] != person["first_name"] or carer["last_name"] != person["last_name"]
            assert link.started_on <= DEFAULT_AS_OF
            if link.lives_with:
                assert carer["postcode"] == person["postcode"]
            if carer["nhs_number"]:
                nhs_numbers.append(carer["nhs_number"])
        for values in (person, *(link.person for link in household.carers)):
            assert check_postcode(values["postcode"]).valid, values["postcode"]
            assert values["date_of_birth"] < DEFAULT_AS_OF
            if values["consent_recorded_on"]:
                assert values["consent_recorded_on"] <= DEFAULT_AS_OF
    assert references[0] == "P0000041"
    assert all(int(b[1:]) == int(a[1:]) + 1 for a, b in pairwise(references))
    assert all(check_nhs_number(n).valid for n in nhs_numbers)
    assert len(set(nhs_numbers)) == len(nhs_numbers)


def test_staff_cover_every_role_and_the_demo_logins_sit_where_they_should():
    plan = plan_city(2_000, seed=2)
    staff = plan_staff(plan, seed=2)
    roles = staff.by_role()
    assert set(roles) == {r.value for r in Role} - {Role.CITIZEN}
    by_username = {m.username: m for m in staff.members}
    assert len(by_username) == len(staff.members)
    assert by_username["social_worker"].team == "North locality team"
    assert staff.caseworkers["North locality team"][0] == "social_worker"
    assert by_username["occupational_therapist"].team == "Occupational therapy team"
    assert by_username["enablement_manager"].role == Role.ENABLEMENT_MANAGER
    assert by_username["provider"].organisation_name
    demo = plan.demo_citizen
    assert demo is not None
    assert plan.team[demo] == "North locality team"
    assert plan.named[demo]
    assert plan.carers[demo] >= 1


# --- In the database ---------------------------------------------------------------------------------
def _city_rows():
    people = list(
        Person.objects.order_by("reference").values_list(
            "reference", "title", "first_name", "middle_names", "last_name", "preferred_name", "date_of_birth",
            "nhs_number", "address_line_1", "address_line_2", "town", "postcode", "phone", "mobile", "email",
            "gender__code", "ethnicity__code", "primary_support_reason__code", "accommodation_status__code",
            "employment_status__code", "autism", "visual_impairment", "hearing_impairment", "dementia",
            "needs_easy_read", "needs_bsl", "needs_interpreter", "language", "needs_large_print",
            "communication_notes", "has_unpaid_carer", "team__name", "named_worker__username",
            "consent_to_share", "consent_recorded_on",
        )
    )  # fmt: skip
    relationships = sorted(
        CaringRelationship.objects.values_list(
            "carer__reference", "cared_for__reference", "relationship", "hours_per_week", "lives_with", "started_on"
        )
    )
    users = sorted(
        User.objects.values_list("username", "first_name", "last_name", "role", "team__name", "person__reference")
    )
    return people, relationships, users


@pytest.mark.django_db
def test_the_command_builds_a_tiny_city_end_to_end(capsys):
    call_command("generate_city", size="tiny", seed=4)
    out = capsys.readouterr().out
    assert "200 people who use services" in out
    assert DEMO_PASSWORD in out

    service_users = Person.objects.exclude(primary_support_reason__code=CARER_PSR)
    carers = Person.objects.filter(primary_support_reason__code=CARER_PSR)
    assert service_users.count() == SIZES["tiny"] == 200
    assert carers.count() == CaringRelationship.objects.count() > 0
    assert not Person.objects.filter(primary_support_reason__isnull=True).exists()
    assert not Person.objects.filter(ethnicity__isnull=True).exists()
    assert not carers.filter(caring_for__isnull=True).exists()
    assert not service_users.filter(team__isnull=True).exists()
    assert next_person_reference() == f"P{Person.objects.count() + 1:07d}"

    for username in ("social_worker", "occupational_therapist", "team_manager", "broker", "finance_officer",
                     "enablement_worker", "enablement_manager", "commissioner", "administrator", "citizen",
                     "carer", "provider"):  # fmt: skip
        user = User.objects.get(username=username)
        assert check_password(DEMO_PASSWORD, user.password), username
    assert set(User.objects.values_list("role", flat=True).distinct()) == set(Role.values)
    citizen = User.objects.get(username="citizen")
    assert citizen.person.named_worker.username == "social_worker"
    assert citizen.person.team.name == "North locality team"
    carer = User.objects.get(username="carer")
    assert CaringRelationship.objects.filter(carer=carer.person, cared_for=citizen.person).exists()
    assert not User.objects.filter(role=Role.CITIZEN, team__isnull=False).exists()
    assert Team.objects.filter(kind=TeamKind.LOCALITY).count() == 5
    assert AuditEvent.objects.filter(action="people.demo_city_generated").count() == 1

    with pytest.raises(DemoCityExists):
        generate_city(people=10, seed=4)


@pytest.mark.django_db
def test_every_nhs_number_and_postcode_in_the_database_is_valid_and_people_are_well_formed():
    generate_city(people=800, seed=8)
    rows = Person.objects.values_list("nhs_number", "postcode", "needs_interpreter", "language", "date_of_birth")
    nhs_numbers = [nhs for nhs, *_ in rows if nhs]
    assert len(nhs_numbers) > 800
    assert all(check_nhs_number(n).valid for n in nhs_numbers)
    assert len(set(nhs_numbers)) == len(nhs_numbers)
    assert all(check_postcode(pc).valid and check_postcode(pc).normalised == pc for _, pc, *_ in rows)
    assert all(language not in ("", "English") for _, _, interpreter, language, _ in rows if interpreter)
    today = timezone.localdate()
    assert all(born < today for *_, born in rows)
    languages = Counter(language for _, _, interpreter, language, _ in rows if interpreter)
    assert len(languages) >= 5
    assert Person.objects.filter(needs_easy_read=True, primary_support_reason__code="learning_disability").exists()
    assert Person.objects.filter(needs_bsl=True).exists() or Person.objects.filter(needs_large_print=True).exists()
    assert Person.objects.filter(named_worker__isnull=False).count() > 400
    for person in Person.objects.filter(named_worker__isnull=False).select_related("named_worker")[:200]:
        assert person.named_worker.team_id == person.team_id


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_rows_after_clearing():
    generate_city(people=300, seed=21)
    first = _city_rows()
    removed = clear_city()
    assert removed["people"] == len(first[0])
    assert not Person.objects.exists()
    assert not User.objects.filter(username="social_worker").exists()
    generate_city(people=300, seed=21)
    assert _city_rows() == first
    generate_city(people=300, seed=22, clear=True)
    assert _city_rows()[0] != first[0]


@pytest.mark.django_db
def test_references_continue_from_existing_people(person):
    Person.objects.create(
        reference="P0000041", first_name="Grace", last_name="Hopper", date_of_birth=dt.date(1950, 1, 1)
    )
    summary = generate_city(people=20, seed=1)
    assert summary.first_reference == "P0000042"
    assert Person.objects.filter(reference=summary.last_reference).exists()
    assert next_person_reference() == f"P{int(summary.last_reference[1:]) + 1:07d}"


def _check_city_distributions(people: int) -> None:
    """Tables 2 and 3 and the client groups, read back from the database; Tables 1, 5 and 6 from the
    summary's day-care cohort, checked against the records it names."""
    summary = generate_city(people=people, seed=2019)
    rows = Person.objects.exclude(primary_support_reason__code=CARER_PSR).values_list(
        "reference", "primary_support_reason__code", "date_of_birth", "ethnicity__group"
    )
    as_of = summary.as_of
    facts = {}
    for reference, psr, born, ethnic_group in rows:
        age = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
        facts[reference] = (cal.client_group_for(psr, age), cal.age_band_for(age), ethnic_group)
    assert len(facts) == people
    groups = Counter(group for group, _, _ in facts.values())
    _within_quota(groups, cal.shares(cal.OPEN_CASES_BY_GROUP), people)
    _within_pp(groups, cal.shares(cal.OPEN_CASES_BY_GROUP))
    for group in cal.CLIENT_GROUPS:
        members = [f for f in facts.values() if f[0] == group]
        _within_quota(Counter(f[1] for f in members), cal.table_3_shares(group), len(members))
        _within_quota(Counter(f[2] for f in members), cal.table_2_shares(group), len(members))

    day = summary.day_care
    assert all(facts[p.reference][0] == p.client_group for p in day)
    assert abs(len(day) - people * 1540 / 20_192) < 2
    _within_pp(Counter(p.client_group for p in day), cal.shares(cal.DAY_CARE_BY_GROUP))
    external = Counter(p.client_group for p in day if p.provision == cal.EXTERNAL)
    _within_pp(external, cal.shares(cal.TABLE_6))
    internal = [p for p in day if p.provision == cal.INTERNAL]
    _within_pp(Counter(p.complexity for p in internal), cal.shares(cal.TABLE_5))
    assert all(facts[p.reference][1] not in cal.OVER_65_BANDS for p in internal)
    for group in cal.CLIENT_GROUPS:
        members = [facts[p.reference] for p in day if p.client_group == group]
        _within_quota(Counter(f[1] for f in members), cal.table_3_shares(group), len(members))
        _within_quota(Counter(f[2] for f in members), cal.table_2_shares(group), len(members))


@pytest.mark.django_db
def test_a_small_city_in_the_database_matches_the_tables():
    _check_city_distributions(2_000)


@pytest.mark.slow
@pytest.mark.django_db
def test_a_council_sized_city_in_the_database_matches_the_tables():
    _check_city_distributions(SIZES["council"])


def test_only_the_demo_administrator_reaches_the_admin_site(db):
    from django.core.management import call_command

    from ownway.accounts.models import User

    call_command("generate_city", size="tiny", seed=3, verbosity=0)
    admins = User.objects.filter(is_staff=True)
    assert admins.exists()
    assert set(admins.values_list("role", flat=True)) == {"administrator"}
