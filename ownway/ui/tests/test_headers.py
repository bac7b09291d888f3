"""Security headers: a Content-Security-Policy that lets no inline script run, HSTS when cookies are secure,
and a sign-in page that says why signing in cannot work over plain http with secure cookies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from .settings_probe import fresh_settings

TEMPLATES = sorted(Path(settings.BASE_DIR, "ownway").glob("*/jinja2/**/*.html"))


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", ["/sign-in/", "/directory/", "/refer/", "/how-much-might-i-pay/"])
def test_public_pages_carry_a_policy_with_no_inline_script(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]


def test_signed_in_pages_carry_the_policy_too(social_worker_client, person):
    response = social_worker_client.get(f"/people/{person.pk}/")
    assert "'unsafe-inline'" not in _policy(response)["script-src"]


def test_the_only_inline_script_runs_by_the_pages_own_nonce(client, db):
    """GOV.UK Frontend's snippet that marks the page as able to run its scripts carries this response's nonce."""
    first, second = client.get("/sign-in/"), client.get("/sign-in/")
    nonces = []
    for response in (first, second):
        (nonce,) = [v for v in _policy(response)["script-src"] if v.startswith("'nonce-")]
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
        assert inline, "the GOV.UK Frontend snippet is on every page"
        for attributes in inline:
            assert f'nonce="{nonce[7:-1]}"' in attributes
        nonces.append(nonce)
    assert nonces[0] != nonces[1], "each response has a nonce of its own"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_no_template_holds_inline_script_or_event_handlers(template):
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"\son[a-z]+\s*=", text), "event handler attributes are inline script"
    assert not re.search(r"javascript:", text, re.IGNORECASE)
    for attributes in re.findall(r"<script\b([^>]*)>", text):
        assert "src=" in attributes or 'type="application/json"' in attributes, f"inline <script> in {template}"


def test_hsts_is_sent_when_cookies_are_secure():
    seconds, subdomains = fresh_settings("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS").split()
    assert int(seconds) >= 31_536_000
    assert subdomains == "False"


def test_no_hsts_when_cookies_are_not_secure():
    assert fresh_settings("SECURE_HSTS_SECONDS", OWNWAY_SECURE_COOKIES="0") == "0"


def test_the_hsts_header_is_on_secure_responses(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert client.get("/sign-in/", secure=True)["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in client.get("/sign-in/")


SECURE_COOKIES_WARNING = "Signing in will not work at this address"


def test_sign_in_over_plain_http_with_secure_cookies_says_why_it_will_fail(client, db, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    body = client.get("/sign-in/").content.decode()
    assert SECURE_COOKIES_WARNING in body
    assert "OWNWAY_SECURE_COOKIES=0" in body
    assert "https" in body.lower()


def test_no_warning_over_https(client, db, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    assert SECURE_COOKIES_WARNING not in client.get("/sign-in/", secure=True).content.decode()


def test_no_warning_when_cookies_are_not_secure(client, db, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    assert SECURE_COOKIES_WARNING not in client.get("/sign-in/").content.decode()


def test_a_refused_sign_in_over_plain_http_says_why(db, settings):
    """The browser keeps no secure cookie from a plain-http page, so the form's check fails: say why."""
    from django.test import Client

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/sign-in/", {"username": "someone", "password": "something"})
    assert response.status_code == 403
    body = response.content.decode()
    assert SECURE_COOKIES_WARNING in body
    assert "OWNWAY_SECURE_COOKIES=0" in body
    assert "govuk-template" in body
