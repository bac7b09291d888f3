import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from ownway.core.dates import WorkingDays, format_date
from ownway.frontdoor.models import Contact, ContactChannel, ContactSource
from ownway.frontdoor.services import REFERRAL_LIMIT


def _valid(**overrides):
    data = {
        "referring": "self",
        "first_name": "Mary",
        "last_name": "Seacole",
        "date_of_birth-day": "2",
        "date_of_birth-month": "3",
        "date_of_birth-year": "1940",
        "postcode": "b18 7ab",
        "phone": "07700 900982",
        "email": "",
        "reason": "I cannot get up the stairs any more.",
        "website": "",
    }
    data.update(overrides)
    return data


def test_the_form_is_public_and_accessible(client, db):
    response = client.get("/refer/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ask for help from adult social care" in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'aria-hidden="true"' in body
    assert 'tabindex="-1"' in body
    assert '<label class="govuk-label govuk-label--s" for="id_first_name">' in body


def test_a_valid_referral_creates_a_contact_and_shows_its_reference(client, db):
    response = client.post("/refer/", _valid())
    assert response.status_code == 302
    assert response["Location"] == "/refer/sent/"
    contact = Contact.objects.get()
    assert contact.channel == ContactChannel.ONLINE
    assert contact.source == ContactSource.SELF
    assert contact.team is None
    assert contact.postcode == "B18 7AB"
    page = client.get("/refer/sent/").content.decode()
    assert "govuk-panel" in page
    assert contact.reference in page


def test_someone_else_keeps_the_referrers_contact_details_apart(client, db):
    client.post("/refer/", _valid(referring="someone_else", referrer_name="Jo Seacole", email="jo@example.com"))
    contact = Contact.objects.get()
    assert contact.source == ContactSource.OTHER
    assert (contact.referrer_name, contact.referrer_phone, contact.referrer_email) == (
        "Jo Seacole",
        "07700 900982",
        "jo@example.com",
    )
    assert contact.phone == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("referring", "", "Select if you are asking for help for yourself or someone else"),
        ("first_name", "", "Enter the first name of the person who needs help"),
        ("last_name", "", "Enter the last name of the person who needs help"),
        ("date_of_birth-year", "", "Date of birth must include a year"),
        ("postcode", "nowhere", "Enter a real postcode, like B1 1BB"),
        ("phone", "call me", "Enter a phone number, like"),
        ("email", "not-an-email", "Enter an email address in the correct format"),
        ("reason", "", "Enter what is happening"),
        ("reason", "x" * 3001, "What is happening must be 3000 characters or fewer"),
        ("first_name", "x" * 101, "must be 100 characters or fewer"),
    ],
)
def test_each_mistake_is_explained_and_nothing_is_saved(client, db, field, value, message):
    response = client.post("/refer/", _valid(**{field: value}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert not Contact.objects.exists()


def test_a_filled_honeypot_creates_nothing(client, db):
    response = client.post("/refer/", _valid(website="http://spam.example"))
    assert response.status_code == 302
    assert not Contact.objects.exists()
    sent = client.get("/refer/sent/")
    assert sent.status_code == 200
    # No contact reference (C and seven digits) is shown, since none was made.
    assert not re.search(r"\bC\d{7}\b", sent.content.decode())


def test_too_many_referrals_from_one_address_are_refused(client, db):
    for _ in range(REFERRAL_LIMIT):
        assert client.post("/refer/", _valid(), REMOTE_ADDR="198.51.100.1").status_code == 302
    response = client.post("/refer/", _valid(), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert Contact.objects.count() == REFERRAL_LIMIT
    assert client.post("/refer/", _valid(), REMOTE_ADDR="198.51.100.2").status_code == 302


def test_correcting_mistakes_does_not_count_towards_the_limit(client, db):
    for _ in range(REFERRAL_LIMIT + 2):
        assert client.post("/refer/", _valid(first_name=""), REMOTE_ADDR="198.51.100.3").status_code == 200
    assert client.post("/refer/", _valid(), REMOTE_ADDR="198.51.100.3").status_code == 302
    assert Contact.objects.count() == 1


def test_filled_honeypots_count_towards_the_limit(client, db):
    for _ in range(REFERRAL_LIMIT):
        client.post("/refer/", _valid(website="spam"), REMOTE_ADDR="198.51.100.4")
    assert client.post("/refer/", _valid(), REMOTE_ADDR="198.51.100.4").status_code == 429
    assert not Contact.objects.exists()


def test_csrf_is_enforced(db):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/refer/", _valid()).status_code == 403
    assert not Contact.objects.exists()


def test_the_confirmation_page_needs_a_referral_first(client, db):
    response = client.get("/refer/sent/")
    assert response.status_code == 302
    assert response["Location"] == "/refer/"


def test_a_forged_header_does_not_get_round_the_referral_limit(client, settings, db):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.OWNWAY_PROXY_HOPS = 1
    for n in range(REFERRAL_LIMIT):
        response = client.post(
            "/refer/", _valid(), REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.20"
        )
        assert response.status_code == 302
    forged = "192.0.2.99, 198.51.100.20"
    response = client.post("/refer/", _valid(), REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 429
    assert Contact.objects.count() == REFERRAL_LIMIT


def test_without_a_proxy_the_header_does_not_get_round_the_referral_limit(client, settings, db):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.OWNWAY_PROXY_HOPS = 0
    for n in range(REFERRAL_LIMIT):
        client.post("/refer/", _valid(), REMOTE_ADDR="198.51.100.21", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = client.post("/refer/", _valid(), REMOTE_ADDR="198.51.100.21", HTTP_X_FORWARDED_FOR="192.0.2.250")
    assert response.status_code == 429


def test_the_confirmation_and_the_acknowledgement_say_how_to_get_an_online_account(client, db):
    from django.core import mail

    from ownway.jobs.worker import run_queued

    client.post("/refer/", _valid(email="mary@example.com"))
    run_queued()
    contact = Contact.objects.get()
    page = client.get("/refer/sent/").content.decode()
    assert "online account" in page
    assert "ask for a link" in page
    (message,) = mail.outbox
    assert message.to == ["mary@example.com"]
    assert contact.reference in message.subject
    assert contact.reference in message.body
    assert "within 3 working days" in message.body
    by = WorkingDays.for_council(settings.OWNWAY_CLOSED_DAYS).add(timezone.localdate(), 3)
    assert f"(by {format_date(by, weekday=True)})" in message.body
    assert "online account" in message.body
    assert "Mary" not in message.body  # nothing typed into the public form is sent back out


def test_no_acknowledgement_without_an_email_address(client, db):
    from django.core import mail

    from ownway.jobs.worker import run_queued

    client.post("/refer/", _valid())
    run_queued()
    assert mail.outbox == []
