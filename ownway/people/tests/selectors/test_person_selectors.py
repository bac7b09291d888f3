import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from ownway.accounts import events as account_events
from ownway.accounts.models import AuditEvent
from ownway.people import events
from ownway.people.permissions import visible_to
from ownway.people.selectors import (
    PersonNotFound,
    PersonQuery,
    person_audit_trail_for_user,
    person_get_for_user,
    person_possible_duplicates,
    person_search_for_user,
)
from ownway.people.tests.factories import PersonFactory


def test_opening_a_record_is_audited(social_worker, person):
    assert person_get_for_user(user=social_worker, pk=person.pk) == person
    event = AuditEvent.objects.get(action=events.PERSON_VIEWED)
    assert (event.actor, event.person_id, event.via) == (social_worker, person.pk, "command")


def test_another_teams_record_is_refused_and_the_attempt_audited(social_worker, other_team_person):
    with pytest.raises(PermissionDenied):
        person_get_for_user(user=social_worker, pk=other_team_person.pk)
    assert AuditEvent.objects.filter(
        action=account_events.ACCESS_REFUSED, person_id=other_team_person.pk, actor=social_worker
    ).exists()
    assert not AuditEvent.objects.filter(action=events.PERSON_VIEWED).exists()


def test_missing_record(social_worker):
    with pytest.raises(PersonNotFound):
        person_get_for_user(user=social_worker, pk=999999)


def test_named_worker_sees_their_person_in_another_team(social_worker, other_team_person):
    other_team_person.named_worker = social_worker
    other_team_person.save()
    assert person_get_for_user(user=social_worker, pk=other_team_person.pk) == other_team_person


@pytest.mark.parametrize(
    ("role_fixture", "sees_own_team", "sees_other_team"),
    [
        ("social_worker", True, False),
        ("occupational_therapist", True, False),
        ("team_manager", True, False),
        ("broker", True, True),
        ("finance_officer", True, True),
        ("administrator", True, True),
        ("commissioner", False, False),
        ("provider", False, False),
        ("enablement_worker", False, False),
    ],
)
def test_visibility_by_role(request, role_fixture, sees_own_team, sees_other_team, person, other_team_person):
    user = request.getfixturevalue(role_fixture)
    visible = set(visible_to(user))
    assert (person in visible) is sees_own_team
    assert (other_team_person in visible) is sees_other_team


def test_citizen_sees_only_themselves(citizen, person, team):
    PersonFactory(team=team)
    assert list(visible_to(citizen)) == [person]


@pytest.mark.parametrize(
    "text",
    ["ada", "lov", "Ada Lovelace", "943 476 5919", "9434765919", "4/6/1950", "04/06/1950", "b1 1bb", "B1"],
)
def test_search_finds_by_name_nhs_number_date_of_birth_or_postcode(social_worker, person, text):
    person.nhs_number = "9434765919"
    person.save()
    assert list(person_search_for_user(user=social_worker, query=PersonQuery(text=text))) == [person]


def test_search_by_reference(social_worker, person):
    person.reference = "P0000042"
    person.save()
    assert list(person_search_for_user(user=social_worker, query=PersonQuery(text="p0000042"))) == [person]


def test_search_never_crosses_the_caseload(social_worker, person, other_team_person):
    assert list(person_search_for_user(user=social_worker, query=PersonQuery(text="Babbage"))) == []


def test_empty_search_finds_nobody(social_worker, person):
    assert list(person_search_for_user(user=social_worker, query=PersonQuery(text="  "))) == []


def test_commissioner_cannot_search(commissioner):
    with pytest.raises(PermissionDenied):
        person_search_for_user(user=commissioner, query=PersonQuery(text="a"))


def test_search_query_count_is_constant(social_worker, team, django_assert_num_queries):
    for n in range(30):
        PersonFactory(last_name=f"Smith{n}", team=team)
    with django_assert_num_queries(1):
        rows = list(person_search_for_user(user=social_worker, query=PersonQuery(text="smith")))
        assert len(rows) == 30
        assert all(r.team.name for r in rows)


def test_duplicates_by_nhs_number_or_name_and_birth_date(social_worker, person, other_team_person):
    person.nhs_number = "9434765919"
    person.save()
    by_number = person_possible_duplicates(
        user=social_worker, first_name="X", last_name="Y", date_of_birth=None, nhs_number="943 476 5919"
    )
    assert [(d.person, d.reason) for d in by_number] == [(person, "has the same NHS number")]
    # A duplicate in another team is reported, without its details.
    by_name = person_possible_duplicates(
        user=social_worker, first_name="charles", last_name="BABBAGE", date_of_birth=dt.date(1950, 6, 4)
    )
    assert len(by_name) == 1
    assert by_name[0].person is None
    assert by_name[0].reason == "has the same name and date of birth"
    assert (
        person_possible_duplicates(
            user=social_worker,
            first_name="Ada",
            last_name="Lovelace",
            date_of_birth=dt.date(1950, 6, 4),
            exclude_pk=person.pk,
        )
        == []
    )


def test_audit_trail_is_for_managers(team_manager, social_worker, person):
    person_get_for_user(user=social_worker, pk=person.pk)
    trail = list(person_audit_trail_for_user(user=team_manager, person=person))
    assert [e.action for e in trail][-1] == events.PERSON_VIEWED
    assert trail[-1].actor == social_worker
    with pytest.raises(PermissionDenied):
        person_audit_trail_for_user(user=social_worker, person=person)


def test_population_summary_counts_without_naming_anyone(commissioner, team, django_assert_num_queries):
    from ownway.people.selectors import population_summary_for_user
    from ownway.people.tests.factories import code

    on = dt.date(2026, 11, 23)
    PersonFactory(
        team=team,
        date_of_birth=dt.date(2008, 11, 23),
        primary_support_reason=code("primary_support_reason", "learning_disability"),
    )  # 18 today
    PersonFactory(
        team=team,
        date_of_birth=dt.date(2001, 11, 24),
        primary_support_reason=code("primary_support_reason", "learning_disability"),
    )  # 24
    PersonFactory(team=team, date_of_birth=dt.date(1941, 11, 23), ethnicity=code("ethnicity", "asian_pakistani"))  # 85
    PersonFactory(team=team, primary_support_reason=code("primary_support_reason", "social_support_to_carer"))
    PersonFactory(team=team, date_of_death=dt.date(2025, 1, 1))
    with django_assert_num_queries(2):
        summary = population_summary_for_user(user=commissioner, on=on)
    assert summary.total == 3
    assert summary.carers == 1
    assert dict(summary.by_support_reason) == {"Learning disability support": 2, "Not recorded": 1}
    assert dict(summary.by_ethnic_group)["Asian"] == 1
    assert dict(summary.by_age_band) == {
        "18 to 24": 2,
        "25 to 44": 0,
        "45 to 64": 0,
        "65 to 74": 0,
        "75 to 84": 0,
        "85 to 94": 1,
        "95 and over": 0,
    }


def test_population_figures_are_kept_for_a_few_minutes_then_counted_again(commissioner, team, settings,
                                                                          django_assert_num_queries):  # fmt: skip
    from django.core.cache import cache

    from ownway.people.selectors import population_summary_for_user

    PersonFactory(team=team)
    first = population_summary_for_user(user=commissioner)
    PersonFactory(team=team)
    with django_assert_num_queries(0):
        kept = population_summary_for_user(user=commissioner)
    assert kept == first  # the figures and the time they were counted
    cache.clear()  # as when OWNWAY_FIGURES_CACHE_SECONDS have passed
    assert population_summary_for_user(user=commissioner).total == first.total + 1
    settings.OWNWAY_FIGURES_CACHE_SECONDS = 0
    PersonFactory(team=team)
    assert population_summary_for_user(user=commissioner).total == first.total + 2


def test_population_summary_is_not_for_workers(social_worker):
    from ownway.people.selectors import population_summary_for_user

    with pytest.raises(PermissionDenied):
        population_summary_for_user(user=social_worker)
