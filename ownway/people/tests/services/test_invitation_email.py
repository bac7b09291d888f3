"""An invitation to set up an online account, by email, is sent by a background job that makes the link's
secret itself: the request only queues the job; nothing in the queue of background work or the job's record
could set up the account; a mail server that cannot be reached is tried again and shown to administrators."""

import json
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from ownway.jobs import services as jobs
from ownway.jobs.models import Job, JobStatus
from ownway.jobs.services import job_retry
from ownway.jobs.worker import run_queued
from ownway.people.models import EmailState
from ownway.people.services import account_invitation_for_token, account_invitation_send
from ownway.people.tasks import account_invitation_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(person):
    person.email = "ada@example.com"
    person.save()
    return person


def _secret(message) -> str:
    found = re.search(r"/set-up-your-account/(\S+)/", message.body)
    assert found is not None
    return found.group(1)


def test_the_request_only_queues_and_the_job_makes_the_link_and_sends_it_once(social_worker, person):
    invitation, secret = account_invitation_send(actor=social_worker, person=person, method="email")
    assert (secret, mail.outbox, invitation.email_state) == ("", [], EmailState.SENDING)
    assert invitation.email_job.arguments == {"invitation_id": invitation.pk}
    run_queued()
    invitation.refresh_from_db()
    assert invitation.email_state == EmailState.SENT
    (message,) = mail.outbox
    secret = _secret(message)
    assert account_invitation_for_token(secret) == invitation
    # The secret is nowhere in the background work's records: not the job's arguments, result or progress, nor
    # the task queue's arguments or return value.
    job = Job.objects.get(pk=invitation.email_job_id)
    assert secret not in json.dumps([job.arguments, job.result, job.progress, job.error])
    for result in DBTaskResult.objects.all():
        assert secret not in json.dumps([result.args_kwargs, result.return_value], default=str)
    # Run again (a worker lost after sending, an administrator's retry): no second email, the link still works.
    jobs._queue_attempt(invitation.email_job, account_invitation_email, run_after=None)
    run_queued()
    assert len(mail.outbox) == 1
    assert account_invitation_for_token(secret) == invitation


def test_an_invitation_replaced_before_its_email_went_is_not_sent(social_worker, person):
    first, _ = account_invitation_send(actor=social_worker, person=person, method="email")
    second, _ = account_invitation_send(actor=social_worker, person=person, method="email")
    run_queued()
    (message,) = mail.outbox  # only the newest
    assert account_invitation_for_token(_secret(message)) == second
    first.refresh_from_db()
    assert first.email_job.status == JobStatus.DONE
    assert first.email_job.result["emailed"] is False


def test_an_unreachable_mail_server_is_tried_again_and_shown_to_administrators(
    social_worker, person, mail_server_down, administrator_client, administrator
):
    invitation, _ = account_invitation_send(actor=social_worker, person=person, method="email")
    run_queued()
    invitation.refresh_from_db()
    job = invitation.email_job
    assert invitation.email_state == EmailState.FAILED
    assert (job.status, job.attempts) == (JobStatus.FAILED, 5)
    failed = administrator_client.get(reverse("jobs:list") + "?status=failed").content.decode()
    assert f"Email {person.reference} a link to set up their online account" in failed
    assert (
        "ConnectionRefusedError"
        in administrator_client.get(reverse("jobs:job", kwargs={"pk": job.pk})).content.decode()
    )
    worker = Client()
    worker.force_login(social_worker)
    record = worker.get(f"/people/{person.pk}/").content.decode()
    assert "The email could not be sent: send a new link, or ask an administrator to try the email again." in record
    mail_server_down()  # the mail server is back
    job_retry(job, actor=administrator)
    run_queued()
    invitation.refresh_from_db()
    assert invitation.email_state == EmailState.SENT
    (message,) = mail.outbox
    assert account_invitation_for_token(_secret(message)) == invitation
    assert "Emailed." in worker.get(f"/people/{person.pk}/").content.decode()
