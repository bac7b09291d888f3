"""A person gets an online account linked to their record: a worker sends a single-use, expiring link, and the
person sets it up by giving their date of birth and choosing a password. No one can claim another's record."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from ownway.accounts.models import AuditEvent, User
from ownway.jobs.worker import run_queued
from ownway.people.models import AccountInvitation

pytestmark = pytest.mark.django_db
PASSWORD = "a long and private passphrase"


@pytest.fixture
def person(person):
    person.email = "ada@example.com"
    person.date_of_birth = dt.date(1957, 3, 27)
    person.address_line_1, person.town, person.postcode = "1 Canal Street", "Birmingham", "B1 1BB"
    person.save()
    return person


def _invite_by_email(client, person):
    """The worker's request only queues the email; the background job makes the link and sends it."""
    sent = len(mail.outbox)
    response = client.post(f"/people/{person.pk}/invite/", {"method": "email"})
    assert response.status_code == 302
    assert len(mail.outbox) == sent
    run_queued()
    assert len(mail.outbox) == sent + 1
    link = re.search(r"https?://\S+/set-up-your-account/(\S+)/", mail.outbox[-1].body)
    assert link is not None
    return link.group(0), link.group(1)


def _set_up(token, **overrides):
    data = {"date_of_birth-day": "27", "date_of_birth-month": "3", "date_of_birth-year": "1957",
            "username": "ada.lovelace", "password": PASSWORD, "password_again": PASSWORD} | overrides  # fmt: skip
    client = Client()
    return client, client.post(f"/set-up-your-account/{token}/", data)


def test_a_worker_sends_a_link_and_the_person_sets_up_their_account(social_worker_client, person):
    page = social_worker_client.get(f"/people/{person.pk}/").content.decode()
    assert f'href="/people/{person.pk}/invite/"' in page
    _url, token = _invite_by_email(social_worker_client, person)
    message = mail.outbox[-1]
    assert message.to == ["ada@example.com"]
    assert "14 days" in message.body
    invitation = AccountInvitation.objects.get(person=person)
    assert token not in invitation.token_digest  # only a digest of the link is kept
    assert AuditEvent.objects.filter(action="people.account_invited", person=person).exists()
    form = Client().get(f"/set-up-your-account/{token}/").content.decode()
    assert "Your date of birth" in form
    client, response = _set_up(token)
    assert response.status_code == 302
    user = User.objects.get(username="ada.lovelace")
    assert (user.role, user.person_id, user.email) == ("citizen", person.pk, "ada@example.com")
    assert user.check_password(PASSWORD)
    assert "Hello, Ada" in client.get("/").content.decode()  # signed in
    assert AuditEvent.objects.filter(action="people.account_set_up", person=person, actor=user).exists()
    again = Client().get(f"/set-up-your-account/{token}/").content.decode()
    assert "This link has already been used" in again
    assert "Has an online account" in social_worker_client.get(f"/people/{person.pk}/").content.decode()


def test_the_wrong_date_of_birth_does_not_claim_the_record_and_five_tries_end_the_link(social_worker_client, person):
    _url, token = _invite_by_email(social_worker_client, person)
    for _ in range(5):
        _client, response = _set_up(token, **{"date_of_birth-day": "28"})
        assert "does not match our record" in response.content.decode()
    assert not User.objects.filter(person=person).exists()
    _client, response = _set_up(token)
    assert "This link can no longer be used" in response.content.decode()
    assert not User.objects.filter(person=person).exists()


def test_a_link_expires_and_a_new_one_replaces_the_old(social_worker_client, person):
    _url, first = _invite_by_email(social_worker_client, person)
    _url, second = _invite_by_email(social_worker_client, person)
    assert "This link can no longer be used" in Client().get(f"/set-up-your-account/{first}/").content.decode()
    AccountInvitation.objects.filter(used_at__isnull=True, revoked_at__isnull=True).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert "This link has expired" in Client().get(f"/set-up-your-account/{second}/").content.decode()
    assert "This link can no longer be used" in Client().get("/set-up-your-account/made-up-token/").content.decode()


def test_a_weak_password_or_a_taken_username_is_refused_with_a_clear_message(
    social_worker_client, person, social_worker
):
    _url, token = _invite_by_email(social_worker_client, person)
    _client, response = _set_up(token, password="password", password_again="password")
    assert "This password is too common" in response.content.decode()
    _client, response = _set_up(token, username=social_worker.username)
    assert "That username is taken: choose another" in response.content.decode()
    _client, response = _set_up(token, password_again="something else entirely")
    assert "The passwords do not match" in response.content.decode()
    assert not User.objects.filter(person=person).exists()


def test_by_post_the_worker_prints_the_letter_with_the_link_once(social_worker_client, person):
    response = social_worker_client.post(f"/people/{person.pk}/invite/", {"method": "post"})
    assert response.status_code == 200
    assert f"/people/{person.pk}/invite/letter.pdf" in response.content.decode()
    pdf = social_worker_client.get(f"/people/{person.pk}/invite/letter.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "set-up-your-account/" in "".join(text.split())
    assert "1 Canal Street" in text
    again = social_worker_client.get(f"/people/{person.pk}/invite/letter.pdf")  # only once: the secret is kept nowhere
    assert again.status_code == 302
    assert again["Location"] == f"/people/{person.pk}/invite/"


def test_no_one_else_can_invite_and_an_account_is_made_only_once(
    social_worker_client, citizen_client, citizen, person, other_team_person
):
    assert social_worker_client.post(f"/people/{other_team_person.pk}/invite/", {"method": "email"}).status_code == 403
    assert citizen_client.post(f"/people/{person.pk}/invite/", {"method": "email"}).status_code == 403
    # Ada already has her account (the citizen fixture): she cannot be invited again.
    page = social_worker_client.post(f"/people/{person.pk}/invite/", {"method": "email"}).content.decode()
    assert "already has an online account" in page
    assert not AccountInvitation.objects.exists()
