"""The client's address: trusted from X-Forwarded-For only as far as the configured proxy hops reach.

The audit trail, the referral form's limit and the sign-in lockout all read it through one helper, so a
forged header can neither hide who did something nor get round a limit.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from ownway.accounts import events
from ownway.accounts.models import AuditEvent
from ownway.accounts.requests import client_ip
from ownway.ui.tests.settings_probe import fresh_settings

PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def _behind_a_proxy(settings):
    """As ``OWNWAY_BEHIND_PROXY`` sets it: the scheme the proxy forwards is trusted."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def _request(forwarded: str | None, remote: str = PROXY):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        # No proxy: the header is the client's own words and is ignored, whatever it says.
        (0, "203.0.113.7", PROXY),
        (0, "203.0.113.7, 198.51.100.9", PROXY),
        # One proxy: it appended the address it saw; anything to the left was sent by the client.
        (1, "198.51.100.9", "198.51.100.9"),
        (1, "203.0.113.7, 198.51.100.9", "198.51.100.9"),
        # Two proxies: the first appended the client, the second appended the first proxy.
        (2, "203.0.113.7, 198.51.100.9, 10.0.0.4", "198.51.100.9"),
        (2, "198.51.100.9, 10.0.0.4", "198.51.100.9"),
        # A request that came in part way along the chain: every entry was written by a proxy of ours.
        (2, "198.51.100.9", "198.51.100.9"),
        # Behind a proxy, but no header: the address that connected.
        (1, None, PROXY),
        # A header that is not an address is not trusted.
        (1, "not-an-address", PROXY),
        (1, "203.0.113.7, ", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_only_the_configured_number_of_hops_is_trusted(settings, hops, forwarded, expected):
    settings.OWNWAY_PROXY_HOPS = hops
    assert client_ip(_request(forwarded)) == expected


def test_behind_a_proxy_the_first_entry_cannot_be_forged(settings):
    settings.OWNWAY_PROXY_HOPS = 1
    assert client_ip(_request("1.2.3.4, 198.51.100.9")) == "198.51.100.9"


def _sign_in_through_a_proxy(client, password: str) -> None:
    """A sign-in from 198.51.100.9 through one proxy, by a client that put a forged address first."""
    client.post(
        "/sign-in/",
        {"username": "social_worker", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9",
    )


def test_the_audit_trail_records_the_real_address_not_a_forged_one(client, settings, social_worker):
    settings.OWNWAY_PROXY_HOPS = 1
    _sign_in_through_a_proxy(client, "correct-horse-battery")
    login = AuditEvent.objects.get(action=events.LOGIN)
    assert login.ip_address == "198.51.100.9"


def test_the_sign_in_lockout_records_the_same_address(client, settings, social_worker):
    settings.OWNWAY_PROXY_HOPS = 1
    _sign_in_through_a_proxy(client, "wrong")
    attempt = AccessAttempt.objects.get(username="social_worker")
    assert attempt.ip_address == "198.51.100.9"
    failed = AuditEvent.objects.get(action=events.LOGIN_FAILED)
    assert failed.ip_address == "198.51.100.9"


def _proxy_settings(**environ: str) -> str:
    return fresh_settings("OWNWAY_PROXY_HOPS", "SECURE_PROXY_SSL_HEADER", **environ)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "0 None"),
        ({"OWNWAY_BEHIND_PROXY": "1"}, "1 ('HTTP_X_FORWARDED_PROTO', 'https')"),
        ({"OWNWAY_PROXY_HOPS": "2"}, "2 ('HTTP_X_FORWARDED_PROTO', 'https')"),
        ({"OWNWAY_BEHIND_PROXY": "1", "OWNWAY_PROXY_HOPS": "0"}, "0 None"),
    ],
)
def test_one_proxy_is_what_behind_a_proxy_means(environ, expected):
    assert _proxy_settings(**environ) == expected


def test_a_negative_number_of_hops_is_refused_at_start():
    assert "OWNWAY_PROXY_HOPS is '-1', but it must be a whole number from 0 to 10" in _proxy_settings(
        OWNWAY_PROXY_HOPS="-1"
    )
