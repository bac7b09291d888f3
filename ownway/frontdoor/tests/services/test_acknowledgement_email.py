"""The acknowledgement of a referral made online is emailed by a background job: the public form's request only
queues it; the job sends it once; a mail server that cannot be reached is tried again, then the failure is shown
to administrators, who try it again once the server is back."""

import pytest
from django.core import mail
from django.urls import reverse

from ownway.frontdoor.models import Contact
from ownway.frontdoor.tasks import contact_acknowledgement_email
from ownway.jobs import services as jobs
from ownway.jobs.models import JobStatus
from ownway.jobs.services import job_retry
from ownway.jobs.worker import run_queued
from ownway.people.models import EmailState

from ..views.test_referral_views import _valid

pytestmark = pytest.mark.django_db


def _refer(client, **overrides) -> Contact:
    response = client.post("/refer/", _valid(**overrides))
    assert response.status_code == 302
    return Contact.objects.get()


def test_the_form_only_queues_the_acknowledgement_and_the_job_sends_it_once(client):
    contact = _refer(client, email="mary@example.com")
    assert mail.outbox == []
    assert contact.acknowledgement_state == EmailState.SENDING
    assert contact.acknowledgement_job.arguments == {"contact_id": contact.pk}
    run_queued()
    contact.refresh_from_db()
    assert contact.acknowledgement_state == EmailState.SENT
    (message,) = mail.outbox
    assert message.to == ["mary@example.com"]
    assert contact.reference in message.subject
    # Run again (a worker lost after sending, an administrator's retry): no second email.
    jobs._queue_attempt(contact.acknowledgement_job, contact_acknowledgement_email, run_after=None)
    run_queued()
    assert len(mail.outbox) == 1


def test_a_referrer_is_acknowledged_at_their_own_address(client):
    contact = _refer(client, referring="someone_else", referrer_name="Joan Smith", email="joan@example.com")
    run_queued()
    assert [message.to for message in mail.outbox] == [["joan@example.com"]]
    contact.refresh_from_db()
    assert contact.acknowledged_at is not None


def test_without_an_email_address_nothing_is_queued(client):
    contact = _refer(client)
    assert (contact.acknowledgement_job, contact.acknowledgement_state) == (None, None)


def test_an_unreachable_mail_server_is_tried_again_and_shown_to_administrators(
    client, mail_server_down, administrator_client, administrator
):
    contact = _refer(client, email="mary@example.com")
    run_queued()
    contact.refresh_from_db()
    job = contact.acknowledgement_job
    assert contact.acknowledgement_state == EmailState.FAILED
    assert (job.status, job.attempts, job.max_attempts) == (JobStatus.FAILED, 5, 5)
    assert "ConnectionRefusedError" in job.error
    failed = administrator_client.get(reverse("jobs:list") + "?status=failed").content.decode()
    assert f"Email the acknowledgement of referral {contact.reference}" in failed
    assert (
        "ConnectionRefusedError"
        in administrator_client.get(reverse("jobs:job", kwargs={"pk": job.pk})).content.decode()
    )
    mail_server_down()  # the mail server is back
    job_retry(job, actor=administrator)
    run_queued()
    contact.refresh_from_db()
    assert contact.acknowledgement_state == EmailState.SENT
    assert len(mail.outbox) == 1
