"""A person writes to their worker from their own support page; the worker sees it waiting, answers, and the person
reads the answer on their page and by email. The page also names their worker and tells them, from the records,
what has happened and what happens next."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.inbox.models import MAX_MESSAGE, Direction, Message
from ownway.jobs.worker import run_queued
from ownway.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_person_writes_the_worker_answers_and_the_person_reads_it(citizen, person, social_worker):
    person.named_worker, person.email = social_worker, "ada@example.com"
    person.save()
    mine = _client(citizen)
    page = mine.get(reverse("my_support:support")).content.decode()
    assert "Your worker is <strong>Sam Social</strong>" in page
    assert "No messages yet." in page
    sent = mine.post(reverse("my_support:support"), {"body": "Can my PA start at 9 instead of 8?"})
    assert sent.status_code == 302
    assert "Your worker will answer within 3 working days" in mine.get(sent["Location"]).content.decode()

    worker = _client(social_worker)
    waiting = worker.get(reverse("inbox:waiting")).content.decode()
    assert "Ada Lovelace" in waiting
    thread_url = reverse("inbox:person", kwargs={"pk": person.pk})
    assert "Can my PA start at 9 instead of 8?" in worker.get(thread_url).content.decode()
    assert Message.objects.get().read_by == social_worker
    answered = worker.post(thread_url, {"body": "Yes: I have told the agency.\nThey will call you."})
    assert answered.status_code == 302
    assert "No one is waiting for an answer." in worker.get(reverse("inbox:waiting")).content.decode()
    run_queued()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.com"]
    assert "Yes: I have told the agency." in mail.outbox[0].body
    answer = Message.objects.get(direction=Direction.TO_PERSON)
    assert answer.emailed_at is not None

    page = mine.get(reverse("my_support:support")).content.decode()
    assert "Yes: I have told the agency.<br>They will call you." in page
    answer.refresh_from_db()
    assert answer.read_at is not None
    # Sending the job again sends no second copy.
    from ownway.inbox.tasks import message_email
    from ownway.jobs.services import job_start

    job_start(message_email, label="again", arguments={"message_id": answer.pk})
    run_queued()
    assert len(mail.outbox) == 1


def test_bad_messages_are_refused_and_nothing_is_saved(citizen):
    mine = _client(citizen)
    empty = mine.post(reverse("my_support:support"), {"body": "   "})
    assert "Write your message" in empty.content.decode()
    long = mine.post(reverse("my_support:support"), {"body": "x" * (MAX_MESSAGE + 1)})
    assert f"Your message must be {MAX_MESSAGE:,} characters or fewer" in long.content.decode()
    assert not Message.objects.exists()


def test_no_one_reads_or_writes_messages_they_may_not(citizen, person, other_team_person, social_worker):
    stranger = _client(UserFactory(role=Role.SOCIAL_WORKER, team=other_team_person.team))
    assert stranger.get(reverse("inbox:person", kwargs={"pk": person.pk})).status_code == 403
    assert stranger.post(reverse("inbox:person", kwargs={"pk": person.pk}), {"body": "Hi"}).status_code == 403
    assert _client(citizen).get(reverse("inbox:waiting")).status_code == 403
    assert _client(social_worker).get(reverse("my_support:support")).status_code == 403
    assert _client(UserFactory(role=Role.COMMISSIONER)).get(reverse("inbox:waiting")).status_code == 403
    assert not Message.objects.exists()


def test_the_page_tells_the_person_what_has_happened_from_the_records(citizen, person, social_worker):
    from ownway.assessments.tests.test_letters_to_the_person import _decided

    _decided(social_worker, person)
    page = _client(citizen).get(reverse("my_support:support")).content.decode()
    assert "Your assessment started with Sam Social." in page
    assert "We decided that you are eligible for support from us." in page
    assert "You do not have a named worker at the moment." in page


def test_the_person_sees_their_next_review(citizen, person, approved):
    page = _client(citizen).get(reverse("my_support:support")).content.decode()
    assert "Your support plan was agreed (version 1)" in page
    assert "Your next review is due by" in page


@pytest.fixture
def approved(social_worker, team_manager, person):
    from ownway.planning import services as planning
    from ownway.planning.tests.factories import draft_plan

    plan, version = draft_plan(social_worker, person)
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets Ada's outcomes")
    return plan, version


def test_someone_else_cannot_see_anothers_messages(person, social_worker):
    other = PersonFactory(first_name="Bea", last_name="Other", team=person.team)
    other_citizen = UserFactory(role=Role.CITIZEN, person=other, team=None)
    Message.objects.create(person=person, direction=Direction.FROM_PERSON, author=social_worker, body="Private",
                           sent_at="2026-12-01T10:00:00Z")  # fmt: skip
    assert "Private" not in _client(other_citizen).get(reverse("my_support:support")).content.decode()


def test_the_demo_makes_a_conversation_and_clearing_the_city_removes_it(citizen, person, social_worker):
    from ownway.inbox.demo import generate_messages
    from ownway.people.demo.builder import clear_city

    citizen.username = "citizen"
    citizen.save()
    person.named_worker = social_worker
    person.save()
    lines = generate_messages()
    assert lines[0].startswith("Messages: Ada Lovelace (citizen) has written to Sam Social")
    assert Message.objects.count() == 3
    assert Message.objects.filter(direction=Direction.FROM_PERSON, read_at__isnull=True).count() == 1
    assert clear_city()["messages"] == 3
