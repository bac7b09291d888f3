"""Worklists for a worker and for a team: open contacts, assessments in progress, overdue, by role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.accounts.tests.trail import people_shown
from ownway.assessments import events
from ownway.assessments.models import SelfAssessment, SelfAssessmentStatus
from ownway.assessments.services import assessment_start
from ownway.assessments.worklists import worklist_for_team, worklist_for_worker
from ownway.frontdoor.models import ContactSource
from ownway.frontdoor.services import ContactData, contact_allocate, contact_create
from ownway.people.tests.factories import PersonFactory


@pytest.fixture
def second_worker(team):
    return UserFactory(username="second", role=Role.SOCIAL_WORKER, team=team, first_name="Bea", last_name="Second")


def _contact(actor, team, name="Mary"):
    return contact_create(
        actor=actor,
        data=ContactData(first_name=name, last_name="Seacole", reason="Falls", source=ContactSource.GP, team=team),
    )


@pytest.fixture
def work(team, social_worker, second_worker, team_manager):
    """Two workers' work: an overdue and a recent assessment, a contact each and one not given to anyone."""
    today = timezone.localdate()
    old = assessment_start(
        actor=social_worker, person=PersonFactory(team=team), started_on=today - dt.timedelta(days=40)
    )
    recent = assessment_start(
        actor=second_worker, person=PersonFactory(team=team), started_on=today - dt.timedelta(days=3)
    )
    mine = contact_allocate(actor=team_manager, contact=_contact(team_manager, team, "Ann"), worker=social_worker)
    theirs = contact_allocate(actor=team_manager, contact=_contact(team_manager, team, "Bob"), worker=second_worker)
    nobody = _contact(team_manager, team, "Cy")
    return {"old": old, "recent": recent, "mine": mine, "theirs": theirs, "nobody": nobody}


def test_a_worker_sees_only_their_own_work(social_worker, work):
    worklist = worklist_for_worker(user=social_worker)
    assert worklist.contacts == [work["mine"]]
    assert [a for a, _ in worklist.assessments] == [work["old"]]
    assert worklist.overdue == 1
    assert AuditEvent.objects.filter(action=events.WORKLIST_VIEWED, actor=social_worker).exists()


def test_the_team_manager_sees_everyones_work_and_each_load(team_manager, social_worker, second_worker, work):
    worklist = worklist_for_team(user=team_manager)
    assert worklist.open_items == 5
    assert worklist.unallocated_contacts == 1
    assert worklist.overdue == 1
    loads = {w.worker: w for w in worklist.workers}
    assert (
        loads[social_worker].open_contacts,
        loads[social_worker].assessments_in_progress,
        loads[social_worker].overdue,
    ) == (1, 1, 1)
    assert (
        loads[second_worker].open_contacts,
        loads[second_worker].assessments_in_progress,
        loads[second_worker].overdue,
    ) == (1, 1, 0)
    # The worker with overdue work comes first.
    assert worklist.workers[0].worker == social_worker


def test_the_team_worklist_narrows_to_one_worker(team_manager, second_worker, work):
    worklist = worklist_for_team(user=team_manager, worker_id=second_worker.pk)
    assert list(worklist.contacts) == [work["theirs"]]
    assert list(worklist.assessments) == [work["recent"]]
    assert (worklist.contacts_count, worklist.assessments_count, worklist.overdue) == (1, 1, 0)
    assert len(worklist.workers) == 3  # the loads still show the whole team (manager included)


def test_another_teams_work_is_not_on_it(team_manager, other_team, work):
    outsider = UserFactory(username="o", role=Role.SOCIAL_WORKER, team=other_team)
    assessment_start(actor=outsider, person=PersonFactory(team=other_team))
    worklist = worklist_for_team(user=team_manager)
    assert worklist.assessments.count() == worklist.assessments_count == 2


@pytest.mark.parametrize(("days_ago", "overdue"), [(27, False), (28, False), (29, True), (40, True)])
def test_the_team_counts_overdue_as_the_timeliness_rule_does(team_manager, social_worker, team, days_ago, overdue):
    """28 days open is on target, 29 is past it; for an assessment from a contact the clock starts on the day
    the contact came in, in the council's time zone (a contact at 00:30 on a summer morning is that day's)."""
    today = timezone.localdate()
    assessment_start(
        actor=social_worker, person=PersonFactory(team=team), started_on=today - dt.timedelta(days=days_ago)
    )
    someone = PersonFactory(team=team)
    contact = _contact(team_manager, team)
    received = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(0, 30)))
    type(contact).objects.filter(pk=contact.pk).update(received_at=received, person=someone)
    contact.refresh_from_db()
    assessment_start(actor=social_worker, person=someone, contact=contact, started_on=today)
    worklist = worklist_for_team(user=team_manager)
    by_rule = sum(t.overdue for _, t in worklist.timed(list(worklist.assessments)))
    assert worklist.overdue == by_rule == (2 if overdue else 0)


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.BROKER, Role.COMMISSIONER, Role.CITIZEN, Role.ADMINISTRATOR])
def test_only_managers_have_a_team_worklist(role, team, person):
    user = UserFactory(username=role.value, role=role, team=None if role == Role.CITIZEN else team,
                       person=person if role == Role.CITIZEN else None)  # fmt: skip
    with pytest.raises(PermissionDenied):
        worklist_for_team(user=user)


@pytest.mark.parametrize("role", [Role.BROKER, Role.COMMISSIONER, Role.FINANCE_OFFICER])
def test_only_caseholders_have_their_own_worklist(role, team):
    with pytest.raises(PermissionDenied):
        worklist_for_worker(user=UserFactory(username=role.value, role=role, team=team))


def test_the_team_page_lists_the_work_with_a_fixed_number_of_queries(
    team_manager_client, team_manager, work, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        page = team_manager_client.get("/assessments/team/").content.decode()
    assert "5 open items" in page
    assert "40 days, overdue" in page
    assert "Not allocated" in page
    # More work does not mean more queries.
    for _ in range(10):
        _contact(team_manager, team_manager.team)
    with django_assert_max_num_queries(12):
        page = team_manager_client.get("/assessments/team/").content.decode()
    assert "15 open items" in page


def test_the_my_work_page(social_worker_client, work):
    page = social_worker_client.get("/assessments/my-work/").content.decode()
    assert "Your assessments in progress" in page
    assert work["mine"].reference in page
    assert work["theirs"].reference not in page


def test_the_pages_refuse_others(commissioner_client, social_worker_client):
    assert commissioner_client.get("/assessments/my-work/").status_code == 403
    assert social_worker_client.get("/assessments/team/").status_code == 403


def test_a_contact_is_given_to_a_worker_from_its_page(team_manager_client, team_manager, social_worker, team):
    contact = _contact(team_manager, team)
    page = team_manager_client.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "Whose worklist should it be on?" in page
    response = team_manager_client.post(
        f"/front-door/contacts/{contact.pk}/", {"action": "allocate", "allocate-worker": social_worker.pk}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.worker == social_worker
    response = team_manager_client.post(
        f"/front-door/contacts/{contact.pk}/", {"action": "allocate", "allocate-worker": "999999"}
    )
    assert "Choose a worker from the list" in response.content.decode()


# --- Each person a worklist shows is written to the audit trail ------------------------------------


def _sent_self_assessment(person, citizen_user):
    return SelfAssessment.objects.create(
        person=person, status=SelfAssessmentStatus.SUBMITTED, submitted_at=timezone.now(), started_by=citizen_user
    )


def test_my_work_writes_each_person_shown(social_worker_client, social_worker, work, team, citizen):
    waiting = _sent_self_assessment(PersonFactory(team=team), citizen)
    social_worker_client.get("/assessments/my-work/")
    expected = {work["old"].person_id, work["mine"].person_id, waiting.person_id}
    assert set(people_shown(events.WORKLIST_VIEWED, social_worker)) == expected


def test_the_team_worklist_writes_each_person_shown(team_manager_client, team_manager, work):
    team_manager_client.get("/assessments/team/")
    expected = {work["old"].person_id, work["recent"].person_id, None}
    assert set(people_shown(events.WORKLIST_VIEWED, team_manager)) == expected


def test_the_assessments_in_progress_write_each_person_shown(social_worker_client, social_worker, team, other_team):
    mine = assessment_start(actor=social_worker, person=PersonFactory(team=team))
    PersonFactory(team=other_team)
    social_worker_client.get("/assessments/")
    assert people_shown(events.WORKLIST_VIEWED, social_worker) == [mine.person_id]


def test_the_team_page_shows_its_workers_a_page_at_a_time(team_manager_client, team_manager, work):
    for n in range(30):
        UserFactory(username=f"w{n:02d}", role=Role.SOCIAL_WORKER, team=team_manager.team, first_name=f"W{n:02d}")
    first = team_manager_client.get("/assessments/team/").content.decode()
    assert "33 workers, those with the most overdue first" in first
    assert first.count("?worker=") == 25
    second = team_manager_client.get("/assessments/team/?page=2").content.decode()
    assert second.count("?worker=") == 8
    assert "5 open items" in second


def test_the_team_page_shows_each_list_a_page_at_a_time_oldest_first(team_manager_client, team_manager, work):
    for n in range(30):
        _contact(team_manager, team_manager.team, f"Extra{n:02d}")
    first = team_manager_client.get("/assessments/team/").content.decode()
    assert "35 open items: 33 contacts" in first
    assert "Open contacts (33, oldest first: 1 to 25)" in first
    assert "Ann Seacole" in first
    assert "Extra29" not in first
    second = team_manager_client.get("/assessments/team/?contacts_page=2&page=1").content.decode()
    assert "Open contacts (33, oldest first: 26 to 33)" in second
    assert "Extra29" in second
    assert "Ann Seacole" not in second
    # The other lists keep their own pages.
    assert "40 days, overdue" in second
