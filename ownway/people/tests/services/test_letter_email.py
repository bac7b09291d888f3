"""A letter by email is recorded in the request and emailed by a background job: once, retried, and marked
failed on its record when the mail server cannot be reached."""

import datetime as dt

import pytest
from django.core import mail

from ownway.jobs import services as jobs
from ownway.jobs.models import JobStatus
from ownway.jobs.services import job_retry
from ownway.jobs.worker import run_queued
from ownway.people.models import EmailState, Letter
from ownway.people.services import letter_send
from ownway.people.tasks import pdfs_path

pytestmark = pytest.mark.django_db


def sample_pdfs(letter: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    return [(f"letter-{letter.pk}.pdf", b"%PDF-1.4 sample")]


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch):
    monkeypatch.setattr(jobs, "RETRY_BACKOFF", dt.timedelta(0))


@pytest.fixture
def by_email(person):
    person.email, person.letters_by = "ada@example.com", "email"
    person.save()
    return person


def _send(actor, person) -> Letter:
    return letter_send(
        actor=actor, person=person, about="Your indicative budget", opening="We have worked out your budget.",
        page="/", pdfs=sample_pdfs,
    )  # fmt: skip


def test_the_request_queues_the_email_and_the_job_sends_it_once(social_worker, by_email):
    letter = _send(social_worker, by_email)
    assert (letter.email_state, mail.outbox) == (EmailState.SENDING, [])
    run_queued()
    letter.refresh_from_db()
    assert letter.email_state == EmailState.SENT
    (message,) = mail.outbox
    assert message.to == ["ada@example.com"]
    assert message.attachments[0][0] == f"letter-{letter.pk}.pdf"
    # Run again (a worker lost after sending, an administrator's retry): no second email.
    letter.email_job.status = JobStatus.QUEUED
    from ownway.people.tasks import letter_email

    jobs._queue_attempt(letter.email_job, letter_email, run_after=None)
    run_queued()
    assert len(mail.outbox) == 1


def test_a_mail_server_that_cannot_be_reached_is_tried_again_then_the_letter_shows_it_failed(
    social_worker, by_email, mail_server_down
):
    letter = _send(social_worker, by_email)
    run_queued()
    letter.refresh_from_db()
    assert letter.email_state == EmailState.FAILED
    assert letter.email_job.attempts == letter.email_job.max_attempts == 5
    assert "ConnectionRefusedError" in letter.email_job.error
    # Once the mail server is back, an administrator tries again and the letter goes.
    mail_server_down()  # the mail server is back
    job_retry(letter.email_job)
    run_queued()
    letter.refresh_from_db()
    assert letter.email_state == EmailState.SENT
    assert len(mail.outbox) == 1


def test_a_letter_by_post_queues_no_email(social_worker, person):
    person.address_line_1, person.town, person.postcode = "1 Canal Street", "Birmingham", "B1 1BB"
    person.save()
    letter = _send(social_worker, person)
    assert (letter.email_job, letter.email_state) == (None, None)


def test_the_pdf_maker_must_be_a_function_a_job_can_find():
    with pytest.raises(ValueError, match="module-level"):
        pdfs_path(lambda letter, easy_read: [])
